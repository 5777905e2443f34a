// The engine's front door, shared by the language server and the CLI: a set of workspace folders,
// the files open in an editor (which win over the disk), and the analysis of every production
// profile found in them.

/** How the engine reads files. The CLI reads the disk; the server overlays open documents. */
export interface FileSystemHost {
  /** The file's text, or undefined when it does not exist or cannot be read as text. */
  readFile(path: string): string | undefined;
  /** Whether a file exists, readable or not (defaults to "readFile gives text"). */
  exists?(path: string): boolean;
  /** Files below `root` whose base name passes `accept`, skipping virtual environments and caches. */
  findFiles(root: string, accept: (baseName: string) => boolean): string[];
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

/** Files above this size are not analysed: no settings module is that large. */
export const MAX_FILE_SIZE = 10 * 1024 * 1024;
