// What issue 16 asks of a first scaffold, tried as a new user would with Debian's Django: a
// split-settings project runs with its production settings (and Django's production 404 shows it), a
// fresh startproject scaffolds on the first try with no path of the checkout in any file, and a
// file that cannot be read or replaced leaves the project exactly as it was.
import assert from "node:assert/strict";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import * as path from "node:path";
import { after, test } from "node:test";
import {
  SERVERS_BEHIND_PROXY,
  ServerProcess,
  WWW_DATA,
  createProject,
  freePort,
  get,
  giveToWwwData,
  removeTemporaryFolders,
  scaffold,
  stopAllServers,
  waitUntilAnswering,
} from "./harness";

after(async () => {
  await stopAllServers();
  removeTemporaryFolders();
});

/** startproject's settings.py as settings/base.py, with local.py (DEBUG on) and production.py (off). */
function splitSettingsProject(): string {
  const project = createProject();
  const settings = path.join(project, "mysite", "settings");
  mkdirSync(settings);
  renameSync(path.join(project, "mysite", "settings.py"), path.join(settings, "base.py"));
  const base = readFileSync(path.join(settings, "base.py"), "utf8");
  // BASE_DIR stays the folder that contains manage.py, one level further up.
  writeFileSync(
    path.join(settings, "base.py"),
    base.replace(".resolve().parent.parent", ".resolve().parent.parent.parent"),
  );
  writeFileSync(path.join(settings, "__init__.py"), "");
  writeFileSync(path.join(settings, "local.py"), "from .base import *  # noqa: F403\n\nDEBUG = True\n");
  writeFileSync(path.join(settings, "production.py"), "from .base import *  # noqa: F403\n\nDEBUG = False\n");
  const point = (file: string, module: string) => {
    const text = readFileSync(path.join(project, file), "utf8");
    writeFileSync(path.join(project, file), text.replace("'mysite.settings'", `'${module}'`));
  };
  point("manage.py", "mysite.settings.local");
  point("mysite/wsgi.py", "mysite.settings.production");
  point("mysite/asgi.py", "mysite.settings.production");
  return project;
}

/** Every entry below `folder`, relative and sorted, with each file's mode and size. */
function snapshot(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(folder, { recursive: true, encoding: "utf8" }).sort()) {
    const file = path.join(folder, entry);
    const stat = statSync(file);
    files.set(
      entry,
      stat.isDirectory() ? "folder" : `mode ${(stat.mode & 0o777).toString(8)}, ${stat.size} bytes`,
    );
  }
  return files;
}

test("split settings: every generated file names the production profile, and the site runs with DEBUG off", async () => {
  const project = splitSettingsProject();
  for (const [kind, server] of SERVERS_BEHIND_PROXY) {
    const result = scaffold([
      kind,
      "--project",
      project,
      "--server",
      server,
      "--django-version",
      "3.2",
      "--force",
    ]);
    assert.equal(result.status, 0, `${server}:\n${result.stdout}\n${result.stderr}`);
    assert.match(
      result.stdout,
      /^note: Settings module mysite\.settings\.production: the production profile the checks use: /m,
    );
    // startproject's entry module, pointed at production, already does what the plan needs.
    assert.match(result.stdout, new RegExp(`^kept mysite/${kind}\\.py `, "m"));
    const written = result.stdout
      .split("\n")
      .flatMap((line) => /^(?:created|overwrote|unchanged) (\S+)/.exec(line)?.[1] ?? []);
    assert.ok(written.length > 0, result.stdout);
    for (const file of written) {
      const text = readFileSync(path.join(project, file), "utf8");
      assert.doesNotMatch(text, /mysite\.settings\.local/, file);
      // A Procfile and hypercorn.toml have no place for it: the kept entry module's default decides.
      if (!/^deploy\/Procfile|^hypercorn\.toml$/.test(file)) {
        assert.match(text, /mysite\.settings\.production/, file);
      }
    }
  }

  const port = await freePort();
  const result = scaffold([
    "wsgi",
    "--project",
    project,
    "--server",
    "gunicorn",
    "--port",
    String(port),
    "--django-version",
    "3.2",
    "--force",
  ]);
  assert.equal(result.status, 0, result.stderr);
  const server = new ServerProcess("gunicorn", "gunicorn", ["-c", "gunicorn.conf.py"], {
    cwd: project,
    env: { DJANGO_SETTINGS_MODULE: "" },
    stopSignal: "SIGINT",
  });
  try {
    await waitUntilAnswering(server, `http://127.0.0.1:${port}/admin/login/`);
    const missing = await get(`http://127.0.0.1:${port}/no-such-page/`);
    assert.equal(missing.status, 404, server.output());
    // DEBUG = True answers with the technical 404 page that lists the URL patterns.
    assert.doesNotMatch(missing.body, /Using the URLconf|DEBUG = True/);
    assert.match(missing.body, /<h1>Not Found<\/h1>/);
  } finally {
    await server.stop();
  }
});

test("a fresh startproject scaffolds on the first try, with no path of the checkout in any file", async () => {
  const project = createProject();
  const port = await freePort();
  const result = scaffold(["wsgi", "--project", project, "--server", "gunicorn", "--port", String(port)]);
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /^kept mysite\/wsgi\.py /m);
  assert.match(result.stdout, /^created gunicorn\.conf\.py$/m);
  assert.match(result.stdout, /^created deploy\/nginx\/mysite\.conf$/m);
  assert.match(result.stdout, /\/srv\/mysite \(the default\)/);
  assert.match(result.stdout, /Next, from the folder that contains manage\.py:\n( {2}.+\n)+$/);
  for (const [kind, server] of SERVERS_BEHIND_PROXY) {
    const again = scaffold([
      kind,
      "--project",
      project,
      "--server",
      server,
      "--port",
      String(port),
      "--force",
    ]);
    assert.equal(again.status, 0, again.stderr);
  }
  for (const file of ["gunicorn.conf.py", "uwsgi.ini", "hypercorn.toml", "deploy/nginx/mysite.conf"]) {
    const text = readFileSync(path.join(project, file), "utf8");
    assert.ok(!text.includes(project), `${file} names the checkout's folder ${project}`);
  }
  for (const file of readdirSync(path.join(project, "deploy"), { recursive: true, encoding: "utf8" })) {
    const absolute = path.join(project, "deploy", file);
    if (statSync(absolute).isFile()) assert.ok(!readFileSync(absolute, "utf8").includes(project), file);
  }
  // The first scaffold's Gunicorn, as written, serves the site.
  const first = scaffold([
    "wsgi",
    "--project",
    project,
    "--server",
    "gunicorn",
    "--port",
    String(port),
    "--force",
  ]);
  assert.equal(first.status, 0, first.stderr);
  const server = new ServerProcess("gunicorn", "gunicorn", ["-c", "gunicorn.conf.py"], {
    cwd: project,
    stopSignal: "SIGINT",
  });
  try {
    const url = `http://127.0.0.1:${port}/admin/login/`;
    await waitUntilAnswering(server, url);
    assert.equal((await get(url)).status, 200, server.output());
  } finally {
    await server.stop();
  }
});

test("an unreadable wsgi.py or a read-only file in the way: a clear error and the project as it was", () => {
  const project = createProject();
  giveToWwwData(project);
  const wsgi = path.join(project, "mysite", "wsgi.py");
  const original = readFileSync(wsgi, "utf8").replace("'mysite.settings'", "'mysite.settings_old'");
  writeFileSync(wsgi, original);
  // Root's file, which www-data (who runs the scaffold) can neither read nor replace.
  chownSync(wsgi, 0, 0);
  chmodSync(wsgi, 0o000);
  const before = snapshot(project);
  const unreadable = scaffold(["wsgi", "--project", project, "--server", "gunicorn", "--force"], WWW_DATA);
  assert.equal(unreadable.status, 1, unreadable.stdout);
  assert.match(unreadable.stderr, /mysite\/wsgi\.py exists but cannot be read \(permission denied\)/);
  assert.doesNotMatch(unreadable.stderr, /^\s+at /m, "no stack trace");
  assert.doesNotMatch(unreadable.stdout, /created/);
  assert.deepEqual(snapshot(project), before);
  chmodSync(wsgi, 0o644);
  assert.equal(readFileSync(wsgi, "utf8"), original);

  // A read-only gunicorn.conf.py that would change: nothing else is created, wsgi.py is not replaced.
  chownSync(wsgi, WWW_DATA.uid, WWW_DATA.gid);
  const config = path.join(project, "gunicorn.conf.py");
  writeFileSync(config, "bind = '127.0.0.1:1'\n");
  chmodSync(config, 0o444);
  const snapshotBefore = snapshot(project);
  const readOnly = scaffold(["wsgi", "--project", project, "--server", "gunicorn", "--force"], WWW_DATA);
  assert.equal(readOnly.status, 1, readOnly.stdout);
  assert.match(readOnly.stderr, /gunicorn\.conf\.py is read-only/);
  assert.deepEqual(snapshot(project), snapshotBefore);
  assert.equal(readFileSync(wsgi, "utf8"), original);
  assert.ok(!existsSync(path.join(project, "deploy")));
});
