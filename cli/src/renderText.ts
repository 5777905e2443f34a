// The text a person reads at a glance, in the conventions of ruff and of Django's own check: one line
// per finding, `path:line:col: ID message`, with paths relative to the current folder so a terminal
// can open them; grouped by production profile, each with what made it production; a summary line
// with the counts by severity. The long explanation, every piece of evidence and every setting that
// could not be evaluated come with --verbose; --quiet prints the finding lines only.
import type { Severity } from "../../server/src/checks/types";
import type { Styles } from "./color";
import type { CheckReport, ReportEvidence, ReportFinding, ReportProject, ReportRejected } from "./report";

export interface TextOptions {
  verbose: boolean;
  quiet: boolean;
  styles: Styles;
}

const REJECTION_LABELS: Record<ReportRejected["reason"], string> = {
  development: "development",
  test: "tests",
  "build-time": "build time only",
  "commented-out": "commented out",
  example: "an example file",
  "not-in-workspace": "not in the folders checked",
  superseded: "a shared module",
  outranked: "outranked",
};

export function renderText(report: CheckReport, options: TextOptions): string {
  const { styles, verbose } = options;
  const lines: string[] = [];
  const findingLine = (finding: ReportFinding): void => {
    const { line, character } = finding.range.start;
    const code = severityStyle(finding.severity, styles)(finding.code);
    lines.push(`${styles.bold(`${finding.file}:${line + 1}:${character + 1}:`)} ${code} ${finding.message}`);
    if (!verbose) return;
    if (finding.explanation) lines.push(...indent(wrap(finding.explanation, 96), "    "));
    for (const related of finding.related)
      lines.push(`    ${styles.dim(`${related.file}:${related.range.start.line + 1}:`)} ${related.message}`);
    for (const fix of finding.fixes) lines.push(`    fix (${fix.applicability}): ${fix.title}`);
    lines.push(`    ${styles.dim(finding.docs)}`);
  };

  if (options.quiet) {
    for (const finding of report.findings) findingLine(finding);
    return lines.length > 0 ? `${lines.join("\n")}\n` : "";
  }

  const several = report.projects.length > 1;
  for (const project of report.projects) {
    const findings = report.findings.filter((finding) => finding.project === project.path);
    if (several) {
      lines.push(styles.bold(`${project.path} (${versionText(project)})`));
    }
    const production = project.profiles.filter((profile) => profile.kind === "production");
    for (const profile of production) {
      const evidence = profile.evidence;
      const first = evidence[0];
      const why = first ? `${first.says}${where(first)}` : profile.reason;
      lines.push(`${styles.bold(styles.cyan(profile.module))}: ${why}`);
      if (verbose) {
        for (const item of evidence.slice(1)) lines.push(`  also: ${item.says}${where(item)}`);
        if (profile.envFile) lines.push(`  environment variables from ${profile.envFile}`);
      }
      for (const finding of findings) {
        if (finding.profiles.length === 1 && finding.profiles[0] === profile.module) findingLine(finding);
      }
      const unknown =
        project.coverage.find((entry) => entry.profile === profile.module)?.unknownSettings ?? [];
      if (unknown.length > 0) {
        if (verbose) {
          lines.push(`  ${unknown.length} ${plural(unknown.length, "setting")} could not be evaluated:`);
          for (const setting of unknown) {
            const at = setting.location
              ? ` (${setting.location.file}:${setting.location.range.start.line + 1})`
              : "";
            lines.push(
              `    ${setting.name}: ${setting.reason}${at}; undecided: ${setting.checks.join(", ")}`,
            );
          }
        } else {
          lines.push(
            styles.dim(
              `  ${unknown.length} ${plural(unknown.length, "setting")} could not be evaluated; --verbose lists them.`,
            ),
          );
        }
      }
      const unread = project.coverage.find((entry) => entry.profile === profile.module)?.unreadImports ?? [];
      for (const entry of unread)
        lines.push(
          styles.dim(
            `  ${entry.file}:${entry.range.start.line + 1}: from ${entry.module} import * is not read (the library is not in the project or its virtual environment; name it with --python): taken to set none of Django's settings.`,
          ),
        );
      for (const load of project.dotenvLoads.filter((entry) => entry.profile === profile.module)) {
        if (profile.envFile) continue;
        lines.push(
          styles.dim(
            `  ${load.file}:${load.range.start.line + 1}: ${load.call}() loads a .env file when Django starts; its variables are taken as unset here: apply it with --dotenv FILE.`,
          ),
        );
      }
    }
    const shared = new Map<string, ReportFinding[]>();
    for (const finding of findings) {
      if (finding.profiles.length < 2) continue;
      const key = finding.profiles.join(", ");
      shared.set(key, [...(shared.get(key) ?? []), finding]);
    }
    for (const [profiles, group] of shared) {
      lines.push(`${styles.bold(styles.cyan(profiles))}: shared`);
      for (const finding of group) findingLine(finding);
    }
    // A finding of one profile that is not listed as production (none today) is still printed.
    const productionModules = new Set(production.map((profile) => profile.module));
    const others = findings.filter(
      (finding) => finding.profiles.length === 1 && !productionModules.has(finding.profiles[0]!),
    );
    if (others.length > 0) lines.push(styles.bold("Other:"));
    for (const finding of others) findingLine(finding);
    const rejected = project.rejected;
    if (rejected.length > 0) {
      lines.push(styles.bold("Not checked:"));
      for (const candidate of rejected) {
        const label = REJECTION_LABELS[candidate.reason];
        const by = candidate.by?.length ? ` (by ${candidate.by.join(", ")})` : "";
        const decisive = decisiveEvidence(candidate);
        const what = decisive ? `, ${decisive.says}${where(decisive)}` : "";
        lines.push(`  ${candidate.module}: ${label}${by}${what}`);
        if (verbose) {
          lines.push(...indent(wrap(candidate.summary, 92), "    "));
          for (const item of candidate.evidence) lines.push(`    ${item.says}${where(item)}`);
        }
      }
    }
    if (verbose) {
      // The summary line already says which version is assumed.
      for (const message of project.messages.filter(
        (text) => !text.startsWith("No Django version was found"),
      ))
        lines.push(styles.dim(`note: ${message}`));
    }
  }
  lines.push(summaryLine(report, styles));
  return `${lines.join("\n")}\n`;
}

/** The evidence that decided a rejection: the first of the kind the reason names, else the first. */
function decisiveEvidence(candidate: ReportRejected): ReportEvidence | undefined {
  const kinds: Partial<Record<ReportRejected["reason"], string>> = {
    development: "development",
    test: "test",
    "build-time": "build",
    "commented-out": "commented-out",
    example: "example",
    superseded: "star-imported",
  };
  const kind = kinds[candidate.reason];
  return candidate.evidence.find((item) => item.kind === kind) ?? candidate.evidence[0];
}

function where(evidence: ReportEvidence): string {
  return evidence.file ? ` (${evidence.file}:${evidence.line + 1})` : "";
}

export function versionText(project: ReportProject): string {
  if (project.djangoVersionAssumed) return `Django ${project.djangoVersion}, assumed: the newest LTS`;
  if (project.djangoVersionSource && project.djangoVersionSource !== "chosen by the user")
    return `Django ${project.djangoVersion} from ${project.djangoVersionSource}`;
  return `Django ${project.djangoVersion}`;
}

function summaryLine(report: CheckReport, styles: Styles): string {
  const checked = report.projects.filter((project) => project.checked);
  const left =
    report.summary.filtered > 0 ? ` ${report.summary.filtered} more left out by --select/--ignore.` : "";
  if (checked.length === 0) {
    return styles.bold(
      "Nothing was checked: no production settings module was found. Name it with --settings MODULE (for example --settings mysite.settings.production).",
    );
  }
  const profiles = checked.flatMap((project) =>
    project.profiles.filter((profile) => profile.kind === "production").map((profile) => profile.module),
  );
  const inProfiles = profiles.length <= 3 ? profiles.join(", ") : `${profiles.length} production profiles`;
  const versions =
    report.projects.length === 1
      ? versionText(report.projects[0]!)
      : report.projects.map((project) => `${project.path}: ${versionText(project)}`).join("; ");
  const { total, counts } = report.summary;
  if (total === 0) return styles.bold(`No problems found in ${inProfiles} (${versions}).${left}`);
  const bySeverity = (["error", "warning", "information", "hint"] as const)
    .filter((severity) => counts[severity] > 0)
    .map(
      (severity) =>
        `${counts[severity]} ${plural(counts[severity], severity === "information" ? "note" : severity)}`,
    )
    .join(", ");
  return styles.bold(
    `Found ${total} ${plural(total, "problem")} (${bySeverity}) in ${inProfiles} (${versions}).${left}`,
  );
}

function severityStyle(severity: Severity, styles: Styles): (text: string) => string {
  switch (severity) {
    case "error":
      return (text) => styles.bold(styles.red(text));
    case "warning":
      return styles.yellow;
    case "information":
      return styles.blue;
    default:
      return styles.dim;
  }
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}

function indent(lines: string[], prefix: string): string[] {
  return lines.map((line) => `${prefix}${line}`);
}

/** Breaks a paragraph into lines of at most `width` characters (a longer word keeps its own line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}
