// Scaffolded Apache sites served by Debian's Apache with mod_wsgi in daemon mode, running as
// www-data (Apache refuses to serve as root), plus HTTP Basic authentication against Django's users.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { after, test } from "node:test";
import {
  PYTHON,
  ServerProcess,
  apacheErrorLog,
  createProject,
  freePort,
  get,
  giveToWwwData,
  removeTemporaryFolders,
  run,
  scaffoldInto,
  stopAllServers,
  temporaryFolder,
  waitUntilAnswering,
  writeApacheConfiguration,
} from "./harness";

after(async () => {
  await stopAllServers();
  removeTemporaryFolders();
});

const DOMAIN = "mysite.test";

/** Starts Apache on the scaffolded site and waits until it answers. */
async function startApache(
  project: string,
  port: number,
): Promise<{ server: ServerProcess; runFolder: string }> {
  const runFolder = temporaryFolder("apache");
  const configuration = writeApacheConfiguration(
    runFolder,
    port,
    path.join(project, "apache", `${DOMAIN}.conf`),
  );
  giveToWwwData(project);
  giveToWwwData(runFolder);
  run("apache2", ["-t", "-f", configuration]);
  const server = new ServerProcess("apache2", "apache2", ["-f", configuration, "-DFOREGROUND"], {
    cwd: runFolder,
    stopSignal: "SIGTERM",
  });
  await waitUntilAnswering(server, `http://127.0.0.1:${port}/`);
  return { server, runFolder };
}

function basic(username: string, password: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}` };
}

test("Apache mod_wsgi in daemon mode serves the multi-site wsgi.py and the collected static files", async () => {
  const project = createProject({ settings: "STATIC_ROOT = BASE_DIR / 'staticfiles'" });
  run(PYTHON, ["manage.py", "collectstatic", "--noinput", "--verbosity", "0"], { cwd: project });
  const port = await freePort();
  scaffoldInto(project, "wsgi", [
    "--server",
    "mod_wsgi",
    "--domain",
    DOMAIN,
    "--port",
    String(port),
    "--multi-site",
  ]);
  assert.match(
    readFileSync(path.join(project, "mysite", "wsgi.py"), "utf8"),
    /^os\.environ\["DJANGO_SETTINGS_MODULE"\] = "mysite\.settings"$/m,
  );
  const { server, runFolder } = await startApache(project, port);
  try {
    const page = await get(`http://127.0.0.1:${port}/admin/login/`);
    assert.equal(page.status, 200, apacheErrorLog(runFolder));
    assert.match(page.body, /<form[^>]*id="login-form"/);
    const stylesheet = await get(`http://127.0.0.1:${port}/static/admin/css/base.css`);
    assert.equal(stylesheet.status, 200, apacheErrorLog(runFolder));
    assert.match(String(stylesheet.headers["content-type"]), /^text\/css/);
  } finally {
    await server.stop();
  }
});

test("Apache authenticates against Django's users: 401 without or with a wrong password, 200 with the right one", async () => {
  const project = createProject();
  run(
    PYTHON,
    [
      "manage.py",
      "shell",
      "-c",
      "from django.contrib.auth.models import User; User.objects.create_user('alice', password='correct horse')",
    ],
    { cwd: project },
  );
  const port = await freePort();
  scaffoldInto(project, "wsgi", ["--server", "mod_wsgi-auth", "--domain", DOMAIN, "--port", String(port)]);
  const { server, runFolder } = await startApache(project, port);
  try {
    const url = `http://127.0.0.1:${port}/admin/login/`;
    const anonymous = await get(url);
    assert.equal(anonymous.status, 401, apacheErrorLog(runFolder));
    assert.match(String(anonymous.headers["www-authenticate"]), /^Basic realm="mysite"/);
    const right = await get(url, basic("alice", "correct horse"));
    assert.equal(right.status, 200, apacheErrorLog(runFolder));
    assert.match(right.body, /<form[^>]*id="login-form"/);
    assert.equal((await get(url, basic("alice", "wrong horse"))).status, 401);
    assert.equal((await get(url, basic("mallory", "correct horse"))).status, 401);
  } finally {
    await server.stop();
  }
});

test("Apache group authorisation lets in members of the named Django group only", async () => {
  const project = createProject();
  run(
    PYTHON,
    [
      "manage.py",
      "shell",
      "-c",
      [
        "from django.contrib.auth.models import Group, User",
        "staff = Group.objects.create(name='secret agents')",
        "User.objects.create_user('alice', password='correct horse').groups.add(staff)",
        "User.objects.create_user('bob', password='battery staple')",
      ].join("; "),
    ],
    { cwd: project },
  );
  const port = await freePort();
  scaffoldInto(project, "wsgi", [
    "--server",
    "mod_wsgi-auth",
    "--domain",
    DOMAIN,
    "--port",
    String(port),
    "--groups",
    "secret agents",
  ]);
  const { server, runFolder } = await startApache(project, port);
  try {
    const url = `http://127.0.0.1:${port}/admin/login/`;
    assert.equal((await get(url)).status, 401);
    assert.equal((await get(url, basic("alice", "correct horse"))).status, 200, apacheErrorLog(runFolder));
    assert.equal((await get(url, basic("bob", "battery staple"))).status, 401, apacheErrorLog(runFolder));
    assert.equal((await get(url, basic("alice", "wrong horse"))).status, 401);
  } finally {
    await server.stop();
  }
});
