// ProjectFiles over the local file system, for the CLI and the desktop extension host. Nothing here
// blocks on a FIFO or a device: a target is looked at with lstat/stat before it is opened, and it is
// opened without blocking.
import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  realpathSync,
  statSync,
} from "node:fs";
import * as path from "node:path";
import type { FileState, ProjectFiles } from "./planner";

/** Files larger than this are not read: no entry module or server configuration is that large. */
const MAX_TEXT_SIZE = 10 * 1024 * 1024;

/** The text of a regular file; undefined for anything else, or a file that cannot be read. */
export function readTextFile(absolutePath: string): string | undefined {
  let descriptor: number | undefined;
  try {
    if (!statSync(absolutePath).isFile()) return undefined;
    // O_NONBLOCK: a FIFO swapped in after the stat still cannot make the open wait for a writer.
    descriptor = openSync(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(descriptor);
    if (!stat.isFile() || stat.size > MAX_TEXT_SIZE) return undefined;
    return readFileSync(descriptor, "utf8");
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

function describeKind(stat: import("node:fs").Stats): string {
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  return "not a regular file";
}

/** What is at `absolutePath`, following symbolic links (the planner has checked where they lead). */
export function fileStateOf(absolutePath: string): FileState {
  let stat;
  try {
    stat = statSync(absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      try {
        lstatSync(absolutePath);
        return { kind: "not-a-file", what: "a symbolic link to nothing" };
      } catch {
        return { kind: "missing" };
      }
    }
    return { kind: "unreadable", reason: code ?? String(error) };
  }
  if (!stat.isFile()) return { kind: "not-a-file", what: describeKind(stat) };
  try {
    accessSync(absolutePath, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: "unreadable", reason: code === "EACCES" ? "permission denied" : (code ?? String(error)) };
  }
  if (readTextFile(absolutePath) === undefined) {
    return { kind: "unreadable", reason: stat.size > MAX_TEXT_SIZE ? "larger than 10 MB" : "not text" };
  }
  let readOnly = false;
  try {
    accessSync(absolutePath, constants.W_OK);
  } catch {
    readOnly = true;
  }
  return { kind: "file", readOnly };
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
  return {
    root: path.resolve(root),
    readFile: readTextFile,
    realPath: realPathOfExisting,
    fileState: fileStateOf,
  };
}
