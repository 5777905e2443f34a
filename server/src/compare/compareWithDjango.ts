// Django's own `check --deploy` beside the static analysis, for one production profile: where the two
// agree, where only Django reports (and why the engine could not see it: the settings it could not
// evaluate, or a check it does not make), and where only the static analysis reports (usually a value
// that comes from the environment, which the analysis takes as unset while Django's run had it set).
// Pure: the CLI and the editor both call it with what they ran and found.
import type { Finding } from "../checks/types";
import type { UnknownSetting } from "../engine/coverage";
import type { DjangoIssue } from "./djangoCheckOutput";
import type { DotenvLoad } from "./dotenvLoads";
import { compareText } from "../../../common/src/compareText";

export interface ComparisonInput {
  profile: string;
  /** What Django reported for this profile. */
  djangoIssues: DjangoIssue[];
  /** The static findings that hold for this profile (after the caller's own filters). */
  findings: Finding[];
  /** The profile's settings that could not be evaluated (the engine's coverage). */
  unknownSettings: UnknownSetting[];
  /** The calls in the profile's settings that load a `.env` file when Django starts. */
  dotenvLoads: DotenvLoad[];
  /** The IDs of Django's checks that the engine makes (Django's own IDs, not `deploy.*`). */
  engineChecks: ReadonlySet<string>;
  /** The version the engine checked against, and the one the interpreter runs, when known. */
  checkedVersion: string;
  djangoVersion?: string;
  /** The `.env` file both were given, when one was. */
  envFile?: string;
  /** How a file is named in the sentences (default: as it is). */
  display?: (file: string) => string;
}

export interface Agreement {
  id: string;
  django: DjangoIssue;
  findings: Finding[];
}

export type DjangoOnlyCause =
  /** Settings the check reads could not be evaluated. */
  | "unknown-settings"
  /** Django Deploy does not make this check (models, URLs, templates…). */
  | "not-a-check"
  /** The engine checked against another Django version than the interpreter runs. */
  | "version"
  | "unexplained";

export interface DjangoOnly {
  id: string;
  django: DjangoIssue;
  cause: DjangoOnlyCause;
  /** Why, in one sentence. */
  why: string;
  unknownSettings: UnknownSetting[];
}

export type StaticOnlyCause =
  /** The settings code loads a `.env` file when Django starts, which the analysis was not given. */
  | "dotenv-loaded"
  /** The value comes from an environment variable that the analysis takes as unset. */
  | "environment"
  | "version"
  | "unexplained";

export interface StaticOnly {
  id: string;
  findings: Finding[];
  cause: StaticOnlyCause;
  why: string;
  /** The environment variables the findings' values are read from. */
  variables: string[];
}

export interface ProfileComparison {
  profile: string;
  agree: Agreement[];
  onlyDjango: DjangoOnly[];
  onlyStatic: StaticOnly[];
}

/** Whether an ID is Django's (what `check --deploy` can report), not one of ours. */
export function isDjangoId(id: string): boolean {
  return !id.startsWith("deploy.") && !id.startsWith("python.");
}

export function compareWithDjango(input: ComparisonInput): ProfileComparison {
  const ours = new Map<string, Finding[]>();
  for (const finding of input.findings) {
    if (!isDjangoId(finding.code)) continue;
    ours.set(finding.code, [...(ours.get(finding.code) ?? []), finding]);
  }
  const theirs = new Map<string, DjangoIssue>();
  for (const issue of input.djangoIssues) if (!theirs.has(issue.id)) theirs.set(issue.id, issue);
  const versionDiffers =
    input.djangoVersion !== undefined && majorMinor(input.djangoVersion) !== input.checkedVersion;

  const agree: Agreement[] = [];
  const onlyDjango: DjangoOnly[] = [];
  for (const [id, issue] of theirs) {
    const findings = ours.get(id);
    if (findings) {
      agree.push({ id, django: issue, findings });
      continue;
    }
    const unknown = input.unknownSettings.filter((setting) => setting.checks.includes(id));
    if (unknown.length > 0) {
      const list = unknown.map((setting) => `${setting.name} (${setting.reason})`).join("; ");
      onlyDjango.push({
        id,
        django: issue,
        cause: "unknown-settings",
        why: `the analysis could not evaluate ${list}, so ${id} could not decide; Django ran that code.`,
        unknownSettings: unknown,
      });
    } else if (!input.engineChecks.has(id)) {
      onlyDjango.push({
        id,
        django: issue,
        cause: "not-a-check",
        why: `Django Deploy does not make ${id}: it looks at ${issue.object === "?" ? "what the running site has (models, URLs, templates, the database)" : issue.object}, not at the settings code.`,
        unknownSettings: [],
      });
    } else if (versionDiffers) {
      onlyDjango.push({
        id,
        django: issue,
        cause: "version",
        why: `the analysis checked against Django ${input.checkedVersion}, the interpreter runs Django ${input.djangoVersion} (choose the version with --django-version).`,
        unknownSettings: [],
      });
    } else {
      onlyDjango.push({
        id,
        django: issue,
        cause: "unexplained",
        why: "no setting the check reads was left unknown: the analysis and Django disagree (please report it).",
        unknownSettings: [],
      });
    }
  }

  const onlyStatic: StaticOnly[] = [];
  for (const [id, findings] of ours) {
    if (theirs.has(id)) continue;
    const variables = [
      ...new Set(
        findings.flatMap((finding) =>
          [...(finding.explanation ?? "").matchAll(/environment variable (\w+)/g)].map((match) => match[1]!),
        ),
      ),
    ];
    const loads = input.dotenvLoads;
    if (loads.length > 0 && !input.envFile) {
      const call = loads[0]!;
      const display = input.display ?? ((file: string) => file);
      onlyStatic.push({
        id,
        findings,
        cause: "dotenv-loaded",
        why: `the settings call ${call.call}() (${display(call.file)}:${call.range.start.line + 1}), which loads a .env file when Django starts; the analysis took its variables${variables.length ? ` (${variables.join(", ")})` : ""} as unset: apply the file with --dotenv FILE.`,
        variables,
      });
    } else if (variables.length > 0) {
      onlyStatic.push({
        id,
        findings,
        cause: "environment",
        why: `the value comes from the environment variable${variables.length > 1 ? "s" : ""} ${variables.join(", ")}, which the analysis takes as unset${input.envFile ? ` unless ${input.envFile} sets it` : ""}; Django's run had ${variables.length > 1 ? "them" : "it"} set by something on this machine.`,
        variables,
      });
    } else if (versionDiffers) {
      onlyStatic.push({
        id,
        findings,
        cause: "version",
        why: `the analysis checked against Django ${input.checkedVersion}, the interpreter runs Django ${input.djangoVersion} (choose the version with --django-version).`,
        variables,
      });
    } else {
      onlyStatic.push({
        id,
        findings,
        cause: "unexplained",
        why: "Django's run saw another value than the analysis: something on this machine (a file read at run time, the environment) sets it.",
        variables,
      });
    }
  }
  const byId = <T extends { id: string }>(items: T[]) => items.sort((a, b) => compareText(a.id, b.id));
  return {
    profile: input.profile,
    agree: byId(agree),
    onlyDjango: byId(onlyDjango),
    onlyStatic: byId(onlyStatic),
  };
}

function majorMinor(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}
