// The pre-commit hook (.pre-commit-hooks.yaml) with Debian's real `pre-commit`, as a user adds it:
// a throwaway git repository with a startproject, whose .pre-commit-config.yaml names this
// repository at its current commit. `pre-commit run --all-files` fails on the insecure settings and
// passes once they are hardened. The first run bundles the CLI in pre-commit's clone (a minute or two).
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { temporaryFolder } from "../temporaryFolders";
import { root } from "./run";

describe("the pre-commit hook", () => {
  it("fails on an insecure settings module and passes on a hardened one", () => {
    const temporary = temporaryFolder("pre-commit");
    // pre-commit's cache (its clone of this repository) lies beside the throwaway repository, not in it.
    const cache = join(temporary, "cache");
    const scratch = join(temporary, "repository");
    mkdirSync(scratch);
    execFileSync("/usr/bin/python3", ["-m", "django", "startproject", "mysite", "."], { cwd: scratch });
    const git = (...args: string[]) => execFileSync("git", args, { cwd: scratch, encoding: "utf8" });
    git("init", "--quiet");
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    // The three lines a user adds (and the option that keeps this test to Django's own IDs).
    writeFileSync(
      join(scratch, ".pre-commit-config.yaml"),
      `repos:\n  - repo: ${root}\n    rev: ${commit}\n    hooks:\n      - id: django-deploy\n        args: [--select, security]\n`,
    );
    git("add", "--all");
    const preCommit = () => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PRE_COMMIT_HOME: cache,
        PRE_COMMIT_COLOR: "never",
      };
      delete env.DJANGO_SETTINGS_MODULE;
      const result = spawnSync("pre-commit", ["run", "--all-files"], {
        cwd: scratch,
        encoding: "utf8",
        env,
        timeout: 600_000,
      });
      return { status: result.status, output: `${result.stdout}${result.stderr}` };
    };

    const insecure = preCommit();
    assert.equal(insecure.status, 1, insecure.output);
    assert.match(insecure.output, /django-deploy check\.+Failed/);
    assert.match(
      insecure.output,
      /^mysite\/settings\.py:\d+:9: security\.W018 DEBUG is on in production\.$/m,
    );

    const settings = join(scratch, "mysite", "settings.py");
    const hardened = readFileSync(settings, "utf8")
      .replace(/^SECRET_KEY = .*$/m, 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]')
      .replace(/^DEBUG = True$/m, "DEBUG = False")
      .replace(/^ALLOWED_HOSTS = \[\]$/m, 'ALLOWED_HOSTS = ["www.example.com"]');
    const hardening = [
      "SECURE_HSTS_SECONDS = 31536000",
      "SECURE_HSTS_INCLUDE_SUBDOMAINS = True",
      "SECURE_HSTS_PRELOAD = True",
      "SECURE_SSL_REDIRECT = True",
      "SESSION_COOKIE_SECURE = True",
      "CSRF_COOKIE_SECURE = True",
    ].join("\n");
    writeFileSync(settings, `import os\n${hardened}\n${hardening}\n`);
    git("add", "--all");
    const passing = preCommit();
    assert.equal(passing.status, 0, passing.output);
    assert.match(passing.output, /django-deploy check\.+Passed/);
  });
});
