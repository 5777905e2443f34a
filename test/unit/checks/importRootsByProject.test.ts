// In a workspace of several projects that use the same module names (config.urls, config.wsgi), a
// profile resolves ROOT_URLCONF and WSGI_APPLICATION against its own project's folders, not against
// whichever project comes first in the workspace.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DjangoProject } from "../../../server/src/engine/project";
import { memoryHost } from "../../helpers/memoryProject";

const ROOT = "/workspace";
const TEMPLATES =
  'TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": True}]\n';
const WSGI =
  'import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\napplication = get_wsgi_application()\n';

/** One project in `folder`: its production settings end with `production`, its other files are `extra`. */
function project(folder: string, production: string, extra: Record<string, string>): Record<string, string> {
  const files: Record<string, string> = {
    [`${folder}/manage.py`]: `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n`,
    [`${folder}/config/__init__.py`]: "",
    [`${folder}/config/settings/__init__.py`]: "",
    [`${folder}/config/settings/local.py`]: "DEBUG = True\n",
    [`${folder}/config/settings/production.py`]: `import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nALLOWED_HOSTS = ["example.com"]\n${production}`,
    [`${folder}/Dockerfile`]: `FROM python:3.12-slim\nENV DJANGO_SETTINGS_MODULE=config.settings.production\n`,
  };
  for (const [path, text] of Object.entries(extra)) files[`${folder}/${path}`] = text;
  return files;
}

function findings(files: Record<string, string>, code: string): string[] {
  const result = new DjangoProject([ROOT], memoryHost(files, ROOT), { djangoVersion: "5.2" }).analyze();
  assert.equal(result.profiles.filter((profile) => profile.kind === "production").length, 2);
  return result.findings
    .filter((finding) => finding.code === code)
    .map((finding) => `${finding.location.file.slice(ROOT.length + 1)}: ${finding.message}`)
    .sort();
}

describe("import roots by project", () => {
  it("deploy.W063: a module only the other project has does not exist for this one", () => {
    const files = {
      ...project("alpha", 'WSGI_APPLICATION = "config.wsgi.application"\n', { "config/wsgi.py": WSGI }),
      ...project("beta", 'WSGI_APPLICATION = "config.wsgi.application"\n', {}),
    };
    assert.deepEqual(findings(files, "deploy.W063"), [
      "beta/config/settings/production.py: WSGI_APPLICATION names config.wsgi.application, which does not exist.",
    ]);
  });

  it("deploy.W063: an attribute only the other project's module binds does not exist for this one", () => {
    const files = {
      ...project("alpha", 'WSGI_APPLICATION = "config.wsgi.server"\n', {
        "config/wsgi.py": `${WSGI}server = application\n`,
      }),
      ...project("beta", 'WSGI_APPLICATION = "config.wsgi.server"\n', { "config/wsgi.py": WSGI }),
    };
    const found = findings(files, "deploy.W063");
    assert.deepEqual(found, [
      "beta/config/settings/production.py: WSGI_APPLICATION names config.wsgi.server, which does not exist.",
    ]);
  });

  it("deploy.W063: each project's own module satisfies its own profile", () => {
    const files = {
      ...project("alpha", 'WSGI_APPLICATION = "config.wsgi.application"\n', { "config/wsgi.py": WSGI }),
      ...project("beta", 'WSGI_APPLICATION = "config.wsgi.application"\n', { "config/wsgi.py": WSGI }),
    };
    assert.deepEqual(findings(files, "deploy.W063"), []);
  });

  it("deploy.I042: the other project's URLconf handlers do not count for this one", () => {
    const handlers =
      "urlpatterns = []\nhandler404 = 'config.views.not_found'\nhandler500 = 'config.views.error'\n";
    const files = {
      ...project("alpha", `ROOT_URLCONF = "config.urls"\n${TEMPLATES}`, { "config/urls.py": handlers }),
      ...project("beta", `ROOT_URLCONF = "config.urls"\n${TEMPLATES}`, {
        "config/urls.py": "urlpatterns = []\n",
      }),
    };
    assert.deepEqual(findings(files, "deploy.I042"), [
      "beta/config/settings/production.py: No 404.html or 500.html template: visitors get Django's bare default error pages.",
    ]);
  });

  it("deploy.I042: this project's URLconf handlers count, whatever the other project's say", () => {
    const handlers =
      "urlpatterns = []\nhandler404 = 'config.views.not_found'\nhandler500 = 'config.views.error'\n";
    const files = {
      ...project("alpha", `ROOT_URLCONF = "config.urls"\n${TEMPLATES}`, {
        "config/urls.py": "urlpatterns = []\n",
      }),
      ...project("beta", `ROOT_URLCONF = "config.urls"\n${TEMPLATES}`, { "config/urls.py": handlers }),
    };
    assert.deepEqual(findings(files, "deploy.I042"), [
      "alpha/config/settings/production.py: No 404.html or 500.html template: visitors get Django's bare default error pages.",
    ]);
  });

  it("deploy.W061: a settings module only the other project has does not exist for this one's asgi.py", () => {
    const asgi =
      'import os\nfrom django.core.asgi import get_asgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.staging")\napplication = get_asgi_application()\n';
    const files = {
      ...project("alpha", "", { "config/wsgi.py": WSGI, "config/asgi.py": asgi }),
      ...project("beta", "", { "config/wsgi.py": WSGI, "config/settings/staging.py": "DEBUG = False\n" }),
    };
    assert.deepEqual(findings(files, "deploy.W061"), [
      "alpha/config/asgi.py: asgi.py names the settings module config.settings.staging, which does not exist.",
    ]);
  });

  it("deploy.W061: an entry module in no project's folder may name any project's settings module", () => {
    const asgi =
      'import os\nfrom django.core.asgi import get_asgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.staging")\napplication = get_asgi_application()\n';
    const files = {
      ...project("alpha", "", { "config/wsgi.py": WSGI }),
      ...project("beta", "", { "config/wsgi.py": WSGI, "config/settings/staging.py": "DEBUG = False\n" }),
      "deploy/asgi.py": asgi,
    };
    assert.deepEqual(findings(files, "deploy.W061"), []);
  });

  it("deploy.W061: sees every project's entry modules, not only the first profile's project's", () => {
    const wsgi = WSGI.replace("config.settings.production", "config.settings.staging");
    const files = {
      ...project("alpha", "", { "config/wsgi.py": wsgi }),
      ...project("beta", "", { "config/wsgi.py": WSGI, "config/settings/staging.py": "DEBUG = False\n" }),
    };
    assert.deepEqual(findings(files, "deploy.W061"), [
      "alpha/config/wsgi.py: wsgi.py names the settings module config.settings.staging, which does not exist.",
    ]);
  });
  it("deploy.E060: sees every project's entry modules, not only the first profile's project's", () => {
    const noApplication =
      'import os\nfrom django.core.asgi import get_asgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\napp = get_asgi_application()\n';
    const files = {
      ...project("alpha", "", { "config/wsgi.py": WSGI }),
      ...project("beta", "", { "config/wsgi.py": WSGI, "config/asgi.py": noApplication }),
    };
    assert.deepEqual(findings(files, "deploy.E060"), [
      "beta/config/asgi.py: asgi.py defines no module-level application: the server cannot load the site.",
    ]);
  });

  it("deploy.W062: sees every project's entry modules, not only the first profile's project's", () => {
    const asgi =
      'import os\nfrom django.core.asgi import get_asgi_application\nfrom shop.models import Order\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\napplication = get_asgi_application()\n';
    const files = {
      ...project("alpha", "", { "config/wsgi.py": WSGI }),
      ...project("beta", "", { "config/wsgi.py": WSGI, "config/asgi.py": asgi }),
    };
    assert.equal(findings(files, "deploy.W062").length, 1);
    assert.match(findings(files, "deploy.W062")[0]!, /^beta\/config\/asgi\.py: /);
  });
});
