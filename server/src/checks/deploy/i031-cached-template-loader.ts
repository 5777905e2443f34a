// deploy.I031: the cached template loader is off, so every render reads and compiles its templates
// again. Django wraps the default loaders in it unless OPTIONS["loaders"] is given (from 4.1 even
// with debug on; on 3.2 and 4.0 only when the engine's debug option, DEBUG by default, is off).
// https://docs.djangoproject.com/en/stable/ref/templates/api/#django.template.loaders.cached.Loader
import { settingLocation, type CheckContext } from "../context";
import { assignItems } from "../fixes/dictEntry";
import { decide, singleValue } from "../predicates";
import type { CheckRecord, CheckResult, Fix } from "../types";
import { inVersionRange } from "../../django/versions";
import { dictGet, isSequence, truthiness, type KnownValue, type Value } from "../../evaluate/values";

export const DJANGO_TEMPLATES = "django.template.backends.django.DjangoTemplates";
const CACHED_LOADER = "django.template.loaders.cached.Loader";

export const deployI031: CheckRecord = {
  id: "deploy.I031",
  severity: "information",
  title: "The cached template loader is off",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("TEMPLATES");
    const templates = singleValue(setting.value);
    if (!templates || !isSequence(templates)) return [];
    const results: CheckResult[] = [];
    templates.items.forEach((item, index) => {
      const engine = singleValue(item);
      const backend = engine && singleValue(dictGet(engine, "BACKEND") ?? unknownValue);
      if (engine?.kind !== "dict" || backend?.kind !== "str" || backend.value !== DJANGO_TEMPLATES) return;
      const optionsValue = dictGet(engine, "OPTIONS");
      const options = optionsValue ? singleValue(optionsValue) : undefined;
      if (optionsValue && options?.kind !== "dict") return;
      const loaders = options && dictGet(options, "loaders");
      if (loaders) {
        const known = singleValue(loaders);
        if (!known || !isSequence(known)) return;
        const cached = known.items.map(isCachedLoader);
        if (cached.some((entry) => entry !== false)) return;
        const span = known.span ?? loaders.span;
        results.push({
          message: "The cached template loader is off: every render reads and compiles its templates.",
          explanation: `OPTIONS["loaders"] of the template engine lists its loaders explicitly without django.template.loaders.cached.Loader, so Django does not add it: each template is read from disk and compiled again on every render. Wrap the loaders in the cached loader; templates are then compiled once per process (restart the server to pick up changed templates). Leave it off only for loaders whose templates change at run time, such as templates kept in the database.`,
          location: span ? { file: span.file, range: span.range } : settingLocation(setting, context),
          fixes: wrapInCachedLoader(context, index, known, span?.file === context.profile.file),
        });
        return;
      }
      // Without explicit loaders, 3.2 and 4.0 add the cached loader only when the engine's debug is off.
      if (inVersionRange(context.djangoVersion, "4.1")) return;
      const debugOption = options && dictGet(options, "debug");
      const debug = debugOption ?? context.settings.get("DEBUG").value;
      if (decide(debug, truthiness) !== true) return;
      const span = debugOption?.span;
      results.push({
        message: "The cached template loader is off because the template engine runs in debug mode.",
        explanation: `On Django ${context.djangoVersion}, the template engine wraps its loaders in the cached loader only when its debug option (DEBUG unless OPTIONS["debug"] is given) is off; here it is on, so every render reads and compiles its templates again. Turn DEBUG (or OPTIONS["debug"]) off in production; from Django 4.1 the cached loader is used in debug mode too.`,
        location: span
          ? { file: span.file, range: span.range }
          : settingLocation(debugOption ? setting : context.settings.get("DEBUG"), context),
      });
    });
    return results;
  },
};

const unknownValue: Value = { kind: "unknown", reason: "no BACKEND" };

/** Whether a loaders entry is the cached loader (`"…cached.Loader"` or `("…cached.Loader", [...])`). */
function isCachedLoader(entry: Value): boolean | undefined {
  const known = singleValue(entry);
  if (!known) return undefined;
  if (known.kind === "str") return known.value === CACHED_LOADER;
  if (isSequence(known) && known.items[0]) {
    const name = singleValue(known.items[0]);
    return name?.kind === "str" ? name.value === CACHED_LOADER : undefined;
  }
  return undefined;
}

function wrapInCachedLoader(
  context: CheckContext,
  index: number,
  loaders: KnownValue,
  inProfile: boolean,
): Fix[] {
  const title = "Wrap the loaders in the cached loader";
  const span = loaders.span;
  const text = span && context.source(span.file);
  if (inProfile && span && text !== undefined) {
    const written = text.slice(span.from, span.to);
    if (!/^[[(]/.test(written)) return [];
    return [
      {
        title,
        // Templates are then compiled once per process: changes need a restart.
        applicability: "unsafe",
        edits: [{ file: span.file, range: span.range, newText: `[("${CACHED_LOADER}", ${written})]` }],
      },
    ];
  }
  if (inProfile) return [];
  const path = [index, "OPTIONS", "loaders"];
  const current = `TEMPLATES[${index}]["OPTIONS"]["loaders"]`;
  return [
    {
      title,
      applicability: "unsafe",
      edits: [assignItems(context, "TEMPLATES", [{ path, valueText: `[("${CACHED_LOADER}", ${current})]` }])],
    },
  ];
}
