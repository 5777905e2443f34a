// Python module names ↔ files in the workspace.
import { dirname, join } from "node:path";
import type { FileSystemHost } from "./workspace";

/** Folders skipped when searching a workspace: environments, caches, dependencies. */
export const IGNORED_FOLDERS = new Set([
  ".git",
  ".hg",
  ".svn",
  "node_modules",
  "__pycache__",
  ".venv",
  "venv",
  "env",
  ".env",
  ".tox",
  ".nox",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache",
  "site-packages",
  "dist",
  "build",
  ".cache",
]);

/** The file of a dotted module under one of the source roots, if it exists. */
function fileExists(host: FileSystemHost, path: string): boolean {
  return host.exists ? host.exists(path) : host.readFile(path) !== undefined;
}

export function resolveModule(
  module: string,
  sourceRoots: readonly string[],
  host: FileSystemHost,
): string | undefined {
  const parts = module.split(".");
  for (const root of sourceRoots) {
    const base = join(root, ...parts);
    for (const candidate of [`${base}.py`, join(base, "__init__.py")]) {
      if (fileExists(host, candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Resolves `from .x import …` written in `fromFile`: one dot is the file's own package, each
 * further dot one package up. Returns the file and the absolute dotted name when known.
 */
export function resolveRelativeModule(
  module: string,
  fromFile: string,
  host: FileSystemHost,
): string | undefined {
  const dots = /^\.+/.exec(module)?.[0].length ?? 0;
  let folder = dirname(fromFile);
  for (let level = 1; level < dots; level++) folder = dirname(folder);
  const rest = module.slice(dots);
  const base = rest ? join(folder, ...rest.split(".")) : folder;
  for (const candidate of rest ? [`${base}.py`, join(base, "__init__.py")] : [join(base, "__init__.py")]) {
    if (fileExists(host, candidate)) return candidate;
  }
  return undefined;
}

/** The dotted name of a file below a source root, or undefined when it is not below any. */
/** Source roots longest first, sorted once per list (a monorepo names thousands of files). */
const longestFirst = new WeakMap<readonly string[], string[]>();

export function moduleNameOf(file: string, sourceRoots: readonly string[]): string | undefined {
  // The innermost source root wins: `src/site/settings.py` is `site.settings`, not `src.site.settings`.
  let sorted = longestFirst.get(sourceRoots);
  if (!sorted) longestFirst.set(sourceRoots, (sorted = [...sourceRoots].sort((a, b) => b.length - a.length)));
  for (const root of sorted) {
    const prefix = root.endsWith("/") ? root : `${root}/`;
    if (!file.startsWith(prefix)) continue;
    const relative = file
      .slice(prefix.length)
      .replace(/\.py$/, "")
      .replace(/\/__init__$/, "");
    if (relative.split("/").every((part) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(part)))
      return relative.split("/").join(".");
  }
  return undefined;
}
