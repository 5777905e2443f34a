// Document URIs ↔ the file system paths the engine works with. Only `file:` URIs name files the
// engine can read; any other scheme (untitled, git, …) is left alone.
import { isAbsolute, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * The URIs of absolute paths already converted: every analysis names the files of every finding, and
 * pathToFileURL costs microseconds each (thousands of findings in a workspace of many projects).
 */
const uris = new Map<string, string>();
const MAX_REMEMBERED_URIS = 100_000;

export function pathToUri(path: string): string {
  // A relative path is resolved against the working folder, which may change: not remembered.
  if (!isAbsolute(path)) return pathToFileURL(path).href;
  let uri = uris.get(path);
  if (uri === undefined) {
    if (uris.size >= MAX_REMEMBERED_URIS) uris.clear();
    uris.set(path, (uri = pathToFileURL(path).href));
  }
  return uri;
}

/** Whether `file` is `folder` itself or below it. */
export function isInside(file: string, folder: string): boolean {
  const path = relative(folder, file);
  return path === "" || (!path.startsWith("..") && !isAbsolute(path));
}
