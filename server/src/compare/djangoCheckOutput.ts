// Reads what `manage.py check --deploy --no-color` prints. Django writes (core/management/base.py):
//
//   System check identified some issues:
//
//   WARNINGS:
//   ?: (security.W004) You have not set a value for the SECURE_HSTS_SECONDS setting. …
//   	HINT: …
//
//   System check identified 7 issues (0 silenced).
//
// one section per level (CRITICALS, ERRORS, WARNINGS, INFOS, DEBUGS), each issue as
// `object: (id) message` with an optional tab-indented HINT, and "System check identified no issues
// (N silenced)." when there are none. With an error it raises SystemCheckError, whose text starts
// "SystemCheckError: System check identified some issues:"; anything else (an exception while
// importing the settings) is a traceback, whose last line says what went wrong.

export type DjangoLevel = "critical" | "error" | "warning" | "info" | "debug";

export interface DjangoIssue {
  id: string;
  level: DjangoLevel;
  /** What Django names before the ID: `?` for settings, `app.Model` for a model. */
  object: string;
  message: string;
  hint?: string;
}

export type DjangoCheckOutput =
  { completed: true; issues: DjangoIssue[]; silenced: number } | { completed: false; failure: string };

const SECTION_LEVELS: Record<string, DjangoLevel> = {
  CRITICALS: "critical",
  ERRORS: "error",
  WARNINGS: "warning",
  INFOS: "info",
  DEBUGS: "debug",
};

const SUMMARY = /^System check identified (?:no issues|\d+ issues?) \((\d+) silenced\)\.$/;
const ISSUE = /^(.*?): \(([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*\.[A-Z]\d+)\) (.*)$/;

export function parseDjangoCheckOutput(output: string): DjangoCheckOutput {
  const lines = output.replace(/\r\n/g, "\n").split("\n");
  let level: DjangoLevel | undefined;
  let silenced: number | undefined;
  const issues: DjangoIssue[] = [];
  for (const line of lines) {
    const summary = SUMMARY.exec(line.trim());
    if (summary) {
      silenced = Number(summary[1]);
      continue;
    }
    const section = /^([A-Z]+):$/.exec(line.trim());
    if (section && SECTION_LEVELS[section[1]!]) {
      level = SECTION_LEVELS[section[1]!];
      continue;
    }
    const hint = /^\s+HINT: (.*)$/.exec(line);
    const last = issues[issues.length - 1];
    if (hint && last) {
      last.hint = hint[1]!;
      continue;
    }
    const issue = level ? ISSUE.exec(line) : null;
    if (issue && level) {
      issues.push({ id: issue[2]!, level, object: issue[1]!, message: issue[3]! });
      continue;
    }
    // A message that runs on over several lines (rare: Django's own are one line).
    if (last && level && line.trim() !== "" && !line.startsWith("System check")) {
      if (last.hint !== undefined) last.hint += `\n${line.trim()}`;
      else last.message += `\n${line.trim()}`;
    }
  }
  if (silenced !== undefined) return { completed: true, issues, silenced };
  return { completed: false, failure: failureOf(lines) };
}

/** The line that says why Django did not get to its checks: a traceback's last line, else the last non-empty one. */
function failureOf(lines: string[]): string {
  const meaningful = lines.map((line) => line.trimEnd()).filter((line) => line.trim() !== "");
  const exception = [...meaningful]
    .reverse()
    .find((line) =>
      /^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Warning|ImproperlyConfigured)\b/.test(line),
    );
  return exception ?? meaningful[meaningful.length - 1] ?? "Django printed nothing";
}
