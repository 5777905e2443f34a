// The CLI on a project made by Debian's real `django-admin startproject`, and on bad input.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { before, describe, it } from "node:test";
import { temporaryFolder } from "../temporaryFolders";
import { testCache } from "./run";

const root = join(__dirname, "..", "..");
const cli = join(root, "dist", "cli.js");

interface JsonFinding {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code: string;
  severity: string;
  message: string;
  profile: string;
  profiles: string[];
  base: string;
  docs: string;
  related: unknown[];
  fixes: { title: string; applicability: string; edits: { newText: string }[] }[];
}

function check(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: testCache(), ...options.env };
  // The tests' own environment must not choose the module (the CLI honours it, as Django would).
  if (!options.env || !("DJANGO_SETTINGS_MODULE" in options.env)) delete env.DJANGO_SETTINGS_MODULE;
  delete env.FORCE_COLOR;
  for (const [name, value] of Object.entries(options.env ?? {})) if (value === undefined) delete env[name];
  const result = spawnSync(process.execPath, [cli, "check", ...args], {
    encoding: "utf8",
    timeout: 60_000,
    cwd: options.cwd ?? root,
    env,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function lineOf(text: string, pattern: RegExp): number {
  const index = text.split("\n").findIndex((line) => pattern.test(line));
  assert.ok(index >= 0, `no line matches ${pattern}`);
  return index;
}

describe("django-deploy check on a real startproject", () => {
  let project: string;
  let settingsText: string;

  before(() => {
    const scratch = temporaryFolder("cli");
    const made = spawnSync("/usr/bin/python3", ["-m", "django", "startproject", "mysite"], {
      cwd: scratch,
      encoding: "utf8",
    });
    assert.equal(made.status, 0, `startproject failed (is python3-django installed?): ${made.stderr}`);
    project = join(scratch, "mysite");
    settingsText = readFileSync(join(project, "mysite", "settings.py"), "utf8");
  });

  it("reports W018, W009 and W020 at the lines that set them, as JSON; the weak key is W009's alone", () => {
    const result = check([".", "--format", "json", "--select", "security,deploy.W001"], { cwd: project });
    assert.equal(result.status, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    const at = (code: string) =>
      findings
        .filter((finding) => finding.code === code)
        .map((finding) => `${finding.file}:${finding.range.start.line}`);
    const key = lineOf(settingsText, /^SECRET_KEY = /);
    assert.deepEqual(at("security.W018"), [`mysite/settings.py:${lineOf(settingsText, /^DEBUG = True/)}`]);
    assert.deepEqual(at("security.W009"), [`mysite/settings.py:${key}`]);
    // A weak literal key: security.W009, with the fix deploy.W001 would offer too: one diagnostic.
    assert.deepEqual(at("deploy.W001"), []);
    assert.deepEqual(at("security.W020"), [
      `mysite/settings.py:${lineOf(settingsText, /^ALLOWED_HOSTS = \[\]/)}`,
    ]);
    // What Django's own check --deploy prints for startproject (spec §1d).
    assert.deepEqual([...new Set(findings.map((finding) => finding.code))].sort(), [
      "security.W004",
      "security.W008",
      "security.W009",
      "security.W012",
      "security.W016",
      "security.W018",
      "security.W020",
    ]);
    for (const finding of findings) {
      assert.equal(finding.profile, "mysite.settings");
      assert.deepEqual(finding.profiles, ["mysite.settings"]);
      assert.equal(finding.severity, "warning");
      // Version 0.1's fields, and the ones added since.
      for (const key of ["code", "file", "message", "profile", "profiles", "range", "severity"])
        assert.ok(key in finding, key);
      assert.equal(finding.base, project);
      assert.equal(
        finding.docs,
        `https://github.com/django-deploy/django-deploy/blob/main/docs/checks/${finding.code}.md`,
      );
      assert.ok(Array.isArray(finding.fixes) && Array.isArray(finding.related));
    }
    const debug = findings.find((finding) => finding.code === "security.W018")!;
    assert.ok(
      debug.fixes.some((fix) => fix.title === "Set DEBUG = False" && fix.edits[0]!.newText === "False"),
      JSON.stringify(debug.fixes),
    );
  });

  it("prints text with 1-based positions relative to the current folder, grouped by profile, and a summary", () => {
    const result = check(["mysite", "--select", "security,deploy.W001"], { cwd: dirname(project) });
    assert.equal(result.status, 1);
    const debugLine = lineOf(settingsText, /^DEBUG = True/) + 1;
    // Run from the parent folder, the path opens from there: mysite/mysite/settings.py.
    assert.match(
      result.stdout,
      new RegExp(`^mysite/mysite/settings.py:${debugLine}:9: security.W018 DEBUG is on`, "m"),
    );
    assert.match(result.stdout, /^mysite\.settings: manage\.py's default \(mysite\/manage\.py:\d+\)$/m);
    assert.match(
      result.stdout,
      /^Found 7 problems \(7 warnings\) in mysite\.settings \(Django 5\.2, assumed: the newest LTS\)\. \d+ more left out by --select\/--ignore\.$/m,
    );
    assert.ok(!result.stdout.includes("\u001b["), "no colours into a pipe");
  });

  it("finds nothing in a hardened copy, and exits 0", () => {
    const hardened = temporaryFolder("hardened");
    cpSync(project, hardened, { recursive: true });
    const settings = join(hardened, "mysite", "settings.py");
    const text = readFileSync(settings, "utf8")
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
    writeFileSync(settings, `import os\n${text}\n${hardening}\n`);
    const result = check([hardened, "--format", "json", "--select", "security,deploy.W001"]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), []);
  });

  it("checks a module named with --settings, and knows the Django version asked for", () => {
    const result = check([project, "--settings", "mysite.settings", "--django-version", "3.2"]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /\(Django 3\.2\)\.$/m);
    assert.match(result.stdout, /^mysite\.settings: chosen in --settings$/m);
  });

  it("--handled-by-infrastructure turns those checks' findings into notes that say so", () => {
    const result = check([
      project,
      "--format",
      "json",
      "--handled-by-infrastructure",
      "security.W008,security.W004",
    ]);
    const findings = JSON.parse(result.stdout) as (JsonFinding & { explanation?: string })[];
    const redirect = findings.find((finding) => finding.code === "security.W008");
    assert.equal(redirect?.severity, "information");
    assert.match(redirect?.explanation ?? "", /handles this \(--handled-by-infrastructure\)/);
    assert.equal(findings.find((finding) => finding.code === "security.W018")?.severity, "warning");
  });
});

describe("django-deploy check: usage errors and bad input", () => {
  it("exits 2 with a message for usage errors", () => {
    for (const args of [
      ["--format", "xml"],
      ["--django-version", "2.2"],
      ["--bogus"],
      ["/does/not/exist"],
      ["--settings", "my-site"],
    ]) {
      const result = check(args);
      assert.equal(result.status, 2, `${args.join(" ")}: ${result.stdout}`);
      assert.ok(result.stderr.length > 0);
    }
  });

  it("survives binary, non-UTF-8, empty, half-typed and 5 MB settings modules", () => {
    const project = temporaryFolder("bad");
    const write = (module: string, content: string | Buffer) =>
      writeFileSync(join(project, `${module}.py`), content);
    writeFileSync(join(project, "manage.py"), "");
    const modules = ["binary", "latin1", "empty", "halftyped", "huge"];
    write("binary", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]));
    write("latin1", Buffer.from("DEBUG = True\nX = 'caf\xe9'\n", "latin1"));
    write("empty", "");
    write(
      "halftyped",
      "DEBUG = Tr\nALLOWED_HOSTS = [\nSECRET_KEY = 'django-insecure-x'\nif DEBUG\nDEBUG = True\n",
    );
    const line = 'SETTING_X = {"a": [1, 2, 3], "b": "some text to make the line long enough"}\n';
    write("huge", `${line.repeat(Math.ceil((5 * 1024 * 1024) / line.length))}DEBUG = True\n`);
    const result = check([".", "--format", "json", ...modules.flatMap((module) => ["--settings", module])], {
      cwd: project,
    });
    // The half-typed module cannot be imported by Python: "unreadable input".
    assert.equal(result.status, 2, result.stderr);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    const syntaxErrors = findings.filter((finding) => finding.code === "python.E001");
    assert.deepEqual(
      syntaxErrors.map((finding) => [finding.file, finding.range.start.line, finding.message.split(".")[0]]),
      [["halftyped.py", 1, "SyntaxError: '[' was never closed"]],
    );
    const watched = ["security.W009", "security.W018", "security.W020"];
    const codes = (profile: string) =>
      findings
        .filter((finding) => finding.profiles.includes(profile) && watched.includes(finding.code))
        .map((finding) => finding.code)
        .sort();
    assert.deepEqual(codes("halftyped"), ["security.W009", "security.W018"], "intact lines still count");
    assert.ok(codes("huge").includes("security.W018"), "the last line of a 5 MB module is read");
    assert.deepEqual(
      codes("empty"),
      ["security.W009", "security.W020"],
      "an empty module has Django's defaults",
    );
    assert.match(result.stderr, /binary\.py\) cannot be read: it is not UTF-8 text/);
    assert.match(result.stderr, /latin1\.py\) cannot be read: it is not UTF-8 text/);
  });
});
