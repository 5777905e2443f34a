// The scaffold subcommand in process, against projects in temporary folders.
import assert from "node:assert/strict";
import {
  chmodSync,
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
import { UsageError } from "../../../cli/src/usage";

const temporaryFolders: string[] = [];
after(() => {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});

const STARTPROJECT_WSGI = `import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')

application = get_wsgi_application()
`;

let project = "";
beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), "scaffold-cli-"));
  temporaryFolders.push(project);
  mkdirSync(path.join(project, "mysite"));
  writeFileSync(
    path.join(project, "manage.py"),
    "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
  );
  writeFileSync(path.join(project, "mysite", "__init__.py"), "");
  writeFileSync(
    path.join(project, "mysite", "settings.py"),
    "from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nSTATIC_ROOT = BASE_DIR / 'collected'\n",
  );
  writeFileSync(path.join(project, "mysite", "wsgi.py"), STARTPROJECT_WSGI);
});

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const output: CommandOutput = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  };
  const code = await runScaffoldCommand(args, output);
  return { code, stdout, stderr };
}

function listing(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" }).sort();
}

/** startproject's wsgi.py pointed at other settings: the plan must change it. */
const OTHER_SETTINGS_WSGI = STARTPROJECT_WSGI.replace("'mysite.settings'", "'mysite.settings_local'");

test("an existing file that would change is shown as a diff, and nothing at all is written", async () => {
  writeFileSync(path.join(project, "mysite", "wsgi.py"), OTHER_SETTINGS_WSGI);
  const before = listing(project);
  const result = await run("wsgi", "--project", project, "--server", "gunicorn", "--django-version", "3.2");
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^--- a\/mysite\/wsgi\.py\tcurrent$/m);
  assert.match(result.stdout, /^\+\+\+ b\/mysite\/wsgi\.py\tscaffolded$/m);
  assert.match(
    result.stdout,
    /^-os\.environ\.setdefault\('DJANGO_SETTINGS_MODULE', 'mysite\.settings_local'\)$/m,
  );
  assert.match(result.stdout, /^\+os\.environ\.setdefault\("DJANGO_SETTINGS_MODULE", "mysite\.settings"\)$/m);
  assert.match(result.stderr, /nothing written, because these exist and would change: mysite\/wsgi\.py/);
  assert.match(result.stderr, /re-run with --force/);
  assert.equal(readFileSync(path.join(project, "mysite", "wsgi.py"), "utf8"), OTHER_SETTINGS_WSGI);
  // All or nothing: the files that could have been created were not.
  assert.deepEqual(listing(project), before);
});

test("startproject's own wsgi.py already does what the plan needs: kept, and the rest is written", async () => {
  const result = await run("wsgi", "--project", project, "--server", "gunicorn", "--django-version", "3.2");
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /^kept mysite\/wsgi\.py \(already does what the plan needs: it sets mysite\.settings/m,
  );
  assert.match(result.stdout, /^created gunicorn\.conf\.py$/m);
  assert.match(result.stdout, /^created deploy\/nginx\/mysite\.conf$/m);
  assert.equal(readFileSync(path.join(project, "mysite", "wsgi.py"), "utf8"), STARTPROJECT_WSGI);
  // Which settings and why, and the output ends with what to run next.
  assert.match(
    result.stdout,
    /^note: Settings module mysite\.settings: the production profile the checks use: /m,
  );
  assert.match(result.stdout, /Next, from the folder that contains manage\.py:\n( {2}.+\n)+$/);
  assert.match(result.stdout, /^ {2}gunicorn -c gunicorn\.conf\.py$/m);
});

test("--force overwrites atomically, keeps the file's mode and a .orig copy; a second run changes nothing", async () => {
  writeFileSync(path.join(project, "mysite", "wsgi.py"), OTHER_SETTINGS_WSGI);
  chmodSync(path.join(project, "mysite", "wsgi.py"), 0o640);
  const forced = await run("wsgi", "--project", project, "--server", "uwsgi", "--force");
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(
    forced.stdout,
    /^overwrote mysite\/wsgi\.py \(its previous text is in mysite\/wsgi\.py\.orig\)$/m,
  );
  assert.match(forced.stdout, /^created uwsgi\.ini$/m);
  assert.equal(statSync(path.join(project, "mysite", "wsgi.py")).mode & 0o777, 0o640);
  assert.equal(readFileSync(path.join(project, "mysite", "wsgi.py.orig"), "utf8"), OTHER_SETTINGS_WSGI);
  assert.match(
    readFileSync(path.join(project, "mysite", "wsgi.py"), "utf8"),
    /howto\/deployment\/wsgi\/uwsgi\//,
  );
  assert.ok(!listing(project).some((name) => name.endsWith(".tmp")), listing(project).join(", "));

  const again = await run("wsgi", "--project", project, "--server", "uwsgi");
  assert.equal(again.code, 0);
  assert.ok(
    again.stdout.startsWith(
      "unchanged mysite/wsgi.py\nunchanged uwsgi.ini\nunchanged deploy/nginx/mysite.conf\n",
    ),
    again.stdout,
  );
});

test("the package and settings come from the checks' profile, STATIC_ROOT from the settings, on the server", async () => {
  const result = await run(
    "wsgi",
    "--project",
    project,
    "--server",
    "mod_wsgi",
    "--domain",
    "example.com",
    "--only",
    "server",
  );
  assert.equal(result.code, 0, result.stderr);
  const conf = readFileSync(path.join(project, "apache", "example.com.conf"), "utf8");
  assert.ok(conf.includes("WSGIScriptAlias / /srv/mysite/mysite/wsgi.py process-group=example.com"), conf);
  assert.ok(conf.includes("Alias /static/ /srv/mysite/collected/"), conf);
  assert.ok(!conf.includes(project), "the checkout's path is not in the file");
  assert.match(result.stdout, /^note: The project's folder on the server is taken to be \/srv\/mysite/m);
});

test("invalid answers exit 2 naming the option and the field, and write nothing", async () => {
  const before = listing(project);
  const result = await run(
    "wsgi",
    "--project",
    project,
    "--server",
    "gunicorn",
    "--port",
    "70000",
    "--workers",
    "0",
    "--package",
    "my-site",
  );
  assert.equal(result.code, 2);
  assert.match(result.stderr, /nothing written/);
  assert.match(result.stderr, /--port \(port\): must be a port number from 1 to 65535 \(got 70000\)/);
  assert.match(result.stderr, /--workers \(workers\): must be a number of workers from 1 to 512 \(got 0\)/);
  assert.match(result.stderr, /--package \(project package\): must be a dotted path of Python identifiers/);
  assert.deepEqual(listing(project), before);
});

test("a file that is a symbolic link out of the project is refused", async () => {
  const outside = mkdtempSync(path.join(tmpdir(), "scaffold-outside-"));
  temporaryFolders.push(outside);
  writeFileSync(path.join(outside, "target.py"), "secret = 1\n");
  rmSync(path.join(project, "mysite", "wsgi.py"));
  symlinkSync(path.join(outside, "target.py"), path.join(project, "mysite", "wsgi.py"));
  const result = await run("wsgi", "--project", project, "--server", "gunicorn", "--force");
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /--project \(target folder\): mysite\/wsgi\.py leads out of the workspace folder through a symbolic link/,
  );
  assert.equal(readFileSync(path.join(outside, "target.py"), "utf8"), "secret = 1\n");
  assert.ok(!listing(project).includes("gunicorn.conf.py"));
});

test("a project folder that does not exist exits 2", async () => {
  const result = await run("asgi", "--project", path.join(project, "missing"), "--server", "uvicorn");
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--project: .* is not a folder/);
});

test("usage mistakes throw UsageError", async () => {
  await assert.rejects(run("wsgi", "--server", "gunicorn"), new UsageError("scaffold needs --project DIR"));
  await assert.rejects(run("wsgi", "--project", project), new UsageError("scaffold needs --server NAME"));
  await assert.rejects(run("http", "--project", project, "--server", "gunicorn"), UsageError);
  await assert.rejects(
    run("wsgi", "--project", project, "--server", "gunicorn", "--colour", "blue"),
    UsageError,
  );
  await assert.rejects(run("wsgi", "extra", "--project", project, "--server", "gunicorn"), UsageError);
});

test("--help prints the options", async () => {
  const result = await run("--help");
  assert.equal(result.code, 0);
  assert.match(result.stdout, /--middleware DOTTED/);
});
