// Every server × entry kind × middleware × multi-site option, planned against a startproject layout.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type PlannedWrite,
  type RawAnswers,
  SERVER_INFO,
  SERVERS,
  type ScaffoldPlan,
  type ServerName,
  planScaffold,
} from "../../../scaffold/src/index";
import { answers, memoryProject, startProject, templates } from "./helpers";

function plan(raw: RawAnswers, files = startProject()): ScaffoldPlan {
  const result = planScaffold(raw, files, templates);
  if (!result.ok) assert.fail(`unexpected issues: ${JSON.stringify(result.issues)}`);
  return result.plan;
}

function file(planned: ScaffoldPlan, relativePath: string): PlannedWrite {
  const found = planned.writes.find((write) => write.relativePath === relativePath);
  if (!found)
    assert.fail(
      `${relativePath} is not planned; planned: ${planned.writes.map((w) => w.relativePath).join(", ")}`,
    );
  return found;
}

/** The statements of a Python module: no docstring, comments or blank lines. */
function codeLines(python: string): string[] {
  const withoutDocstring = python.replace(/^"""[\s\S]*?"""\n/, "");
  return withoutDocstring
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));
}

const expectedFiles: Record<ServerName, string[]> = {
  gunicorn: ["mysite/wsgi.py", "gunicorn.conf.py", "deploy/nginx/mysite.conf"],
  uwsgi: ["mysite/wsgi.py", "uwsgi.ini", "deploy/nginx/mysite.conf"],
  mod_wsgi: ["mysite/wsgi.py", "apache/example.com.conf"],
  "mod_wsgi-auth": ["mysite/wsgi.py", "apache/example.com.conf"],
  daphne: ["mysite/asgi.py", "deploy/Procfile.daphne", "deploy/daphne.service", "deploy/nginx/mysite.conf"],
  hypercorn: ["mysite/asgi.py", "hypercorn.toml", "deploy/nginx/mysite.conf"],
  uvicorn: [
    "mysite/asgi.py",
    "deploy/Procfile.uvicorn",
    "deploy/uvicorn.service",
    "deploy/nginx/mysite.conf",
  ],
  "gunicorn-uvicorn": ["mysite/asgi.py", "gunicorn.conf.py", "deploy/nginx/mysite.conf"],
};

const middlewareChoices = {
  wsgi: [
    [],
    ["mysite.middleware.AddHeader"],
    ["whitenoise.WhiteNoise", "sentry_sdk.integrations.wsgi.SentryWsgiMiddleware"],
  ],
  asgi: [[], ["mysite.middleware.AddHeader"], ["sentry_sdk.integrations.asgi.SentryAsgiMiddleware"]],
} as const;

describe("every server, entry kind, middleware and multi-site option", () => {
  for (const server of SERVERS) {
    const kind = SERVER_INFO[server].kind;
    const apache = SERVER_INFO[server].apache;
    const multiSiteChoices = apache ? [false, true] : [false];
    for (const middleware of middlewareChoices[kind]) {
      for (const multiSite of multiSiteChoices) {
        const label = `${kind} ${server} middleware=[${middleware.join(", ")}] multiSite=${multiSite}`;
        test(label, () => {
          const planned = plan(
            answers({
              kind,
              server,
              middleware: [...middleware],
              multiSite,
              djangoVersion: "4.2",
              ...(apache ? { domain: "example.com" } : {}),
            }),
          );
          assert.deepEqual(
            planned.writes.map((write) => write.relativePath),
            expectedFiles[server],
          );
          assert.ok(
            planned.writes.every((write) => write.action === "create" && write.previousContent === undefined),
          );

          const entry = file(planned, `mysite/${kind}.py`).content;
          const getter = `get_${kind}_application`;
          const expected = [
            "import os",
            `from django.core.${kind} import ${getter}`,
            multiSite
              ? 'os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"'
              : 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")',
            `application = ${getter}()`,
          ];
          if (server === "mod_wsgi-auth") {
            expected.push(
              "from django.contrib.auth.handlers.modwsgi import check_password  # noqa: E402, F401",
            );
          }
          const imports: string[] = [];
          const wraps: string[] = [];
          for (const dotted of middleware) {
            const dot = dotted.lastIndexOf(".");
            const name = dotted.slice(dot + 1);
            imports.push(`from ${dotted.slice(0, dot)} import ${name}  # noqa: E402`);
            wraps.push(
              name === "WhiteNoise"
                ? "application = WhiteNoise(application, root=settings.STATIC_ROOT, prefix=settings.STATIC_URL)"
                : `application = ${name}(application)`,
            );
          }
          if (middleware.includes("whitenoise.WhiteNoise" as never)) {
            imports.push("from django.conf import settings  # noqa: E402");
          }
          expected.push(...imports.sort(), ...wraps);
          assert.deepEqual(codeLines(entry), expected);

          if (multiSite) {
            assert.match(entry, /# Several Django sites share one mod_wsgi process/);
          }
          const page = SERVER_INFO[server].docsPage;
          assert.ok(entry.includes(`https://docs.djangoproject.com/en/4.2/howto/deployment/${page}`), entry);
          for (const write of planned.writes) {
            assert.doesNotMatch(write.content, /SECRET_KEY\s*=|DEBUG\s*=\s*True|\{\{|\}\}/);
            assert.ok(
              write.content.endsWith("\n") && !write.content.endsWith("\n\n"),
              `${write.relativePath} ends with one newline`,
            );
          }
        });
      }
    }
  }
});

describe("server configurations", () => {
  test("Gunicorn: the WSGI app, bind, workers and logs to standard output", () => {
    const planned = plan(
      answers({ kind: "wsgi", server: "gunicorn", bind: "0.0.0.0", port: 8123, workers: 5, proxy: "none" }),
    );
    const lines = codeLines(file(planned, "gunicorn.conf.py").content);
    assert.deepEqual(lines, [
      'wsgi_app = "mysite.wsgi:application"',
      'bind = "0.0.0.0:8123"',
      "workers = 5",
      'raw_env = ["DJANGO_SETTINGS_MODULE=mysite.settings"]',
      'accesslog = "-"',
      'errorlog = "-"',
    ]);
    assert.match(file(planned, "gunicorn.conf.py").content, /# forwarded_allow_ips = /);
  });

  test("IPv6 bind addresses are bracketed where a port follows", () => {
    const planned = plan(answers({ kind: "wsgi", server: "gunicorn", bind: "::1" }));
    assert.match(file(planned, "gunicorn.conf.py").content, /^bind = "\[::1\]:8000"$/m);
  });

  for (const [version, workerClass] of [
    ["3.2", "uvicorn.workers.UvicornWorker"],
    ["4.2", "uvicorn.workers.UvicornWorker"],
    ["5.1", "uvicorn.workers.UvicornWorker"],
    ["5.2", "uvicorn_worker.UvicornWorker"],
    ["6.0", "uvicorn_worker.UvicornWorker"],
  ] as const) {
    test(`Gunicorn with Uvicorn workers on Django ${version}: ${workerClass}`, () => {
      const planned = plan(answers({ kind: "asgi", server: "gunicorn-uvicorn", djangoVersion: version }));
      const config = file(planned, "gunicorn.conf.py").content;
      assert.deepEqual(codeLines(config).slice(0, 2), [
        'wsgi_app = "mysite.asgi:application"',
        `worker_class = "${workerClass}"`,
      ]);
      assert.ok(
        config.includes(`https://docs.djangoproject.com/en/${version}/howto/deployment/asgi/uvicorn/`),
      );
      assert.equal(
        planned.notes.some((note) => note.includes("uvicorn-worker")),
        workerClass.startsWith("uvicorn_worker"),
      );
    });
  }

  test("uWSGI: chdir, module, env, master, processes, vacuum, max-requests, harakiri, home", () => {
    const planned = plan(answers({ kind: "wsgi", server: "uwsgi", workers: 6, virtualenv: "/srv/venv/" }));
    const ini = file(planned, "uwsgi.ini").content;
    const keys = ini
      .split("\n")
      .filter((line) => /^[a-z-]+ = /.test(line))
      .map((line) => line);
    assert.deepEqual(keys, [
      "chdir = /srv/mysite",
      "module = mysite.wsgi:application",
      "env = DJANGO_SETTINGS_MODULE=mysite.settings",
      "env = LANG=C.UTF-8",
      "home = /srv/venv",
      "master = true",
      "processes = 6",
      "http-socket = 127.0.0.1:8000",
      "need-app = true",
      "harakiri = 20",
      "max-requests = 5000",
      "vacuum = true",
      "die-on-term = true",
    ]);
    assert.match(ini, /^\[uwsgi\]$/m);
    assert.match(file(planned, "mysite/wsgi.py").content, /^ {4}\/srv\/venv\/bin\/uwsgi --ini uwsgi\.ini$/m);
  });

  test("uWSGI without a virtualenv has no home", () => {
    const planned = plan(answers({ kind: "wsgi", server: "uwsgi" }));
    assert.doesNotMatch(file(planned, "uwsgi.ini").content, /^home/m);
  });

  test("Apache mod_wsgi: daemon mode, script alias, static and media aliases", () => {
    const planned = plan(
      answers({
        kind: "wsgi",
        server: "mod_wsgi",
        domain: "example.com",
        deployPath: "/srv/mysite",
        virtualenv: "/srv/venv",
        staticRoot: "/srv/static",
        mediaUrl: "/uploads/",
      }),
    );
    const conf = file(planned, "apache/example.com.conf").content;
    const directives = conf
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"));
    assert.deepEqual(directives, [
      "<VirtualHost *:80>",
      "ServerName example.com",
      "Alias /static/ /srv/static/",
      "<Directory /srv/static>",
      "Require all granted",
      "</Directory>",
      "Alias /uploads/ /srv/mysite/media/",
      "<Directory /srv/mysite/media>",
      "Require all granted",
      "</Directory>",
      "WSGIDaemonProcess example.com processes=2 threads=15 display-name=%{GROUP} lang=C.UTF-8 locale=C.UTF-8 python-path=/srv/mysite python-home=/srv/venv",
      "WSGIProcessGroup example.com",
      "WSGIApplicationGroup %{GLOBAL}",
      "WSGIScriptAlias / /srv/mysite/mysite/wsgi.py process-group=example.com application-group=%{GLOBAL}",
      "<Directory /srv/mysite/mysite>",
      "<Files wsgi.py>",
      "Require all granted",
      "</Files>",
      "</Directory>",
      "ErrorLog ${APACHE_LOG_DIR}/example.com-error.log",
      "CustomLog ${APACHE_LOG_DIR}/example.com-access.log combined",
      "</VirtualHost>",
    ]);
    assert.ok(planned.nextCommands.some((command) => command.includes("collectstatic")));
  });

  test("Apache authentication: valid users, embedded-mode python path, the auth location", () => {
    const planned = plan(
      answers({
        kind: "wsgi",
        server: "mod_wsgi-auth",
        domain: "intranet.example.com",
        port: 8080,
        authPath: "/private/",
      }),
    );
    const conf = file(planned, "apache/intranet.example.com.conf").content;
    assert.match(conf, /^WSGIPythonPath \/srv\/mysite$/m);
    assert.match(conf, /^<VirtualHost \*:8080>$/m);
    const location = /<Location "\/private\/">\n([\s\S]*?)<\/Location>/.exec(conf)?.[1] ?? "";
    assert.deepEqual(
      location
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "" && !line.startsWith("#")),
      [
        "AuthType Basic",
        'AuthName "mysite"',
        "AuthBasicProvider wsgi",
        "WSGIAuthUserScript /srv/mysite/mysite/wsgi.py application-group=%{GLOBAL}",
        "Require valid-user",
      ],
    );
    assert.match(conf, /mod_auth_basic/);
    assert.match(conf, /mod_authz_user/);
    assert.ok(planned.notes.some((note) => note.includes("a2enmod auth_basic authz_user")));
  });

  test("Apache group authorisation: groups_for_user and Require wsgi-group", () => {
    const planned = plan(
      answers({
        kind: "wsgi",
        server: "mod_wsgi-auth",
        domain: "example.com",
        groups: ["staff", "secret agents"],
      }),
    );
    const conf = file(planned, "apache/example.com.conf").content;
    assert.match(
      conf,
      /^ {8}WSGIAuthGroupScript \/srv\/mysite\/mysite\/wsgi\.py application-group=%\{GLOBAL\}$/m,
    );
    assert.match(conf, /^ {8}Require wsgi-group "staff" "secret agents"$/m);
    assert.doesNotMatch(conf, /Require valid-user/);
    const entry = codeLines(file(planned, "mysite/wsgi.py").content);
    assert.deepEqual(entry.slice(3), [
      "application = get_wsgi_application()",
      "from django.contrib.auth.handlers.modwsgi import check_password, groups_for_user  # noqa: E402, F401",
    ]);
  });

  test("Daphne: Procfile command and systemd unit; the runserver note from Django 4.2", () => {
    const modern = plan(answers({ kind: "asgi", server: "daphne", djangoVersion: "4.2", port: 9000 }));
    assert.match(
      file(modern, "deploy/Procfile.daphne").content,
      /^web: daphne -b 0\.0\.0\.0 -p \$PORT --proxy-headers mysite\.asgi:application$/m,
    );
    const procfileProse = file(modern, "deploy/Procfile.daphne").content.replace(/\n# /g, " ");
    assert.match(
      procfileProse,
      /put "daphne" first in INSTALLED_APPS and set ASGI_APPLICATION = "mysite\.asgi\.application"/,
    );
    const unit = file(modern, "deploy/daphne.service").content;
    assert.match(
      unit,
      /^ExecStart=\/usr\/bin\/python3 -m daphne -b 127\.0\.0\.1 -p 9000 --proxy-headers mysite\.asgi:application$/m,
    );
    assert.match(unit, /^WorkingDirectory=\/srv\/mysite$/m);
    assert.match(unit, /^Environment=DJANGO_SETTINGS_MODULE=mysite\.settings$/m);
    assert.ok(modern.notes.some((note) => note.includes('ASGI_APPLICATION = "mysite.asgi.application"')));

    const old = plan(answers({ kind: "asgi", server: "daphne", djangoVersion: "4.1" }));
    assert.doesNotMatch(file(old, "deploy/Procfile.daphne").content, /INSTALLED_APPS/);
    assert.ok(!old.notes.some((note) => note.includes("INSTALLED_APPS")));
  });

  test("Uvicorn: command line and systemd unit, with the virtualenv's python", () => {
    const planned = plan(answers({ kind: "asgi", server: "uvicorn", virtualenv: "/srv/venv", workers: 4 }));
    const command =
      "/srv/venv/bin/python -m uvicorn mysite.asgi:application --host 127.0.0.1 --port 8000 --workers 4" +
      " --proxy-headers --forwarded-allow-ips 127.0.0.1";
    assert.ok(file(planned, "deploy/uvicorn.service").content.includes(`ExecStart=${command}\n`));
    // A platform that reads Procfiles routes to $PORT on any interface, from its router's address.
    assert.ok(
      file(planned, "deploy/Procfile.uvicorn").content.includes(
        "web: /srv/venv/bin/python -m uvicorn mysite.asgi:application --host 0.0.0.0 --port $PORT --workers 4" +
          " --proxy-headers --forwarded-allow-ips '*'\n",
      ),
    );
  });

  test("Hypercorn: bind, workers and logs", () => {
    const planned = plan(answers({ kind: "asgi", server: "hypercorn", workers: 3 }));
    const toml = file(planned, "hypercorn.toml").content;
    assert.deepEqual(
      toml.split("\n").filter((line) => line !== "" && !line.startsWith("#")),
      ['bind = ["127.0.0.1:8000"]', "workers = 3", 'accesslog = "-"', 'errorlog = "-"'],
    );
  });
});

describe("choices that shape the plan", () => {
  test("--only entry plans the entry module alone, with a self-contained command", () => {
    const planned = plan(answers({ kind: "wsgi", server: "gunicorn", parts: ["entry"] }));
    assert.deepEqual(
      planned.writes.map((write) => write.relativePath),
      ["mysite/wsgi.py"],
    );
    assert.match(
      planned.writes[0]?.content ?? "",
      /^ {4}gunicorn mysite\.wsgi:application --bind 127\.0\.0\.1:8000 --workers 3$/m,
    );
  });

  test("--only server plans the configuration alone; the domain is then still needed for Apache", () => {
    const planned = plan(answers({ kind: "asgi", server: "hypercorn", parts: ["server"] }));
    assert.deepEqual(
      planned.writes.map((write) => write.relativePath),
      ["hypercorn.toml", "deploy/nginx/mysite.conf"],
    );
  });

  test("a settings module other than <package>.settings", () => {
    const files = startProject({ "mysite/settings/__init__.py": "", "mysite/settings/production.py": "" });
    const planned = plan(
      answers({ kind: "asgi", server: "uvicorn", settingsModule: "mysite.settings.production" }),
      files,
    );
    assert.match(
      file(planned, "mysite/asgi.py").content,
      /^os\.environ\.setdefault\("DJANGO_SETTINGS_MODULE", "mysite\.settings\.production"\)$/m,
    );
  });

  test("a nested project package and a target folder below the workspace", () => {
    const files = memoryProject("/work/repo", {
      "backend/manage.py": "",
      "backend/config/__init__.py": "",
      "backend/config/site/__init__.py": "",
      "backend/config/site/settings.py": "",
    });
    const planned = plan(
      answers({ kind: "wsgi", server: "gunicorn", projectPackage: "config.site", targetFolder: "backend" }),
      files,
    );
    assert.deepEqual(
      planned.writes.map((write) => write.relativePath),
      ["backend/config/site/wsgi.py", "backend/gunicorn.conf.py", "backend/deploy/nginx/config-site.conf"],
    );
    assert.equal(planned.writes[0]?.path, "/work/repo/backend/config/site/wsgi.py");
    assert.match(
      file(planned, "backend/gunicorn.conf.py").content,
      /^wsgi_app = "config\.site\.wsgi:application"$/m,
    );
  });
});

describe("files that exist", () => {
  test("an existing file that would change is planned as an overwrite with its old content", () => {
    const old = "import os\napplication = None\n";
    const planned = plan(
      answers({ kind: "wsgi", server: "gunicorn" }),
      startProject({ "mysite/wsgi.py": old }),
    );
    const entry = file(planned, "mysite/wsgi.py");
    assert.equal(entry.action, "overwrite");
    assert.equal(entry.previousContent, old);
    assert.equal(file(planned, "gunicorn.conf.py").action, "create");
  });

  test("an existing file with the planned content is left unchanged", () => {
    const first = plan(answers({ kind: "asgi", server: "hypercorn" }));
    const existing = Object.fromEntries(first.writes.map((write) => [write.relativePath, write.content]));
    const second = plan(answers({ kind: "asgi", server: "hypercorn" }), startProject(existing));
    assert.deepEqual(
      second.writes.map((write) => [write.relativePath, write.action]),
      [
        ["mysite/asgi.py", "unchanged"],
        ["hypercorn.toml", "unchanged"],
        ["deploy/nginx/mysite.conf", "unchanged"],
      ],
    );
  });
});
