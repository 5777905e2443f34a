// What the engine is asked and what it answers: the one result every front end (the editor, the CLI,
// hover) renders, so that they never disagree about the same project.
import type { Finding } from "../checks/types";
import type { DjangoVersion } from "../django/versions";
import type { Profile, RejectedCandidate } from "../project/workspace";
import type { ProfileCoverage } from "./coverage";
import type { InternalError } from "./runChecks";

export interface AnalysisOptions {
  /** The project's Django version; undefined means "read it from the project, else assume the newest LTS". */
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
  /** The project's Python interpreter, whose virtual environment holds the third-party modules read. */
  pythonPath?: string;
  /**
   * Check IDs whose concern the infrastructure in front of Django handles (a proxy redirecting to
   * HTTPS: security.W008): their findings become information-level notes that say so.
   */
  handledByInfrastructure?: string[];
  /** Glob patterns relative to the folder (VS Code's `files.exclude`) whose files are not read. */
  exclude?: string[];
}

export interface AnalysisResult {
  /**
   * Every finding once: a finding several production profiles share is one finding naming them all,
   * with their fixes combined. Syntax errors of the modules analysed are findings too (`SYNTAX_ERROR`).
   */
  findings: Finding[];
  /** The settings modules found: production profiles (with their evidence), development and test ones. */
  profiles: Profile[];
  /** Candidates not checked as production, each with the reason and the evidence. */
  rejected: RejectedCandidate[];
  /** For each production profile analysed: its module's file and every module it imports. */
  chains: Record<string, string[]>;
  /** Messages worth logging (a profile whose module cannot be found, a file too large, …). */
  messages: string[];
  /**
   * For each production profile checked: the settings checks read whose value is Unknown (with the
   * reason and place) and the checks that therefore could not decide.
   */
  coverage: ProfileCoverage[];
  /** Checks (or whole analyses) that failed with an exception; the rest of the result still holds. */
  internalErrors: InternalError[];
  djangoVersion: DjangoVersion;
  /** Where the version comes from (the user, a dependency file); undefined when assumed. */
  djangoVersionSource?: string;
  /** True when the version was assumed rather than given or found. */
  djangoVersionAssumed: boolean;
}

/** The code of the finding for a module Python cannot parse: Django would not start at all. */
export const SYNTAX_ERROR = "python.E001";

/** The code of the finding for a module that cannot be read as UTF-8 text: Python cannot import it either. */
export const UNREADABLE_MODULE = "python.E002";

/**
 * Findings the engine itself makes, outside the check registry (they cannot be silenced: Django does
 * not start). Listed for the docs pages and the README's table, like the checks.
 */
export const ENGINE_FINDINGS = [
  {
    id: SYNTAX_ERROR,
    severity: "error",
    title: "A settings module (or one it imports) is not valid Python",
    fixability: "none",
  },
  {
    id: UNREADABLE_MODULE,
    severity: "error",
    title: "A settings module (or one it imports) cannot be read as UTF-8 text",
    fixability: "none",
  },
] as const;
