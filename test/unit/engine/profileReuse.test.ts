// A later analysis re-checks only the profiles whose inputs changed: a keystroke in one project's
// settings module re-checks that project's profile, an edit in a deployment file every profile that
// read it, and the findings are always those of a fresh analysis of the same files.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DjangoProject } from "../../../server/src/engine/project";
import type { FileSystemHost } from "../../../server/src/project/workspace";

const ROOT = "/workspace";

function project(folder: string): Record<string, string> {
  return {
    [`${folder}/manage.py`]: `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n`,
    [`${folder}/config/__init__.py`]: "",
    [`${folder}/config/settings/__init__.py`]: "",
    [`${folder}/config/settings/base.py`]: `SECRET_KEY = "x"\nALLOWED_HOSTS = ["example.com"]\n`,
    [`${folder}/config/settings/local.py`]: "from .base import *\nDEBUG = True\n",
    [`${folder}/config/settings/production.py`]: `from .base import *\nimport os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n`,
    [`${folder}/Dockerfile`]: `FROM python:3.12-slim\nENV DJANGO_SETTINGS_MODULE=config.settings.production\nCMD ["gunicorn", "config.wsgi"]\n`,
  };
}

/** Files held in memory that the test edits in place, as an editor's open documents change. */
function editableHost(files: Map<string, string>): FileSystemHost {
  return {
    readFile: (path) => files.get(path),
    findFiles: (root, accept) =>
      [...files.keys()]
        .filter((path) => path.startsWith(`${root}/`) && accept(path.split("/").pop()!))
        .sort(),
  };
}

function workspace(): Map<string, string> {
  return new Map(
    Object.entries({ ...project("alpha"), ...project("beta") }).map(([path, text]) => [
      `${ROOT}/${path}`,
      text,
    ]),
  );
}

/** Analyses and returns the result with how many profiles had their checks run for it. */
function analyze(engine: DjangoProject) {
  const before = engine.profilesChecked;
  const result = engine.analyze();
  return { result, checked: engine.profilesChecked - before };
}

function fresh(files: Map<string, string>) {
  return new DjangoProject([ROOT], editableHost(new Map(files)), { djangoVersion: "5.2" }).analyze();
}

describe("reuse of each profile's findings between analyses", () => {
  it("checks both projects' production profiles at first, and none again when nothing changed", () => {
    const files = workspace();
    const engine = new DjangoProject([ROOT], editableHost(files), { djangoVersion: "5.2" });
    const first = analyze(engine);
    const production = first.result.profiles.filter((profile) => profile.kind === "production");
    assert.deepEqual(
      production.map((profile) => profile.file),
      [`${ROOT}/alpha/config/settings/production.py`, `${ROOT}/beta/config/settings/production.py`],
    );
    assert.equal(first.checked, 2);
    const second = analyze(engine);
    assert.equal(second.checked, 0);
    assert.deepEqual(second.result.findings, first.result.findings);
    assert.deepEqual(second.result.coverage, first.result.coverage);
  });

  it("a keystroke in one project's settings module re-checks only that project's profile", () => {
    const files = workspace();
    const engine = new DjangoProject([ROOT], editableHost(files), { djangoVersion: "5.2" });
    analyze(engine);
    files.set(
      `${ROOT}/alpha/config/settings/production.py`,
      files.get(`${ROOT}/alpha/config/settings/production.py`)! + "DEBUG = True\n",
    );
    const edited = analyze(engine);
    assert.equal(edited.checked, 1);
    assert.ok(edited.result.findings.some((finding) => finding.code === "security.W018"));
    assert.deepEqual(edited.result.findings, fresh(files).findings);
    // A module in the chain (base.py) counts as much as the profile's own module.
    files.set(
      `${ROOT}/beta/config/settings/base.py`,
      files.get(`${ROOT}/beta/config/settings/base.py`)! + "DEBUG = True\n",
    );
    const base = analyze(engine);
    assert.equal(base.checked, 1);
    assert.deepEqual(base.result.findings, fresh(files).findings);
  });

  it("an edit in a Dockerfile re-checks every profile that read the deployment files", () => {
    const files = workspace();
    const engine = new DjangoProject([ROOT], editableHost(files), { djangoVersion: "5.2" });
    analyze(engine);
    files.set(
      `${ROOT}/beta/Dockerfile`,
      `FROM python:3.12-slim\nENV DJANGO_SETTINGS_MODULE=config.settings.production\nENV DJANGO_SECRET_KEY=literal-key-in-the-image-0123456789abcdefghijklmnopqrstuvwxyz\nCMD ["gunicorn", "config.wsgi"]\n`,
    );
    const edited = analyze(engine);
    assert.equal(edited.checked, 2);
    assert.ok(edited.result.findings.some((finding) => finding.code === "deploy.W002"));
    assert.deepEqual(edited.result.findings, fresh(files).findings);
  });

  it("a file event keeps the findings it cannot change, and a new file in a search re-checks who searched", () => {
    const files = workspace();
    const engine = new DjangoProject([ROOT], editableHost(files), { djangoVersion: "5.2" });
    const first = analyze(engine);
    files.set(`${ROOT}/alpha/README.md`, "# alpha\n");
    engine.invalidate(`${ROOT}/alpha/README.md`);
    const readme = analyze(engine);
    assert.equal(readme.checked, 0);
    assert.deepEqual(readme.result.findings, first.result.findings);
    // A Procfile is a deployment file: every profile read the workspace's deployment files.
    files.set(`${ROOT}/beta/Procfile`, "web: python manage.py runserver 0.0.0.0:$PORT\n");
    engine.invalidate(`${ROOT}/beta/Procfile`);
    const procfile = analyze(engine);
    assert.equal(procfile.checked, 2);
    assert.deepEqual(procfile.result.findings, fresh(files).findings);
    // Forgetting everything (new options, a new folder) re-checks everything.
    engine.invalidate();
    assert.equal(analyze(engine).checked, 2);
  });

  it("the same options again keep every profile's findings; other options re-check them all", () => {
    const engine = new DjangoProject([ROOT], editableHost(workspace()), { djangoVersion: "5.2" });
    analyze(engine);
    engine.setOptions({ djangoVersion: "5.2" });
    assert.equal(analyze(engine).checked, 0);
    engine.setOptions({ djangoVersion: "4.2" });
    assert.equal(analyze(engine).checked, 2);
  });
});
