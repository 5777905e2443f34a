// No output of `django-deploy check` shows a secret: the fixture test/fixtures/secrets has a
// production `.env` file and settings full of them (a weak and a strong key, database and cache URLs
// with passwords, literal passwords, a key under a neutral name, malformed lines), each with
// "do-not-print" in it. Every format, the standard error and the comparison with Django are searched
// for it; the findings the secrets cause are still there, and harmless values are still shown.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { root, runCli, type Run } from "./run";

const project = join(root, "test", "fixtures", "secrets");
/** The mark of every secret of the fixture; nothing else in it (paths included) contains it. */
const SECRET_MARK = /do-not-print/;

function check(...args: string[]): Run {
  const result = runCli(
    ["check", ".", "--settings", "mysite.settings", "--dotenv", ".env.production", "--verbose", ...args],
    { cwd: project },
  );
  assert.equal(result.status, 1, `exit status 1 (problems found)\n${result.stderr}`);
  return result;
}

function assertNoSecret(output: string, where: string): void {
  const line = output.split("\n").find((candidate) => SECRET_MARK.test(candidate));
  assert.equal(line, undefined, `${where} shows a secret: ${line}`);
}

describe("secrets in the CLI's output", () => {
  it("the text output and the standard error show none, and say where each value came from", () => {
    const result = check();
    assertNoSecret(result.stdout, "the text output");
    assertNoSecret(result.stderr, "the standard error");
    // Explanations are wrapped to the terminal's width.
    const text = result.stdout.replace(/\s+/g, " ");
    // The weak key is still reported, named by what makes it weak.
    assert.match(text, /security\.W009 SECRET_KEY is weak: it starts with 'django-insecure-'/);
    assert.match(
      text,
      /environment variable DJANGO_SECRET_KEY, set in \S*\.env\.production \(value hidden\)/,
    );
    // A harmless value from the same file is shown.
    assert.match(text, /environment variable SESSION_COOKIE_SECURE, set to 'off'/);
    // A malformed line is reported by its place only.
    assert.match(result.stderr, /\.env\.production:13: the line has no "="/);
    assert.match(result.stderr, /\.env\.production:14: the line is not KEY=value/);
    // A conversion that failed on a secret says so without it.
    assert.match(text, /SECURE_HSTS_SECONDS: '<hidden>' is not an integer/);
  });

  it("JSON, the JSON report and SARIF show none", () => {
    for (const format of ["json", "json-report", "sarif"]) {
      const result = check("--format", format);
      assert.doesNotThrow(() => JSON.parse(result.stdout) as unknown, `${format} is JSON`);
      assertNoSecret(result.stdout, `--format ${format}`);
      assertNoSecret(result.stderr, `the standard error of --format ${format}`);
    }
    const report = JSON.parse(check("--format", "json-report").stdout) as {
      findings: { code: string; message: string }[];
      projects: { messages: string[] }[];
    };
    assert.ok(
      report.findings.some((finding) => finding.code === "security.W009"),
      "the weak key is still reported",
    );
    assert.ok(
      report.findings.some((finding) => finding.code === "deploy.W005"),
      "the literal database password is still reported",
    );
    assert.deepEqual(
      report.projects[0]!.messages.filter((message) => message.includes(".env.production:")).map((message) =>
        message.slice(message.lastIndexOf("/") + 1),
      ),
      ['.env.production:13: the line has no "=".', ".env.production:14: the line is not KEY=value."],
    );
  });

  it("the comparison with Django hides what Django prints of the .env file", () => {
    // Django 3.2 (Debian's) imports the settings with the .env file's variables: django-environ
    // raises on HSTS_SECONDS, and Python's message quotes the value.
    const result = runCli(
      [
        "check",
        ".",
        "--settings",
        "mysite.settings",
        "--dotenv",
        ".env.production",
        "--compare-with-django",
        "--python",
        "/usr/bin/python3",
      ],
      { cwd: project },
    );
    assertNoSecret(result.stdout, "the comparison");
    assertNoSecret(result.stderr, "the standard error of the comparison");
    assert.match(
      result.stdout,
      /did not run: ValueError: invalid literal for int\(\) with base 10: '<hidden>'/,
    );
  });
});
