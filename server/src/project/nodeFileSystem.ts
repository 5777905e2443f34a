// The file system as the engine sees it, read with Node's fs: text files only, bounded searches.
// A search skips what holds no project code (dependencies, virtual environments, caches, version
// control, build output), never follows a symbolic link (so it cannot leave the workspace or loop),
// and stops at a budget of folder entries, saying what it did not read (`unread`): a workspace
// opened at `/` or at a home folder is searched only a few levels deep, with a message.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, normalize, sep } from "node:path";
import { IGNORED_FOLDERS } from "./moduleFiles";
import { MAX_FILE_SIZE } from "./workspace";
import type { FileSystemHost } from "./workspace";

/** Folder entries one search looks at, at most: far above a monorepo of 2,000 projects (about 60,000). */
export const MAX_ENTRIES = 1_000_000;
const MAX_DEPTH = 12;
/** For a workspace folder at the file system's root or a home folder: a few levels, a small budget. */
const BROAD_FOLDER_DEPTH = 3;
const BROAD_FOLDER_ENTRIES = 20_000;
/** Hidden folders that hold deployment files: DigitalOcean App Platform's `.do/app.yaml`. */
const VISITED_DOT_FOLDERS = new Set([".do"]);

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Why the last read of each file gave no text, for files that exist (cleared when one is read). */
const readProblems = new Map<string, string>();
/** What the last search below each folder did not read. */
const searchReports = new Map<string, string[]>();

/** A file's text; undefined for a missing, unreadable, oversized, binary or non-UTF-8 file. */
export function readTextFile(path: string): string | undefined {
  let bytes: Buffer;
  try {
    // A missing file is the common answer (an import is looked for in every source root, on every
    // keystroke), so it is told without the exception statSync would build, which costs more than
    // the lookup itself.
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) {
      readProblems.delete(path);
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    if (stat.size > MAX_FILE_SIZE) {
      readProblems.set(
        path,
        `it is larger than ${MAX_FILE_SIZE / 1024 / 1024} MB (${(stat.size / 1024 / 1024).toFixed(1)} MB), more than any settings or deployment file`,
      );
      return undefined;
    }
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") readProblems.delete(path);
    else readProblems.set(path, `it cannot be read (${code === "EACCES" ? "permission denied" : code})`);
    return undefined;
  }
  const zero = bytes.indexOf(0);
  if (zero >= 0) {
    readProblems.set(path, `it holds a NUL byte at offset ${zero}: it is not text`);
    return undefined;
  }
  try {
    // The fatal decoder refuses invalid UTF-8, as Python does for source files; a BOM is accepted
    // (and dropped), as Python accepts it.
    const text = utf8.decode(bytes);
    readProblems.delete(path);
    return text;
  } catch {
    const offset = firstInvalidUtf8(bytes);
    readProblems.set(
      path,
      `it is not valid UTF-8${offset === undefined ? "" : ` (byte 0x${bytes[offset]!.toString(16).padStart(2, "0")} at offset ${offset})`}`,
    );
    return undefined;
  }
}

/** The offset of the first byte that makes `bytes` invalid UTF-8 (found by halving). */
function firstInvalidUtf8(bytes: Buffer): number | undefined {
  // Streaming, a prefix that ends inside a character is still valid: only a wrong byte fails.
  const valid = (end: number) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let low = 0;
  let high = bytes.length;
  if (valid(high)) return undefined;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (valid(middle)) low = middle;
    else high = middle;
  }
  // bytes[low] is the byte that cannot follow; when the bytes before it end inside a character,
  // the character's first byte is where decoding fails (where Python points, too).
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, low));
    return low;
  } catch {
    let start = low - 1;
    while (start > 0 && low - start < 4 && (bytes[start]! & 0xc0) === 0x80) start--;
    return start;
  }
}

/** Why `path`, which exists, gave no text at its last read; undefined when it did or does not exist. */
export function readProblem(path: string): string | undefined {
  return readProblems.get(path);
}

/** A folder that holds a virtual environment, whatever its name (venv writes pyvenv.cfg, conda conda-meta/). */
function isVirtualEnvironment(names: ReadonlySet<string>): boolean {
  return names.has("pyvenv.cfg") || names.has("conda-meta");
}

export function findFiles(
  root: string,
  accept: (baseName: string) => boolean,
  excluded?: (relativePath: string) => boolean,
  /** The budget of folder entries (a test's own; MAX_ENTRIES otherwise). */
  budget = MAX_ENTRIES,
  /** Told each folder before it is read (the command line's result cache records them). */
  beforeReading?: (folder: string) => void,
): string[] {
  const prefix = root.endsWith("/") ? root.length : root.length + 1;
  const isExcluded = (path: string) => excluded?.(path.slice(prefix)) === true;
  const broad = root === "/" || root === homedir();
  const maxDepth = broad ? BROAD_FOLDER_DEPTH : MAX_DEPTH;
  const maxEntries = broad ? Math.min(budget, BROAD_FOLDER_ENTRIES) : budget;
  const found: string[] = [];
  // A folder's entries are its path, a slash and their name: what path.join gives for a normalised
  // absolute POSIX folder and a name readdir returns, without join's normalising of every path (which
  // made the walk a third of what a first analysis allocated).
  const absolute = sep === "/" && isAbsolute(root);
  const below = (folder: string, name: string) =>
    absolute ? (folder.endsWith("/") ? `${folder}${name}` : `${folder}/${name}`) : join(folder, name);
  const queue: { folder: string; depth: number }[] = [
    { folder: absolute ? normalize(root) : root, depth: 0 },
  ];
  let entriesSeen = 0;
  let tooDeep = 0;
  let next = 0;
  for (; next < queue.length && entriesSeen < maxEntries; next++) {
    const { folder, depth } = queue[next]!;
    let entries;
    beforeReading?.(folder);
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    entriesSeen += entries.length;
    if (depth > 0 && isVirtualEnvironment(new Set(entries.map((entry) => entry.name)))) continue;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      // Symbolic links are neither files nor folders here: never followed, so a search cannot leave
      // the workspace or go round a loop.
      if (entry.isDirectory()) {
        const visible = !entry.name.startsWith(".") || VISITED_DOT_FOLDERS.has(entry.name);
        if (IGNORED_FOLDERS.has(entry.name) || !visible) continue;
        const path = below(folder, entry.name);
        if (isExcluded(path)) continue;
        if (depth < maxDepth) queue.push({ folder: path, depth: depth + 1 });
        else tooDeep++;
      } else if (entry.isFile() && accept(entry.name)) {
        const path = below(folder, entry.name);
        if (!isExcluded(path)) found.push(path);
      }
    }
  }
  const report: string[] = [];
  const where = root === "/" ? "the file system's root" : "a home folder";
  if (broad)
    report.push(
      `The workspace folder ${root} is ${where}: it was searched only ${BROAD_FOLDER_DEPTH} levels deep and up to ${BROAD_FOLDER_ENTRIES.toLocaleString("en")} entries. Open the project's own folder to check it whole.`,
    );
  if (next < queue.length)
    report.push(
      `The search of ${root} stopped after ${entriesSeen.toLocaleString("en")} folder entries; ${(queue.length - next).toLocaleString("en")} folders were not read (the first: ${queue[next]!.folder}). Settings modules there are not checked: open a smaller folder, or name the settings module (djangoDeploy.profiles, --settings).`,
    );
  if (tooDeep > 0 && !broad)
    report.push(
      `${tooDeep.toLocaleString("en")} folders of ${root} more than ${MAX_DEPTH} levels deep were not searched.`,
    );
  searchReports.set(root, report);
  return found;
}

/** What the last search below `root` did not read, and the files below it that could not be read. */
export function unread(root: string): string[] {
  const prefix = root.endsWith("/") ? root : `${root}/`;
  const problems = [...readProblems]
    .filter(([file]) => file.startsWith(prefix))
    .map(([file, problem]) => `${file} was not read: ${problem}.`);
  return [...(searchReports.get(root) ?? []), ...problems];
}

export function fileExists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

export function folderExists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

export const nodeFileSystem: FileSystemHost = {
  readFile: readTextFile,
  exists: fileExists,
  folderExists,
  findFiles: (root, accept, excluded) => findFiles(root, accept, excluded),
  unread,
  readProblem,
};
