// deploy.W061: an entry module's DJANGO_SETTINGS_MODULE (the setdefault default, or the value it
// assigns) names a module that does not exist in the workspace: a process started without the
// variable fails to import its settings. Typical after renaming the project package.
// https://docs.djangoproject.com/en/stable/topics/settings/#designating-the-settings
import { basename, dirname, join } from "node:path";
import { offsetToPosition, type CheckContext } from "../context";
import { isPythonFileName } from "../entryModuleReferences";
import {
  entryModuleImportRoots,
  everyEntryModule,
  moduleFile,
  moduleNameOf,
  type EntryModule,
} from "../entryModules";
import type { SettingsModuleMention } from "../entryModuleSyntax";
import type { CheckRecord, CheckResult, Fix } from "../types";
import { compareText } from "../../../../common/src/compareText";

const MAX_FIXES = 3;

export const deployW061: CheckRecord = {
  id: "deploy.W061",
  severity: "warning",
  title: "An entry module names a settings module that does not exist",
  fixability: "unsafe",
  scope: "workspace",
  thirdPartySettings: ["ASGI_APPLICATION"],
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    for (const entry of everyEntryModule(context)) {
      for (const mention of entry.syntax.settingsModule) {
        const roots = [...ancestors(entry.file), ...entryModuleImportRoots(context, entry.file)];
        if (moduleFile(context, mention.module, roots)) continue;
        const text = context.source(entry.file) ?? "";
        results.push({
          message: `${basename(entry.file)} names the settings module ${mention.module}, which does not exist.`,
          explanation: `${mention.how === "default" ? `When the environment does not set DJANGO_SETTINGS_MODULE, ${basename(entry.file)} falls back to` : `${basename(entry.file)} sets DJANGO_SETTINGS_MODULE to`} ${mention.module}, but no such module is in the workspace, so the server fails at start-up with ModuleNotFoundError${mention.how === "default" ? " unless the deployment sets the variable" : ""}. Name the settings module production runs with.`,
          location: {
            file: entry.file,
            range: {
              start: offsetToPosition(text, mention.literal.from),
              end: offsetToPosition(text, mention.literal.to),
            },
          },
          fixes: settingsModuleFixes(context, entry, mention, text),
        });
      }
    }
    return results;
  },
};

/** Every folder above the file: Python may import from any of them, depending on the server. */
function ancestors(file: string): string[] {
  const folders: string[] = [];
  for (let folder = dirname(file); folder !== dirname(folder); folder = dirname(folder)) folders.push(folder);
  return folders;
}

const isSettingsCandidate = (file: string) =>
  basename(file) === "settings.py" || (basename(dirname(file)) === "settings" && file.endsWith(".py"));

function settingsModuleFixes(
  context: CheckContext,
  entry: EntryModule,
  mention: SettingsModuleMention,
  text: string,
): Fix[] {
  // Module names as the entry module's own package sees them: from the folder above its top package.
  let root = dirname(entry.file);
  while (context.source(join(root, "__init__.py")) !== undefined && dirname(root) !== root)
    root = dirname(root);
  const names = context
    .workspaceFiles(isPythonFileName)
    .filter(isSettingsCandidate)
    // An empty package __init__ is no settings module of its own.
    .filter((file) => basename(file) !== "__init__.py" || (context.source(file) ?? "").trim() !== "")
    .map((file) => moduleNameOf(file, [root]))
    .filter(
      (name): name is string => name !== undefined && !/(^|\.)(dev|local|test|tests|base|common)$/.test(name),
    );
  const ordered = [...new Set(names)].sort(
    (a, b) =>
      Number(b === context.profile.module) - Number(a === context.profile.module) || compareText(a, b),
  );
  const quote = text[mention.literal.from] === "'" ? "'" : '"';
  const range = {
    start: offsetToPosition(text, mention.literal.from),
    end: offsetToPosition(text, mention.literal.to),
  };
  return ordered.slice(0, MAX_FIXES).map((name) => ({
    title: `Use ${name}`,
    // Which settings the server loads changes; only the user knows which module is production's.
    applicability: "unsafe",
    edits: [{ file: entry.file, range, newText: `${quote}${name}${quote}` }],
  }));
}
