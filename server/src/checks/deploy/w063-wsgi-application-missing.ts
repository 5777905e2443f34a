// deploy.W063: WSGI_APPLICATION names a module or an attribute that does not exist in the
// workspace. runserver (and anything else that calls get_internal_wsgi_application) then fails
// with ImproperlyConfigured ("WSGI application … could not be loaded").
// https://docs.djangoproject.com/en/stable/ref/settings/#wsgi-application
import { environmentSentence, settingLocation, shorten, type CheckContext } from "../context";
import { entryModules, entryModuleSyntax, importRoots, moduleFile, moduleNameOf } from "../entryModules";
import { quotedLike } from "../fixes/settingValue";
import { singleValue } from "../predicates";
import type { CheckRecord, CheckResult, Fix } from "../types";

const DOTTED = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/;
const MAX_FIXES = 3;

export const deployW063: CheckRecord = {
  id: "deploy.W063",
  severity: "warning",
  title: "WSGI_APPLICATION names a module or attribute that does not exist",
  fixability: "unsafe",
  thirdPartySettings: ["ASGI_APPLICATION"],
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("WSGI_APPLICATION");
    const value = singleValue(setting.value);
    if (value?.kind !== "str" || !DOTTED.test(value.value) || !setting.binding) return [];
    const dot = value.value.lastIndexOf(".");
    const module = value.value.slice(0, dot);
    const attribute = value.value.slice(dot + 1);
    const roots = [...importRoots(context)];
    const file = moduleFile(context, module, roots);
    let problem: string;
    if (!file) problem = `the module ${module} is not in the workspace`;
    else {
      const syntax = entryModuleSyntax(context.source(file) ?? "");
      if (!syntax.boundNames || syntax.boundNames.has(attribute)) return [];
      // An entry module with no `application` at all is deploy.E060's finding.
      if (attribute === "application" && syntax.applicationCalls.some((call) => call.kind === "wsgi"))
        return [];
      problem = `${module} defines no module-level ${attribute}`;
    }
    return [
      {
        message: `WSGI_APPLICATION names ${shorten(value.value, 40)}, which does not exist.`,
        explanation: `${environmentSentence(setting.value)}WSGI_APPLICATION is the application runserver and other tools built on get_internal_wsgi_application() load; ${problem}, so they fail with ImproperlyConfigured ("WSGI application could not be loaded"). Point it at the application object of your wsgi.py.`,
        location: settingLocation(setting, context),
        fixes: entryModuleFixes(context, roots, value.value),
      },
    ];
  },
};

function entryModuleFixes(context: CheckContext, roots: readonly string[], current: string): Fix[] {
  const setting = context.settings.get("WSGI_APPLICATION");
  const span = setting.binding?.origin.value;
  if (!span || setting.binding?.origin.statement.file !== context.profile.file) return [];
  const names = entryModules(context)
    .filter((entry) => entry.kind !== "asgi" && entry.syntax.boundNames?.has("application"))
    .map((entry) => moduleNameOf(entry.file, roots))
    .filter((name): name is string => name !== undefined && `${name}.application` !== current);
  return [...new Set(names)].slice(0, MAX_FIXES).map((name) => ({
    title: `Use ${name}.application`,
    // runserver then loads another module (with whatever middleware it wraps the application in).
    applicability: "unsafe",
    edits: [
      { file: span.file, range: span.range, newText: quotedLike(context, setting, `${name}.application`) },
    ],
  }));
}
