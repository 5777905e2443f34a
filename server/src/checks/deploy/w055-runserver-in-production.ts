// deploy.W055: production starts `manage.py runserver`, Django's development server. Read from the
// deployment files that start the site (Procfile processes, the final image's CMD/ENTRYPOINT,
// compose command:/entrypoint:, systemd ExecStart=) and reported where the command is written.
// https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver
import { basename } from "node:path";
import type { CheckContext } from "../context";
import { findOnLines, servingCommands } from "../deploymentFiles";
import type { CheckRecord, CheckResult } from "../types";
import { djangoCommandOf } from "../../project/commandLine";

const DEVELOPMENT_SERVERS = new Set(["runserver", "runserver_plus"]);

export const deployW055: CheckRecord = {
  id: "deploy.W055",
  severity: "warning",
  title: "Production starts manage.py runserver",
  fixability: "none",
  scope: "workspace",
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    for (const serving of servingCommands(context)) {
      const name = djangoCommandOf(serving.command);
      if (name === undefined || !DEVELOPMENT_SERVERS.has(name)) continue;
      const text = context.source(serving.file) ?? "";
      const at = findOnLines(text, serving.line, new RegExp(`\\b${name}\\b`));
      if (!at) continue;
      results.push({
        message: `Production starts manage.py ${name}, Django's development server.`,
        explanation: `${serving.where[0]!.toUpperCase()}${serving.where.slice(1)} in ${basename(serving.file)} runs manage.py ${name}. Django's documentation warns against using it in production: it has not gone through security audits or performance tests. Run a production server instead: Gunicorn or uWSGI for WSGI, Uvicorn, Daphne or Hypercorn for ASGI. The commands "Django Deploy: Scaffold WSGI Entry Module and Server Configuration…" and "Django Deploy: Scaffold ASGI Entry Module and Server Configuration…" write the entry module and the server's configuration.`,
        location: {
          file: serving.file,
          range: {
            start: { line: at.line, character: at.start },
            end: { line: at.line, character: at.end },
          },
        },
      });
    }
    return results;
  },
};
