// Finding the template files. They live in templates/ at the package root and are read at run time:
// from scaffold/src/ under tsx (tests) and from dist/ in the bundles, so the folder is found
// by walking up from this module's directory. The planner itself only sees a TemplateSource.
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

export const TEMPLATE_NAMES = [
  "wsgi.py.tpl",
  "asgi.py.tpl",
  "gunicorn.conf.py.tpl",
  "uwsgi.ini.tpl",
  "apache-site.conf.tpl",
  "hypercorn.toml.tpl",
  "Procfile.tpl",
  "systemd.service.tpl",
  "nginx-site.conf.tpl",
] as const;

export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** Returns the text of a template. */
export type TemplateSource = (name: TemplateName) => string;

/** The templates/ folder of the package this module belongs to. */
export function findTemplatesDirectory(start: string = __dirname): string {
  let directory = path.resolve(start);
  for (;;) {
    const candidate = path.join(directory, "templates");
    if (existsSync(path.join(candidate, "wsgi.py.tpl"))) return candidate;
    const parent = path.dirname(directory);
    if (parent === directory) {
      throw new Error(`cannot find the scaffold templates in any parent folder of ${start}`);
    }
    directory = parent;
  }
}

/** Reads templates from `directory` (found from this module's location by default), each once. */
export function fileTemplateSource(directory?: string): TemplateSource {
  const cache = new Map<TemplateName, string>();
  let resolved = directory;
  return (name) => {
    let text = cache.get(name);
    if (text === undefined) {
      resolved ??= findTemplatesDirectory();
      text = readFileSync(path.join(resolved, name), "utf8");
      cache.set(name, text);
    }
    return text;
  };
}
