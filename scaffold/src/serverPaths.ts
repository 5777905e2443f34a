// Paths as they will be on the server. Kept apart from projectFacts.ts, which runs the engine: the
// editor's wizard needs this conversion but asks the language server for the facts themselves.
import * as path from "node:path";

/** Whether `child` is `parent` itself or below it. */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * A path on this machine as it will be on the server: the part below the local project folder is
 * put below `deployPath`; a path elsewhere is kept as the settings wrote it (an absolute path such as
 * /var/www/static is meant for the server already).
 */
export function serverSidePath(localPath: string, projectFolder: string, deployPath: string): string {
  const folder = path.resolve(projectFolder);
  if (!isInside(folder, localPath)) return localPath;
  const below = path.relative(folder, localPath).split(path.sep).filter(Boolean);
  return [deployPath.replace(/\/+$/, ""), ...below].join("/");
}
