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

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** Whether `file` is `folder` itself or below it. */
export function isInside(file: string, folder: string): boolean {
  const path = relative(folder, file);
  return path === "" || (!path.startsWith("..") && !isAbsolute(path));
}
