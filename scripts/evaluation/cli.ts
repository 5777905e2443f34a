// Builds and runs our CLI (dist/cli.js) on a checkout.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "..", "..");
/** The CLI that runCli runs: this work tree's build, or that of a commit (useEngineAt). */
let CLI = join(REPO_ROOT, "dist", "cli.js");

export interface CliFinding {
  file: string;
  code: string;
  severity: string;
  message: string;
  /** The first of `profiles` (the only one in the plain `--format json` of version 0.1). */
  profile: string;
  /** Every profile the finding was made for (a line of a shared base module can serve several). */
  profiles?: string[];
  range: { start: { line: number; character: number } };
}

interface JsonReport {
  projects: { profiles?: { module: string; kind: string }[] }[];
  findings: CliFinding[];
}

export interface CliRun {
  findings: CliFinding[];
  /** The production profiles the CLI checked. */
  profiles: string[];
  /** Set when the CLI could not run or found none of the modules it was given. */
  error?: string;
  /** The CLI's stderr messages, for the record. */
  messages: string[];
}

export function build(root = REPO_ROOT): void {
  const run = spawnSync("npm", ["run", "build"], { cwd: root, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`npm run build failed:\n${run.stdout}\n${run.stderr}`);
}

/**
 * Builds the CLI of a commit in a folder of its own (under `folder`, sharing this work tree's
 * node_modules), so that a baseline measures committed code and not the edits under way here.
 * Returns the full commit.
 */
export function useEngineAt(commit: string, folder: string): string {
  const git = (args: string[], cwd = REPO_ROOT) =>
    execFileSync("git", args, { cwd, encoding: "utf8" }).trim();
  const full = git(["rev-parse", "--verify", `${commit}^{commit}`]);
  const tree = join(folder, `engine-${full.slice(0, 12)}`);
  if (!existsSync(tree)) {
    // An export, not a git worktree: nothing is added to the repository's own metadata.
    mkdirSync(tree, { recursive: true });
    execFileSync("sh", ["-c", `git archive ${full} | tar -x -C "${tree}"`], { cwd: REPO_ROOT });
    symlinkSync(join(REPO_ROOT, "node_modules"), join(tree, "node_modules"));
  }
  if (!existsSync(join(tree, "dist", "cli.js"))) build(tree);
  CLI = join(tree, "dist", "cli.js");
  return full;
}

/** The environment without anything that would choose a settings module for the CLI. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("DJANGO_")) env[name] = value;
  }
  return env;
}

/**
 * Runs `check . --format json-report --django-version 3.2` in the project folder, with
 * --settings for each given module and --dotenv for the production environment. The exit status
 * only says whether there were findings (1) or findings of error severity or unreadable input
 * (2); output that is not a report means the CLI could not check.
 */
export function runCli(dir: string, modules: string[], envFile: string | undefined): CliRun {
  // --no-cache: the evaluation judges the engine, so every run checks afresh.
  const args = [CLI, "check", ".", "--django-version", "3.2", "--format", "json-report", "--no-cache"];
  for (const module of modules) args.push("--settings", module);
  if (envFile !== undefined) args.push("--dotenv", envFile);
  const run = spawnSync(process.execPath, args, {
    cwd: dir,
    env: cleanEnv(),
    encoding: "utf8",
    maxBuffer: 1 << 28,
    timeout: 900_000,
  });
  const messages = (run.stderr ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  let report: JsonReport;
  try {
    report = JSON.parse(run.stdout) as JsonReport;
    if (!Array.isArray(report.findings)) throw new Error("no findings array");
  } catch {
    if (/--format must be text or json|unknown option|invalid/i.test(run.stderr ?? ""))
      return runLegacyCli(dir, modules, envFile);
    return {
      findings: [],
      profiles: [],
      messages,
      error: messages.join(" ") || run.error?.message || `exit ${run.status}`,
    };
  }
  const profiles = report.projects
    .flatMap((p) => p.profiles ?? [])
    .filter((p) => p.kind === "production")
    .map((p) => p.module);
  if (modules.length > 0 && profiles.length === 0) {
    return { findings: [], profiles, messages, error: messages.join(" ") || "none of the modules was found" };
  }
  return { findings: report.findings, profiles, messages };
}

/**
 * The CLI of version 0.1 (before `--format json-report` and `--dotenv`), for `--at` an old commit:
 * the findings from `--format json`, the production profiles from the text summary's
 * "production settings: a, b".
 */
function runLegacyCli(dir: string, modules: string[], envFile: string | undefined): CliRun {
  const args = [CLI, "check", ".", "--django-version", "3.2"];
  for (const module of modules) args.push("--settings", module);
  if (envFile !== undefined) args.push("--env-file", envFile);
  const options = {
    cwd: dir,
    env: cleanEnv(),
    encoding: "utf8" as const,
    maxBuffer: 1 << 28,
    timeout: 900_000,
  };
  const json = spawnSync(process.execPath, [...args, "--format", "json"], options);
  const text = spawnSync(process.execPath, [...args, "--format", "text"], options);
  const messages = (json.stderr ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  let findings: CliFinding[];
  try {
    findings = JSON.parse(json.stdout) as CliFinding[];
  } catch {
    return { findings: [], profiles: [], messages, error: messages.join(" ") || `exit ${json.status}` };
  }
  const summary = /production settings: ([^;]+);/.exec(text.stdout ?? "")?.[1];
  const profiles = summary ? summary.split(",").map((module) => module.trim()) : [];
  if (modules.length > 0 && profiles.length === 0)
    return { findings: [], profiles, messages, error: messages.join(" ") || "none of the modules was found" };
  return { findings, profiles, messages };
}
