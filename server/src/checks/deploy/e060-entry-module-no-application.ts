// deploy.E060: an entry module (wsgi.py, asgi.py, or a module a server configuration names) defines
// no module-level `application`, the name WSGI and ASGI servers import unless told otherwise (or
// the name its server configuration gives), so the server cannot start.
// https://docs.djangoproject.com/en/stable/howto/deployment/wsgi/#the-application-object
import { basename } from "node:path";
import { offsetToPosition, type CheckContext } from "../context";
import { everyEntryModule, type EntryModule } from "../entryModules";
import type { CheckRecord, CheckResult, Fix } from "../types";

/** References from the settings are deploy.W063's; these come from servers' configurations. */
const FROM_SETTINGS = /^(WSGI|ASGI)_APPLICATION /;

export const deployE060: CheckRecord = {
  id: "deploy.E060",
  severity: "error",
  title: "An entry module defines no module-level application",
  fixability: "safe",
  scope: "workspace",
  thirdPartySettings: ["ASGI_APPLICATION"],
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    for (const entry of everyEntryModule(context)) {
      const bound = entry.syntax.boundNames;
      if (!bound) continue;
      for (const attribute of requiredNames(entry)) {
        if (bound.has(attribute)) continue;
        const text = context.source(entry.file) ?? "";
        const call = entry.syntax.applicationCalls.find((candidate) => candidate.kind !== "setup");
        const at = call?.target ?? call?.call;
        const start = offsetToPosition(text, at?.from ?? 0);
        const end = offsetToPosition(text, at?.to ?? 0);
        const servers = entry.namedBy.filter((reference) => !FROM_SETTINGS.test(reference.says));
        results.push({
          message: `${basename(entry.file)} defines no module-level ${attribute}: the server cannot load the site.`,
          explanation: `${servers.length > 0 ? `It is named by ${servers.map((reference) => reference.says).join(", ")}. ` : ""}WSGI and ASGI servers import the entry module and look up ${attribute === "application" ? "the name application (unless their configuration names another)" : `the name ${attribute}, as their configuration says`}; this module binds no such name at module level${call?.target ? ` (it assigns the application to ${call.target.name})` : ""}, so the server fails at start-up. Assign it: ${attribute} = get_${entry.kind ?? "wsgi"}_application().`,
          location: { file: entry.file, range: { start, end } },
          fixes: addApplication(entry, attribute, text),
        });
      }
    }
    return results;
  },
};

/** The names servers import from the module: those their configurations give, else `application`. */
function requiredNames(entry: EntryModule): string[] {
  const named = entry.namedBy
    .filter((reference) => !FROM_SETTINGS.test(reference.says))
    .map((reference) => reference.attribute);
  return named.length > 0 ? [...new Set(named)] : ["application"];
}

function addApplication(entry: EntryModule, attribute: string, text: string): Fix[] {
  const call = entry.syntax.applicationCalls.find((candidate) => candidate.kind !== "setup");
  if (call?.target) {
    // The application exists under another name: bind the expected one to it as well.
    const lineEnd = text.indexOf("\n", call.statement.to - 1);
    const offset = lineEnd < 0 ? text.length : lineEnd + 1;
    const position = offsetToPosition(text, offset);
    return [
      {
        title: `Add ${attribute} = ${call.target.name}`,
        // Nothing else changes: the module only gains the name the server looks for.
        applicability: "safe",
        edits: [
          {
            file: entry.file,
            range: { start: position, end: position },
            newText: `${lineEnd < 0 ? "\n" : ""}${attribute} = ${call.target.name}\n`,
          },
        ],
      },
    ];
  }
  if (call || attribute !== "application" || !entry.kind) return [];
  const end = offsetToPosition(text, text.length);
  const lead = text.length === 0 || text.endsWith("\n") ? "" : "\n";
  return [
    {
      title: `Add application = get_${entry.kind}_application()`,
      // The module then sets Django up when imported, which it did not do before.
      applicability: "unsafe",
      edits: [
        {
          file: entry.file,
          range: { start: end, end },
          newText: `${lead}\nfrom django.core.${entry.kind} import get_${entry.kind}_application\n\napplication = get_${entry.kind}_application()\n`,
        },
      ],
    },
  ];
}
