// ProjectFiles over the local file system, for the CLI and the desktop extension host.
import { readFileSync, realpathSync } from "node:fs";
import * as path from "node:path";
import type { ProjectFiles } from "./planner";

export function readTextFile(absolutePath: string): string | undefined {
  try {
    return readFileSync(absolutePath, "utf8");
  } catch {
    return undefined;
  }
}

/** Resolves symbolic links in the longest leading part of `absolutePath` that exists. */
export function realPathOfExisting(absolutePath: string): string {
  const missing: string[] = [];
  let current = path.resolve(absolutePath);
  for (;;) {
    try {
      return path.join(realpathSync(current), ...missing.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.resolve(absolutePath);
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

export function nodeProjectFiles(root: string): ProjectFiles {
  return { root: path.resolve(root), readFile: readTextFile, realPath: realPathOfExisting };
}
