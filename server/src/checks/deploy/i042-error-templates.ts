// deploy.I042: the project has no 404.html or 500.html template, so visitors see Django's bare
// default error pages. Looked for at the top of the template directories (TEMPLATES[…]["DIRS"])
// and of every `templates` or `jinja2` folder of the workspace (apps' templates); when DIRS is not
// known, anywhere in the workspace. A handler404/handler500 in the root URLconf counts too.
// https://docs.djangoproject.com/en/stable/ref/views/#error-views
import { basename, dirname } from "node:path";
import { settingLocation, type CheckContext } from "../context";
import { importRoots, moduleFile } from "../entryModules";
import { singleValue } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";
import { dictGet, isSequence, stringOf } from "../../evaluate/values";

const PAGES = ["404", "500"] as const;
const isErrorTemplateName = (name: string) => name === "404.html" || name === "500.html";
const isUrlsName = (name: string) => name === "urls.py";
const TEMPLATE_FOLDERS = new Set(["templates", "jinja2"]);

export const deployI042: CheckRecord = {
  id: "deploy.I042",
  severity: "information",
  title: "No 404.html or 500.html template",
  fixability: "none",
  run(context: CheckContext): CheckResult[] {
    const templates = context.settings.get("TEMPLATES");
    // TEMPLATES itself not known (an import the engine cannot follow): nothing can be said.
    if (!singleValue(templates.value)) return [];
    const directories = templateDirectories(context);
    const found = context.workspaceFiles(isErrorTemplateName);
    const handlers = errorHandlers(context);
    const missing = PAGES.filter((page) => {
      if (handlers.has(page)) return false;
      const name = `${page}.html`;
      const files = found.filter((file) => basename(file) === name);
      // Without known DIRS, any such template in the workspace may be the one Django finds.
      if (directories === undefined) return files.length === 0;
      return !files.some(
        (file) => directories.includes(dirname(file)) || TEMPLATE_FOLDERS.has(basename(dirname(file))),
      );
    });
    if (missing.length === 0) return [];
    const names = missing.map((page) => `${page}.html`).join(" and ");
    return [
      {
        message: `No ${names.replace(" and ", " or ")} template: visitors get Django's bare default error ${missing.length > 1 ? "pages" : "page"}.`,
        explanation: `Django's error views render ${names} from the template directories (TEMPLATES' DIRS and, with APP_DIRS, each app's templates folder); when there is none, they answer with a bare page of their own (${missing.map((page) => (page === "404" ? "'Not Found'" : "'Server Error (500)'")).join(", ")}), without your site's look or any way back. Add ${missing.length > 1 ? "both templates" : "the template"} at the top of a template directory. 500.html is rendered with an empty context, so it should not depend on context processors or on the database.`,
        location: settingLocation(templates, context),
      },
    ];
  },
};

/** Absolute DIRS of every template engine; undefined when one of them is not known. */
function templateDirectories(context: CheckContext): string[] | undefined {
  const templates = singleValue(context.settings.get("TEMPLATES").value);
  if (!templates || !isSequence(templates)) return undefined;
  const directories: string[] = [];
  for (const item of templates.items) {
    const engine = singleValue(item);
    if (engine?.kind !== "dict") return undefined;
    const dirsValue = dictGet(engine, "DIRS");
    if (!dirsValue) continue;
    const dirs = singleValue(dirsValue);
    if (!dirs || !isSequence(dirs)) return undefined;
    for (const entry of dirs.items) {
      const known = singleValue(entry);
      const path = known && stringOf(known);
      // A relative directory resolves against the server's working directory, which is not known.
      if (path === undefined || !path.startsWith("/")) return undefined;
      directories.push(path.replace(/\/+$/, ""));
    }
  }
  return directories;
}

/**
 * The pages the root URLconf has its own handler for (handler404 = …); when the URLconf is not
 * known, any urls.py of the workspace that sets one counts.
 */
function errorHandlers(context: CheckContext): Set<string> {
  const handled = new Set<string>();
  const scan = (text: string) => {
    for (const page of PAGES) if (new RegExp(`^handler${page}\\s*=`, "m").test(text)) handled.add(page);
  };
  const urlconf = singleValue(context.settings.get("ROOT_URLCONF").value);
  const file = urlconf?.kind === "str" ? moduleFile(context, urlconf.value, importRoots(context)) : undefined;
  if (file) scan(context.source(file) ?? "");
  else for (const urls of context.workspaceFiles(isUrlsName)) scan(context.source(urls) ?? "");
  return handled;
}
