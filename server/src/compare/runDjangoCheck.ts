// Runs the project's own `manage.py check --deploy` for one production profile, the way a production
// server would start Django: the profile's settings module, the project's interpreter, an environment
// that holds nothing of the caller's (only what finding the interpreter and the locale need) plus the
// variables of the profile's `.env` file when one is configured. It runs the project's code, so front
// ends offer it only on request and, in the editor, only in a trusted workspace. A time-out and an
// AbortSignal end it.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { parseDotenv } from "../project/dotenv";
import { type DjangoCheckOutput, parseDjangoCheckOutput } from "./djangoCheckOutput";

export interface DjangoCheckRequest {
  /** The Python interpreter (a path, or a name looked up on PATH). */
  python: string;
  /** The profile's dotted module and its file, to find the folder Python imports it from. */
  settingsModule: string;
  settingsFile: string;
  /** The profile's `.env` file (absolute), when one is configured. */
  envFile?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type DjangoCheckOutcome =
  | (DjangoCheckOutput & {
      status: "ran";
      /** The command line, for messages: `python3 manage.py check --deploy`. */
      command: string;
      /** Where it ran: the folder the settings package is imported from. */
      cwd: string;
      /** Django's version as the interpreter reports it, when it could be read. */
      djangoVersion?: string;
      exitCode: number | null;
    })
  | { status: "not-run"; reason: string; command: string }
  | { status: "timed-out"; command: string; timeoutMs: number }
  | { status: "cancelled"; command: string };

/** The variables of the caller's environment that the child keeps: how to find programs, the locale, a home. */
const KEPT_VARIABLES = [
  "PATH",
  "HOME",
  "LANG",
  "LC_ALL",
  "LC_CTYPE",
  "TMPDIR",
  "TEMP",
  "TMP",
  "SYSTEMROOT",
  "WINDIR",
  "COMSPEC",
  "PATHEXT",
  "USERPROFILE",
];

/**
 * The folder Python must start in to import `module` from `file`: `file` less the module's dotted
 * path (`/srv/app/mysite/settings/production.py` for `mysite.settings.production` → `/srv/app`).
 */
export function importRoot(module: string, file: string): string | undefined {
  const parts = module.split(".");
  let folder =
    file.endsWith(`${sep}__init__.py`) || file.endsWith("/__init__.py")
      ? dirname(dirname(file))
      : dirname(file);
  for (let index = parts.length - 2; index >= 0; index--) {
    if (!folder.endsWith(`${sep}${parts[index]}`) && !folder.endsWith(`/${parts[index]}`)) return undefined;
    folder = dirname(folder);
  }
  return folder;
}

/** The environment Django runs in: the kept variables, the `.env` file's, and the settings module. */
export function djangoEnvironment(
  request: Pick<DjangoCheckRequest, "settingsModule" | "envFile">,
  from: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const name of KEPT_VARIABLES) {
    const value = from[name];
    if (value !== undefined) environment[name] = value;
  }
  // Django's output is parsed: plain UTF-8, and no byte-code written into the project.
  environment.PYTHONIOENCODING = "utf-8";
  environment.PYTHONDONTWRITEBYTECODE = "1";
  if (request.envFile) {
    for (const [name, entry] of parseDotenv(readFileSync(request.envFile, "utf8")).entries)
      environment[name] = entry.value;
  }
  environment.DJANGO_SETTINGS_MODULE = request.settingsModule;
  return environment;
}

export async function runDjangoCheck(request: DjangoCheckRequest): Promise<DjangoCheckOutcome> {
  const cwd = importRoot(request.settingsModule, request.settingsFile);
  const entry = cwd && existsSync(join(cwd, "manage.py")) ? ["manage.py"] : ["-m", "django"];
  const args = [...entry, "check", "--deploy", "--no-color"];
  const command = [request.python, ...args].join(" ");
  if (!cwd)
    return {
      status: "not-run",
      command,
      reason: `${request.settingsFile} is not where ${request.settingsModule} would be imported from`,
    };
  if (request.envFile && !existsSync(request.envFile))
    return { status: "not-run", command, reason: `the .env file ${request.envFile} does not exist` };
  const environment = djangoEnvironment(request);
  const versionRun = await run(
    request.python,
    ["-c", "import django; print(django.get_version())"],
    cwd,
    environment,
    request,
  );
  if (versionRun.kind !== "exited") return endedEarly(versionRun, command, request.timeoutMs);
  if (versionRun.code !== 0) {
    const last = versionRun.output.trim().split("\n").pop() ?? "";
    return {
      status: "not-run",
      command,
      reason: /No module named '?django'?/.test(last)
        ? `Django is not installed for ${request.python} (choose the project's interpreter)`
        : `${request.python} cannot import Django: ${last}`,
    };
  }
  const djangoVersion = versionRun.stdout.trim();
  const checkRun = await run(request.python, args, cwd, environment, request);
  if (checkRun.kind !== "exited") return endedEarly(checkRun, command, request.timeoutMs);
  return {
    status: "ran",
    command,
    cwd,
    ...(djangoVersion ? { djangoVersion } : {}),
    exitCode: checkRun.code,
    ...parseDjangoCheckOutput(checkRun.output),
  };
}

type RunEnd =
  | { kind: "exited"; code: number | null; stdout: string; output: string }
  | { kind: "spawn-failed"; message: string }
  | { kind: "timed-out" }
  | { kind: "cancelled" };

function endedEarly(
  end: Exclude<RunEnd, { kind: "exited" }>,
  command: string,
  timeoutMs: number,
): DjangoCheckOutcome {
  switch (end.kind) {
    case "spawn-failed":
      return { status: "not-run", command, reason: end.message };
    case "timed-out":
      return { status: "timed-out", command, timeoutMs };
    case "cancelled":
      return { status: "cancelled", command };
  }
}

function run(
  program: string,
  args: string[],
  cwd: string,
  environment: Record<string, string>,
  request: DjangoCheckRequest,
): Promise<RunEnd> {
  return new Promise((resolvePromise) => {
    if (request.signal?.aborted) {
      resolvePromise({ kind: "cancelled" });
      return;
    }
    let stdout = "";
    let output = "";
    let ended = false;
    const child = spawn(program, args, {
      cwd,
      env: environment,
      stdio: ["ignore", "pipe", "pipe"],
      windowsHide: true,
    });
    const finish = (end: RunEnd) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", onAbort);
      resolvePromise(end);
    };
    const stop = (end: RunEnd) => {
      child.kill("SIGKILL");
      finish(end);
    };
    const timer = setTimeout(() => stop({ kind: "timed-out" }), request.timeoutMs);
    const onAbort = () => stop({ kind: "cancelled" });
    request.signal?.addEventListener("abort", onAbort);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      finish({
        kind: "spawn-failed",
        message:
          error.code === "ENOENT"
            ? `the interpreter ${program} was not found`
            : `${program} could not be started: ${error.message}`,
      }),
    );
    child.on("close", (code) => finish({ kind: "exited", code, stdout, output }));
  });
}
