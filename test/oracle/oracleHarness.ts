// What the oracle tests share (deployChecks.test.ts, variations.test.ts): where Django and our CLI
// are, the environment Django runs in, running a process, and reading both one's answers.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { ALL_CHECKS } from "../../server/src/checks/index";
import { type DjangoVersion, inVersionRange } from "../../server/src/django/versions";

export const ROOT = join(__dirname, "..", "..");
/** Django's sources, one folder per version line, and deps/ (asgiref, sqlparse): see its README. */
export const DJANGO_SOURCES = resolve(ROOT, "..", "shared", "django");
export const CLI = join(ROOT, "dist", "cli.js");
export const DRIVER = join(__dirname, "djangoChecks.py");

/** Django's IDs that we implement for a version (ours, deploy.*, are not Django's to judge). */
export function implemented(version: DjangoVersion): Set<string> {
  return new Set(
    ALL_CHECKS.filter(
      (check) =>
        !check.id.startsWith("deploy.") &&
        (!check.djangoVersions ||
          inVersionRange(version, check.djangoVersions.from, check.djangoVersions.to)),
    ).map((check) => check.id),
  );
}

/** pyenv's newest Python 3.12, which every Django from 4.2 to 6.1 runs on. */
export function python312(): string {
  const which = spawnSync("pyenv", ["root"], { encoding: "utf8" });
  const pyenvRoot =
    which.status === 0
      ? which.stdout.trim()
      : (process.env.PYENV_ROOT ?? join(process.env.HOME ?? "/root", ".pyenv"));
  const versions = join(pyenvRoot, "versions");
  const found = existsSync(versions)
    ? readdirSync(versions)
        .filter((name) => /^3\.12\.\d+$/.test(name))
        .sort((a, b) => Number(b.split(".")[2]) - Number(a.split(".")[2]))
        .map((name) => join(versions, name, "bin", "python3"))
        .filter((path) => existsSync(path))
    : [];
  if (found.length === 0)
    throw new Error(`no Python 3.12 under ${versions}: Django 6.x needs it (pyenv install 3.12)`);
  return found[0]!;
}

/** The folder of one version line's source, or a clear failure when it is missing. */
export function sourceOf(series: DjangoVersion): string {
  const folder = join(DJANGO_SOURCES, series);
  if (!existsSync(join(folder, "django", "__init__.py")))
    throw new Error(
      `Django ${series}'s source is not in ${folder}: the oracle needs Django's sources in ../shared/django beside the repository (see its README.md)`,
    );
  return folder;
}

export interface DjangoResult {
  module: string;
  ids?: string[];
  error?: string;
}

export function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The environment Django runs in: no settings module, no async override, none of our variables. */
export function djangoEnvironment(pythonPath: string[], bytecodeCache?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (
      name === "DJANGO_ALLOW_ASYNC_UNSAFE" ||
      name === "DJANGO_SETTINGS_MODULE" ||
      name.startsWith("ORACLE_")
    )
      continue;
    if (name.startsWith("PYTHON")) continue;
    env[name] = value;
  }
  const bytecode: NodeJS.ProcessEnv = bytecodeCache
    ? { PYTHONPYCACHEPREFIX: bytecodeCache }
    : { PYTHONDONTWRITEBYTECODE: "1" };
  return { ...env, ...bytecode, PYTHONPATH: pythonPath.join(":"), PYTHONWARNINGS: "ignore" };
}

/** IDs in the output of `manage.py check`: lines such as `?: (security.W004) …`. */
export function idsInCommandOutput(output: string): string[] {
  return [...output.matchAll(/^[^\n]*?: \(([\w.]+\.[A-Z]\d{3})\) /gm)].map((match) => match[1]!).sort();
}

/** djangoChecks.py's answers by module, and the processor time it reported. */
export function readDriverOutput(stdout: string): { results: Map<string, DjangoResult>; cpuSeconds: number } {
  const results = new Map<string, DjangoResult>();
  let cpuSeconds = 0;
  for (const output of stdout.split("\n").filter(Boolean)) {
    const result = JSON.parse(output) as DjangoResult | { cpuSeconds: number };
    if ("cpuSeconds" in result) cpuSeconds = result.cpuSeconds;
    else results.set(result.module, result);
  }
  return { results, cpuSeconds };
}

/** The codes our CLI's JSON output reports for each settings module it was given. */
export function readCliFindings(stdout: string, modules: readonly string[]): Map<string, string[]> {
  const ours = new Map<string, string[]>(modules.map((module) => [module, []]));
  // A finding that several profiles share is printed once, with all of them in `profiles`.
  for (const finding of JSON.parse(stdout) as { code: string; profile: string; profiles?: string[] }[])
    for (const profile of finding.profiles ?? [finding.profile]) ours.get(profile)?.push(finding.code);
  return ours;
}

/** The arguments that make our CLI check `modules` of `project` with one Django version, in JSON. */
export function cliArguments(project: string, version: DjangoVersion, modules: readonly string[]): string[] {
  return [
    CLI,
    "check",
    project,
    "--django-version",
    version,
    "--format",
    "json",
    ...modules.flatMap((module) => ["--settings", module]),
  ];
}
