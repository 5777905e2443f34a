// Scaffolded ASGI entry modules and configurations, served by Debian's Daphne, Hypercorn, Uvicorn and
// Gunicorn with Uvicorn workers. Daphne and Uvicorn start from the command in the scaffolded systemd
// unit (the Procfile's listens on 0.0.0.0:$PORT, for platforms).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { after, test } from "node:test";
import {
  PYTHON,
  ServerProcess,
  createProject,
  freePort,
  get,
  removeTemporaryFolders,
  scaffoldInto,
  stopAllServers,
  unitCommand,
  waitUntilAnswering,
} from "./harness";
import { ASGI_MIDDLEWARE } from "./middlewareModules";

after(async () => {
  await stopAllServers();
  removeTemporaryFolders();
});

/** The Procfile's web process: any interface, the platform's $PORT. */
function procfileLine(project: string, server: string): string {
  const procfile = readFileSync(path.join(project, "deploy", `Procfile.${server}`), "utf8");
  const line = /^web: (.+)$/m.exec(procfile)?.[1];
  assert.ok(line, procfile);
  return line;
}

async function assertServes(
  server: ServerProcess,
  port: number,
  middlewareHeader: string | undefined,
): Promise<void> {
  try {
    const url = `http://127.0.0.1:${port}/admin/login/`;
    await waitUntilAnswering(server, url);
    const response = await get(url);
    assert.equal(response.status, 200, server.output());
    assert.match(response.body, /<form[^>]*id="login-form"/);
    assert.equal(response.headers["x-scaffold-middleware"], middlewareHeader);
  } finally {
    await server.stop();
  }
}

test("Daphne serves the scaffolded asgi.py with the systemd unit's command", async () => {
  const project = createProject();
  const port = await freePort();
  scaffoldInto(project, "asgi", ["--server", "daphne", "--port", String(port)]);
  const unit = readFileSync(path.join(project, "deploy", "daphne.service"), "utf8");
  assert.match(unit, new RegExp(`^WorkingDirectory=${project}$`, "m"));
  assert.equal(
    procfileLine(project, "daphne"),
    "daphne -b 0.0.0.0 -p $PORT --proxy-headers mysite.asgi:application",
  );
  const { command, settings } = unitCommand(project, "daphne");
  assert.deepEqual(command, [
    PYTHON,
    "-m",
    "daphne",
    "-b",
    "127.0.0.1",
    "-p",
    String(port),
    "--proxy-headers",
    "mysite.asgi:application",
  ]);
  const [program, ...args] = command;
  await assertServes(
    new ServerProcess("daphne", program as string, args, {
      cwd: project,
      env: { DJANGO_SETTINGS_MODULE: settings },
      stopSignal: "SIGINT",
    }),
    port,
    undefined,
  );
});

test("Hypercorn serves the scaffolded asgi.py, wrapped in a middleware, from hypercorn.toml", async () => {
  const project = createProject({ files: { "addheader.py": ASGI_MIDDLEWARE } });
  const port = await freePort();
  scaffoldInto(project, "asgi", [
    "--server",
    "hypercorn",
    "--port",
    String(port),
    "--workers",
    "1",
    "--middleware",
    "addheader.AddHeader",
  ]);
  const server = new ServerProcess(
    "hypercorn",
    "hypercorn",
    ["--config", "hypercorn.toml", "mysite.asgi:application"],
    { cwd: project, stopSignal: "SIGINT" },
  );
  await assertServes(server, port, "asgi");
});

test("Uvicorn serves the scaffolded asgi.py with the systemd unit's command", async () => {
  const project = createProject();
  const port = await freePort();
  scaffoldInto(project, "asgi", ["--server", "uvicorn", "--port", String(port), "--workers", "1"]);
  assert.match(procfileLine(project, "uvicorn"), / --host 0\.0\.0\.0 --port \$PORT /);
  const { command, settings } = unitCommand(project, "uvicorn");
  const [program, ...args] = command;
  assert.equal(program, PYTHON);
  await assertServes(
    new ServerProcess("uvicorn", program as string, args, {
      cwd: project,
      env: { DJANGO_SETTINGS_MODULE: settings },
      stopSignal: "SIGINT",
    }),
    port,
    undefined,
  );
});

test("Gunicorn with Uvicorn workers (the Django 3.2 worker class) serves asgi.py wrapped in a middleware", async () => {
  const project = createProject({ files: { "addheader.py": ASGI_MIDDLEWARE } });
  const port = await freePort();
  scaffoldInto(project, "asgi", [
    "--server",
    "gunicorn-uvicorn",
    "--port",
    String(port),
    "--workers",
    "2",
    "--middleware",
    "addheader.AddHeader",
  ]);
  const configuration = readFileSync(path.join(project, "gunicorn.conf.py"), "utf8");
  assert.match(configuration, /^worker_class = "uvicorn\.workers\.UvicornWorker"$/m);
  const server = new ServerProcess("gunicorn-uvicorn", "gunicorn", ["-c", "gunicorn.conf.py"], {
    cwd: project,
    stopSignal: "SIGINT",
  });
  await assertServes(server, port, "asgi");
});
