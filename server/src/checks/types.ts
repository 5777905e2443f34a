// What a check is and what it produces. Pure data: the LSP layer and the CLI render it.
import type { Location, Range } from "../model/location";
import type { CheckContext } from "./context";

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

/** The Django versions this project knows, oldest first. */
export const DJANGO_VERSIONS = ["3.2", "4.0", "4.1", "4.2", "5.0", "5.1", "5.2", "6.0", "6.1"] as const;
export type DjangoVersion = (typeof DJANGO_VERSIONS)[number];
/** Assumed when the project's Django version is not known. */
export const NEWEST_LTS: DjangoVersion = "5.2";

export interface VersionRange {
  /** First version that has the check (inclusive). */
  from?: DjangoVersion;
  /** Last version that has the check (inclusive). */
  to?: DjangoVersion;
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
