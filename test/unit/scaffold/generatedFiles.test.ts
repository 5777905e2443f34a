// Every generated Python file parses with a real Python, and every TOML file with tomllib.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { SERVER_INFO, SERVERS, planScaffold, wrapEntryModule } from "../../../scaffold/src/index";
import { startProject, templates } from "./helpers";

const PYTHON = "/usr/bin/python3";

function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const server of SERVERS) {
    const { kind, apache } = SERVER_INFO[server];
    const middlewareChoices =
      kind === "wsgi"
        ? [
            [],
            [
              "whitenoise.WhiteNoise",
              "sentry_sdk.integrations.wsgi.SentryWsgiMiddleware",
              "mysite.middleware.AddHeader",
            ],
          ]
        : [[], ["sentry_sdk.integrations.asgi.SentryAsgiMiddleware", "mysite.middleware.AddHeader"]];
    for (const middleware of middlewareChoices) {
      for (const multiSite of apache ? [false, true] : [false]) {
        for (const groups of server === "mod_wsgi-auth" ? [[], ["staff"]] : [[]]) {
          for (const djangoVersion of ["3.2", "5.2"]) {
            for (const parts of [["entry", "server"], ["entry"]]) {
              const result = planScaffold(
                {
                  kind,
                  server,
                  projectPackage: "mysite",
                  middleware,
                  multiSite,
                  groups,
                  djangoVersion,
                  parts,
                  virtualenv: "/srv/venv",
                  ...(apache ? { domain: "example.com" } : {}),
                },
                startProject(),
                templates,
              );
              assert.ok(result.ok, JSON.stringify(result));
              for (const write of result.plan.writes) {
                const key = `${server} ${JSON.stringify({ middleware, multiSite, groups, djangoVersion, parts })} ${write.relativePath}`;
                files.set(key, write.content);
              }
            }
          }
        }
      }
    }
  }
  const wrapped = wrapEntryModule("import os\napplication = object()\n", "whitenoise.WhiteNoise", "wsgi");
  assert.ok(wrapped.ok);
  files.set("wrapped wsgi.py", wrapped.content);
  return files;
}

const checker = `
import ast, json, sys, tomllib
failures = []
for name, text in json.load(sys.stdin):
    try:
        if name.endswith(".py"):
            ast.parse(text, filename=name)
        elif name.endswith(".toml"):
            tomllib.loads(text)
    except Exception as error:
        failures.append(f"{name}: {error!r}")
print(json.dumps(failures))
`;

test("every generated Python file parses and every TOML file loads", () => {
  const files = [...generatedFiles()].filter(([name]) => name.endsWith(".py") || name.endsWith(".toml"));
  assert.ok(files.filter(([name]) => name.endsWith(".py")).length > 50);
  const result = spawnSync(PYTHON, ["-c", checker], { input: JSON.stringify(files), encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), []);
});

test("the documented one-liner accepts a generated entry module", () => {
  const [, content] =
    [...generatedFiles()].find(([name]) => name.includes("mod_wsgi-auth") && name.endsWith("wsgi.py")) ?? [];
  assert.ok(content);
  const result = spawnSync(PYTHON, ["-c", "import ast,sys; ast.parse(sys.stdin.read())"], {
    input: content,
    encoding: "utf8",
  });
  assert.equal(result.status, 0, result.stderr);
});
