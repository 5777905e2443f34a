// The options of `django-deploy check` as people use them, each through the built CLI.
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { before, describe, it } from "node:test";
import { temporaryFolder } from "../temporaryFolders";
import { fixtures, root, runCli, startproject } from "./run";

const twoProfiles = join(fixtures, "two-profiles");
const check = (args: string[], options?: Parameters<typeof runCli>[1]) => runCli(["check", ...args], options);
const ESCAPE = "\u001b[";

interface Report {
  version: number;
  base: string;
  projects: {
    path: string;
    djangoVersion: string;
    checked: boolean;
    profilesChosenBy?: string;
    profiles: {
      module: string;
      kind: string;
      evidence: { kind: string; file: string; line: number; says: string }[];
    }[];
    rejected: { module: string; reason: string; evidence: { file: string }[] }[];
    coverage: {
      profile: string;
      unknownSettings: { name: string; reason: string; checks: string[]; location?: { file: string } }[];
    }[];
    dotenvLoads: { file: string; call: string }[];
  }[];
  findings: { code: string; file: string; profiles: string[]; severity: string }[];
  summary: { counts: Record<string, number>; total: number; profilesChecked: number };
}

describe("django-deploy: the command line", () => {
  it("--version prints the package's version", () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    const result = runCli(["--version"]);
    assert.equal(result.status, 0);
    assert.equal(result.stdout.trim(), version);
  });

  it("a mistyped option or command says what was meant, and exits 2", () => {
    const option = runCli(["check", "--formt", "json"]);
    assert.equal(option.status, 2);
    assert.match(option.stderr, /unknown option '--formt' \(did you mean --format\?\)/);
    const command = runCli(["chek"]);
    assert.equal(command.status, 2);
    assert.match(command.stderr, /unknown command 'chek' \(did you mean check\?\)/);
    const scaffold = runCli(["scaffold", "wsgi", "--forse"]);
    assert.equal(scaffold.status, 2);
    assert.match(scaffold.stderr, /unknown option '--forse' \(did you mean --force\?\)/);
    const selector = runCli(["check", twoProfiles, "--select", "securty"]);
    assert.equal(selector.status, 2);
    assert.match(selector.stderr, /no check ID starts with "securty" \(did you mean security\?\)/);
  });

  it("--help documents the exit statuses", () => {
    const result = runCli(["check", "--help"]);
    assert.equal(result.status, 0);
    for (const status of [
      "0  checked, nothing found",
      "1  checked, problems found",
      "2  usage error",
      "3  nothing was checked",
    ])
      assert.ok(result.stdout.includes(status), status);
    assert.match(result.stdout, /--dotenv <FILE>/);
    assert.doesNotMatch(result.stdout, /--env-file/, "the former name is not advertised");
  });
});

describe("django-deploy check: options", () => {
  let project: string;

  before(() => {
    project = startproject();
    // SECRET_KEY from the environment, so a .env file can change what is found.
    const settings = join(project, "mysite", "settings.py");
    writeFileSync(
      settings,
      readFileSync(settings, "utf8").replace(
        /^SECRET_KEY = .*$/m,
        "import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'django-insecure-x')",
      ),
    );
    writeFileSync(join(project, "production.env"), `DJANGO_SECRET_KEY=${"k7Qz-9xW_3pL".repeat(5)}\n`);
  });

  it("--dotenv applies a .env file, --env-file (its former name) is refused, and a missing file exits 2", () => {
    const codes = (args: string[]) => {
      const result = check([".", "--format", "json", ...args], { cwd: project });
      return (JSON.parse(result.stdout) as { code: string }[]).map((finding) => finding.code);
    };
    assert.ok(codes([]).includes("security.W009"));
    assert.ok(!codes(["--dotenv", "production.env"]).includes("security.W009"));
    // Node 20 reads --env-file itself (test/cli/workspaceCode.test.ts says why it is refused).
    const former = check([".", "--env-file", "production.env"], { cwd: project });
    assert.equal(former.status, 2);
    assert.match(former.stderr, /--env-file is not an option of django-deploy: use --dotenv FILE/);
    const missing = check([".", "--dotenv", "nope.env"], { cwd: project });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /the \.env file nope\.env does not exist/);
  });

  it("--select and --ignore take IDs and prefixes; --fail-on and --exit-zero decide the exit status", () => {
    const run = (...args: string[]) => check([".", "--quiet", ...args], { cwd: project });
    const codes = (text: string) =>
      [
        ...new Set(
          text
            .trim()
            .split("\n")
            .map((line) => line.split(" ")[1]),
        ),
      ].sort();
    assert.deepEqual(codes(run("--select", "security.W018,security.W020").stdout), [
      "security.W018",
      "security.W020",
    ]);
    const ignored = codes(run("--ignore", "security", "--ignore", "deploy.W0").stdout);
    assert.ok(
      ignored.length > 0 &&
        ignored.every((code) => !code!.startsWith("security") && !code!.startsWith("deploy.W0")),
    );
    assert.equal(run("--select", "security").status, 1);
    assert.equal(run("--select", "security", "--fail-on", "error").status, 0, "warnings only");
    assert.equal(run("--select", "security", "--fail-on", "warning").status, 1);
    assert.equal(run("--exit-zero").status, 0);
    assert.equal(run("--select", "security", "--fail-on", "critical").status, 2, "not a level");
  });

  it("--quiet prints the finding lines only; --verbose adds explanations, fixes and links", () => {
    const quiet = check([".", "--quiet", "--select", "security"], { cwd: project });
    const lines = quiet.stdout.trim().split("\n");
    assert.ok(lines.length >= 7);
    for (const line of lines) assert.match(line, /^mysite\/settings\.py:\d+:\d+: security\.W\d{3} .+$/);
    assert.equal(quiet.stderr, "");
    const verbose = check([".", "--verbose", "--select", "security.W018"], { cwd: project });
    assert.match(verbose.stdout, /^ {4}Error pages show source code/m);
    assert.match(verbose.stdout, /^ {4}fix \((safe|unsafe)\): Set DEBUG = False$/m);
    assert.match(
      verbose.stdout,
      /^ {4}https:\/\/github\.com\/django-deploy\/django-deploy\/blob\/main\/docs\/checks\/security\.W018\.md$/m,
    );
    assert.match(verbose.stdout, /^ {2}also: wsgi\.py's default \(mysite\/wsgi\.py:\d+\)$/m);
  });

  it("--output writes the report to a file, without colours even when they are forced", () => {
    const output = join(temporaryFolder("output"), "report.txt");
    const result = check([".", "--output", output], { cwd: project, env: { FORCE_COLOR: "1" } });
    assert.equal(result.status, 1);
    assert.equal(result.stdout, "");
    const text = readFileSync(output, "utf8");
    assert.match(text, /^Found \d+ problems/m);
    assert.ok(!text.includes(ESCAPE));
  });

  it("colours on a terminal only: NO_COLOR turns them off, FORCE_COLOR on", () => {
    // `script` gives the CLI a pseudo-terminal, as a person's shell would.
    const onTerminal = (env: Record<string, string | undefined>) =>
      runCli(
        [
          "-qec",
          `${process.execPath} ${join(root, "dist", "cli.js")} check . --select security.W018`,
          "/dev/null",
        ],
        {
          cwd: project,
          env: { TERM: "xterm", ...env },
          command: ["script"],
        },
      ).stdout;
    assert.ok(onTerminal({}).includes(`${ESCAPE}33msecurity.W018`), "yellow warning ID on a terminal");
    assert.ok(!onTerminal({ NO_COLOR: "1" }).includes(ESCAPE));
    assert.ok(
      check([".", "--select", "security.W018"], { cwd: project, env: { FORCE_COLOR: "1" } }).stdout.includes(
        ESCAPE,
      ),
    );
    assert.ok(!check([".", "--select", "security.W018"], { cwd: project }).stdout.includes(ESCAPE));
  });

  it("DJANGO_SETTINGS_MODULE in the environment is the module checked, as Django would use it", () => {
    const chosen = check([twoProfiles, "--format", "json-report"], {
      env: { DJANGO_SETTINGS_MODULE: "shop.settings.staging" },
    });
    const report = JSON.parse(chosen.stdout) as Report;
    assert.deepEqual(
      report.projects[0]!.profiles.filter((profile) => profile.kind === "production").map(
        (profile) => profile.module,
      ),
      ["shop.settings.staging"],
    );
    assert.equal(report.projects[0]!.profilesChosenBy, "DJANGO_SETTINGS_MODULE");
    assert.match(
      chosen.stderr,
      /checking shop\.settings\.staging, named by DJANGO_SETTINGS_MODULE in the environment/,
    );
    // --settings still wins; a module the project does not have falls back to what is found.
    const settings = check(
      [twoProfiles, "--format", "json-report", "--settings", "shop.settings.production"],
      {
        env: { DJANGO_SETTINGS_MODULE: "shop.settings.staging" },
      },
    );
    assert.equal((JSON.parse(settings.stdout) as Report).projects[0]!.profilesChosenBy, "--settings");
    const absent = check([twoProfiles, "--format", "json-report"], {
      env: { DJANGO_SETTINGS_MODULE: "other.settings" },
    });
    assert.match(
      absent.stderr,
      /DJANGO_SETTINGS_MODULE=other\.settings is set in the environment, but .* has no such module/,
    );
    assert.equal((JSON.parse(absent.stdout) as Report).summary.profilesChecked, 2);
  });

  it("no production settings module: exit 3, and how to name it", () => {
    const empty = temporaryFolder("empty");
    writeFileSync(join(empty, "notes.py"), "X = 1\n");
    const text = check(["."], { cwd: empty });
    assert.equal(text.status, 3);
    assert.match(
      text.stdout,
      /Nothing was checked: no production settings module was found\. Name it with --settings MODULE/,
    );
    const json = check([".", "--format", "json"], { cwd: empty });
    assert.equal(json.status, 3);
    assert.equal(json.stdout.trim(), "[]");
    assert.match(json.stderr, /Name it with --settings MODULE/);
  });

  it("an internal error of a check goes to stderr and exits 2; the other checks still report", () => {
    const result = check([".", "--format", "json"], {
      cwd: project,
      env: { DJANGO_DEPLOY_FAULT_INJECTION: "throwing-check" },
    });
    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      /internal error in test\.E999 on mysite\.settings: this check fails on purpose/,
    );
    assert.ok((JSON.parse(result.stdout) as unknown[]).length > 0);
  });

  it("several PATHs: each is a project of its own, and the summary names each one's Django version", () => {
    const result = check([twoProfiles, project], { cwd: dirname(project) });
    const summary = result.stdout.trim().split("\n").pop()!;
    assert.match(summary, /in shop\.settings\.production, shop\.settings\.staging, mysite\.settings /);
    assert.ok(summary.includes(`${twoProfiles}: Django 4.2 from requirements.txt: Django==4.2.16`), summary);
    assert.ok(summary.includes(`${project}: Django 5.2, assumed: the newest LTS`), summary);
  });

  it("speaks of options, never of the editor's settings or workspace", () => {
    const outputs = [
      check([".", "--verbose"], { cwd: project }),
      check([twoProfiles, "--verbose"]),
      check([twoProfiles, "--format", "json-report"]),
      check([".", "--settings", "nowhere.settings"], { cwd: project }),
    ];
    for (const output of outputs) {
      const text = output.stdout + output.stderr;
      assert.doesNotMatch(text, /workspace|djangoDeploy\./i);
    }
  });
});

describe("django-deploy check: profiles, evidence and coverage (two production profiles)", () => {
  it("text: each profile with what made it production, the candidates not checked, the settings not evaluated", () => {
    const result = check(["two-profiles"], { cwd: fixtures });
    assert.equal(result.status, 1);
    const text = result.stdout;
    assert.match(
      text,
      /^shop\.settings\.production: ENV DJANGO_SETTINGS_MODULE in the runtime stage of Dockerfile \(two-profiles\/Dockerfile:5\)$/m,
    );
    assert.match(text, /^shop\.settings\.staging: web process in Procfile .*\(two-profiles\/Procfile:1\)$/m);
    assert.match(
      text,
      /^two-profiles\/shop\/settings\/staging\.py:3:9: security\.W018 DEBUG is on in production\.$/m,
    );
    assert.match(text, /^shop\.settings\.production, shop\.settings\.staging: shared$/m);
    assert.match(text, /^ {2}1 setting could not be evaluated; --verbose lists them\.$/m);
    assert.match(
      text,
      /^Not checked:\n {2}shop\.settings\.dev: development, .*\(two-profiles\/docker-compose\.dev\.yml:6\)$/m,
    );
    assert.match(
      text,
      /^Found \d+ problems \(\d+ warnings?(, \d+ notes?)?\) in shop\.settings\.production, shop\.settings\.staging \(Django 4\.2 from requirements\.txt: Django==4\.2\.16\)\.$/m,
    );
    const verbose = check(["two-profiles", "--verbose"], { cwd: fixtures }).stdout;
    assert.match(
      verbose,
      /^ {4}SESSION_COOKIE_SECURE: session_cookie_secure\(\) returns what open\("\/run\/secrets\/session-cookie-secure"\) gives when the server runs \(two-profiles\/shop\/settings\/production\.py:7\); undecided: .*security\.W012/m,
    );
  });

  it("json-report: the same, structured, with paths relative to its base", () => {
    const result = check(["two-profiles", "--format", "json-report"], { cwd: fixtures });
    const report = JSON.parse(result.stdout) as Report;
    assert.equal(report.version, 1);
    assert.equal(report.base, fixtures);
    const [project] = report.projects;
    assert.equal(project!.path, "two-profiles");
    assert.equal(project!.djangoVersion, "4.2");
    const production = project!.profiles.find((profile) => profile.module === "shop.settings.production")!;
    assert.deepEqual(production.evidence[0], {
      kind: "runtime",
      file: "two-profiles/Dockerfile",
      line: 4,
      says: "ENV DJANGO_SETTINGS_MODULE in the runtime stage of Dockerfile",
    });
    const dev = project!.rejected.find((candidate) => candidate.module === "shop.settings.dev")!;
    assert.equal(dev.reason, "development");
    assert.ok(dev.evidence.some((item) => item.file === "two-profiles/docker-compose.dev.yml"));
    const coverage = project!.coverage.find((entry) => entry.profile === "shop.settings.production")!;
    assert.deepEqual(
      coverage.unknownSettings.map((setting) => [setting.name, setting.location?.file]),
      [["SESSION_COOKIE_SECURE", "two-profiles/shop/settings/production.py"]],
    );
    assert.ok(coverage.unknownSettings[0]!.checks.includes("security.W012"));
    assert.equal(report.summary.profilesChecked, 2);
    assert.equal(report.summary.total, report.findings.length);
    const shared = report.findings.find((finding) => finding.code === "security.W009")!;
    assert.deepEqual(shared.profiles, ["shop.settings.production", "shop.settings.staging"]);
  });

  it("a .env file the settings code loads itself is pointed out, with the option that applies it", () => {
    const project = temporaryFolder("dotenv");
    cpSync(twoProfiles, project, { recursive: true });
    const base = join(project, "shop", "settings", "base.py");
    writeFileSync(
      base,
      readFileSync(base, "utf8").replace(
        "import os\n",
        "import os\n\nimport environ\n\nenviron.Env.read_env()\n",
      ),
    );
    const text = check(["."], { cwd: project }).stdout;
    assert.match(
      text,
      /^ {2}shop\/settings\/base\.py:5: environ\.Env\.read_env\(\) loads a \.env file when Django starts; its variables are taken as unset here: apply it with --dotenv FILE\.$/m,
    );
    const report = JSON.parse(check([".", "--format", "json-report"], { cwd: project }).stdout) as Report;
    assert.deepEqual(
      report.projects[0]!.dotenvLoads.map((load) => [load.file, load.call]),
      [["shop/settings/base.py", "environ.Env.read_env"]],
    );
  });
});
