// Builds and runs our CLI (dist/cli.js) on a checkout.
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "..", "..");
export const CLI = join(REPO_ROOT, "dist", "cli.js");

export interface CliFinding {
  file: string;
  code: string;
  severity: string;
  message: string;
  profile: string;
  range: { start: { line: number; character: number } };
}

export interface CliRun {
  findings: CliFinding[];
  /** The production profiles the CLI checked (from its text summary), when known. */
  profiles?: string[];
  /** Set when the CLI could not run or found none of the modules it was given. */
  error?: string;
  /** The CLI's stderr messages, for the record. */
  messages: string[];
}

export function build(): void {
  const run = spawnSync("npm", ["run", "build"], { cwd: REPO_ROOT, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`npm run build failed:\n${run.stdout}\n${run.stderr}`);
}

function cli(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    timeout: 600_000,
  });
}

/**
 * Runs `check DIR --format json --django-version 3.2` (exit 1 only means findings), with
 * --settings for each given module; without modules, also the text format to read which
 * production profiles discovery chose.
 */
export function runCli(dir: string, modules: string[], envFile: string | undefined): CliRun {
  const base = ["check", dir, "--django-version", "3.2"];
  for (const module of modules) base.push("--settings", module);
  if (envFile !== undefined) base.push("--env-file", envFile);
  const json = cli([...base, "--format", "json"]);
  const messages = (json.stderr ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  // Exit 1 means findings, and 2 also comes with findings of error severity; only output that is
  // not a JSON array means the CLI could not check.
  let findings: CliFinding[];
  try {
    findings = JSON.parse(json.stdout) as CliFinding[];
    if (!Array.isArray(findings)) throw new Error("not an array");
  } catch {
    return {
      findings: [],
      profiles: [],
      messages,
      error: messages.join(" ") || json.error?.message || `exit ${json.status}`,
    };
  }
  if (modules.length > 0) return { findings, messages };
  const text = cli([...base, "--format", "text"]);
  const summary = /\((?:production settings: (.*?)|no production settings module found); Django/.exec(
    text.stdout ?? "",
  );
  const profiles = summary?.[1] ? summary[1].split(", ").map((m) => m.trim()) : [];
  return { findings, profiles, messages };
}
