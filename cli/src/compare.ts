// `check --compare-with-django`: the project's own `manage.py check --deploy` for each production
// profile, beside the static findings (the comparison itself is server/src/compare/, shared with the
// editor's command).
import { readFileSync } from "node:fs";
import { ALL_CHECKS } from "../../server/src/checks/index";
import {
  compareWithDjango,
  isDjangoId,
  type ProfileComparison,
} from "../../server/src/compare/compareWithDjango";
import type { DotenvLoad } from "../../server/src/compare/dotenvLoads";
import { runDjangoCheck } from "../../server/src/compare/runDjangoCheck";
import { maskFreeText } from "../../server/src/checks/secrets";
import { parseDotenv } from "../../server/src/project/dotenv";
import type { AnalysisResult } from "../../server/src/engine/analysis";
import type { Styles } from "./color";

export interface ComparedProfile {
  project: string;
  profile: string;
  /** The profile's module file. */
  settingsFile: string;
  python: string;
  command: string;
  /** `ran`, or why Django's check did not run to its end. */
  status: "ran" | "not-run" | "timed-out" | "cancelled" | "failed";
  /** Why it did not run or failed (an exception while importing the settings, a missing interpreter). */
  failure?: string;
  djangoVersion?: string;
  checkedVersion: string;
  agree: { id: string; django: string; findings: { file: string; line: number }[] }[];
  /** With the place of the first setting that could not be evaluated, when that is the cause. */
  onlyDjango: {
    id: string;
    django: string;
    cause: string;
    why: string;
    location?: { file: string; line: number };
  }[];
  onlyStatic: { id: string; cause: string; why: string; findings: { file: string; line: number }[] }[];
}

export interface ComparisonReport {
  profiles: ComparedProfile[];
}

/** Django's IDs the engine makes (ours, `deploy.*`, have no counterpart in Django). */
const ENGINE_DJANGO_CHECKS: ReadonlySet<string> = new Set(
  ALL_CHECKS.map((check) => check.id).filter(isDjangoId),
);

export async function compareProjects(
  analyses: { path: string; result: AnalysisResult; dotenvLoads: DotenvLoad[] }[],
  options: {
    python?: string;
    timeoutMs: number;
    display: (file: string) => string;
    keep: (code: string) => boolean;
    signal?: AbortSignal;
  },
): Promise<ComparisonReport> {
  const python = options.python ?? "python3";
  const profiles: ComparedProfile[] = [];
  for (const { path, result, dotenvLoads } of analyses) {
    for (const profile of result.profiles.filter((candidate) => candidate.kind === "production")) {
      const outcome = await runDjangoCheck({
        python,
        settingsModule: profile.module,
        settingsFile: profile.file,
        ...(profile.envFile ? { envFile: profile.envFile } : {}),
        timeoutMs: options.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      // Django's output and the exception that stopped it are not our text: they may quote what the
      // `.env` file sets (Django runs with it), so its values are hidden there unless they may be shown.
      const mask = textMasker(profile.envFile);
      const base = {
        project: path,
        profile: profile.module,
        settingsFile: options.display(profile.file),
        python,
        command: outcome.command,
        checkedVersion: result.djangoVersion,
      };
      const empty = { agree: [], onlyDjango: [], onlyStatic: [] };
      if (outcome.status === "not-run") {
        profiles.push({ ...base, status: "not-run", failure: mask(outcome.reason), ...empty });
        continue;
      }
      if (outcome.status === "timed-out") {
        profiles.push({
          ...base,
          status: "timed-out",
          failure: `Django did not finish within ${outcome.timeoutMs / 1000} s`,
          ...empty,
        });
        continue;
      }
      if (outcome.status === "cancelled") {
        profiles.push({ ...base, status: "cancelled", failure: "cancelled", ...empty });
        continue;
      }
      const versioned = {
        ...base,
        ...(outcome.djangoVersion ? { djangoVersion: outcome.djangoVersion } : {}),
      };
      if (!outcome.completed) {
        profiles.push({ ...versioned, status: "failed", failure: mask(outcome.failure), ...empty });
        continue;
      }
      const comparison = compareWithDjango({
        profile: profile.module,
        djangoIssues: outcome.issues.filter((issue) => options.keep(issue.id)),
        findings: result.findings.filter(
          (finding) => finding.profiles.includes(profile.module) && options.keep(finding.code),
        ),
        unknownSettings:
          result.coverage.find((entry) => entry.profile === profile.module)?.unknownSettings ?? [],
        dotenvLoads: dotenvLoads.filter((load) => load.profile === profile.module),
        engineChecks: ENGINE_DJANGO_CHECKS,
        checkedVersion: result.djangoVersion,
        ...(outcome.djangoVersion ? { djangoVersion: outcome.djangoVersion } : {}),
        ...(profile.envFile ? { envFile: options.display(profile.envFile) } : {}),
        display: options.display,
      });
      profiles.push({ ...versioned, status: "ran", ...summarize(comparison, options.display, mask) });
    }
  }
  return { profiles };
}

/** Masks a text of Django's with the variables of the profile's `.env` file (checks/secrets.ts). */
function textMasker(envFile: string | undefined): (text: string) => string {
  let environment: [string, string][] = [];
  if (envFile) {
    try {
      environment = [...parseDotenv(readFileSync(envFile, "utf8")).entries].map(([name, entry]) => [
        name,
        entry.value,
      ]);
    } catch {
      // An unreadable file is reported by the comparison itself; URL passwords are still masked.
    }
  }
  return (text) => maskFreeText(text, environment);
}

function summarize(
  comparison: ProfileComparison,
  display: (file: string) => string,
  mask: (text: string) => string,
): Pick<ComparedProfile, "agree" | "onlyDjango" | "onlyStatic"> {
  const places = (findings: { location: { file: string; range: { start: { line: number } } } }[]) =>
    findings.map((finding) => ({
      file: display(finding.location.file),
      line: finding.location.range.start.line,
    }));
  return {
    agree: comparison.agree.map((entry) => ({
      id: entry.id,
      django: mask(entry.django.message),
      findings: places(entry.findings),
    })),
    onlyDjango: comparison.onlyDjango.map((entry) => {
      const location = entry.unknownSettings.find((setting) => setting.location)?.location;
      return {
        id: entry.id,
        django: mask(entry.django.message),
        cause: entry.cause,
        why: mask(entry.why),
        ...(location ? { location: { file: display(location.file), line: location.range.start.line } } : {}),
      };
    }),
    onlyStatic: comparison.onlyStatic.map((entry) => ({
      id: entry.id,
      cause: entry.cause,
      why: mask(entry.why),
      findings: places(entry.findings),
    })),
  };
}

export function comparisonFailed(report: ComparisonReport): boolean {
  return report.profiles.some((profile) => profile.status !== "ran");
}

export function renderComparisonText(report: ComparisonReport, options: { styles: Styles }): string {
  const { styles } = options;
  const lines: string[] = [""];
  for (const entry of report.profiles) {
    const version = entry.djangoVersion ? `Django ${entry.djangoVersion}` : "Django";
    lines.push(styles.bold(`${entry.profile}: compared with ${version}'s check --deploy (${entry.command})`));
    if (entry.status !== "ran") {
      lines.push(`  ${styles.red("did not run")}: ${entry.failure ?? entry.status}`);
      continue;
    }
    if (entry.agree.length > 0) lines.push(`  both report: ${entry.agree.map((item) => item.id).join(", ")}`);
    for (const item of entry.onlyDjango)
      lines.push(`  only Django reports ${styles.yellow(item.id)}: ${item.why}`);
    for (const item of entry.onlyStatic) {
      const at = item.findings[0] ? ` (${item.findings[0].file}:${item.findings[0].line + 1})` : "";
      lines.push(`  only Django Deploy reports ${styles.yellow(item.id)}${at}: ${item.why}`);
    }
    if (entry.agree.length + entry.onlyDjango.length + entry.onlyStatic.length === 0)
      lines.push("  neither reports anything.");
  }
  return `${lines.join("\n")}\n`;
}
