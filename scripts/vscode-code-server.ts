// Runs the extension inside a real VS Code on machines that cannot download one: code-server (the VS
// Code server with its web workbench, installed by vscode-install.ts) on 127.0.0.1, driven by
// playwright-core with Debian's chromium. What was verified, and why each flag is here:
// /work/shared/notes/real-vscode.md.
//
// `npx tsx scripts/vscode-code-server.ts` builds the mocha suite and runs it, printing mocha's output.
//
// Every process started here runs in its own process group and is killed with it on stop(), on the
// failure of a start, and when this Node process exits.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { MOCHA_LINE_MARK } from "../test/vscode/suite/output";
import { buildSuite } from "./vscode-build";
import { cleanEnvironment, ensureCodeServer, type CodeServerInstall } from "./vscode-install";
import { formatConsoleArguments, parseMochaSummary, type SuiteResult } from "./vscode-suite-output";

const ROOT = resolve(import.meta.dirname, "..");
export const FIXTURE = join(ROOT, "test", "vscode", "fixtures", "shop");
const CHROMIUM = process.env.DJANGO_DEPLOY_CHROMIUM ?? "/usr/bin/chromium";
const START_TIMEOUT_MS = 90_000;

type Log = (line: string) => void;

/** Settings that keep the workbench quiet and private: no start page, no AI, no telemetry, no updates. */
const USER_SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "git.enabled": false,
  "window.restoreWindows": "none",
  "workbench.editor.enablePreview": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  // Widgets appear at once, so screenshots never catch one fading in.
  "workbench.reduceMotion": "on",
};

const running = new Set<ChildProcess>();

/** Signals the child's whole process group: code-server, its extension host and the language server. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

process.on("exit", () => {
  for (const child of running) killGroup(child);
});

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** A throwaway folder for everything code-server and VS Code write; its paths stay short for sockets. */
function createStateFolder(): string {
  const state = mkdtempSync("/tmp/ddvs-");
  for (const sub of ["home", "tmp", "config", "data", "cache", "user-data/User", "extensions"])
    mkdirSync(join(state, sub), { recursive: true });
  writeFileSync(
    join(state, "user-data", "User", "settings.json"),
    `${JSON.stringify(USER_SETTINGS, null, 2)}\n`,
  );
  return state;
}

function codeServerEnvironment(install: CodeServerInstall, state: string): NodeJS.ProcessEnv {
  const env = cleanEnvironment();
  return {
    ...env,
    // code-server writes into $HOME even for --version; VS Code puts unix sockets in TMPDIR, whose
    // paths must stay under 108 bytes.
    HOME: join(state, "home"),
    XDG_CONFIG_HOME: join(state, "config"),
    XDG_DATA_HOME: join(state, "data"),
    XDG_CACHE_HOME: join(state, "cache"),
    TMPDIR: join(state, "tmp"),
    PATH: `${join(install.node, "..")}:${env.PATH ?? ""}`,
  };
}

function directoryArguments(state: string): string[] {
  return ["--user-data-dir", join(state, "user-data"), "--extensions-dir", join(state, "extensions")];
}

function installExtensions(
  install: CodeServerInstall,
  state: string,
  env: NodeJS.ProcessEnv,
  vsixFiles: string[],
  log: Log,
): void {
  for (const vsix of vsixFiles) {
    const result = spawnSync(
      install.node,
      [install.entry, ...directoryArguments(state), "--install-extension", vsix],
      {
        env,
        encoding: "utf8",
        timeout: START_TIMEOUT_MS,
      },
    );
    if (result.status !== 0)
      throw new Error(`installing ${vsix} into code-server failed: ${result.stdout}\n${result.stderr}`);
    for (const line of result.stdout.split("\n")) if (line.trim() !== "") log(line);
  }
}

export interface CodeServer {
  port: number;
  origin: string;
  /** The folder with code-server's user data, extensions and temporary files. */
  state: string;
  /** What code-server printed (last 200 lines). */
  output: string[];
  /** `vscode-remote://` URI of a path on this machine, as the workbench's payload wants it. */
  remoteUri(path: string): string;
  /** The workbench URL that opens `folder`, with optional payload entries. */
  workbenchUrl(folder: string, payload?: [string, string][]): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  log?: Log;
  /** .vsix files installed with --install-extension before the server starts. */
  vsix?: string[];
  /** Leaves workspace trust on (by default it is disabled: every folder is trusted). */
  workspaceTrust?: boolean;
  /** Extra environment variables for code-server, which its extension host inherits. */
  env?: NodeJS.ProcessEnv;
}

export async function startCodeServer(options: StartOptions = {}): Promise<CodeServer> {
  const log = options.log ?? (() => undefined);
  const install = await ensureCodeServer(log);
  const state = createStateFolder();
  const env = { ...codeServerEnvironment(install, state), ...options.env };
  try {
    installExtensions(install, state, env, options.vsix ?? [], log);
  } catch (error) {
    rmSync(state, { recursive: true, force: true });
    throw error;
  }

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child = spawn(
    install.node,
    [
      install.entry,
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--auth",
      "none",
      "--cert",
      "false",
      "--disable-telemetry",
      "--disable-update-check",
      ...(options.workspaceTrust ? [] : ["--disable-workspace-trust"]),
      "--disable-getting-started-override",
      "--ignore-last-opened",
      "--reconnection-grace-time",
      "5",
      "--vscode-option",
      "enable-smoke-test-driver",
      ...directoryArguments(state),
    ],
    { env, cwd: state, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  running.add(child);
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim() !== "") output.push(line);
    output.splice(0, Math.max(0, output.length - 200));
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));

  const stop = async () => {
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child), 5_000);
    if (child.exitCode === null && child.signalCode === null) await exited;
    clearTimeout(timer);
    // What outlived code-server in its group (an extension host, a language server) goes too.
    killGroup(child);
    running.delete(child);
    rmSync(state, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`code-server exited while starting:\n${output.join("\n")}`);
      const healthy = await fetch(`${origin}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) break;
      if (Date.now() > deadline)
        throw new Error(
          `code-server did not answer ${origin}/healthz within ${START_TIMEOUT_MS} ms:\n${output.join("\n")}`,
        );
      await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  log(`code-server is up at ${origin}`);

  const remoteUri = (path: string) => `vscode-remote://127.0.0.1:${port}${resolve(path)}`;
  return {
    port,
    origin,
    state,
    output,
    remoteUri,
    workbenchUrl: (folder, payload) => {
      const query = new URLSearchParams({ folder: resolve(folder) });
      if (payload && payload.length > 0) query.set("payload", JSON.stringify(payload));
      return `${origin}/?${query.toString()}`;
    },
    stop,
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
  });
}

/** A fresh copy of the fixture project, in a folder named `shop` inside a temporary folder. */
export function copyFixture(): { workspace: string; dispose(): void } {
  const parent = mkdtempSync("/tmp/ddws-");
  const workspace = join(parent, "shop");
  cpSync(FIXTURE, workspace, { recursive: true });
  return { workspace, dispose: () => rmSync(parent, { recursive: true, force: true }) };
}

export interface RunSuiteOptions {
  log?: Log;
  /**
   * Opens the workspace untrusted (Restricted Mode) and runs only the specs whose title matches
   * `grep`; both reach the suite through the extension host's environment (see suite/index.ts).
   */
  untrusted?: boolean;
  grep?: string;
  /** Where the mocha output lines go as they arrive. */
  onLine?: (line: string) => void;
  timeoutMs?: number;
}

/**
 * Runs the mocha suite (test/vscode/suite) in code-server's extension host, with this repository
 * loaded as the extension under development and a fresh copy of the fixture as the workspace.
 */
export async function runSuiteInCodeServer(options: RunSuiteOptions = {}): Promise<SuiteResult> {
  const log = options.log ?? console.log;
  const suiteIndex = await buildSuite();
  const { workspace, dispose } = copyFixture();
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const lines: string[] = [];
  const otherLines: string[] = [];
  try {
    server = await startCodeServer({
      log,
      workspaceTrust: options.untrusted === true,
      env: {
        DJANGO_DEPLOY_SUITE_TRUST: options.untrusted ? "untrusted" : "trusted",
        ...(options.grep ? { DJANGO_DEPLOY_SUITE_GREP: options.grep } : {}),
      },
    });
    browser = await launchChromium();
    const page: Page = await browser.newPage();
    let finish: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolveExit) => (finish = resolveExit));
    await page.exposeFunction("codeAutomationExit", (code: number) => finish(code));
    // Console messages are turned into text one after the other, so their order is kept.
    let queue = Promise.resolve();
    page.on("console", (message) => {
      queue = queue.then(async () => {
        const values = await Promise.all(
          message.args().map((argument) => argument.jsonValue().catch(() => String(argument))),
        );
        const text = values.length > 0 ? formatConsoleArguments(values) : message.text();
        if (!text.startsWith(MOCHA_LINE_MARK)) {
          otherLines.push(text);
          return;
        }
        for (const line of text.slice(MOCHA_LINE_MARK.length).split("\n")) {
          lines.push(line);
          options.onLine?.(line);
        }
      });
    });
    const url = server.workbenchUrl(workspace, [
      ["extensionDevelopmentPath", server.remoteUri(ROOT)],
      ["extensionTestsPath", server.remoteUri(suiteIndex)],
    ]);
    await page.goto(url);
    const timeoutMs = options.timeoutMs ?? 10 * 60_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const code = await Promise.race([
      exitCode,
      new Promise<number>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the suite did not finish within ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    // mocha prints its summary before run() settles, but the console messages may still be on their
    // way; wait for the summary line (briefly: a suite that crashed may never print one).
    const summaryDeadline = Date.now() + 10_000;
    while (!lines.some((line) => /^\s*\d+ passing\b/.test(line)) && Date.now() < summaryDeadline) {
      await queue;
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
    await queue;
    return { exitCode: code, lines, console: otherLines, ...parseMochaSummary(lines) };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    dispose();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  runSuiteInCodeServer({ onLine: (line) => console.log(line), log: () => undefined }).then(
    (result) => {
      console.log(`exit code ${result.exitCode}: ${result.passing} passing, ${result.failing} failing`);
      process.exit(result.exitCode);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
