// The file system as the engine sees it, read with Node's fs: text files only, bounded searches.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { IGNORED_FOLDERS } from "./moduleFiles";
import { MAX_FILE_SIZE } from "./workspace";
import type { FileSystemHost } from "./workspace";

/** How many folders one search visits at most, so a huge tree cannot stall the editor. */
const MAX_FOLDERS = 20_000;
const MAX_DEPTH = 12;
/** Hidden folders that hold deployment files: DigitalOcean App Platform's `.do/app.yaml`. */
const VISITED_DOT_FOLDERS = new Set([".do"]);

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A file's text; undefined for a missing, unreadable, oversized, binary or non-UTF-8 file. */
export function readTextFile(path: string): string | undefined {
  try {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > MAX_FILE_SIZE) return undefined;
    const bytes = readFileSync(path);
    if (bytes.includes(0)) return undefined;
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

export function findFiles(root: string, accept: (baseName: string) => boolean): string[] {
  const found: string[] = [];
  const queue: { folder: string; depth: number }[] = [{ folder: root, depth: 0 }];
  let visited = 0;
  while (queue.length > 0 && visited < MAX_FOLDERS) {
    const { folder, depth } = queue.shift()!;
    visited++;
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.isDirectory()) {
        const visible = !entry.name.startsWith(".") || VISITED_DOT_FOLDERS.has(entry.name);
        if (!IGNORED_FOLDERS.has(entry.name) && visible && depth < MAX_DEPTH) {
          queue.push({ folder: join(folder, entry.name), depth: depth + 1 });
        }
      } else if (entry.isFile() && accept(entry.name)) {
        found.push(join(folder, entry.name));
      }
    }
  }
  return found;
}

export function fileExists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export const nodeFileSystem: FileSystemHost = { readFile: readTextFile, exists: fileExists, findFiles };
