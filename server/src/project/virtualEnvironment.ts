// The project's own virtual environment, where a settings module's third-party imports live
// (`from oscar.defaults import *`): a `.venv`, `venv` or `env` folder in the workspace, or the
// environment of the interpreter the user named (djangoDeploy.pythonPath, the CLI's --python). Its
// files are read like the project's, never run.
import { dirname, join } from "node:path";
import type { FileSystemHost } from "./workspace";

const VIRTUAL_ENVIRONMENT_FOLDERS = [".venv", "venv", "env", "virtualenv"];
/** Python versions whose site-packages folder is looked for (3.6 to 3.15). */
const MINOR_VERSIONS = Array.from({ length: 10 }, (_, index) => 15 - index);

/** Whether the folder exists: a host's `exists` may answer for files only (the disk's does). */
function folderExists(host: FileSystemHost, path: string): boolean {
  if (host.folderExists) return host.folderExists(path);
  return host.exists ? host.exists(path) : false;
}

function sitePackagesOf(environment: string, host: FileSystemHost): string[] {
  const found: string[] = [];
  for (const minor of MINOR_VERSIONS) {
    const folder = join(environment, "lib", `python3.${minor}`, "site-packages");
    if (folderExists(host, folder)) found.push(folder);
  }
  // Windows-style environments keep it directly under Lib.
  const windows = join(environment, "Lib", "site-packages");
  if (folderExists(host, windows)) found.push(windows);
  return found;
}

/** The site-packages folders to resolve third-party modules in, the user's interpreter's first. */
export function sitePackagesFolders(
  roots: readonly string[],
  host: FileSystemHost,
  pythonPath?: string,
): string[] {
  const folders: string[] = [];
  // …/venv/bin/python → …/venv
  if (pythonPath) folders.push(...sitePackagesOf(dirname(dirname(pythonPath)), host));
  for (const root of roots)
    for (const name of VIRTUAL_ENVIRONMENT_FOLDERS) folders.push(...sitePackagesOf(join(root, name), host));
  return [...new Set(folders)];
}
