// What the server tests share: fresh Django projects made by Debian's Django, the built CLI, real
// servers started in their own process groups (always stopped, even when a test fails), and polling
// HTTP until a server answers.
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import * as path from "node:path";

export const PYTHON = "/usr/bin/python3";
const ROOT = path.join(__dirname, "..", "..");
const CLI = path.join(ROOT, "dist", "cli.js");

/** The app servers the scaffold puts nginx in front of, with their entry module's kind. */
export const SERVERS_BEHIND_PROXY = [
  ["wsgi", "gunicorn"],
  ["wsgi", "uwsgi"],
  ["asgi", "daphne"],
  ["asgi", "hypercorn"],
  ["asgi", "uvicorn"],
  ["asgi", "gunicorn-uvicorn"],
] as const;

/** The uid/gid Apache drops to; Debian's www-data. */
export const WWW_DATA = { uid: 33, gid: 33 };

const temporaryFolders: string[] = [];

/** A folder under /tmp that a server running as another user can read. */
export function temporaryFolder(prefix: string): string {
  const folder = mkdtempSync(path.join("/tmp", `django-deploy-${prefix}-`));
  chmodSync(folder, 0o755);
  temporaryFolders.push(folder);
  return folder;
}

export function removeTemporaryFolders(): void {
  for (const folder of temporaryFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): string {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    ...options,
    env: { ...process.env, ...options.env },
  });
  assert.equal(
    result.status,
    0,
    `${command} ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`,
  );
  return result.stdout;
}

export interface ProjectOptions {
  /** Python appended to the settings module. */
  settings?: string;
  /** Files to add, relative to the project folder. */
  files?: Record<string, string>;
}

/**
 * A new project from `django-admin startproject mysite`, answering on 127.0.0.1, with its database
 * migrated so that /admin/login/ works.
 */
export function createProject(options: ProjectOptions = {}): string {
  const project = temporaryFolder("project");
  run(PYTHON, ["-m", "django", "startproject", "mysite", project]);
  const settingsPath = path.join(project, "mysite", "settings.py");
  const settings = readFileSync(settingsPath, "utf8").replace(
    /^ALLOWED_HOSTS = \[\]$/m,
    "ALLOWED_HOSTS = ['127.0.0.1', 'localhost']",
  );
  writeFileSync(settingsPath, `${settings}\n${options.settings ?? ""}\n`);
  for (const [name, text] of Object.entries(options.files ?? {}))
    writeFileSync(path.join(project, name), text);
  run(PYTHON, ["manage.py", "migrate", "--verbosity", "0"], { cwd: project });
  return project;
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node dist/cli.js scaffold …`, as another user when `as` is given. */
export function scaffold(args: string[], as?: { uid: number; gid: number }): CliResult {
  const result = spawnSync(process.execPath, [CLI, "scaffold", ...args], {
    encoding: "utf8",
    timeout: 60_000,
    ...(as ? { uid: as.uid, gid: as.gid, env: { ...process.env, HOME: "/tmp" } } : {}),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Scaffolds with --force and checks that it succeeded. The project's folder on the server is the
 * test's own folder (given, as a user gives --deploy-path), so that the servers find it.
 */
export function scaffoldInto(project: string, kind: "wsgi" | "asgi", args: string[]): CliResult {
  const result = scaffold([
    kind,
    "--project",
    project,
    "--django-version",
    "3.2",
    "--deploy-path",
    project,
    "--force",
    ...args,
  ]);
  assert.equal(result.status, 0, `scaffold failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** The systemd unit's ExecStart= command and DJANGO_SETTINGS_MODULE, which run on loopback. */
export function unitCommand(project: string, server: string): { command: string[]; settings: string } {
  const unit = readFileSync(path.join(project, "deploy", `${server}.service`), "utf8");
  const line = /^ExecStart=(.+)$/m.exec(unit)?.[1];
  const settings = /^Environment=DJANGO_SETTINGS_MODULE=(.+)$/m.exec(unit)?.[1];
  assert.ok(line && settings, unit);
  return { command: line.split(" "), settings };
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

const running = new Set<ServerProcess>();

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

// Last line of defence: a test runner that dies still takes its servers with it.
process.on("exit", () => {
  for (const server of running) if (server.pid !== undefined) signalGroup(server.pid, "SIGKILL");
});

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** Waits for `promise`, or `milliseconds` at most; the timer never outlives the wait. */
async function waitAtMost(promise: Promise<void>, milliseconds: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, milliseconds)))]);
  clearTimeout(timer);
}

/** A server started in its own process group, so that stopping it stops its workers too. */
export class ServerProcess {
  private readonly child: ChildProcess;
  private log = "";
  private exitCode: number | null | undefined;
  private readonly exited: Promise<void>;
  private readonly stopSignal: NodeJS.Signals;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: { cwd: string; env?: NodeJS.ProcessEnv; stopSignal?: NodeJS.Signals },
  ) {
    this.stopSignal = options.stopSignal ?? "SIGTERM";
    this.child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, PYTHONUNBUFFERED: "1", ...options.env },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout?.on("data", (chunk: Buffer) => (this.log += chunk.toString()));
    this.child.stderr?.on("data", (chunk: Buffer) => (this.log += chunk.toString()));
    this.exited = new Promise((resolve) => {
      this.child.on("exit", (code) => {
        this.exitCode = code;
        resolve();
      });
      this.child.on("error", (error) => {
        this.log += `${error.message}\n`;
        this.exitCode = -1;
        resolve();
      });
    });
    running.add(this);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exitCode !== undefined;
  }

  output(): string {
    return this.log;
  }

  /** Sends the stop signal to the whole group, then SIGKILL to whatever is left of it. */
  async stop(): Promise<void> {
    const pid = this.child.pid;
    running.delete(this);
    if (pid === undefined) return;
    signalGroup(pid, this.stopSignal);
    const deadline = Date.now() + 10_000;
    await waitAtMost(this.exited, 10_000);
    while (Date.now() < deadline && signalGroup(pid, 0)) await delay(50);
    signalGroup(pid, "SIGKILL");
    await waitAtMost(this.exited, 2_000);
  }
}

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { headers: { Connection: "close", ...headers }, agent: false },
      (incoming) => {
        let body = "";
        incoming.setEncoding("utf8");
        incoming.on("data", (chunk: string) => (body += chunk));
        incoming.on("end", () =>
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body }),
        );
      },
    );
    outgoing.setTimeout(10_000, () => outgoing.destroy(new Error(`no answer from ${url} within 10 s`)));
    outgoing.on("error", reject);
    outgoing.end();
  });
}

/** Polls `url` until the server answers anything at all; fails early when the server exits. */
export async function waitUntilAnswering(
  server: ServerProcess,
  url: string,
  timeoutMilliseconds = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMilliseconds;
  let lastError = "";
  while (Date.now() < deadline) {
    if (server.hasExited) assert.fail(`${server.name} exited before answering:\n${server.output()}`);
    try {
      await get(url);
      return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await delay(100);
  }
  assert.fail(
    `${server.name} did not answer ${url} within ${timeoutMilliseconds} ms (${lastError}):\n${server.output()}`,
  );
}

/** Gives `folder` and everything in it to www-data, for servers that drop privileges to it. */
export function giveToWwwData(folder: string): void {
  chownSync(folder, WWW_DATA.uid, WWW_DATA.gid);
  for (const entry of readdirSync(folder, { recursive: true, encoding: "utf8" })) {
    chownSync(path.join(folder, entry), WWW_DATA.uid, WWW_DATA.gid);
  }
}

/**
 * A minimal Apache configuration around the scaffolded site: the modules it needs, a loopback
 * listener, www-data as the user, every run-time file in `runFolder`, and an Include of the site.
 */
export function writeApacheConfiguration(runFolder: string, port: number, siteConfiguration: string): string {
  const modules = [
    "mpm_event",
    "authz_core",
    "authn_core",
    "auth_basic",
    "authz_user",
    "alias",
    "mime",
    "wsgi",
  ];
  mkdirSync(path.join(runFolder, "logs"), { recursive: true });
  const configuration = [
    `ServerRoot "${runFolder}"`,
    ...modules.map((name) => `LoadModule ${name}_module /usr/lib/apache2/modules/mod_${name}.so`),
    "ServerName 127.0.0.1",
    `Listen 127.0.0.1:${port}`,
    "User www-data",
    "Group www-data",
    `PidFile ${runFolder}/httpd.pid`,
    `DefaultRuntimeDir ${runFolder}`,
    `Mutex file:${runFolder} default`,
    `ErrorLog ${runFolder}/logs/error.log`,
    "LogLevel info",
    'LogFormat "%h %l %u %t \\"%r\\" %>s %O" combined',
    "TypesConfig /etc/mime.types",
    `WSGISocketPrefix ${runFolder}/wsgi`,
    "StartServers 1",
    "ServerLimit 2",
    "ThreadsPerChild 10",
    "MinSpareThreads 1",
    "MaxSpareThreads 20",
    "MaxRequestWorkers 20",
    // Debian's apache2.conf gets this from /etc/apache2/envvars; the scaffolded site logs there.
    `Define APACHE_LOG_DIR ${runFolder}/logs`,
    `Include ${siteConfiguration}`,
    "",
  ].join("\n");
  const file = path.join(runFolder, "httpd.conf");
  writeFileSync(file, configuration);
  return file;
}

export function apacheErrorLog(runFolder: string): string {
  try {
    return readFileSync(path.join(runFolder, "logs", "error.log"), "utf8");
  } catch {
    return "";
  }
}
