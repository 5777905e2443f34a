// What a check is and what it produces. Pure data: the LSP layer and the CLI render it.
import type { Location, Range } from "../python/location";
import type { CheckContext } from "./context";
import type { VersionRange } from "../django/versions";

export type Severity = "error" | "warning" | "information" | "hint";

/**
 * How safe a fix is (after ruff): `safe` fixes keep the meaning the user intended and may be applied
 * in bulk (fix all, on save); `unsafe` ones change behaviour in a way the user must review;
 * `displayOnly` ones are shown but never applied automatically.
 */
export type Applicability = "safe" | "unsafe" | "displayOnly";

export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
  /**
   * A part of `newText` the user must replace with their own value (a host name): editors select it
   * after applying the fix, so that typing replaces it. Never a plausible real value.
   */
  placeholder?: string;
}

export interface Fix {
  title: string;
  applicability: Applicability;
  edits: TextEdit[];
  /**
   * For a fix that is not safe: what applying it changes beyond the finding, in a few words the
   * editor adds to the title ("runserver refuses to start while ALLOWED_HOSTS is empty").
   */
  consequence?: string;
}

export interface RelatedLocation extends Location {
  message: string;
}

/** Where a finding is shown; `readAt` is the settings line that reads a value shown in a `.env` file. */
export interface FindingLocation extends Location {
  readAt?: RelatedLocation;
}

export interface Finding {
  /** Check ID, Django's verbatim (`security.W018`) or ours (`deploy.W001`). */
  code: string;
  severity: Severity;
  /** One short sentence, the problem in production terms (at most 100 characters). */
  message: string;
  /** Why it matters and what the value rests on (the environment, the profiles), for hover and --verbose. */
  explanation?: string;
  /** Where the effective value is decided (or where a missing setting belongs). */
  location: Location;
  related: RelatedLocation[];
  fixes: Fix[];
  /** Set when the user said the infrastructure handles this check's concern: the finding is a note. */
  handledByInfrastructure?: boolean;
  /**
   * Dotted names of the production settings modules this finding holds for: several when profiles
   * share the module that decides the value (their fixes are then combined).
   */
  profiles: string[];
}

export interface CheckRecord {
  id: string;
  severity: Severity;
  /** One line: what the check finds. Used in docs and listings. */
  title: string;
  /** For Django's own checks: the versions whose `check --deploy` runs it. Ours apply to every version. */
  djangoVersions?: VersionRange;
  /** The most a fix of this check can be; `none` when the check offers no fix. */
  fixability: Applicability | "none";
  /**
   * `profile` (the default): run on each production profile's effective settings. `workspace`: about
   * the deployment as a whole (files such as `.env` or a Dockerfile, not settings); run once, and the
   * finding holds for every production profile that does not silence it.
   */
  scope?: "profile" | "workspace";
  /**
   * Settings this check reads that Django itself does not define (a third-party app's, such as
   * django-cors-headers' `CORS_ALLOW_ALL_ORIGINS`). Every other setting a check reads must have a
   * default in django/defaults.ts, or the check would silently never fire; a meta-test holds it to that.
   */
  thirdPartySettings?: readonly string[];
  run(context: CheckContext): CheckResult[];
}

/**
 * What a check's `run` returns. The engine adds the code, the severity and the profiles, and the
 * related information that leads from the profile module to a location in another file, so no check
 * has to remember it; `related` holds only what the check adds beyond that.
 */
export interface CheckResult {
  /** Where the finding is shown (see FindingLocation). */
  location: FindingLocation;
  /**
   * One short sentence, the problem in production terms, at most 100 characters (the Problems view
   * cuts longer ones): "DEBUG is on in production." The why goes to `explanation`.
   */
  message: string;
  /** Why it matters, what the value rests on and what to do; shown in hover, --verbose and the docs. */
  explanation?: string;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** Overrides the record's severity for this finding (a few checks have I- and W-level cases). */
  severity?: Severity;
}
