// deploy.W062: an ASGI entry module imports project code that touches models (routing, consumers,
// models themselves) before get_asgi_application() has run. Importing models needs Django's app
// registry, which that call fills: at start-up the import fails with AppRegistryNotReady.
// https://channels.readthedocs.io/en/stable/installation.html
// https://docs.djangoproject.com/en/stable/howto/deployment/asgi/#applying-asgi-middleware
import { basename, dirname, join } from "node:path";
import { offsetToPosition, shorten, type CheckContext } from "../context";
import { everyEntryModule, moduleFile, type EntryModule } from "../entryModules";
import { registryReadyAt, type ModuleImport } from "../entryModuleSyntax";
import type { CheckRecord, CheckResult, Fix } from "../types";

/** Parts of a module path whose modules import models as they load. */
const LOADS_MODELS = new Set([
  "models",
  "routing",
  "consumers",
  "urls",
  "views",
  "admin",
  "schema",
  "serializers",
  "signals",
  "forms",
  "api",
]);
// Django's own django.db.models (fields, Count, Q) is importable before the app registry is ready;
// the models of apps, django.contrib's included, are not.
const IMPORTS_MODELS =
  /^\s*(from\s+(?!django\.db\.)\S*\bmodels\b|import\s+(?!django\.db\.)\S*\bmodels\b|from\s+\S*\b(consumers|routing|views)\b)|get_user_model\(\)/m;

export const deployW062: CheckRecord = {
  id: "deploy.W062",
  severity: "warning",
  title: "An ASGI entry module imports project code before get_asgi_application()",
  fixability: "safe",
  scope: "workspace",
  thirdPartySettings: ["ASGI_APPLICATION"],
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    for (const entry of everyEntryModule(context)) {
      if (entry.kind !== "asgi") continue;
      const ready = registryReadyAt(entry.syntax);
      if (!ready) continue;
      const text = context.source(entry.file) ?? "";
      const root = packageRoot(context, entry.file);
      for (const imported of entry.syntax.imports) {
        if (imported.statement.from >= ready.statement.from) continue;
        const culprit = imported.modules
          .map((module) => modelsLoader(context, absolute(module, entry.file, root), root))
          .find((found) => found !== undefined);
        if (!culprit) continue;
        results.push({
          message: `${shorten(culprit, 36)} is imported before get_asgi_application(): AppRegistryNotReady.`,
          explanation: `${basename(entry.file)} imports ${culprit} before ${text.slice(ready.call.from, ready.call.to)} has run. That module imports models (directly or through routing and consumers), and models can only be imported once Django's app registry is ready, which get_asgi_application() makes it: the server fails at start-up with AppRegistryNotReady ("Apps aren't loaded yet"). Import it after the call, as Django's and Channels' documentation show.`,
          location: {
            file: entry.file,
            range: {
              start: offsetToPosition(text, imported.statement.from),
              end: offsetToPosition(text, imported.statement.to),
            },
          },
          fixes: moveBelow(entry, imported, ready.statement, text),
        });
      }
    }
    return results;
  },
};

/** The folder above the entry module's top-level package (where its absolute imports start). */
function packageRoot(context: CheckContext, file: string): string {
  let root = dirname(file);
  while (context.source(join(root, "__init__.py")) !== undefined && dirname(root) !== root)
    root = dirname(root);
  return root;
}

/** `from .routing import x` in `mysite/asgi.py` → `mysite.routing`. */
function absolute(module: string, file: string, root: string): string {
  const dots = /^\.*/.exec(module)![0].length;
  if (dots === 0) return module;
  const packageParts = dirname(file)
    .slice(root.length + 1)
    .split("/")
    .filter((part) => part !== "");
  const base = packageParts.slice(0, Math.max(0, packageParts.length - (dots - 1)));
  return [
    ...base,
    ...module
      .slice(dots)
      .split(".")
      .filter((part) => part !== ""),
  ].join(".");
}

/** The module an import loads that imports models, if any (`from a.b import c` may load a.b or a.b.c). */
function modelsLoader(context: CheckContext, module: string, root: string): string | undefined {
  const parts = module.split(".");
  const models = parts.indexOf("models");
  if (models >= 0) return parts.slice(0, models + 1).join(".");
  // Other modules only when they are the project's own (in the workspace).
  for (const candidate of [module, parts.slice(0, -1).join(".")]) {
    if (!candidate) continue;
    const file = moduleFile(context, candidate, [root]);
    if (!file) continue;
    if (
      candidate
        .split(".")
        .slice(1)
        .some((part) => LOADS_MODELS.has(part))
    )
      return candidate;
    if (IMPORTS_MODELS.test(context.source(file) ?? "")) return candidate;
  }
  return undefined;
}

function moveBelow(
  entry: EntryModule,
  imported: ModuleImport,
  ready: { from: number; to: number },
  text: string,
): Fix[] {
  if (!imported.ownLine || !imported.topLevel) return [];
  const between = text.slice(imported.statement.to, ready.to);
  // A name the import binds that is used before the call would then be undefined there.
  if (imported.names.some((name) => new RegExp(`\\b${name.replace(/\./g, "\\.")}\\b`).test(between)))
    return [];
  const lineStart = text.lastIndexOf("\n", imported.statement.from - 1) + 1;
  const lineEnd = text.indexOf("\n", imported.statement.to);
  const readyEnd = text.indexOf("\n", ready.to - 1);
  if (lineEnd < 0 || readyEnd < 0) return [];
  const statement = text.slice(lineStart, lineEnd + 1);
  const at = offsetToPosition(text, readyEnd + 1);
  return [
    {
      title: "Move the import below get_asgi_application()",
      // The module is the same but for the order: the import now runs once the registry is ready.
      applicability: "safe",
      edits: [
        {
          file: entry.file,
          range: { start: offsetToPosition(text, lineStart), end: offsetToPosition(text, lineEnd + 1) },
          newText: "",
        },
        { file: entry.file, range: { start: at, end: at }, newText: statement },
      ],
    },
  ];
}
