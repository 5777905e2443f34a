// deploy.W064: several entry modules served by mod_wsgi in one process (embedded mode, or the same
// daemon process group) choose their settings with os.environ.setdefault(): the process environment
// is shared, so every site after the first keeps the first one's DJANGO_SETTINGS_MODULE.
// https://docs.djangoproject.com/en/stable/howto/deployment/wsgi/modwsgi/
import { basename } from "node:path";
import { offsetToPosition, type CheckContext } from "../context";
import { isPythonFileName } from "../entryModuleReferences";
import { entryModuleSyntax } from "../entryModules";
import { modWsgiConfigs, workspaceFileFor, type ScriptAlias } from "../modWsgi";
import type { CheckRecord, CheckResult, Fix, RelatedLocation } from "../types";

export const deployW064: CheckRecord = {
  id: "deploy.W064",
  severity: "warning",
  title: "mod_wsgi runs several sites in one process and they choose their settings with setdefault",
  fixability: "unsafe",
  scope: "workspace",
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    const pythonFiles = context.workspaceFiles(isPythonFileName);
    for (const config of modWsgiConfigs(context)) {
      // Scripts by the process they run in ("" is Apache's own processes: embedded mode).
      const groups = new Map<string, { file: string; alias: ScriptAlias }[]>();
      for (const alias of config.aliases) {
        const file = alias.processGroup === undefined ? undefined : workspaceFileFor(alias.path, pythonFiles);
        if (!file) continue;
        const group = groups.get(alias.processGroup!) ?? [];
        if (!group.some((entry) => entry.file === file)) group.push({ file, alias });
        groups.set(alias.processGroup!, group);
      }
      for (const [group, scripts] of groups) {
        if (scripts.length < 2) continue;
        const where =
          group === "" ? "embedded in Apache's processes" : `in the daemon process group ${group}`;
        const related: RelatedLocation[] = scripts.map(({ alias }) => ({
          file: config.file,
          range: {
            start: { line: alias.line, character: alias.start },
            end: { line: alias.line, character: alias.end },
          },
          message: `WSGIScriptAlias runs ${basename(alias.path)} ${where}`,
        }));
        for (const { file } of scripts) {
          const text = context.source(file) ?? "";
          const syntax = entryModuleSyntax(text);
          for (const mention of syntax.settingsModule.filter((candidate) => candidate.how === "default")) {
            results.push({
              message:
                "mod_wsgi runs this site in one process with another; setdefault keeps the first's settings.",
              explanation: `${basename(config.file)} serves ${scripts.length} entry modules ${where}. They share the process environment, and os.environ.setdefault() does not change a DJANGO_SETTINGS_MODULE another site has already set, so this site may start with the other site's settings (${mention.module} is only a default). Assign the variable instead (os.environ["DJANGO_SETTINGS_MODULE"] = "${mention.module}"), or run each site in a daemon process group of its own (WSGIDaemonProcess and process-group=).`,
              location: {
                file,
                range: {
                  start: offsetToPosition(text, mention.expression.from),
                  end: offsetToPosition(text, mention.expression.to),
                },
              },
              related,
              fixes: assignInstead(file, text, mention.expression, mention.literal),
            });
          }
        }
      }
    }
    return results;
  },
};

function assignInstead(
  file: string,
  text: string,
  call: { from: number; to: number },
  literal: { from: number; to: number },
): Fix[] {
  const receiver = /^([\s\S]*?)\.setdefault\s*\(/.exec(text.slice(call.from, call.to))?.[1];
  if (!receiver) return [];
  const written = text.slice(literal.from, literal.to);
  const quote = /^[rRuU]?'/.test(written) ? "'" : '"';
  return [
    {
      title: "Assign DJANGO_SETTINGS_MODULE instead of setdefault()",
      // The environment can then no longer choose another settings module for this site.
      applicability: "unsafe",
      edits: [
        {
          file,
          range: { start: offsetToPosition(text, call.from), end: offsetToPosition(text, call.to) },
          newText: `${receiver}[${quote}DJANGO_SETTINGS_MODULE${quote}] = ${written}`,
        },
      ],
    },
  ];
}
