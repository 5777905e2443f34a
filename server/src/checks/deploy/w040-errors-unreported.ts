// deploy.W040: nobody hears about server errors. ADMINS is empty (so AdminEmailHandler mails no
// one), no LOGGING handler sends records anywhere but the console, and no error-monitoring SDK
// (Sentry, Rollbar, Bugsnag, …) appears in the settings, the entry modules or the dependency files.
// https://docs.djangoproject.com/en/stable/howto/error-reporting/
import { environmentNote, possibleValues, settingLocation, type CheckContext } from "../context";
import { workspaceFact } from "../deploymentFiles";
import { isPythonFileName } from "../entryModuleReferences";
import { entryModules } from "../entryModules";
import { environmentReadStyle } from "../fixes/environmentRead";
import { setSettingFix } from "../fixes/settingValue";
import { singleValue } from "../predicates";
import type { CheckRecord, CheckResult, Fix } from "../types";
import { inVersionRange } from "../../django/versions";
import { dictGet, truthiness } from "../../evaluate/values";

/** Handler classes whose records reach no one but a console (AdminEmailHandler mails ADMINS, here empty). */
const NOWHERE_HANDLERS = new Set([
  "logging.StreamHandler",
  "logging.NullHandler",
  "django.utils.log.AdminEmailHandler",
  "rich.logging.RichHandler",
  "colorlog.StreamHandler",
]);
/** Error-monitoring SDKs, as Python names them. */
const SDK_IN_PYTHON =
  /\b(sentry_sdk|raven|rollbar|bugsnag|honeybadger|airbrake|pybrake|elasticapm|newrelic|ddtrace|scout_apm|appsignal|opbeat|logfire)\b/;
/** The same SDKs as requirement names. */
const SDK_REQUIREMENT =
  /(^|["'\s])(sentry[-_]sdk|raven|rollbar|bugsnag|honeybadger|airbrake|pybrake|elastic[-_]apm|newrelic|ddtrace|scout[-_]apm|appsignal|opbeat|logfire)\s*([[<>=~!;,"'\s]|$)/im;
const ADMIN_VARIABLE = "DJANGO_ADMIN_EMAIL";

const isDependencyFileName = (name: string) =>
  /requirements.*\.(txt|in)$/.test(name) ||
  ["pyproject.toml", "Pipfile", "setup.cfg", "setup.py", "poetry.lock", "uv.lock"].includes(name);

export const deployW040: CheckRecord = {
  id: "deploy.W040",
  severity: "warning",
  title: "Nobody hears about server errors",
  fixability: "unsafe",
  // Read by the entry-module discovery (Channels' setting), which finds wsgi.py and asgi.py.
  thirdPartySettings: ["ASGI_APPLICATION"],
  run(context: CheckContext): CheckResult[] {
    const admins = context.settings.get("ADMINS");
    const adminValues = possibleValues(admins.value);
    if (!adminValues || !adminValues.every((value) => truthiness(value) === false)) return [];
    const config = singleValue(context.settings.get("LOGGING_CONFIG").value);
    if (config?.kind !== "str" || config.value !== "logging.config.dictConfig") return [];
    if (loggingReachesSomeone(context) !== false) return [];
    if (monitoringFound(context)) return [];
    const fix = adminsFromEnvironment(context);
    return [
      {
        message:
          "Nobody hears about server errors: ADMINS is empty and no logging handler or monitor reports them.",
        explanation: `ADMINS is empty${environmentNote(admins.value)}, so Django mails no one when a request fails with a server error; no LOGGING handler sends error records anywhere but the console, and no error-monitoring service (such as Sentry) is set up in the settings, the entry modules or the dependencies. Unless someone reads the server's console output, errors in production go unnoticed. Set ADMINS (Django then mails them the traceback; the EMAIL_* settings must let it send mail), add a logging handler that sends errors somewhere, or set up an error-monitoring service.`,
        location: settingLocation(admins, context),
        fixes: fix ? [fix] : [],
      },
    ];
  },
};

/** Whether some LOGGING handler sends records beyond the console; undefined when not known. */
function loggingReachesSomeone(context: CheckContext): boolean | undefined {
  const logging = singleValue(context.settings.get("LOGGING").value);
  if (logging?.kind !== "dict") return undefined;
  const handlersValue = dictGet(logging, "handlers");
  if (!handlersValue) return false;
  const handlers = singleValue(handlersValue);
  if (handlers?.kind !== "dict") return undefined;
  let unknown = false;
  for (const entry of handlers.entries) {
    const handler = singleValue(entry.value);
    if (handler?.kind !== "dict") {
      unknown = true;
      continue;
    }
    // A factory (`"()": …`) builds any handler at all.
    if (dictGet(handler, "()")) return true;
    const handlerClass = singleValue(dictGet(handler, "class") ?? { kind: "unknown", reason: "" });
    if (handlerClass?.kind !== "str") unknown = true;
    else if (!NOWHERE_HANDLERS.has(handlerClass.value)) return true;
  }
  return unknown ? undefined : false;
}

/** The keys of this check's workspace facts (context.shared). */
const TEXTS_NAMING_AN_SDK = { fact: "which texts of Python files name an error-monitoring SDK" };
const SDK_IN_DEPENDENCIES = { fact: "whether a dependency file names an error-monitoring SDK" };
/**
 * The workspace's Python files as a set, by the search's result: the engine hands back the same array
 * while no file was created or deleted, so the set (22,000 paths in a workspace of 200 projects, 7 ms
 * to build) is made once, not once per analysis.
 */
const PYTHON_FILE_SETS = new WeakMap<readonly string[], ReadonlySet<string>>();

/** An error-monitoring SDK in the settings modules, the entry modules or the dependency files. */
function monitoringFound(context: CheckContext): boolean {
  // Whether a text names an SDK is the same for every profile: each text is tested once. The text is
  // still read through the context, so that the engine sees what this profile's answer depends on.
  const named = workspaceFact(context, TEXTS_NAMING_AN_SDK, () => new Map<string, boolean>());
  const namesSdk = (file: string) => {
    const text = context.source(file) ?? "";
    let found = named.get(text);
    if (found === undefined) named.set(text, (found = SDK_IN_PYTHON.test(text)));
    return found;
  };
  if (settingsFiles(context).some(namesSdk)) return true;
  if (entryModules(context).some((entry) => namesSdk(entry.file))) return true;
  return workspaceFact(context, SDK_IN_DEPENDENCIES, () =>
    context
      .workspaceFiles(isDependencyFileName)
      .some((file) => SDK_REQUIREMENT.test(context.source(file) ?? "")),
  );
}

/** The workspace's Python files the profile's module reaches by imports (itself included). */
function settingsFiles(context: CheckContext): readonly string[] {
  if (!context.chain) {
    return context
      .workspaceFiles(isPythonFileName)
      .filter((file) => file === context.profile.file || context.importPath?.(file) !== undefined);
  }
  const files = context.workspaceFiles(isPythonFileName);
  let python = PYTHON_FILE_SETS.get(files);
  if (!python) PYTHON_FILE_SETS.set(files, (python = new Set(files)));
  return context.chain.filter((file) => python.has(file));
}

function adminsFromEnvironment(context: CheckContext): Fix | undefined {
  const text = context.source(context.profile.file);
  if (text === undefined) return undefined;
  const style = environmentReadStyle(context.profileModule, text);
  const read = style.expression(ADMIN_VARIABLE);
  // Django 6.0 takes plain addresses; before it, (name, address) pairs.
  const valueText = inVersionRange(context.djangoVersion, "6.0") ? `[${read}]` : `[("Admin", ${read})]`;
  const fix = setSettingFix(context, context.settings.get("ADMINS"), {
    title: `Mail server errors to the address in ${ADMIN_VARIABLE}`,
    // Start-up then fails while the variable is unset, and Django starts sending mail.
    applicability: "unsafe",
    valueText,
  });
  return fix && { ...fix, edits: [...style.setup, ...fix.edits] };
}
