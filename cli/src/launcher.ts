// The `django-deploy` executable (dist/cli.js): a few lines that load the command line's bundle
// (dist/cli-main.js) through a V8 code cache. Compiling the bundle anew was most of what a check of a
// small project cost beyond Node's own start. Node 22.1 and later keep such a cache themselves
// (module.enableCompileCache); on older Node the compiled code is saved with vm.Script's cachedData in
// the user's cache folder and handed back to V8 on the next start. V8 refuses a cache made by another
// V8 version, other flags or another source, and the bundle is then compiled as usual. Nothing here
// may throw because of the cache: any failure falls back to a plain require.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";

const MAIN = join(__dirname, "cli-main.js");
const load = createRequire(__filename);

/** Where the code cache of Node 20 and 21 is kept: the user's own cache folder (XDG). */
function cacheFolder(): string | undefined {
  const base = process.env.XDG_CACHE_HOME || (homedir() ? join(homedir(), ".cache") : undefined);
  return base ? join(base, "django-deploy") : undefined;
}

function launch(): void {
  // Node's own switch for its compile cache turns ours off too.
  if (process.env.NODE_DISABLE_COMPILE_CACHE) {
    load(MAIN);
    return;
  }
  const enableCompileCache = (Module as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (typeof enableCompileCache === "function") {
    try {
      enableCompileCache();
    } catch {
      // Without the cache the bundle is compiled as usual.
    }
    load(MAIN);
    return;
  }
  let script: Script;
  let cacheFile: string | undefined;
  let cached: Buffer | undefined;
  try {
    const folder = cacheFolder();
    const { size, mtimeMs } = statSync(MAIN);
    // A new bundle (another size or time) or another Node gets a cache of its own.
    if (folder)
      cacheFile = join(
        folder,
        `cli-main-${process.version}-${process.arch}-${size}-${Math.trunc(mtimeMs)}.v8`,
      );
    try {
      if (cacheFile) cached = readFileSync(cacheFile);
    } catch {
      cached = undefined;
    }
    script = new Script(Module.wrap(readFileSync(MAIN, "utf8")), { filename: MAIN, cachedData: cached });
  } catch {
    load(MAIN);
    return;
  }
  if (cacheFile && (cached === undefined || script.cachedDataRejected)) {
    const target = cacheFile;
    // Made once the command has run, so that the cache holds every function it compiled on the way.
    process.once("exit", () => saveCache(script, target));
  }
  const wrapper = script.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: object },
    filename: string,
    dirname: string,
  ) => void;
  const bundle = { exports: {} };
  wrapper.call(bundle.exports, bundle.exports, createRequire(MAIN), bundle, MAIN, __dirname);
}

/**
 * Writes the code cache under a temporary name first (a reader never sees half a file), and removes
 * the caches of earlier bundles or Node versions. Failures are ignored.
 */
function saveCache(script: Script, file: string): void {
  try {
    const folder = dirname(file);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    renameSync(temporary, file);
    for (const name of readdirSync(folder)) {
      if (name.startsWith("cli-main-") && name.endsWith(".v8") && name !== basename(file))
        rmSync(join(folder, name), { force: true });
    }
  } catch {
    // A read-only or missing home folder: the next start compiles again.
  }
}

launch();
