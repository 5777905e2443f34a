// Runs the built CLI (dist/cli.js) as a user would, in a folder and an environment of the test's
// choosing; and makes Django projects with Debian's real `django-admin startproject`.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { temporaryFolder } from "../temporaryFolders";

export const root = join(__dirname, "..", "..");
export const cli = join(root, "dist", "cli.js");
export const fixtures = join(__dirname, "fixtures");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

let cacheFolder: string | undefined;

/**
 * The cache folder of this test file's runs (the code cache and the result cache), so that a run starts
 * as on a fresh machine and leaves the user's cache alone; a test may give its own (env).
 */
export function testCache(): string {
  return (cacheFolder ??= temporaryFolder("cli-cache"));
}

export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; command?: string[] } = {},
): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: testCache() };
  // The test runner's own environment must not choose the module or the colours.
  delete env.DJANGO_SETTINGS_MODULE;
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const [program, ...prefix] = options.command ?? [process.execPath, cli];
  const result = spawnSync(program!, [...prefix, ...args], {
    encoding: "utf8",
    timeout: 120_000,
    cwd: options.cwd ?? root,
    env,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh `django-admin startproject NAME` in a temporary folder (Debian's Django 3.2); returns its folder. */
export function startproject(name = "mysite"): string {
  const scratch = temporaryFolder("cli");
  const made = spawnSync("/usr/bin/python3", ["-m", "django", "startproject", name], {
    cwd: scratch,
    encoding: "utf8",
  });
  assert.equal(made.status, 0, `startproject failed (is python3-django installed?): ${made.stderr}`);
  return join(scratch, name);
}
