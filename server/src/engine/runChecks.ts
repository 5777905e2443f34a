// Runs the registered checks as `check --deploy` would: only the checks the project's Django version
// has, minus the IDs in SILENCED_SYSTEM_CHECKS. Per-profile checks run on each production profile's
// effective settings; workspace checks (about deployment files, not settings) run once. Each check is
// isolated: an exception becomes an internal error naming the check, and every other check still reports.
import { profileRelated, type CheckContext } from "../checks/context";
import { containsString, decide } from "../checks/predicates";
import type { CheckRecord, CheckResult, Finding, RelatedLocation } from "../checks/types";
import { inVersionRange } from "../django/versions";
import { CoverageRecorder, recordingSettings, unknownParts, type ProfileCoverage } from "./coverage";
import type { EffectiveSetting, EffectiveSettings } from "../resolve/effectiveSettings";
import type { Value } from "../evaluate/values";

/** A check that threw: reported in the log (and by the CLI), never as a finding. */
export interface InternalError {
  check: string;
  /** The profile whose settings the check was running on. */
  profile?: string;
  message: string;
  stack?: string;
}

export interface CheckRun {
  findings: Finding[];
  internalErrors: InternalError[];
  /** Per profile, the Unknown settings that kept checks from deciding. */
  coverage: ProfileCoverage[];
}

/**
 * Runs `checks` on every profile context: per-profile checks on each, workspace checks once (on the
 * first context, since they read no settings) with their findings attributed to every profile that
 * does not silence them.
 */
export function runChecks(contexts: readonly CheckContext[], checks: readonly CheckRecord[]): CheckRun {
  const findings: Finding[] = [];
  const internalErrors: InternalError[] = [];
  const coverage = new CoverageRecorder();
  for (const check of checks) {
    const applies = contexts.filter((context) => appliesTo(check, context));
    if (applies.length === 0) continue;
    if (check.scope === "workspace") {
      const results = guarded(check, applies[0]!, internalErrors);
      const profiles = applies.map((context) => context.profile.module);
      for (const result of results) findings.push(toFinding(check, result, applies[0]!, profiles));
      continue;
    }
    for (const context of applies) {
      const { settings, read } = recordingSettings(context.settings);
      const results = guarded(check, { ...context, settings }, internalErrors);
      if (results.length === 0) coverage.silentCheck(check.id, context, read);
      const assumed = assumptionsOf(context, read);
      // Django may silence what is reported here: the finding says so, and the coverage lists it.
      if (results.length > 0 && silenceUnknown(context)) {
        assumed.push(
          `SILENCED_SYSTEM_CHECKS, which the engine cannot evaluate, does not silence ${check.id}`,
        );
        coverage.undecidedSilence(check.id, context);
      }
      for (const result of results)
        findings.push(toFinding(check, withAssumptions(result, assumed), context, [context.profile.module]));
    }
  }
  return {
    findings,
    internalErrors,
    coverage: coverage.coverage(contexts),
  };
}

/** What the per-profile checks found on one profile, by the index of each check in the list run. */
export interface ProfileRun {
  findings: { check: number; findings: Finding[] }[];
  internalErrors: { check: number; error: InternalError }[];
  /** What kept checks from deciding: the settings each silent check read, or "silence" (see runChecks). */
  coverage: { check: number; names: string[] | "silence" }[];
  /** Those settings as the checks saw them, so that a reused run's coverage is not worked out again. */
  coverageSettings: Map<string, EffectiveSetting>;
}

/**
 * Runs `checks` as runChecks does, with each profile's per-profile checks run by `runProfile` (which
 * may answer a profile's previous run while nothing it read changed). The findings, errors and
 * coverage come in runChecks's order.
 */
export function runChecksByProfile(
  contexts: readonly CheckContext[],
  checks: readonly CheckRecord[],
  runProfile: (context: CheckContext) => ProfileRun = (context) => runProfileChecks(context, checks),
): CheckRun {
  const runs = contexts.map(runProfile);
  // Each check's findings and errors on every profile, in the profiles' order (gathered in one pass:
  // a workspace of hundreds of profiles times every check was a quadratic search).
  const foundBy: Finding[][] = checks.map(() => []);
  const failedBy: InternalError[][] = checks.map(() => []);
  for (const run of runs) {
    for (const found of run.findings) foundBy[found.check]!.push(...found.findings);
    for (const error of run.internalErrors) failedBy[error.check]!.push(error.error);
  }
  const findings: Finding[] = [];
  const internalErrors: InternalError[] = [];
  checks.forEach((check, index) => {
    if (check.scope === "workspace") {
      const applies = contexts.filter((context) => appliesTo(check, context));
      if (applies.length === 0) return;
      const results = guarded(check, applies[0]!, internalErrors);
      const profiles = applies.map((context) => context.profile.module);
      for (const result of results) findings.push(toFinding(check, result, applies[0]!, profiles));
      return;
    }
    findings.push(...foundBy[index]!);
    internalErrors.push(...failedBy[index]!);
  });
  // Coverage is kept by profile module (profiles of one module share it): recorded in runChecks's
  // order, check by check, each check's profiles in order.
  const coverage = new CoverageRecorder();
  const eventsBy: { names: string[] | "silence"; context: CheckContext }[][] = checks.map(() => []);
  runs.forEach((run, index) => {
    if (run.coverage.length === 0) return;
    const context = contexts[index]!;
    // The settings the coverage reads, as recorded with the run (the same values: its inputs are).
    const settings = {
      get: (name: string) => run.coverageSettings.get(name) ?? context.settings.get(name),
    } as unknown as EffectiveSettings;
    const recorded = { ...context, settings };
    for (const { check, names } of run.coverage) eventsBy[check]!.push({ names, context: recorded });
  });
  eventsBy.forEach((events, check) => {
    for (const { names, context } of events) {
      if (names === "silence") coverage.undecidedSilence(checks[check]!.id, context);
      else coverage.silentCheck(checks[check]!.id, context, names);
    }
  });
  return { findings, internalErrors, coverage: coverage.coverage(contexts) };
}

/** The per-profile checks of `checks` on one profile (workspace checks are left to the caller). */
export function runProfileChecks(context: CheckContext, checks: readonly CheckRecord[]): ProfileRun {
  const run: ProfileRun = { findings: [], internalErrors: [], coverage: [], coverageSettings: new Map() };
  checks.forEach((check, index) => {
    if (check.scope === "workspace" || !appliesTo(check, context)) return;
    const errors: InternalError[] = [];
    const { settings, read } = recordingSettings(context.settings);
    const results = guarded(check, { ...context, settings }, errors);
    for (const error of errors) run.internalErrors.push({ check: index, error });
    if (results.length === 0) {
      run.coverage.push({ check: index, names: [...read] });
      for (const name of read) run.coverageSettings.set(name, context.settings.get(name));
    }
    const assumed = assumptionsOf(context, read);
    if (results.length > 0 && silenceUnknown(context)) {
      assumed.push(`SILENCED_SYSTEM_CHECKS, which the engine cannot evaluate, does not silence ${check.id}`);
      run.coverage.push({ check: index, names: "silence" });
      run.coverageSettings.set("SILENCED_SYSTEM_CHECKS", context.settings.get("SILENCED_SYSTEM_CHECKS"));
    }
    if (results.length > 0)
      run.findings.push({
        check: index,
        findings: results.map((result) =>
          toFinding(check, withAssumptions(result, assumed), context, [context.profile.module]),
        ),
      });
  });
  return run;
}

/** What the engine assumed about production for the settings a check read ("X is unset in production"). */
function assumptionsOf(context: CheckContext, names: Iterable<string>): string[] {
  const assumptions = new Set<string>();
  for (const name of names) {
    const assumption = context.settings.get(name).assumption;
    if (assumption) assumptions.add(assumption);
  }
  return [...assumptions];
}

/** A result whose explanation says first what its finding assumes about production. */
function withAssumptions(result: CheckResult, assumptions: string[]): CheckResult {
  if (assumptions.length === 0) return result;
  const sentence = `This assumes ${assumptions.join(" and ")}.`;
  return { ...result, explanation: result.explanation ? `${sentence} ${result.explanation}` : sentence };
}

function appliesTo(check: CheckRecord, context: CheckContext): boolean {
  const versions = check.djangoVersions;
  if (versions && !inVersionRange(context.djangoVersion, versions.from, versions.to)) return false;
  return !silenced(context, check.id);
}

function guarded(check: CheckRecord, context: CheckContext, errors: InternalError[]): CheckResult[] {
  try {
    return check.run(context);
  } catch (error) {
    errors.push({
      check: check.id,
      ...(check.scope === "workspace" ? {} : { profile: context.profile.module }),
      message: error instanceof Error ? error.message : String(error),
      ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
    });
    return [];
  }
}

function toFinding(
  check: CheckRecord,
  result: CheckResult,
  context: CheckContext,
  profiles: string[],
): Finding {
  // The way from the profile module to a value decided in another file, before what the check adds.
  const { readAt, ...location } = result.location;
  const related: RelatedLocation[] = check.scope === "workspace" ? [] : profileRelated(location, context);
  // A value shown where a .env file sets it: the settings line that reads it comes first.
  if (readAt) related.unshift(readAt);
  for (const extra of result.related ?? [])
    if (!related.some((known) => sameRelated(known, extra))) related.push(extra);
  return {
    code: check.id,
    severity: result.severity ?? check.severity,
    message: result.message,
    ...(result.explanation ? { explanation: result.explanation } : {}),
    location,
    related,
    fixes: result.fixes ?? [],
    profiles,
  };
}

function sameRelated(a: RelatedLocation, b: RelatedLocation): boolean {
  return (
    a.file === b.file &&
    a.message === b.message &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character
  );
}

/**
 * Django hides a message when `id in settings.SILENCED_SYSTEM_CHECKS`: item equality for a list or
 * tuple, a substring test for a string. An ID counts as silenced only when it is for every value the
 * setting may have in production; when that cannot be known, nothing is silenced.
 */
/** Whether SILENCED_SYSTEM_CHECKS is, or holds, a value the engine could not evaluate. */
function silenceUnknown(context: CheckContext): boolean {
  return unknownParts(context.settings.get("SILENCED_SYSTEM_CHECKS").value).length > 0;
}

/**
 * Each profile's SILENCED_SYSTEM_CHECKS, looked up once: every check asks whether it is silenced on
 * every profile, and the effective settings work a setting out on each call.
 */
const silencedSetting = new WeakMap<EffectiveSettings, Value>();

function silenced(context: CheckContext, id: string): boolean {
  let value = silencedSetting.get(context.settings);
  if (!value)
    silencedSetting.set(context.settings, (value = context.settings.get("SILENCED_SYSTEM_CHECKS").value));
  return decide(value, (candidate) => containsString(candidate, id)) === true;
}
