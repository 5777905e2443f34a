// Writes are all or nothing: every target is looked at before anything is written, a target that
// cannot be read or is not a regular file stops the whole plan, and a write that fails half-way is
// undone with no temporary file left behind.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, beforeEach, test } from "node:test";
import { type CommandOutput, runScaffoldCommand } from "../../../cli/src/scaffoldCommand";
import {
  type FileState,
  type PlannedWrite,
  PlanWriteError,
  type WriteOperations,
  nodeProjectFiles,
  nodeWriteOperations,
  planScaffold,
  writePlan,
} from "../../../scaffold/src/index";
import { answers, startProject, templates } from "./helpers";

const temporaryFolders: string[] = [];
after(() => {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});

const OLD_WSGI = "import os\napplication = None\n";

let project = "";
beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), "scaffold-writes-"));
  temporaryFolders.push(project);
  mkdirSync(path.join(project, "mysite"));
  writeFileSync(
    path.join(project, "manage.py"),
    "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
  );
  writeFileSync(path.join(project, "mysite", "__init__.py"), "");
  writeFileSync(path.join(project, "mysite", "settings.py"), "DEBUG = False\n");
  writeFileSync(path.join(project, "mysite", "wsgi.py"), OLD_WSGI);
});

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const output: CommandOutput = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) };
  const code = await runScaffoldCommand(args, output);
  return { code, stdout, stderr };
}

function listing(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" }).sort();
}

/** The Uvicorn plan over an asgi.py of the project's own (OLD_WSGI's text). */
function plannedWrites(): PlannedWrite[] {
  writeFileSync(path.join(project, "mysite", "asgi.py"), OLD_WSGI);
  const result = planScaffold(
    { kind: "asgi", server: "uvicorn", projectPackage: "mysite" },
    nodeProjectFiles(project),
    templates,
  );
  assert.ok(result.ok, JSON.stringify(result));
  return result.plan.writes;
}

test("a FIFO at the entry module's place stops the plan at once; nothing is written, nothing hangs", async () => {
  rmSync(path.join(project, "mysite", "wsgi.py"));
  execFileSync("mkfifo", [path.join(project, "mysite", "wsgi.py")]);
  const before = listing(project);
  const result = await run("wsgi", "--project", project, "--server", "gunicorn", "--force");
  assert.equal(result.code, 1);
  assert.match(result.stderr, /nothing written, because a file is in the way/);
  assert.match(result.stderr, /mysite\/wsgi\.py is a named pipe \(FIFO\), not a regular file/);
  assert.deepEqual(listing(project), before);
  assert.ok(statSync(path.join(project, "mysite", "wsgi.py")).isFIFO());
});

test("a folder where a configuration file goes stops the plan; the entry module is not touched", async () => {
  mkdirSync(path.join(project, "gunicorn.conf.py"));
  const result = await run("wsgi", "--project", project, "--server", "gunicorn", "--force");
  assert.equal(result.code, 1);
  assert.match(result.stderr, /gunicorn\.conf\.py is a folder, not a regular file/);
  assert.equal(readFileSync(path.join(project, "mysite", "wsgi.py"), "utf8"), OLD_WSGI);
  assert.ok(!listing(project).includes("deploy"));
});

test("an unreadable or read-only target is a problem of the plan, never created over", () => {
  const states: Record<string, FileState> = {
    "/work/site/mysite/wsgi.py": { kind: "unreadable", reason: "permission denied" },
    "/work/site/gunicorn.conf.py": { kind: "file", readOnly: true },
  };
  const files = {
    ...startProject({ "gunicorn.conf.py": "bind = 'x'\n" }),
    fileState: (absolute: string): FileState => states[absolute] ?? { kind: "missing" },
  };
  const result = planScaffold(answers({ kind: "wsgi", server: "gunicorn" }), files, templates);
  assert.ok(result.ok);
  assert.deepEqual(result.plan.problems, [
    "mysite/wsgi.py exists but cannot be read (permission denied), so it cannot be compared or kept: make it readable or move it away",
    "gunicorn.conf.py is read-only: make it writable to have it replaced",
  ]);
  assert.equal(result.plan.writes[0]?.action, "overwrite");
});

/** The node operations, with the `failing`th call of `name` throwing EIO. */
function failingOn(name: keyof WriteOperations, failing: number): WriteOperations {
  let calls = 0;
  return {
    ...nodeWriteOperations,
    [name]: (...args: never[]) => {
      calls += 1;
      if (calls === failing) throw Object.assign(new Error("EIO: i/o error, simulated"), { code: "EIO" });
      return (nodeWriteOperations[name] as (...args: never[]) => unknown)(...args);
    },
  };
}

for (const [name, failing] of [
  ["writeNew", 3],
  ["rename", 3],
  ["rename", 5],
] as const) {
  test(`an I/O error half-way (${name} #${failing}) is undone: no new file, no temporary file, old text back`, () => {
    const writes = plannedWrites();
    assert.deepEqual(
      writes.map((write) => write.action),
      ["overwrite", "create", "create", "create"],
    );
    const before = listing(project);
    assert.throws(
      () => writePlan(writes, true, failingOn(name, failing)),
      (error: unknown) =>
        error instanceof PlanWriteError &&
        error.rolledBack &&
        /^could not write .+: EIO: i\/o error, simulated; nothing was changed/.test(error.message),
    );
    assert.deepEqual(listing(project), before);
    assert.equal(readFileSync(path.join(project, "mysite", "asgi.py"), "utf8"), OLD_WSGI);
  });
}

test("the whole plan is written with a .orig copy of the overwritten file, and no temporary file", () => {
  const outcome = writePlan(plannedWrites(), true);
  assert.deepEqual(outcome.backups, ["mysite/asgi.py.orig"]);
  assert.equal(outcome.written.length, 4);
  assert.ok(!listing(project).some((name) => name.endsWith(".tmp")));
});

test("a symbolic link inside the project is written through to its target, and stays a link", async () => {
  writeFileSync(path.join(project, "real-gunicorn.py"), "old = 1\n");
  symlinkSync("real-gunicorn.py", path.join(project, "gunicorn.conf.py"));
  writeFileSync(
    path.join(project, "mysite", "wsgi.py"),
    "import os\nfrom django.core.wsgi import get_wsgi_application\n" +
      "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n" +
      "application = get_wsgi_application()\n",
  );
  const result = await run("wsgi", "--project", project, "--server", "gunicorn", "--force");
  assert.equal(result.code, 0, result.stderr);
  assert.ok(statSync(path.join(project, "gunicorn.conf.py")).isFile());
  assert.match(readFileSync(path.join(project, "real-gunicorn.py"), "utf8"), /^wsgi_app = /m);
  assert.equal(readFileSync(path.join(project, "real-gunicorn.py.orig"), "utf8"), "old = 1\n");
});

test("a folder that is a symbolic link out of the project is never written through", async () => {
  const outside = mkdtempSync(path.join(tmpdir(), "scaffold-outside-"));
  temporaryFolders.push(outside);
  symlinkSync(outside, path.join(project, "deploy"));
  const before = listing(project);
  const result = await run("asgi", "--project", project, "--server", "uvicorn", "--force");
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /deploy\/Procfile\.uvicorn leads out of the workspace folder through a symbolic link/,
  );
  assert.deepEqual(readdirSync(outside), []);
  assert.deepEqual(listing(project), before);
});
