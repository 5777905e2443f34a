// Scaffolded WSGI entry modules and configurations, served by Debian's Gunicorn and uWSGI.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { after, test } from "node:test";
import {
  ServerProcess,
  createProject,
  freePort,
  get,
  removeTemporaryFolders,
  scaffold,
  scaffoldInto,
  stopAllServers,
  waitUntilAnswering,
} from "./harness";
import { WSGI_MIDDLEWARE } from "./middlewareModules";

after(async () => {
  await stopAllServers();
  removeTemporaryFolders();
});

test("Gunicorn serves the scaffolded wsgi.py, wrapped in a middleware, from gunicorn.conf.py", async () => {
  const project = createProject({ files: { "addheader.py": WSGI_MIDDLEWARE } });
  const port = await freePort();
  const args = ["--project", project, "--server", "gunicorn", "--port", String(port), "--workers", "2"];

  // startproject's wsgi.py differs from the scaffolded one: without --force it is shown, not replaced.
  const refused = scaffold([
    "wsgi",
    ...args,
    "--django-version",
    "3.2",
    "--middleware",
    "addheader.AddHeader",
  ]);
  assert.equal(refused.status, 1, refused.stderr);
  assert.match(refused.stdout, /^\+application = AddHeader\(application\)$/m);
  assert.match(refused.stderr, /re-run with --force/);
  assert.doesNotMatch(readFileSync(path.join(project, "mysite", "wsgi.py"), "utf8"), /AddHeader/);

  scaffoldInto(project, "wsgi", [...args.slice(2), "--middleware", "addheader.AddHeader"]);
  const server = new ServerProcess("gunicorn", "gunicorn", ["-c", "gunicorn.conf.py"], {
    cwd: project,
    stopSignal: "SIGINT",
  });
  try {
    const url = `http://127.0.0.1:${port}/admin/login/`;
    await waitUntilAnswering(server, url);
    const response = await get(url);
    assert.equal(response.status, 200, server.output());
    assert.match(response.body, /<form[^>]*id="login-form"/);
    assert.equal(response.headers["x-scaffold-middleware"], "wsgi");
  } finally {
    await server.stop();
  }
});

test("uWSGI serves the scaffolded wsgi.py from uwsgi.ini", async () => {
  const project = createProject();
  const port = await freePort();
  scaffoldInto(project, "wsgi", ["--server", "uwsgi", "--port", String(port), "--workers", "2"]);
  const server = new ServerProcess("uwsgi", "uwsgi", ["--plugin", "python3", "--ini", "uwsgi.ini"], {
    cwd: project,
    // uWSGI 2.0 reloads on SIGTERM unless die-on-term is set; SIGINT always stops it.
    stopSignal: "SIGINT",
  });
  try {
    const url = `http://127.0.0.1:${port}/admin/login/`;
    await waitUntilAnswering(server, url);
    const response = await get(url);
    assert.equal(response.status, 200, server.output());
    assert.equal(response.headers["x-scaffold-middleware"], undefined);
  } finally {
    await server.stop();
  }
});
