// Checking a project never runs the project's code. The project here carries a `.env.production`
// whose NODE_OPTIONS would load the project's probe.js into any Node process that applied it; the
// probe writes a marker file. Node 20 applies such a file when it sees an argument spelled
// `--env-file`, even after the script's name (`node dist/cli.js check --env-file .env.production`
// runs probe.js before django-deploy starts), so the CLI's option is --dotenv, and --env-file is
// refused. The marker must never appear: with --dotenv through every documented way of running the
// CLI (node dist/cli.js in a checkout; the npm `bin`, which npx runs, by its own `#!` line; the
// pre-commit hook), with --env-file where Node does not read it, and in the language server given
// the file as a profile's envFile setting. Each run also shows that the file was applied (its
// DJANGO_SECRET_KEY silences security.W009), so that "no marker" does not mean "file not read".
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ServerSession } from "../lsp/harness";
import { removeTemporaryFolders } from "../temporaryFolders";
import { cli, root, runCli, startproject } from "./run";

const SECRET = "k7Qz-9xW_3pL".repeat(5);

describe("no path runs the project's code", () => {
  let project: string;
  let marker: string;

  before(() => {
    project = startproject();
    marker = join(project, "PROBE-RAN");
    const probe = join(project, "probe.js");
    writeFileSync(
      probe,
      `require("node:fs").writeFileSync(${JSON.stringify(marker)}, process.argv.join(" ") + "\\n", { flag: "a" });\n`,
    );
    const settings = join(project, "mysite", "settings.py");
    writeFileSync(
      settings,
      readFileSync(settings, "utf8").replace(
        /^SECRET_KEY = .*$/m,
        "import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'django-insecure-x')",
      ),
    );
    writeFileSync(
      join(project, ".env.production"),
      `NODE_OPTIONS=--require ${probe}\nDJANGO_SECRET_KEY=${SECRET}\n`,
    );
  });
  after(removeTemporaryFolders);

  const assertNoMarker = (how: string) =>
    assert.ok(
      !existsSync(marker),
      `${how} ran the project's probe.js: ${existsSync(marker) ? readFileSync(marker, "utf8") : ""}`,
    );
  const codesOf = (stdout: string) =>
    (JSON.parse(stdout) as { code: string }[]).map((finding) => finding.code);

  it("--dotenv with node dist/cli.js: the file is applied and its NODE_OPTIONS are not", () => {
    const result = runCli(["check", ".", "--format", "json", "--dotenv", ".env.production"], {
      cwd: project,
    });
    assertNoMarker("node dist/cli.js check --dotenv");
    assert.equal(result.status, 1, result.stderr);
    assert.ok(!codesOf(result.stdout).includes("security.W009"), "the .env file's SECRET_KEY was applied");
  });

  it("--dotenv through the bin's own #! line, as npm links it and npx runs it", () => {
    // What the kernel does with the executable npm links for `bin`: the interpreter of its first line,
    // with the rest of that line as one argument, then the file and the arguments.
    const shebang = readFileSync(cli, "utf8").split("\n", 1)[0]!;
    const [, interpreter, argument] = /^#!\s*(\S+)(?:\s+(.*))?$/.exec(shebang)!;
    const result = runCli(["check", ".", "--format", "json", "--dotenv", ".env.production"], {
      cwd: project,
      command: [interpreter!, ...(argument ? [argument] : []), cli],
    });
    assertNoMarker(`${shebang} dist/cli.js check --dotenv`);
    assert.equal(result.status, 1, result.stderr);
    assert.ok(!codesOf(result.stdout).includes("security.W009"));
  });

  it("--dotenv through the pre-commit hook's entry", () => {
    const hook = join(root, "cli", "pre-commit-hook.cjs");
    const result = spawnSync(hook, ["--format", "json", "--dotenv", ".env.production"], {
      cwd: project,
      encoding: "utf8",
      timeout: 120_000,
    });
    assertNoMarker("the pre-commit hook with --dotenv");
    assert.equal(result.status, 1, result.stderr);
    assert.ok(!codesOf(result.stdout).includes("security.W009"));
  });

  it("--env-file is refused with a pointer to --dotenv (where Node itself does not read it)", () => {
    // `node -- script` ends Node's own options, so only django-deploy sees --env-file.
    const result = runCli(["check", ".", "--env-file", ".env.production"], {
      cwd: project,
      command: [process.execPath, "--", cli],
    });
    assertNoMarker("node -- dist/cli.js check --env-file");
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--env-file is not an option of django-deploy: use --dotenv FILE/);
  });

  it("the language server applies a profile's envFile setting without running anything", async () => {
    const session = await ServerSession.start(project, {
      settings: { profiles: [{ settings: "mysite.settings", envFile: ".env.production" }] },
    });
    try {
      // The envFile's SECRET_KEY applied: security.W018 (DEBUG) without security.W009 (the weak key).
      await session.waitForDiagnostics(
        "mysite/settings.py",
        (list) =>
          list.some((diagnostic) => diagnostic.code === "security.W018") &&
          !list.some((diagnostic) => diagnostic.code === "security.W009"),
        "the production profile's diagnostics with the envFile applied",
      );
    } finally {
      await session.dispose();
    }
    assertNoMarker("the language server with envFile");
  });
});
