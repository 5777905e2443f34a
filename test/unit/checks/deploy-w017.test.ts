import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkTable } from "../../helpers/checkTable";
import { analyzeFiles } from "../../helpers/memoryProject";

const MIDDLEWARE = "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n";
const REDIRECT = `${MIDDLEWARE}SECURE_SSL_REDIRECT = True\n`;
const PROCFILE = { Procfile: "release: python manage.py migrate\nweb: gunicorn mysite.wsgi\n" };
const HEADER_FIX = `${REDIRECT}\n# The proxy in front of Django must set X-Forwarded-Proto on every request and remove any\n# X-Forwarded-Proto a client sends; otherwise clients can make plain HTTP look secure.\nSECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")\n`;

checkTable("deploy.W017", {
  valid: [
    {
      name: "the proxy header is set",
      settings: `${REDIRECT}SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\n`,
      files: PROCFILE,
    },
    { name: "no redirect", settings: `${MIDDLEWARE}SECURE_SSL_REDIRECT = False\n`, files: PROCFILE },
    {
      name: "no SecurityMiddleware, so no redirect",
      settings: "SECURE_SSL_REDIRECT = True\n",
      files: PROCFILE,
    },
    {
      name: "the redirect from the environment with no default",
      settings: `import environ\nenv = environ.Env()\n${MIDDLEWARE}SECURE_SSL_REDIRECT = env.bool('SSL_REDIRECT')\n`,
      files: PROCFILE,
    },
    {
      name: "the proxy header not known",
      settings: `from .proxy import HEADER\n${REDIRECT}SECURE_PROXY_SSL_HEADER = HEADER\n`,
      files: PROCFILE,
    },
    {
      name: "a development profile",
      module: "mysite.settings.dev",
      settings: REDIRECT,
      files: { ...PROCFILE, "mysite/settings/__init__.py": "" },
    },
    {
      name: "the base's header kept, the redirect turned on in production",
      module: "mysite.settings.production",
      settings: "from .base import *\nSECURE_SSL_REDIRECT = True\n",
      files: {
        ...PROCFILE,
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": `${MIDDLEWARE}SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\n`,
      },
    },
    { name: "silenced", settings: `${REDIRECT}SILENCED_SYSTEM_CHECKS = ['deploy.W017']\n`, files: PROCFILE },
  ],
  invalid: [
    {
      name: "a Procfile web process (the platform's router terminates TLS)",
      settings: REDIRECT,
      files: PROCFILE,
      findings: ["2:23"],
      message: /redirects loop behind the proxy[\s\S]*Procfile web process/,
      fixes: [{ title: /X-Forwarded-Proto/, applicability: "unsafe", output: HEADER_FIX }],
    },
    {
      name: "gunicorn bound to the loopback interface in the final image",
      settings: REDIRECT,
      files: {
        Dockerfile: 'FROM python:3.12\nCMD ["gunicorn", "--bind", "127.0.0.1:8000", "mysite.wsgi"]\n',
      },
      findings: ["2:23"],
      message: /gunicorn --bind 127.0.0.1:8000/,
      fixes: [{ title: /X-Forwarded-Proto/, applicability: "unsafe", output: HEADER_FIX }],
    },
    {
      name: "uWSGI speaking its own protocol to nginx",
      settings: REDIRECT,
      files: { "deploy/uwsgi.ini": "[uwsgi]\nmodule = mysite.wsgi\nsocket = /run/uwsgi/site.sock\n" },
      findings: ["2:23"],
      message: /uWSGI's socket/,
      fixes: [{ title: /X-Forwarded-Proto/, applicability: "unsafe", output: HEADER_FIX }],
    },
    {
      name: "an nginx site that proxies",
      settings: REDIRECT,
      files: {
        "deploy/nginx/site.conf": "server {\n  location / {\n    proxy_pass http://app:8000;\n  }\n}\n",
      },
      findings: ["2:23"],
      message: /proxy_pass in site.conf/,
      fixes: [{ title: /X-Forwarded-Proto/, applicability: "unsafe", output: HEADER_FIX }],
    },
    {
      name: "None written out in the production module: replaced",
      settings: `${REDIRECT}SECURE_PROXY_SSL_HEADER = None\n`,
      files: { "gunicorn.conf.py": 'bind = "unix:/run/gunicorn.sock"\n' },
      findings: ["2:23"],
      message: /gunicorn's bind/,
      fixes: [
        {
          title: /X-Forwarded-Proto/,
          applicability: "unsafe",
          output: `${REDIRECT}# The proxy in front of Django must set X-Forwarded-Proto on every request and remove any\n# X-Forwarded-Proto a client sends; otherwise clients can make plain HTTP look secure.\nSECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")\n`,
        },
      ],
    },
    {
      name: "no proxy in sight: information",
      settings: REDIRECT,
      findings: ["2:23"],
      message: /No reverse proxy shows/,
      fixes: [{ title: /X-Forwarded-Proto/, applicability: "unsafe", output: HEADER_FIX }],
    },
  ],
});

describe("deploy.W017 evidence", () => {
  const finding = (files: Record<string, string>) =>
    analyzeFiles({
      "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
      "mysite/settings.py": REDIRECT,
      ...files,
    }).findings.find((candidate) => candidate.code === "deploy.W017");

  it("is a warning with the evidence as related information", () => {
    const found = finding({ "fly.toml": 'app = "mysite"\n' });
    assert.equal(found?.severity, "warning");
    assert.deepEqual(
      found?.related.map((related) => [related.file.split("/").pop(), related.message]),
      [["fly.toml", "proxy in front of Django: Fly.io's proxy terminates TLS (fly.toml)"]],
    );
  });
  it("is information with no evidence", () => {
    assert.equal(finding({})?.severity, "information");
  });
  it("finds a proxy image among the production compose services", () => {
    const found = finding({
      "docker-compose.prod.yml": "services:\n  web:\n    build: .\n  proxy:\n    image: nginx:1.27\n",
    });
    assert.equal(found?.severity, "warning");
    assert.equal(found?.related[0]?.range.start.line, 4);
  });
  it("does not count gunicorn bound to every interface", () => {
    assert.equal(
      finding({ Dockerfile: "FROM python:3.12\nCMD gunicorn -b 0.0.0.0:8000 mysite.wsgi\n" })?.severity,
      "information",
    );
  });
});
