// `check --compare-with-django` against Debian's real Django 3.2 (/usr/bin/python3), on projects where
// the two agree, where only Django can see a value (read from a file when Django starts), and where
// only the static analysis reports (a .env file the settings load at run time sets the value); and
// the pieces it is made of: reading Django's output, the clean environment, time-out, cancellation.
import assert from "node:assert/strict";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { temporaryFolder } from "../temporaryFolders";
import { compareWithDjango } from "../../server/src/compare/compareWithDjango";
import { parseDjangoCheckOutput } from "../../server/src/compare/djangoCheckOutput";
import { djangoEnvironment, importRoot, runDjangoCheck } from "../../server/src/compare/runDjangoCheck";
import type { Finding } from "../../server/src/checks/types";
import { runCli, startproject } from "./run";

interface Compared {
  profile: string;
  status: string;
  failure?: string;
  djangoVersion?: string;
  agree: { id: string }[];
  onlyDjango: { id: string; django: string; cause: string; why: string }[];
  onlyStatic: { id: string; cause: string; why: string }[];
}

function compare(project: string, ...args: string[]) {
  const result = runCli(
    [
      "check",
      ".",
      "--compare-with-django",
      "--python",
      "/usr/bin/python3",
      "--django-version",
      "3.2",
      ...args,
    ],
    { cwd: project },
  );
  return result;
}

function comparisonOf(project: string): Compared {
  const result = compare(project, "--format", "json-report", "--select", "security");
  const report = JSON.parse(result.stdout) as { comparison: { profiles: Compared[] } };
  const [profile] = report.comparison.profiles;
  assert.equal(profile!.status, "ran", profile!.failure);
  return profile!;
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

function edit(file: string, change: (text: string) => string): void {
  writeFileSync(file, change(readFileSync(file, "utf8")));
}

describe("check --compare-with-django, against Debian's Django 3.2", () => {
  it("agrees on a startproject, and says so in the text", () => {
    const project = startproject();
    const profile = comparisonOf(project);
    assert.match(profile.djangoVersion!, /^3\.2\.\d+$/);
    assert.deepEqual(ids(profile.agree), [
      "security.W004",
      "security.W008",
      "security.W009",
      "security.W012",
      "security.W016",
      "security.W018",
      "security.W020",
    ]);
    assert.deepEqual(profile.onlyDjango, []);
    assert.deepEqual(profile.onlyStatic, []);
    const text = compare(project, "--select", "security");
    assert.equal(text.status, 1, text.stderr);
    assert.match(
      text.stdout,
      /^mysite\.settings: compared with Django 3\.2\.\d+'s check --deploy \(\/usr\/bin\/python3 manage\.py check --deploy --no-color\)\n {2}both report: security\.W004, .*security\.W020$/m,
    );
  });

  it("only Django sees a SECRET_KEY read from a file when it starts: the Unknown setting says why", () => {
    const project = startproject();
    edit(join(project, "mysite", "settings.py"), (text) =>
      text.replace(/^SECRET_KEY = .*$/m, "SECRET_KEY = (BASE_DIR / 'secret.txt').read_text().strip()"),
    );
    writeFileSync(join(project, "secret.txt"), "django-insecure-short\n");
    const profile = comparisonOf(project);
    assert.ok(!ids(profile.agree).includes("security.W009"));
    assert.deepEqual(
      profile.onlyDjango.map((item) => [item.id, item.cause, item.why]),
      [
        [
          "security.W009",
          "unknown-settings",
          "the analysis could not evaluate SECRET_KEY (calls .read_text()), so security.W009 could not decide; Django ran that code.",
        ],
      ],
    );
    assert.match(profile.onlyDjango[0]!.django, /^Your SECRET_KEY has less than 50 characters/);
    assert.deepEqual(profile.onlyStatic, []);
  });

  it("only the static analysis reports DEBUG when a .env file the settings load sets it: the loader says why", () => {
    const project = startproject();
    edit(join(project, "mysite", "settings.py"), (text) =>
      text
        .replace(
          "from pathlib import Path\n",
          "import os\nfrom pathlib import Path\n\nfrom dotenv import load_dotenv\n",
        )
        .replace(
          /^DEBUG = True$/m,
          "load_dotenv(BASE_DIR / '.env')\n\nDEBUG = os.environ.get('DJANGO_DEBUG', 'True') == 'True'",
        ),
    );
    // python-dotenv's load_dotenv, as small as the test needs (the project brings its own).
    writeFileSync(
      join(project, "dotenv.py"),
      [
        "import os",
        "",
        "",
        "def load_dotenv(path):",
        "    for line in open(path):",
        "        name, _, value = line.strip().partition('=')",
        "        if name:",
        "            os.environ.setdefault(name, value)",
        "",
      ].join("\n"),
    );
    // The test's environment for Django: the .env file on this machine.
    writeFileSync(join(project, ".env"), "DJANGO_DEBUG=False\n");
    const profile = comparisonOf(project);
    assert.deepEqual(
      profile.onlyStatic.map((item) => [item.id, item.cause]),
      [["security.W018", "dotenv-loaded"]],
    );
    assert.match(
      profile.onlyStatic[0]!.why,
      /^the settings call load_dotenv\(\) \(mysite\/settings\.py:\d+\), which loads a \.env file when Django starts; the analysis took its variables \(DJANGO_DEBUG\) as unset: apply the file with --dotenv FILE\.$/,
    );
    assert.ok(ids(profile.agree).includes("security.W020"));
    // Given the same file, both see DEBUG off.
    const applied = JSON.parse(
      compare(project, "--format", "json-report", "--select", "security", "--dotenv", ".env").stdout,
    ) as { comparison: { profiles: Compared[] } };
    const both = applied.comparison.profiles[0]!;
    assert.deepEqual(both.onlyStatic, []);
    assert.ok(!ids(both.agree).includes("security.W018"));
  });

  it("a settings module Django cannot import: exit 2, with Django's own last line", () => {
    const project = startproject();
    edit(join(project, "mysite", "settings.py"), (text) => `${text}\nimport not_installed_anywhere\n`);
    const result = compare(project, "--select", "security");
    assert.equal(result.status, 2);
    assert.match(result.stderr, /ModuleNotFoundError: No module named 'not_installed_anywhere'/);
    assert.match(result.stdout, /did not run.*ModuleNotFoundError/);
  });

  it("--python without --compare-with-django is accepted: it names the environment whose libraries are read", () => {
    // Not a usage error: the interpreter's site-packages are where unfollowed star imports are looked up.
    const result = runCli(["check", ".", "--python", "/usr/bin/python3"]);
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
    assert.doesNotMatch(result.stderr, /error: /);
  });
});

describe("the comparison's pieces", () => {
  it("reads Django's output: sections, IDs, hints, the silenced count, and a traceback's last line", () => {
    const output = [
      "SystemCheckError: System check identified some issues:",
      "",
      "ERRORS:",
      "?: (security.E100) DEFAULT_HASHING_ALGORITHM must be 'sha1' or 'sha256'.",
      "",
      "WARNINGS:",
      "?: (security.W018) You should not have DEBUG set to True in deployment.",
      "shop.Order: (models.W042) Auto-created primary key used when not defining a primary key type.",
      "\tHINT: Configure the DEFAULT_AUTO_FIELD setting.",
      "",
      "System check identified 3 issues (1 silenced).",
    ].join("\n");
    assert.deepEqual(parseDjangoCheckOutput(output), {
      completed: true,
      silenced: 1,
      issues: [
        {
          id: "security.E100",
          level: "error",
          object: "?",
          message: "DEFAULT_HASHING_ALGORITHM must be 'sha1' or 'sha256'.",
        },
        {
          id: "security.W018",
          level: "warning",
          object: "?",
          message: "You should not have DEBUG set to True in deployment.",
        },
        {
          id: "models.W042",
          level: "warning",
          object: "shop.Order",
          message: "Auto-created primary key used when not defining a primary key type.",
          hint: "Configure the DEFAULT_AUTO_FIELD setting.",
        },
      ],
    });
    assert.deepEqual(parseDjangoCheckOutput("System check identified no issues (0 silenced).\n"), {
      completed: true,
      silenced: 0,
      issues: [],
    });
    assert.deepEqual(
      parseDjangoCheckOutput(
        'Traceback (most recent call last):\n  File "manage.py", line 22\ndjango.core.exceptions.ImproperlyConfigured: The SECRET_KEY setting must not be empty.\n',
      ),
      {
        completed: false,
        failure: "django.core.exceptions.ImproperlyConfigured: The SECRET_KEY setting must not be empty.",
      },
    );
  });

  it("Django runs with none of the caller's variables, the profile's .env file's, and the profile's module", () => {
    const folder = temporaryFolder("env");
    writeFileSync(
      join(folder, "production.env"),
      "DJANGO_DEBUG=0\nexport DATABASE_URL='postgres://db/shop'\n",
    );
    const environment = djangoEnvironment(
      { settingsModule: "shop.settings.production", envFile: join(folder, "production.env") },
      {
        PATH: "/usr/bin",
        HOME: "/home/me",
        AWS_SECRET_ACCESS_KEY: "x",
        DJANGO_SETTINGS_MODULE: "shop.settings.dev",
        DJANGO_DEBUG: "1",
      },
    );
    assert.deepEqual(environment, {
      PATH: "/usr/bin",
      HOME: "/home/me",
      PYTHONIOENCODING: "utf-8",
      PYTHONDONTWRITEBYTECODE: "1",
      DJANGO_DEBUG: "0",
      DATABASE_URL: "postgres://db/shop",
      DJANGO_SETTINGS_MODULE: "shop.settings.production",
    });
    assert.equal(importRoot("shop.settings.production", "/srv/app/shop/settings/production.py"), "/srv/app");
    assert.equal(importRoot("shop.settings", "/srv/app/shop/settings/__init__.py"), "/srv/app");
    assert.equal(importRoot("shop.settings", "/srv/app/other/settings.py"), undefined);
  });

  it("a time-out and a cancellation end the run; a missing interpreter is said plainly", async () => {
    const folder = temporaryFolder("slow");
    const slow = join(folder, "slow-python");
    writeFileSync(slow, "#!/bin/sh\nsleep 30\n");
    chmodSync(slow, 0o755);
    const request = { settingsModule: "settings", settingsFile: join(folder, "settings.py"), timeoutMs: 300 };
    const started = Date.now();
    assert.equal((await runDjangoCheck({ ...request, python: slow })).status, "timed-out");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const cancelled = await runDjangoCheck({
      ...request,
      python: slow,
      timeoutMs: 20_000,
      signal: controller.signal,
    });
    assert.equal(cancelled.status, "cancelled");
    assert.ok(Date.now() - started < 10_000, "neither waited for the sleep");
    const missing = await runDjangoCheck({ ...request, python: join(folder, "no-python") });
    assert.deepEqual(
      missing.status === "not-run" ? missing.reason : missing.status,
      `the interpreter ${join(folder, "no-python")} was not found`,
    );
  });

  it("explains what only the static analysis reports from an environment variable, and a check it does not make", () => {
    const finding = (code: string, explanation?: string): Finding => ({
      code,
      severity: "warning",
      message: "m",
      ...(explanation ? { explanation } : {}),
      location: {
        file: "/p/settings.py",
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      },
      related: [],
      fixes: [],
      profiles: ["p"],
    });
    const result = compareWithDjango({
      profile: "p",
      djangoIssues: [
        { id: "models.W042", level: "warning", object: "shop.Order", message: "Auto-created primary key." },
        { id: "security.W004", level: "warning", object: "?", message: "HSTS." },
      ],
      findings: [
        finding("security.W004"),
        finding(
          "security.W018",
          "Read from the environment variable DJANGO_DEBUG; when it is unset in production, the default 'True' applies.",
        ),
        finding("deploy.W001"),
      ],
      unknownSettings: [],
      dotenvLoads: [],
      engineChecks: new Set(["security.W004", "security.W018"]),
      checkedVersion: "3.2",
      djangoVersion: "3.2.25",
    });
    assert.deepEqual(ids(result.agree), ["security.W004"]);
    assert.deepEqual(
      result.onlyDjango.map((item) => [item.id, item.cause]),
      [["models.W042", "not-a-check"]],
    );
    assert.deepEqual(
      result.onlyStatic.map((item) => [item.id, item.cause, item.variables]),
      [["security.W018", "environment", ["DJANGO_DEBUG"]]],
    );
    assert.match(
      result.onlyStatic[0]!.why,
      /environment variable DJANGO_DEBUG, which the analysis takes as unset/,
    );
  });
});
