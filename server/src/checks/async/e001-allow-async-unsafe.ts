// async.E001: DJANGO_ALLOW_ASYNC_UNSAFE is set for the production process. Django can only see the
// variable at run time; here it is read from the deployment files in the workspace (.env files,
// Dockerfile ENV, compose environment:, systemd Environment=) that the project's rule calls
// production's (project/deploymentFiles.ts), and reported where it is set. The unsafe fix removes
// the line, or the entry when the line sets other variables too.
// https://docs.djangoproject.com/en/stable/topics/async/#envvar-DJANGO_ALLOW_ASYNC_UNSAFE
import { basename } from "node:path";
import type { CheckContext } from "../context";
import { deploymentFiles } from "../deploymentFiles";
import type { CheckRecord, CheckResult, Fix, TextEdit } from "../types";
import type { DeploymentFileKind } from "../../project/deploymentFileTypes";
import { type EnvironmentAssignment, productionEnvironment } from "../../project/environmentFiles";
import { environmentSetText } from "../secrets";

export const ALLOW_ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE";

export const asyncE001: CheckRecord = {
  id: "async.E001",
  severity: "error",
  title: "DJANGO_ALLOW_ASYNC_UNSAFE is set in a deployment file",
  fixability: "unsafe",
  scope: "workspace",
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    for (const deployment of deploymentFiles(context)) {
      const { file, kind, text } = deployment;
      if (!text.includes(ALLOW_ASYNC_UNSAFE)) continue;
      for (const assignment of productionEnvironment(deployment)) {
        // Django tests os.environ.get(...) for truthiness: any non-empty string, "0" and "false" too.
        if (assignment.variable !== ALLOW_ASYNC_UNSAFE || !assignment.value) continue;
        const edit = removeAssignment(kind, text, assignment);
        results.push({
          message: `${ALLOW_ASYNC_UNSAFE} is set here: Django's async safety checks are off.`,
          explanation: `It is ${environmentSetText({ file: basename(file), text: assignment.value }, ALLOW_ASYNC_UNSAFE)}. Django then lets synchronous, thread-bound code such as the ORM run inside the event loop, switching off the protection against the data corruption and deadlocks that causes. Don't set it in deployment; any non-empty value, even '0' or 'false', turns the protection off.`,
          location: {
            file,
            range: {
              start: { line: assignment.line, character: assignment.start },
              end: { line: assignment.line, character: assignment.end },
            },
          },
          fixes: edit
            ? [
                {
                  title: `Remove ${ALLOW_ASYNC_UNSAFE}`,
                  // Code that ran only because the protection was off then raises: the user must review.
                  applicability: "unsafe",
                  consequence: "code that relied on it raises SynchronousOnlyOperation",
                  edits: [edit],
                } satisfies Fix,
              ]
            : [],
        });
      }
    }
    return results;
  },
};

/** What may stand before an assignment on a line that sets nothing else. */
const LINE_PREFIX = /^\s*(export\s+|-\s*|ENV\s+|Environment\s*=\s*)?["']?$/i;
/** A value as the shells, Docker and systemd write one: quoted parts, escapes and plain characters. */
const VALUE = String.raw`(?:"(?:[^"\\]|\\.)*"|'[^']*'|\\.|[^\s"'\\])*`;
/** Formats whose lines may hold several assignments (`ENV A=1 B=2`, `Environment="A=1" "B=2"`). */
const SEVERAL_PER_LINE = new Set<DeploymentFileKind>(["dockerfile", "systemd"]);
/** Formats where `#` after a value starts a comment. */
const TRAILING_COMMENTS = new Set<DeploymentFileKind>(["dotenv", "compose"]);

/**
 * The edit that removes one assignment: its whole line when the line sets nothing else (and is not
 * part of a continued instruction), else just the `NAME=value` entry. Undefined when the entry
 * cannot be told apart safely (a YAML flow mapping, a value over several lines).
 */
function removeAssignment(
  kind: DeploymentFileKind,
  text: string,
  assignment: EnvironmentAssignment,
): TextEdit | undefined {
  const file = assignment.file;
  const lines = text.split("\n");
  const line = assignment.line;
  const source = (lines[line] ?? "").replace(/\r$/, "");
  const entry = entrySpan(source, assignment.start, kind);
  if (!entry) return undefined;
  const before = source.slice(0, entry.from);
  const after = source.slice(entry.to);
  const continued = /\\\s*$/.test(source);
  const continuing = line > 0 && /\\\s*$/.test((lines[line - 1] ?? "").replace(/\r$/, ""));
  const rest = TRAILING_COMMENTS.has(kind) ? /^\s*(#.*)?$/ : /^\s*$/;
  const range = (startLine: number, start: number, endLine: number, end: number) => ({
    start: { line: startLine, character: start },
    end: { line: endLine, character: end },
  });
  // The line holds this assignment alone: remove the line.
  if (!continued && !continuing && LINE_PREFIX.test(before) && rest.test(after)) {
    // The only entry of a compose `environment:` block: an empty key is no mapping, so it goes too.
    const key = kind === "compose" ? /^(\s*)environment:\s*(#.*)?$/.exec(lines[line - 1] ?? "") : null;
    const next = lines
      .slice(line + 1)
      .find((candidate) => candidate.trim() !== "" && !/^\s*#/.test(candidate));
    const nextIndent = next === undefined ? -1 : /^\s*/.exec(next)![0].length;
    if (key && nextIndent <= key[1]!.length)
      return { file, range: range(line - 1, 0, line + 1, 0), newText: "" };
    return { file, range: range(line, 0, line + 1, 0), newText: "" };
  }
  if (!SEVERAL_PER_LINE.has(kind)) return undefined;
  const onlyIndent = /^\s*$/.test(before);
  // The last line of a continued instruction holds only this entry: end the instruction before it.
  if (continuing && onlyIndent && /^\s*$/.test(after)) {
    const previous = (lines[line - 1] ?? "").replace(/\r$/, "");
    const backslash = /\s*\\\s*$/.exec(previous)!;
    return { file, range: range(line - 1, backslash.index, line, source.length), newText: "" };
  }
  // A middle line of a continued instruction holds only this entry: remove the line.
  if (continuing && continued && onlyIndent && /^\s*\\\s*$/.test(after))
    return { file, range: range(line, 0, line + 1, 0), newText: "" };
  // Among other entries: remove it with the space after it, or before it when it ends the line.
  const following = /^[ \t]+/.exec(after)?.[0] ?? "";
  if (following.length > 0 && after.length > following.length)
    return { file, range: range(line, entry.from, line, entry.to + following.length), newText: "" };
  const preceding = /[ \t]+$/.exec(before)?.[0] ?? "";
  if (preceding.length === 0 || LINE_PREFIX.test(before)) return undefined;
  return { file, range: range(line, entry.from - preceding.length, line, entry.to), newText: "" };
}

/** The columns of the whole entry (`NAME=value`, with its quotes) whose name starts at `start`. */
function entrySpan(
  source: string,
  start: number,
  kind: DeploymentFileKind,
): { from: number; to: number } | undefined {
  const rest = source.slice(start);
  const quote = source[start - 1];
  if (quote === '"' || quote === "'") {
    // `"NAME=value"` quoted whole (systemd, a compose list item), or a quoted YAML key.
    const whole = new RegExp(`^${ALLOW_ASYNC_UNSAFE}=[^${quote}]*${quote}`).exec(rest);
    if (whole) return { from: start - 1, to: start + whole[0].length };
    const key = new RegExp(`^${ALLOW_ASYNC_UNSAFE}${quote}\\s*:\\s*${VALUE}`).exec(rest);
    return key && !/[|>]\s*$/.test(key[0]) ? { from: start - 1, to: start + key[0].length } : undefined;
  }
  // Docker's legacy `ENV NAME value` sets one variable to the rest of the instruction.
  const legacy = kind === "dockerfile" ? new RegExp(`^${ALLOW_ASYNC_UNSAFE}\\s+[^=\\s].*$`).exec(rest) : null;
  if (legacy) return { from: start, to: start + legacy[0].length };
  // compose mappings write `NAME: value`; python-dotenv allows spaces around `=`; Docker and systemd do not.
  const separator =
    kind === "compose" ? String.raw`\s*[:=]\s*` : kind === "dotenv" ? String.raw`\s*=\s*` : "=";
  const plain = new RegExp(`^${ALLOW_ASYNC_UNSAFE}(?:${separator}${VALUE})?`).exec(rest);
  // A YAML block scalar (`KEY: |`) or an unclosed quote continues on other lines.
  if (!plain || /[|>]$/.test(plain[0].trim()) || /^["']/.test(source.slice(start + plain[0].length)))
    return undefined;
  return { from: start, to: start + plain[0].length };
}
