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
  sourceRoots: Iterable<string>,
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

/**
 * The source roots by the folder prefix they give a file below them (`/work/app/`), the innermost of
 * a file's folders being looked up first: a monorepo has thousands of roots and names thousands of
 * files, and trying every root for every file was quadratic.
 */
const rootsByPrefix = new WeakMap<readonly string[], Map<string, string>>();

const prefixOf = (root: string) => (root.endsWith("/") ? root : `${root}/`);

/** The dotted name of a file below a source root, or undefined when it is not below any. */
export function moduleNameOf(file: string, sourceRoots: readonly string[]): string | undefined {
  // The innermost source root wins: `src/site/settings.py` is `site.settings`, not `src.site.settings`.
  let byPrefix = rootsByPrefix.get(sourceRoots);
  if (!byPrefix) {
    byPrefix = new Map();
    for (const root of sourceRoots) if (!byPrefix.has(prefixOf(root))) byPrefix.set(prefixOf(root), root);
    rootsByPrefix.set(sourceRoots, byPrefix);
  }
  // Each folder of the file, the longest first: the roots it is below, as the longest root first would.
  for (let end = file.lastIndexOf("/"); end >= 0; end = end > 0 ? file.lastIndexOf("/", end - 1) : -1) {
    const prefix = file.slice(0, end + 1);
    if (!byPrefix.has(prefix)) continue;
    const relative = file
      .slice(prefix.length)
      .replace(/\.py$/, "")
      .replace(/\/__init__$/, "");
    if (relative.split("/").every((part) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(part)))
      return relative.split("/").join(".");
  }
  return undefined;
}
