// Invalid answers: each is rejected with a message naming the field and the rule, and nothing is planned.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type RawAnswers, checkAnswer, formatIssue, planScaffold } from "../../../scaffold/src/index";
import { answers, memoryProject, startProject, templates } from "./helpers";

interface Case {
  name: string;
  answers: Record<string, unknown>;
  field: string;
  message: RegExp;
  files?: ReturnType<typeof startProject>;
}

const gunicorn = { kind: "wsgi", server: "gunicorn", projectPackage: "mysite" };

const cases: Case[] = [
  {
    name: "target folder with ..",
    answers: { ...gunicorn, targetFolder: "../x" },
    field: "targetFolder",
    message: /must not contain "\.\."/,
  },
  {
    name: "target folder .. hidden in the middle",
    answers: { ...gunicorn, targetFolder: "a/../../x" },
    field: "targetFolder",
    message: /must not contain "\.\."/,
  },
  {
    name: "absolute target folder outside the workspace",
    answers: { ...gunicorn, targetFolder: "/etc" },
    field: "targetFolder",
    message: /must be inside the workspace folder \/work\/site/,
  },
  {
    name: "target folder through a symbolic link that leaves the workspace",
    answers: { ...gunicorn, targetFolder: "linked" },
    files: memoryProject(
      "/work/site",
      { "mysite/__init__.py": "", "mysite/settings.py": "" },
      { linked: "/etc" },
    ),
    field: "targetFolder",
    message: /leaves the workspace folder through a symbolic link \(linked is \/etc\)/,
  },
  {
    name: "a planned file that is a symbolic link leaving the workspace",
    answers: gunicorn,
    files: memoryProject(
      "/work/site",
      { "mysite/__init__.py": "", "mysite/settings.py": "" },
      { "mysite/wsgi.py": "/etc/passwd" },
    ),
    field: "targetFolder",
    message: /mysite\/wsgi\.py leads out of the workspace folder through a symbolic link/,
  },
  {
    name: "my-site as a module name",
    answers: { ...gunicorn, projectPackage: "my-site" },
    field: "projectPackage",
    message: /dotted path of Python identifiers.*"my-site"/,
  },
  {
    name: "a Python keyword as a package",
    answers: { ...gunicorn, projectPackage: "class" },
    field: "projectPackage",
    message: /dotted path/,
  },
  {
    name: "a settings module with a dash",
    answers: { ...gunicorn, settingsModule: "mysite.settings-prod" },
    field: "settingsModule",
    message: /dotted path/,
  },
  {
    name: "a package that does not exist",
    answers: { ...gunicorn, projectPackage: "other" },
    field: "projectPackage",
    message: /no package other in \. \(looked for other\/__init__\.py\)/,
  },
  {
    name: "a settings module that does not exist",
    answers: { ...gunicorn, settingsModule: "mysite.production" },
    field: "settingsModule",
    message: /no module mysite\.production/,
  },
  {
    name: "port 70000",
    answers: { ...gunicorn, port: 70000 },
    field: "port",
    message: /from 1 to 65535 \(got 70000\)/,
  },
  { name: "port 0", answers: { ...gunicorn, port: "0" }, field: "port", message: /from 1 to 65535/ },
  {
    name: "a port that is not a number",
    answers: { ...gunicorn, port: "http" },
    field: "port",
    message: /port number/,
  },
  {
    name: "0 workers",
    answers: { ...gunicorn, workers: 0 },
    field: "workers",
    message: /from 1 to 512 \(got 0\)/,
  },
  {
    name: "1.5 workers",
    answers: { ...gunicorn, workers: 1.5 },
    field: "workers",
    message: /number of workers/,
  },
  {
    name: "workers for Daphne",
    answers: { kind: "asgi", server: "daphne", projectPackage: "mysite", workers: 2 },
    field: "workers",
    message: /Daphne runs a single process/,
  },
  {
    name: "an unknown server",
    answers: { ...gunicorn, server: "waitress" },
    field: "server",
    message: /must be one of gunicorn, uwsgi/,
  },
  {
    name: "an ASGI server for wsgi",
    answers: { ...gunicorn, server: "uvicorn" },
    field: "server",
    message: /uvicorn serves ASGI, not WSGI; choose one of gunicorn, uwsgi, mod_wsgi, mod_wsgi-auth/,
  },
  {
    name: "a bind address with a space",
    answers: { ...gunicorn, bind: "127.0.0.1 8000" },
    field: "bind",
    message: /IP address or host name/,
  },
  {
    name: "a relative virtualenv",
    answers: { ...gunicorn, virtualenv: "venv" },
    field: "virtualenv",
    message: /absolute POSIX path/,
  },
  {
    name: "a virtualenv with a quote",
    answers: { ...gunicorn, virtualenv: '/srv/"venv' },
    field: "virtualenv",
    message: /absolute POSIX path/,
  },
  {
    name: "a domain with a space",
    answers: { ...gunicorn, server: "mod_wsgi", domain: "example .com" },
    field: "domain",
    message: /host name/,
  },
  {
    name: "Apache without a domain",
    answers: { ...gunicorn, server: "mod_wsgi" },
    field: "domain",
    message: /is required for Apache with mod_wsgi/,
  },
  {
    name: "STATIC_URL without a trailing slash",
    answers: { ...gunicorn, staticUrl: "/static" },
    field: "staticUrl",
    message: /starts and ends with "\/"/,
  },
  {
    name: "a Django version that is not X.Y",
    answers: { ...gunicorn, djangoVersion: "4" },
    field: "djangoVersion",
    message: /X\.Y/,
  },
  {
    name: "a Django version before 3.2",
    answers: { ...gunicorn, djangoVersion: "2.2" },
    field: "djangoVersion",
    message: /3\.2 or newer/,
  },
  {
    name: "middleware that is not dotted",
    answers: { ...gunicorn, middleware: ["WhiteNoise"] },
    field: "middleware",
    message: /dotted path of a callable/,
  },
  {
    name: "middleware that shadows application",
    answers: { ...gunicorn, middleware: ["x.application"] },
    field: "middleware",
    message: /would shadow "application"/,
  },
  {
    name: "WSGI middleware for asgi",
    answers: {
      kind: "asgi",
      server: "uvicorn",
      projectPackage: "mysite",
      middleware: ["sentry_sdk.integrations.wsgi.SentryWsgiMiddleware"],
    },
    field: "middleware",
    message: /wraps WSGI applications, not ASGI; use sentry_sdk\.integrations\.asgi\.SentryAsgiMiddleware/,
  },
  {
    name: "multi-site outside mod_wsgi",
    answers: { ...gunicorn, multiSite: true },
    field: "multiSite",
    message: /only applies to Apache mod_wsgi/,
  },
  {
    name: "groups outside mod_wsgi-auth",
    answers: { ...gunicorn, server: "mod_wsgi", domain: "example.com", groups: ["staff"] },
    field: "groups",
    message: /only applies to mod_wsgi-auth/,
  },
  {
    name: "a group name with a quote",
    answers: { ...gunicorn, server: "mod_wsgi-auth", domain: "example.com", groups: ['st"aff'] },
    field: "groups",
    message: /Django group names/,
  },
  {
    name: "an unknown answer",
    answers: { ...gunicorn, colour: "blue" },
    field: "answers",
    message: /unknown answer "colour"/,
  },
];

for (const testCase of cases) {
  test(`rejects ${testCase.name}`, () => {
    const result = planScaffold(testCase.answers, testCase.files ?? startProject(), templates);
    assert.equal(result.ok, false, "nothing may be planned");
    if (result.ok) return;
    assert.ok("issues" in result && !("plan" in result));
    const issue = result.issues.find((candidate) => candidate.field === testCase.field);
    assert.ok(issue, `no issue for ${testCase.field}: ${JSON.stringify(result.issues)}`);
    assert.match(issue.message, testCase.message);
  });
}

test("the message names the field as people read it", () => {
  const result = planScaffold({ ...gunicorn, port: 70000 }, startProject(), templates);
  assert.ok(!result.ok);
  assert.deepEqual(result.issues.map(formatIssue), [
    "port: must be a port number from 1 to 65535 (got 70000)",
  ]);
});

test("several wrong answers are all reported", () => {
  const result = planScaffold(
    { ...gunicorn, projectPackage: "my-site", port: 70000, workers: 0 },
    startProject(),
    templates,
  );
  assert.ok(!result.ok);
  assert.deepEqual(result.issues.map((issue) => issue.field).sort(), ["port", "projectPackage", "workers"]);
});

test("without a deploy path the server files name /srv/<package>, never the checkout's folder", () => {
  const files = memoryProject("/home/me/My Site", { "mysite/__init__.py": "", "mysite/settings.py": "" });
  for (const server of ["uwsgi", "gunicorn"] as const) {
    const result = planScaffold(answers({ kind: "wsgi", server }), files, templates);
    assert.ok(result.ok, JSON.stringify(result));
    for (const write of result.plan.writes) {
      assert.doesNotMatch(write.content, /\/home\/me/, write.relativePath);
    }
    assert.ok(result.plan.notes.some((note) => note.includes("/srv/mysite (the default)")));
  }
  const given = planScaffold(
    answers({ kind: "wsgi", server: "uwsgi", deployPath: "/home/me/site" }),
    files,
    templates,
  );
  assert.ok(given.ok);
  assert.match(
    given.plan.writes.find((write) => write.relativePath === "uwsgi.ini")?.content ?? "",
    /^chdir = \/home\/me\/site$/m,
  );
  assert.ok(!given.plan.notes.some((note) => note.includes("(the default)")));
});

test("valid edge values are accepted", () => {
  const accepted: Partial<RawAnswers>[] = [
    { port: 1 },
    { port: "65535" },
    { workers: 1 },
    { bind: "0.0.0.0" },
    { bind: "[::1]" },
    { bind: "localhost" },
    { targetFolder: "/work/site" },
    { targetFolder: "./" },
    { djangoVersion: "6.0" },
    { middleware: ["sentry_sdk.integrations.wsgi.SentryWsgiMiddleware"] },
  ];
  for (const overrides of accepted) {
    const result = planScaffold({ ...gunicorn, ...overrides }, startProject(), templates);
    assert.ok(result.ok, `${JSON.stringify(overrides)}: ${result.ok ? "" : JSON.stringify(result.issues)}`);
  }
});

test("one answer is judged alone, for input boxes", () => {
  const base = { kind: "wsgi", server: "gunicorn", projectPackage: "mysite" } as const;
  assert.equal(checkAnswer({ ...base, port: "8000" }, "port"), undefined);
  assert.match(checkAnswer({ ...base, port: "70000" }, "port") ?? "", /from 1 to 65535/);
  assert.equal(checkAnswer({ ...base, port: "70000" }, "workers"), undefined);
});
