// In a workspace of several projects (each with its manage.py), a profile sees the entry modules of its
// own project: an error-monitoring SDK set up in one project's wsgi.py does not report the other
// project's server errors.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DjangoProject } from "../../../server/src/engine/project";
import { memoryHost } from "../../helpers/memoryProject";

const ROOT = "/workspace";

function project(folder: string, wsgiExtra = ""): Record<string, string> {
  return {
    [`${folder}/manage.py`]: `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n`,
    [`${folder}/config/__init__.py`]: "",
    [`${folder}/config/wsgi.py`]: `import os\n${wsgiExtra}from django.core.wsgi import get_wsgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\napplication = get_wsgi_application()\n`,
    [`${folder}/config/settings/__init__.py`]: "",
    [`${folder}/config/settings/local.py`]: "DEBUG = True\n",
    [`${folder}/config/settings/production.py`]: `import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nALLOWED_HOSTS = ["example.com"]\n`,
    [`${folder}/Dockerfile`]: `FROM python:3.12-slim\nENV DJANGO_SETTINGS_MODULE=config.settings.production\nCMD ["gunicorn", "config.wsgi"]\n`,
  };
}

describe("entry modules by project", () => {
  it("Sentry in one project's wsgi.py silences deploy.W040 for that project only", () => {
    const files = { ...project("alpha", "import sentry_sdk\nsentry_sdk.init()\n"), ...project("beta") };
    const result = new DjangoProject([ROOT], memoryHost(files, ROOT), { djangoVersion: "5.2" }).analyze();
    const production = result.profiles.filter((profile) => profile.kind === "production");
    assert.equal(production.length, 2);
    const unreported = result.findings.filter((finding) => finding.code === "deploy.W040");
    assert.deepEqual(
      unreported.map((finding) => finding.location.file),
      [`${ROOT}/beta/config/settings/production.py`],
    );
  });

  it("with Sentry in neither project, both report deploy.W040", () => {
    const files = { ...project("alpha"), ...project("beta") };
    const result = new DjangoProject([ROOT], memoryHost(files, ROOT), { djangoVersion: "5.2" }).analyze();
    const unreported = result.findings.filter((finding) => finding.code === "deploy.W040");
    assert.deepEqual(unreported.map((finding) => finding.location.file).sort(), [
      `${ROOT}/alpha/config/settings/production.py`,
      `${ROOT}/beta/config/settings/production.py`,
    ]);
  });
});
