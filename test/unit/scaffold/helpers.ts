// In-memory projects for the planner tests.
import * as path from "node:path";
import { type ProjectFiles, type RawAnswers, fileTemplateSource } from "../../../scaffold/src/index";

export const templates = fileTemplateSource();

/** A workspace at `root` holding `files` (paths relative to it) and symbolic links (path → target). */
export function memoryProject(
  root: string,
  files: Record<string, string>,
  links: Record<string, string> = {},
): ProjectFiles {
  const contents = new Map(Object.entries(files).map(([name, text]) => [path.join(root, name), text]));
  const linkTargets = new Map(Object.entries(links).map(([name, target]) => [path.join(root, name), target]));
  const realPath = (absolute: string): string => {
    const parts = path.resolve(absolute).split(path.sep).filter(Boolean);
    let current: string = path.sep;
    for (const part of parts) {
      current = path.join(current, part);
      const target = linkTargets.get(current);
      if (target !== undefined) current = path.resolve(path.dirname(current), target);
    }
    return current;
  };
  return {
    root,
    readFile: (absolute) => contents.get(realPath(absolute)) ?? contents.get(absolute),
    realPath,
  };
}

/** The project startproject creates, at /work/site. */
export function startProject(extra: Record<string, string> = {}): ProjectFiles {
  return memoryProject("/work/site", {
    "manage.py": "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
    "mysite/__init__.py": "",
    "mysite/settings.py": "WSGI_APPLICATION = 'mysite.wsgi.application'\n",
    ...extra,
  });
}

export function answers(overrides: Partial<RawAnswers> & Pick<RawAnswers, "kind" | "server">): RawAnswers {
  return { projectPackage: "mysite", ...overrides } as RawAnswers;
}
