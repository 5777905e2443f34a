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
}

export interface Fix {
  title: string;
  applicability: Applicability;
  edits: TextEdit[];
}

export interface RelatedLocation extends Location {
  message: string;
}

export interface Finding {
  /** Check ID, Django's verbatim (`security.W018`) or ours (`deploy.W001`). */
  code: string;
  severity: Severity;
  message: string;
  /** Where the effective value is decided (or where a missing setting belongs). */
  location: Location;
  related: RelatedLocation[];
  fixes: Fix[];
  /** Dotted name of the production settings module these settings belong to. */
  profile: string;
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
  run(context: CheckContext): CheckResult[];
}

/** What a check's `run` returns; the framework adds the code, the severity and the profile. */
export interface CheckResult {
  message: string;
  location: Location;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** Overrides the record's severity for this finding (a few checks have I- and W-level cases). */
  severity?: Severity;
}
