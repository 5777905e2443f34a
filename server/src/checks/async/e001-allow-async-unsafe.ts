// async.E001: DJANGO_ALLOW_ASYNC_UNSAFE is set for the production process. Django can only see the
// variable at run time; here it is read from the deployment files in the workspace (.env files,
// Dockerfile ENV, compose environment:, systemd Environment=) and reported where it is set.
// https://docs.djangoproject.com/en/stable/topics/async/#envvar-DJANGO_ALLOW_ASYNC_UNSAFE
import type { CheckContext } from "../context";
import { environmentAssignments, environmentFileKind } from "../../project/environmentFiles";
import type { CheckRecord, CheckResult } from "../types";
import { basename } from "node:path";

export const ALLOW_ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE";

/** One function object, so the engine can reuse its search of the workspace between analyses. */
const isEnvironmentFile = (name: string) => environmentFileKind(name) !== undefined;

export const asyncE001: CheckRecord = {
  id: "async.E001",
  severity: "error",
  title: "DJANGO_ALLOW_ASYNC_UNSAFE is set in a deployment file",
  fixability: "none",
  scope: "workspace",
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    for (const file of context.workspaceFiles(isEnvironmentFile)) {
      const kind = environmentFileKind(basename(file));
      const text = kind && context.source(file);
      if (!kind || !text || !text.includes(ALLOW_ASYNC_UNSAFE)) continue;
      for (const assignment of environmentAssignments(file, text, kind)) {
        // Django tests os.environ.get(...) for truthiness: any non-empty string, "0" and "false" too.
        if (assignment.variable !== ALLOW_ASYNC_UNSAFE || !assignment.value) continue;
        results.push({
          message: `${ALLOW_ASYNC_UNSAFE} is set here: Django's async safety checks are off.`,
          explanation: `It is set to '${assignment.value}'. Django then lets synchronous, thread-bound code such as the ORM run inside the event loop, switching off the protection against the data corruption and deadlocks that causes. Don't set it in deployment; any non-empty value, even '0' or 'false', turns the protection off.`,
          location: {
            file,
            range: {
              start: { line: assignment.line, character: assignment.start },
              end: { line: assignment.line, character: assignment.end },
            },
          },
        });
      }
    }
    return results;
  },
};
