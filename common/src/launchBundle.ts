// Loads a bundle through a compile cache, for the small launchers of the command line (dist/cli.js)
// and the language server (dist/server.js). Compiling a bundle of a megabyte anew was most of what a
// start cost beyond Node's own. Node 22.1 and later keep such a cache themselves
// (module.enableCompileCache); on older Node the compiled code is saved with vm.Script's cachedData in
// the user's cache folder and handed back to V8 on the next start. V8 refuses a cache made by another
// V8 version, other flags or another source, and the bundle is then compiled as usual. Nothing here
// may throw because of the cache: any failure falls back to a plain require.
//
// A bundle's text is a function expression with a line that runs it at once under require (esbuild.mjs
// adds both), so that it is compiled here as it stands: wrapping it in a function first (Module.wrap)
// made V8 copy the whole text into one string, and on a virtual machine whose page faults are slow
// (about 20 µs each on the benchmark's) every megabyte touched costs about 5 ms of a start.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";

/**
 * How much bytecode a function runs between V8's checks of whether to optimise it: 32 times V8 11's
 * default of 66 KB. With the default, a check of a fresh startproject had Turbofan compile about 90
 * functions, most of them for a parse that was over before their code was ready; that compilation was
 * a fifth of the check's CPU time and 9 MB of its memory, and the server's start paid the same.
 * Functions that stay hot are still optimised: a check of a 10,000-line module or of a workspace of
 * 20 projects, and 40 keystrokes in the server on a 1,000-line module, took less CPU with it, and the
 * keystrokes no longer.
 */
const INTERRUPT_BUDGET_FLAG = `--interrupt-budget=${32 * 66 * 1024}`;

/**
 * V8 flags are set on Node 20 only (V8 11.3), where they were measured and are known to exist (V8
 * prints an error for a flag it does not know), and before the bundle is compiled: V8 takes a code
 * cache only under the flags it was made with.
 */
const FLAGS_MEASURED_ON_V8 = "11.3.";

export interface LaunchOptions {
  /** Further V8 flags for this program (see FLAGS_MEASURED_ON_V8). */
  v8Flags?: readonly string[];
  /**
   * Save the cache this many milliseconds after the start, if the process has not exited by then (a
   * server, which may be killed rather than exit); otherwise it is saved at exit. Either way the cache
   * holds every function compiled by then, not only the bundle's top level.
   */
  saveAfterMs?: number;
}

/**
 * django-deploy's folder in the user's own cache folder (XDG): the code cache of Node 20 and 21, and
 * the command line's kept results (resultCache.ts).
 */
export function cacheFolder(): string | undefined {
  const base = process.env.XDG_CACHE_HOME || (homedir() ? join(homedir(), ".cache") : undefined);
  return base ? join(base, "django-deploy") : undefined;
}

/** Runs the CommonJS bundle `file` (everything bundled: it requires Node's own modules only). */
export function launchBundle(file: string, options: LaunchOptions = {}): void {
  if (process.versions.v8.startsWith(FLAGS_MEASURED_ON_V8)) {
    // node:v8 is required here, not at the top: its loading (heap utilities, streams) would cost the
    // command line's replay of a kept result (common/src/resultCache.ts) a third of its own time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { setFlagsFromString } = require("node:v8") as typeof import("node:v8");
    for (const flag of [INTERRUPT_BUDGET_FLAG, ...(options.v8Flags ?? [])]) setFlagsFromString(flag);
  }
  const load = createRequire(file);
  // Node's own switch for its compile cache turns ours off too.
  if (process.env.NODE_DISABLE_COMPILE_CACHE) {
    load(file);
    return;
  }
  const enableCompileCache = (Module as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (typeof enableCompileCache === "function") {
    try {
      enableCompileCache();
    } catch {
      // Without the cache the bundle is compiled as usual.
    }
    load(file);
    return;
  }
  const name = basename(file, ".js");
  let script: Script;
  let cacheFile: string | undefined;
  let cached: Buffer | undefined;
  try {
    const folder = cacheFolder();
    const { size, mtimeMs } = statSync(file);
    // A new bundle (another size or time) or another Node gets a cache of its own.
    if (folder)
      cacheFile = join(
        folder,
        `${name}-${process.version}-${process.arch}-${size}-${Math.trunc(mtimeMs)}.v8`,
      );
    try {
      if (cacheFile) cached = readFileSync(cacheFile);
    } catch {
      cached = undefined;
    }
    // The bundle is ASCII (esbuild.mjs checks): read as Latin-1, V8 takes the bytes as they are, where
    // UTF-8 would be decoded through a second buffer.
    script = new Script(readFileSync(file, "latin1"), { filename: file, cachedData: cached });
  } catch {
    load(file);
    return;
  }
  if (cacheFile && (cached === undefined || script.cachedDataRejected)) {
    const target = cacheFile;
    let saved = false;
    const save = () => {
      if (saved) return;
      saved = true;
      saveCache(script, target, name);
    };
    process.once("exit", save);
    if (options.saveAfterMs !== undefined) setTimeout(save, options.saveAfterMs).unref();
  }
  // Run as a script rather than required, the bundle's text evaluates to its function.
  const run = script.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: object },
    filename: string,
    dirname: string,
  ) => void;
  const bundle = { exports: {} };
  run.call(bundle.exports, bundle.exports, load, bundle, file, dirname(file));
}

/**
 * Writes the code cache under a temporary name first (a reader never sees half a file), and removes
 * the bundle's caches of earlier versions or other Node versions. Failures are ignored.
 */
function saveCache(script: Script, file: string, name: string): void {
  try {
    const folder = dirname(file);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    renameSync(temporary, file);
    for (const other of readdirSync(folder)) {
      if (other.startsWith(`${name}-`) && other.endsWith(".v8") && other !== basename(file))
        rmSync(join(folder, other), { force: true });
    }
  } catch {
    // A read-only or missing home folder: the next start compiles again.
  }
}
