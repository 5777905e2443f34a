#!/usr/bin/env node
// The pre-commit hook's entry (.pre-commit-hooks.yaml, `language: script`): pre-commit clones this
// repository into its cache and runs this file in the user's repository. The first run installs the
// build tools and bundles the CLI into the clone (once: pre-commit keeps the clone); every run then
// checks the project, with the hook's `args`, in this same process.
//
// Not `language: node`: pre-commit installs such a hook with `npm pack`, and pre-commit before 3.8
// (Debian's is 3.0.4) takes everything `npm pack` prints as the tarball's name, so the lifecycle
// script that would build the bundle breaks the install.
//
// CommonJS, not an ES module: Node's ES module loader would add about 14 ms and 2 MiB to every run.
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
const cli = join(root, "dist", "cli.js");

function step(command, args) {
  // Loaded only for the first run's build: child_process (with net and dgram) would cost every check.
  const { spawnSync } = require("node:child_process");
  // Build output goes to stderr: pre-commit shows it when the hook fails.
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: ["ignore", 2, 2],
    shell: process.platform === "win32",
  });
  if (result.status !== 0) {
    process.stderr.write(`django-deploy (pre-commit): ${command} ${args.join(" ")} failed in ${root}\n`);
    process.exit(2);
  }
}

if (!existsSync(cli)) {
  process.stderr.write("django-deploy (pre-commit): first run, bundling the CLI (once)\n");
  step("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"]);
  step(process.execPath, ["esbuild.mjs", "--production"]);
}
// The CLI runs in this process rather than a second one: a Node process's start is most of a check of
// an unchanged project (which prints its kept result). dist/cli.js reads its arguments from
// process.argv and sets process.exitCode.
process.argv = [process.execPath, cli, "check", ...process.argv.slice(2)];
require(cli);
