// deploy.W056: a production deployment file hands DJANGO_ALLOW_ASYNC_UNSAFE to the site's process
// where async.E001 cannot see its value: on a start command (`DJANGO_ALLOW_ASYNC_UNSAFE=1 gunicorn …`
// in a Procfile, the final image's CMD/ENTRYPOINT, a compose command:, a systemd ExecStart=), or in
// an environment file with a value taken from elsewhere (`${UNSAFE}`, compose's pass-through
// `- DJANGO_ALLOW_ASYNC_UNSAFE`). The static twin of async.E001, which reports the values it knows.
// https://docs.djangoproject.com/en/stable/topics/async/#envvar-DJANGO_ALLOW_ASYNC_UNSAFE
import { basename } from "node:path";
import type { CheckContext } from "../context";
import { deploymentFiles, findOnLines, servingCommands } from "../deploymentFiles";
import type { CheckRecord, CheckResult, Fix } from "../types";
import { productionEnvironment } from "../../project/environmentFiles";
import { shownEnvironmentText } from "../secrets";

const VARIABLE = "DJANGO_ALLOW_ASYNC_UNSAFE";

export const deployW056: CheckRecord = {
  id: "deploy.W056",
  severity: "warning",
  title: "DJANGO_ALLOW_ASYNC_UNSAFE is passed to the production process",
  fixability: "unsafe",
  scope: "workspace",
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    const report = (file: string, line: number, start: number, how: string, fix: Fix | undefined) =>
      results.push({
        message: `The production process gets ${VARIABLE}, which turns off Django's async safety.`,
        explanation: `${how} With ${VARIABLE} set to any non-empty value ("0" and "false" included), Django lets synchronous, thread-bound code such as the ORM run inside the event loop, which risks data corruption and deadlocks. It is meant for notebooks and tests, never for a deployment: remove it and call such code through sync_to_async().`,
        location: {
          file,
          range: { start: { line, character: start }, end: { line, character: start + VARIABLE.length } },
        },
        fixes: fix ? [fix] : [],
      });

    for (const serving of servingCommands(context)) {
      const assignment = serving.command.assignments.find((candidate) => candidate.variable === VARIABLE);
      if (!assignment || assignment.value === "") continue;
      const text = context.source(serving.file) ?? "";
      const at = findOnLines(text, serving.line, new RegExp(`\\b${VARIABLE}=`));
      if (!at) continue;
      report(
        serving.file,
        at.line,
        at.start,
        `${capitalised(serving.where)} in ${basename(serving.file)} sets it on the command that starts the site${assignment.value === undefined ? "" : shownValue(assignment.value)}.`,
        removeFromCommand(serving.file, text, at.line),
      );
    }
    for (const deployment of deploymentFiles(context)) {
      const { file, text } = deployment;
      if (!text.includes(VARIABLE)) continue;
      for (const assignment of productionEnvironment(deployment)) {
        // A value the file states is async.E001's; here the ones that come from elsewhere.
        if (assignment.variable !== VARIABLE || assignment.value !== undefined) continue;
        report(
          file,
          assignment.line,
          assignment.start,
          `${basename(file)} passes it to the process with a value that comes from elsewhere (another variable, or the shell that starts the deployment), so it may be set.`,
          removeLine(file, text, assignment.line),
        );
      }
    }
    return results;
  },
};

function capitalised(text: string): string {
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

const TITLE = `Remove ${VARIABLE}`;

/** Deletes the assignment's line when it holds nothing else (`.env`, compose, `ENV`, `Environment=`). */
function removeLine(file: string, text: string, line: number): Fix | undefined {
  const lines = text.split("\n");
  const content = lines[line]?.trim() ?? "";
  const alone = new RegExp(
    `^(export\\s+|-\\s*|ENV\\s+|Environment=)?["']?${VARIABLE}(["']?\\s*[:=]\\s*("[^"]*"|'[^']*'|[^\\s"']*)["']?)?$`,
    "i",
  );
  if (!alone.test(content) || lines[line]!.endsWith("\\")) return undefined;
  return {
    title: TITLE,
    // Code that needed it now raises SynchronousOnlyOperation: the user must review.
    applicability: "unsafe",
    edits: [
      { file, range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: "" },
    ],
  };
}

/** Removes the `NAME=value` word (or exec-form item) from a start command. */
function removeFromCommand(file: string, text: string, line: number): Fix | undefined {
  const source = text.split("\n")[line] ?? "";
  const match =
    new RegExp(`"${VARIABLE}=[^"]*"\\s*,\\s*`).exec(source) ??
    new RegExp(`${VARIABLE}=("[^"]*"|'[^']*'|[^\\s;&|"']*)\\s+`).exec(source);
  if (!match) return undefined;
  return {
    title: TITLE,
    applicability: "unsafe",
    edits: [
      {
        file,
        range: {
          start: { line, character: match.index },
          end: { line, character: match.index + match[0].length },
        },
        newText: "",
      },
    ],
  };
}

/** " (to '1')", or nothing when the value is not shown (checks/secrets.ts). */
function shownValue(text: string): string {
  const shown = shownEnvironmentText(VARIABLE, text);
  return shown === undefined ? "" : ` (to '${shown}')`;
}
