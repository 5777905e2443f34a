// nginx from Debian's package in front of the scaffolded Gunicorn and Uvicorn: a page through the
// proxy with the forwarded headers reaching Django, and a collected static file served by nginx
// itself. Every scaffolded nginx site (each app server, TCP and Unix socket) passes `nginx -t`.
import assert from "node:assert/strict";
import * as path from "node:path";
import { after, test } from "node:test";
import {
  PYTHON,
  SERVERS_BEHIND_PROXY,
  ServerProcess,
  createProject,
  freePort,
  get,
  removeTemporaryFolders,
  run,
  scaffoldInto,
  stopAllServers,
  temporaryFolder,
  unitCommand,
  waitUntilAnswering,
} from "./harness";
import {
  loopbackSite,
  nginxErrorLog,
  startNginx,
  testNginxConfiguration,
  writeNginxConfiguration,
} from "./nginx";

after(async () => {
  await stopAllServers();
  removeTemporaryFolders();
});

/** A view that says what Django saw of the forwarded request. */
const ECHO_URLS = `from django.contrib import admin
from django.http import JsonResponse
from django.urls import path


def echo(request):
    return JsonResponse({
        "secure": request.is_secure(),
        "proto": request.META.get("HTTP_X_FORWARDED_PROTO"),
        "forwardedFor": request.META.get("HTTP_X_FORWARDED_FOR"),
        "host": request.get_host(),
    })


urlpatterns = [path("admin/", admin.site.urls), path("echo/", echo)]
`;

const SETTINGS = `
STATIC_ROOT = BASE_DIR / 'staticfiles'
SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')
`;

function projectWithEcho(): string {
  const project = createProject({ settings: SETTINGS, files: { "mysite/urls.py": ECHO_URLS } });
  run(PYTHON, ["manage.py", "collectstatic", "--noinput", "--verbosity", "0"], { cwd: project });
  return project;
}

async function assertThroughNginx(
  project: string,
  appServer: ServerProcess,
  proxyPort: number,
  appPort: number,
) {
  const runFolder = temporaryFolder("nginx");
  const site = loopbackSite(path.join(project, "deploy", "nginx", "mysite.conf"), proxyPort, runFolder);
  const configuration = writeNginxConfiguration(runFolder, site);
  testNginxConfiguration(runFolder, configuration);
  const nginx = startNginx(runFolder, configuration);
  try {
    await waitUntilAnswering(appServer, `http://127.0.0.1:${appPort}/admin/login/`);
    const base = `http://127.0.0.1:${proxyPort}`;
    await waitUntilAnswering(nginx, `${base}/admin/login/`);

    const page = await get(`${base}/admin/login/`, { Host: "localhost" });
    assert.equal(page.status, 200, `${appServer.output()}\n${nginxErrorLog(runFolder)}`);
    assert.match(page.body, /<form[^>]*id="login-form"/);

    // A client's own X-Forwarded-Proto is replaced by nginx's $scheme: plain HTTP stays insecure.
    const echo = await get(`${base}/echo/`, { Host: "localhost", "X-Forwarded-Proto": "https" });
    assert.equal(echo.status, 200, appServer.output());
    assert.deepEqual(JSON.parse(echo.body), {
      secure: false,
      proto: "http",
      forwardedFor: "127.0.0.1",
      host: "localhost",
    });

    // The collected static file comes from STATIC_ROOT through nginx (the app server serves none).
    const css = await get(`${base}/static/admin/css/base.css`, { Host: "localhost" });
    assert.equal(css.status, 200, nginxErrorLog(runFolder));
    assert.match(String(css.headers["content-type"]), /^text\/css/);
    assert.match(css.body, /DJANGO Admin styles/);
    assert.equal((await get(`http://127.0.0.1:${appPort}/static/admin/css/base.css`)).status, 404);
  } finally {
    await nginx.stop();
    await appServer.stop();
  }
}

test("nginx in front of Gunicorn: a page, the forwarded headers, and a collected static file", async () => {
  const project = projectWithEcho();
  const [appPort, proxyPort] = [await freePort(), await freePort()];
  scaffoldInto(project, "wsgi", [
    "--server",
    "gunicorn",
    "--port",
    String(appPort),
    "--proxy-port",
    String(proxyPort),
  ]);
  const server = new ServerProcess("gunicorn", "gunicorn", ["-c", "gunicorn.conf.py"], {
    cwd: project,
    stopSignal: "SIGINT",
  });
  await assertThroughNginx(project, server, proxyPort, appPort);
});

test("nginx in front of Uvicorn (the systemd unit's command, --proxy-headers)", async () => {
  const project = projectWithEcho();
  const [appPort, proxyPort] = [await freePort(), await freePort()];
  scaffoldInto(project, "asgi", [
    "--server",
    "uvicorn",
    "--port",
    String(appPort),
    "--workers",
    "1",
    "--proxy-port",
    String(proxyPort),
  ]);
  const { command, settings } = unitCommand(project, "uvicorn");
  assert.ok(command.includes("--proxy-headers"), command.join(" "));
  const [program, ...args] = command;
  const server = new ServerProcess("uvicorn", program as string, args, {
    cwd: project,
    env: { DJANGO_SETTINGS_MODULE: settings },
    stopSignal: "SIGINT",
  });
  await assertThroughNginx(project, server, proxyPort, appPort);
});

test("every scaffolded nginx site passes nginx -t, over TCP and over a Unix socket", async () => {
  const project = createProject();
  const port = await freePort();
  for (const [kind, server] of SERVERS_BEHIND_PROXY) {
    for (const socket of [[], ["--socket", "/run/mysite/app.sock"]]) {
      scaffoldInto(project, kind, [
        "--server",
        server,
        "--only",
        "server",
        "--proxy-port",
        String(port),
        ...socket,
      ]);
      const runFolder = temporaryFolder("nginx-t");
      const site = loopbackSite(path.join(project, "deploy", "nginx", "mysite.conf"), port, runFolder);
      testNginxConfiguration(runFolder, writeNginxConfiguration(runFolder, site));
    }
  }
});
