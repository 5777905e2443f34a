// The engine's front door, shared by the language server and the CLI: a set of workspace folders,
// the files open in an editor (which win over the disk), and the analysis of every production
// profile found in them.
import type { ParsedModule } from "../python/parse";

/** How the engine reads files. The CLI reads the disk; the server overlays open documents. */
export interface FileSystemHost {
  /** The file's text, or undefined when it does not exist or cannot be read as text. */
  readFile(path: string): string | undefined;
  /** Whether a file exists, readable or not (defaults to "readFile gives text"). */
  exists?(path: string): boolean;
  /** Whether a folder exists (a virtual environment's site-packages); without it, `exists` is asked. */
  folderExists?(path: string): boolean;
  /**
   * Files below `root` whose base name passes `accept`, skipping virtual environments and caches,
   * and the folders and files `excluded` says (given their path relative to `root`).
   */
  findFiles(
    root: string,
    accept: (baseName: string) => boolean,
    excluded?: (relativePath: string) => boolean,
  ): string[];
  /**
   * What the last search below `root` did not read, as sentences for the user: a budget it stopped
   * at, a folder it would not walk (the file system's root, a home folder), files too large to read.
   */
  unread?(root: string): string[];
  /** Why a file that exists gave no text at its last read (not UTF-8, unreadable, too large). */
  readProblem?(path: string): string | undefined;
  /** The parsed module of a document the caller keeps open, so that it is not parsed again. */
  parsed?(path: string): ParsedModule | undefined;
}

/**
 * What one place in the project says about a settings module. `kind` is what it speaks for:
 * - `chosen`: the user named it (djangoDeploy.profiles, --settings);
 * - `runtime`: a deployment runs with it (Dockerfile ENV/CMD/ENTRYPOINT of the final image, a
 *   compose service, a Procfile process other than release, a systemd unit, a .env file named for
 *   production such as .env.production);
 * - `environment`: a plain `.env` file, which the site may load (python-dotenv, django-environ) or
 *   a deployment may read, but which is as often a developer's own: as strong as a name;
 * - `name`: its module is named like production settings (and star-imports the default module, or
 *   lies in a settings package);
 * - `default`: an entry module's default (manage.py, wsgi.py, asgi.py), used when the environment
 *   does not set DJANGO_SETTINGS_MODULE;
 * - `lone-settings`: the only settings.py of the workspace;
 * - `development`, `test`, `build`: a development deployment, a test configuration, a build-time
 *   command (Dockerfile RUN/ARG or an earlier stage, Procfile release, ExecStartPre=);
 * - `commented-out`: a comment that would name it; `example`: an example file (.env.example);
 * - `star-imported`: a production module star-imports it (it is a shared module).
 */
export type EvidenceKind =
  | "chosen"
  | "runtime"
  | "environment"
  | "name"
  | "default"
  | "lone-settings"
  | "development"
  | "test"
  | "build"
  | "commented-out"
  | "example"
  | "star-imported";

export interface ProfileEvidence {
  kind: EvidenceKind;
  /** Absolute path of the file that says it; empty for the user's choice (named in `says`). */
  file: string;
  /** 0-based line. */
  line: number;
  /** What it says, as a phrase: "ENV DJANGO_SETTINGS_MODULE in the runtime stage of Dockerfile". */
  says: string;
}

/** A settings module that Django runs with, and why the engine thinks so. */
export interface Profile {
  /** Dotted module name, e.g. `mysite.settings`. */
  module: string;
  /** Absolute path of the module's file. */
  file: string;
  kind: "production" | "development" | "test";
  /** Why, in one line (the strongest evidence and where it is), for the log and for hover. */
  reason: string;
  /** Everything found for this module, strongest first. */
  evidence?: ProfileEvidence[];
  /** The `.env` file read for this profile (absolute), when the user named one. */
  envFile?: string;
}

/** Why a candidate settings module is not checked as a production profile. */
export type RejectionReason =
  | "development"
  | "test"
  | "build-time"
  | "commented-out"
  | "example"
  | "not-in-workspace"
  /** A production module star-imports it: it is a shared module, not a profile. */
  | "superseded"
  /** Only weaker evidence names it (a default, a name) while stronger evidence names other modules. */
  | "outranked";

export interface RejectedCandidate {
  module: string;
  /** The module's file; undefined when it is not in the workspace. */
  file?: string;
  reason: RejectionReason;
  /** Why, in one sentence, naming what decided. */
  summary: string;
  evidence: ProfileEvidence[];
  /** For `superseded` and `outranked`: the production profiles that won. */
  by?: string[];
}

/** Files above this size are not analysed: no settings module is that large. */
export const MAX_FILE_SIZE = 10 * 1024 * 1024;
