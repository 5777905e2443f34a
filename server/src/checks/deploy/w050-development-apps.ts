// deploy.W050: an app or middleware made for development is active in production: the Django
// Debug Toolbar, django-extensions, django-silk's profiler, django-browser-reload.
// https://docs.djangoproject.com/en/stable/howto/deployment/checklist/
import type { CheckContext } from "../context";
import { appendStatement } from "../fixes/dictEntry";
import { removeItem } from "../listItemEdits";
import { singleValue } from "../predicates";
import type { CheckRecord, CheckResult, Fix } from "../types";
import type { SequenceValue, Value } from "../../evaluate/values";

/** Dotted paths (and their AppConfig paths' first part) of development-only apps and middleware. */
const DEVELOPMENT_ONLY: Record<string, { setting: "INSTALLED_APPS" | "MIDDLEWARE"; what: string }> = {
  debug_toolbar: { setting: "INSTALLED_APPS", what: "the Django Debug Toolbar" },
  django_extensions: { setting: "INSTALLED_APPS", what: "django-extensions (runserver_plus, shell_plus, …)" },
  silk: { setting: "INSTALLED_APPS", what: "django-silk's request profiler" },
  django_browser_reload: { setting: "INSTALLED_APPS", what: "django-browser-reload" },
  "debug_toolbar.middleware.DebugToolbarMiddleware": {
    setting: "MIDDLEWARE",
    what: "the Django Debug Toolbar's middleware",
  },
  "silk.middleware.SilkyMiddleware": { setting: "MIDDLEWARE", what: "django-silk's profiling middleware" },
  "django_browser_reload.middleware.BrowserReloadMiddleware": {
    setting: "MIDDLEWARE",
    what: "django-browser-reload's middleware",
  },
};

export const deployW050: CheckRecord = {
  id: "deploy.W050",
  severity: "warning",
  title: "A development-only app or middleware is active in production",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    for (const name of ["INSTALLED_APPS", "MIDDLEWARE"] as const) {
      const list = singleValue(context.settings.get(name).value);
      if (list?.kind !== "list" && list?.kind !== "tuple") continue;
      for (const item of list.items) {
        const entry = singleValue(item);
        if (entry?.kind !== "str" || !item.span) continue;
        // An AppConfig path (`debug_toolbar.apps.DebugToolbarConfig`) names the same app.
        const key = name === "INSTALLED_APPS" ? entry.value.split(".apps.")[0]! : entry.value;
        const known = DEVELOPMENT_ONLY[key];
        if (!known || known.setting !== name) continue;
        const fix = removeEntry(context, name, list, item, entry.value);
        results.push({
          message: `${entry.value} is a development tool and is active in production.`,
          explanation: `${name} contains ${entry.value}, ${known.what}. It is made for development: in production it adds work to every request or management command, exposes internals (SQL, settings, profiles) to whoever can reach it, and widens what an attacker can use. Install it only in development settings (for example in a dev module, or under if DEBUG).`,
          location: { file: item.span.file, range: item.span.range },
          fixes: fix ? [fix] : [],
        });
      }
    }
    return results;
  },
};

function removeEntry(
  context: CheckContext,
  name: string,
  list: SequenceValue,
  item: Value,
  path: string,
): Fix | undefined {
  const title = `Remove ${path} from ${name}`;
  // URL patterns and templates that use the app break once it is gone: the user must review.
  const applicability = "unsafe" as const;
  const itemSpan = item.span!;
  const container = list.span;
  if (itemSpan.file === context.profile.file) {
    const text = context.source(itemSpan.file);
    if (!text || !container || container.file !== itemSpan.file || !directlyInside(text, container, itemSpan))
      return undefined;
    const edit = removeItem(text, itemSpan, container, list.items.length);
    return edit ? { title, applicability, edits: [edit] } : undefined;
  }
  // Inherited from a module development shares: production removes it from its own copy.
  if (list.kind !== "list") return undefined;
  const edit = appendStatement(context, `${name}.remove(${JSON.stringify(path)})`);
  return { title: `${title} in the production settings`, applicability, edits: [edit] };
}

/** Whether the item sits directly in the list literal `container` (not in a nested or added one). */
function directlyInside(
  text: string,
  container: { from: number; to: number },
  item: { from: number },
): boolean {
  const literal = text.slice(container.from, container.to);
  if (!/^[[(]/.test(literal) || !/[\])]$/.test(literal)) return false;
  let depth = 0;
  for (let offset = container.from; offset < item.from; offset++) {
    const character = text[offset]!;
    if ("[(".includes(character)) depth++;
    else if ("])".includes(character)) depth--;
    if (depth === 0) return false;
  }
  return depth === 1;
}
