// The engine's front door, shared by the language server and the CLI: a set of workspace folders,
// the files open in an editor (which win over the disk), and the analysis of every production
// profile found in them.
import type { Finding } from "../checks/types";
import type { DjangoVersion } from "../django/versions";

/** How the engine reads files. The CLI reads the disk; the server overlays open documents. */
export interface FileSystemHost {
  /** The file's text, or undefined when it does not exist or cannot be read as text. */
  readFile(path: string): string | undefined;
  /** Whether a file exists, readable or not (defaults to "readFile gives text"). */
  exists?(path: string): boolean;
  /** Files below `root` whose base name passes `accept`, skipping virtual environments and caches. */
  findFiles(root: string, accept: (baseName: string) => boolean): string[];
}

export interface AnalysisOptions {
  /** The project's Django version; undefined means "assume the newest LTS". */
  djangoVersion?: DjangoVersion;
  /**
   * Production settings modules chosen by the user (dotted names, or with the `.env` file read in
   * production, relative to the first workspace folder); they replace discovery when given.
   */
  profiles?: (string | { settings: string; envFile?: string })[];
  /** A `.env` file (absolute, or relative to the first folder) for every production profile that names none. */
  envFile?: string;
  /** Where `profiles` came from, for messages (default: the djangoDeploy.profiles setting). */
  profilesSource?: string;
}

/** A settings module that Django runs with, and why the engine thinks so. */
export interface Profile {
  /** Dotted module name, e.g. `mysite.settings`. */
  module: string;
  /** Absolute path of the module's file. */
  file: string;
  kind: "production" | "development" | "test";
  /** Where the profile was found, for the log and for hover. */
  reason: string;
  /** The `.env` file read for this profile (absolute), when the user named one. */
  envFile?: string;
}

export interface AnalysisResult {
  findings: Finding[];
  profiles: Profile[];
  /** For each production profile analysed: its module's file and every module it imports. */
  chains: Record<string, string[]>;
  /** Messages worth logging (a profile whose module cannot be found, a file too large, …). */
  messages: string[];
  djangoVersion: DjangoVersion;
  /** Where the version comes from (the user, a dependency file); undefined when assumed. */
  djangoVersionSource?: string;
  /** True when the version was assumed rather than given or found. */
  djangoVersionAssumed: boolean;
}
