// The command line's result cache: a `check` whose inputs have not changed since an earlier run prints
// that run's output again, without loading the engine. Most of a check of a small project is the
// start of a Node program and the first run of cold code (parse, evaluate, checks); a pre-commit hook
// or a rerun in a terminal checks the same settings again and again.
//
// An entry is kept per command line (its arguments, folder, the environment variables that change
// the output, what the standard output is, and the bundle that ran), with every file and folder the
// check looked at and what it found there: for a file, its inode, size and change times;
// for a folder it searched, the same of the folder itself, which change when an entry is added,
// removed or renamed in it. The entry is used only while every one of them is still the same. A path
// whose times are within RACY_MS of the run is not trusted (a change in the same tick of a coarse
// file-system clock would not show), and no entry is kept for that run.
//
// The launcher (dist/cli.js) replays entries; the check command (cli/src/checkCommand.ts) records
// them. Neither may fail because of the cache: any error means "no entry".
import {
  fstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { cacheFolder } from "./launchBundle";

/**
 * Every environment variable that can change what `check` prints or its exit status. A variable read
 * by the command line or the engine and not listed here would let an entry made under one value be
 * replayed under another (test/unit/cli/resultCache.test.ts looks for reads of others).
 */
export const OUTPUT_ENVIRONMENT = [
  "DJANGO_SETTINGS_MODULE",
  "DJANGO_DEPLOY_FAULT_INJECTION",
  "FORCE_COLOR",
  "NO_COLOR",
  "TERM",
  // The workspace search reads less below a home folder (nodeFileSystem.ts).
  "HOME",
] as const;

/** A path changed this recently (or later) is not trusted: see the header. */
export const RACY_MS = 3_000;

/**
 * Paths a kept result may rest on, at most: a workspace of 200 projects (20,000 Python files) has
 * about 30,000 to observe, and its entry takes about 6 MB; a larger one is checked afresh each time
 * rather than leave tens of megabytes in the cache folder.
 */
export const MAX_OBSERVED_PATHS = 50_000;

/** Entries kept, at most; the oldest go first. */
const MAX_ENTRIES = 200;

const FORMAT = 1;

/** What a run was asked, which an entry must match exactly. */
export interface RunIdentity {
  argv: readonly string[];
  cwd: string;
  environment: Readonly<Record<string, string | undefined>>;
  /** What the standard output is (stdoutKind): a terminal gets colours. */
  stdout: string;
  /** The bundle that ran the check: its path, size and modification time. */
  bundle: string;
}

export function runKey(run: RunIdentity): string {
  const environment = OUTPUT_ENVIRONMENT.map((name) => [name, run.environment[name] ?? null]);
  return JSON.stringify([FORMAT, run.bundle, run.cwd, run.argv, environment, run.stdout]);
}

/** The bundle's identity for runKey: another build (or another copy of it) is another key. */
function bundleIdentity(file: string): string | undefined {
  try {
    const { size, mtimeMs } = statSync(file);
    return `${file}:${size}:${mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** Where entries are kept: beside the code cache, in the user's cache folder. */
export function resultFolder(): string | undefined {
  const folder = cacheFolder();
  return folder === undefined ? undefined : join(folder, "results");
}

/** A path's state as an entry records it: "-" when it does not exist. */
export interface Observed {
  signature: string;
  /** The later of its modification and status-change times, in milliseconds (0 when missing). */
  changedMs: number;
}

export function observe(path: string): Observed {
  try {
    const stat = statSync(path, { bigint: true, throwIfNoEntry: false });
    if (!stat) return { signature: "-", changedMs: 0 };
    const kind = stat.isDirectory() ? "d" : stat.isFile() ? "f" : "o";
    return {
      signature: `${kind}:${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`,
      changedMs: Number((stat.mtimeNs > stat.ctimeNs ? stat.mtimeNs : stat.ctimeNs) / 1_000_000n),
    };
  } catch (error) {
    return { signature: `!${(error as NodeJS.ErrnoException).code ?? "error"}`, changedMs: 0 };
  }
}

/** What a run printed, in order: 1 for the standard output, 2 for the standard error. */
export type Output = [stream: 1 | 2, text: string][];

interface Entry {
  key: string;
  paths: [path: string, signature: string][];
  output: Output;
  exitCode: number;
}

/**
 * A short file name for a key (32-bit FNV-1a and the key's length). Two keys with one name only
 * replace each other's entry: the entry holds the whole key.
 */
function entryName(key: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  return `${(hash >>> 0).toString(16).padStart(8, "0")}-${key.length.toString(16)}.json`;
}

/**
 * The recorded output and exit status of a run with this key, when every path it looked at is as it
 * was; undefined otherwise (or when anything goes wrong).
 */
export function findResult(folder: string, key: string): { output: Output; exitCode: number } | undefined {
  let entry: Entry;
  try {
    entry = JSON.parse(readFileSync(join(folder, entryName(key)), "utf8")) as Entry;
  } catch {
    return undefined;
  }
  if (entry.key !== key || !Array.isArray(entry.paths) || !Array.isArray(entry.output)) return undefined;
  for (const [path, signature] of entry.paths) {
    if (observe(path).signature !== signature) return undefined;
  }
  return { output: entry.output, exitCode: entry.exitCode };
}

/**
 * Keeps a run's output for its key, unless a path it looked at changed within RACY_MS of `nowMs`.
 * Returns whether it did.
 */
export function saveResult(
  folder: string,
  key: string,
  paths: ReadonlyMap<string, Observed>,
  output: Output,
  exitCode: number,
  nowMs = Date.now(),
): boolean {
  for (const observed of paths.values()) {
    if (observed.changedMs >= nowMs - RACY_MS) return false;
  }
  const entry: Entry = {
    key,
    paths: [...paths].map(([path, observed]) => [path, observed.signature]),
    output,
    exitCode,
  };
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const file = join(folder, entryName(key));
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(entry), { mode: 0o600 });
    renameSync(temporary, file);
    prune(folder);
    return true;
  } catch {
    return false;
  }
}

/** Removes the oldest entries beyond MAX_ENTRIES. */
function prune(folder: string): void {
  const names = readdirSync(folder).filter((name) => name.endsWith(".json"));
  if (names.length <= MAX_ENTRIES) return;
  const aged = names
    .map((name) => ({ name, mtimeMs: statSync(join(folder, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => a.mtimeMs - b.mtimeMs);
  for (const { name } of aged.slice(0, names.length - MAX_ENTRIES))
    rmSync(join(folder, name), { force: true });
}

/** This process's run, for the bundle `bundle` (the launcher's and the check command's view agree). */
export function currentRun(bundle: string): RunIdentity | undefined {
  const identity = bundleIdentity(bundle);
  if (identity === undefined) return undefined;
  return {
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    environment: process.env,
    stdout: stdoutKind(),
    bundle: identity,
  };
}

/**
 * What the standard output is, told apart as far as the output may differ: a character device by its
 * device number (a terminal is one, /dev/null another), else its kind. Read with fstat rather than
 * tty.isatty, whose module (with net and streams) would be most of a replay's own cost.
 */
function stdoutKind(): string {
  try {
    const stat = fstatSync(1);
    if (stat.isCharacterDevice()) return `character device ${stat.rdev}`;
    return stat.isFIFO() ? "pipe" : stat.isFile() ? "file" : stat.isSocket() ? "socket" : "other";
  } catch {
    return "none";
  }
}

/** Writes all of `text` to a file descriptor, waiting out a full pipe (EAGAIN) rather than failing. */
function writeAll(descriptor: number, text: string): void {
  let bytes = Buffer.from(text);
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(descriptor, bytes));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
    }
  }
}

/**
 * Prints the recorded output of an unchanged `check` and returns its exit status; undefined (having
 * printed nothing) when there is no such entry.
 */
export function replayUnchangedCheck(bundle: string): number | undefined {
  if (!process.argv.slice(2).includes("check")) return undefined;
  const folder = resultFolder();
  const run = currentRun(bundle);
  if (folder === undefined || run === undefined) return undefined;
  const found = findResult(folder, runKey(run));
  if (!found) return undefined;
  // Straight to the descriptors: process.stdout would load Node's stream and terminal modules.
  try {
    for (const [stream, text] of found.output) writeAll(stream, text);
  } catch {
    // A closed output (EPIPE): what the check would have met too.
  }
  return found.exitCode;
}
