// What a settings module takes from files the engine finds but does not import the usual way:
// optional local settings behind an existence test, django-split-settings' include(), a library in
// the project's virtual environment, and a library that cannot be read.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FileSystemHost } from "../../../server/src/project/workspace";
import { DjangoProject } from "../../../server/src/engine/project";
import { memoryHost, ROOT } from "../../helpers/memoryProject";

const MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';

/** A memory host that also knows which folders exist (for site-packages and existence tests). */
function host(files: Record<string, string>): FileSystemHost {
  const base = memoryHost(files);
  const paths = Object.keys(files).map((path) => `${ROOT}/${path}`);
  return {
    ...base,
    exists: (path) => paths.some((file) => file === path || file.startsWith(`${path}/`)),
  };
}

function analyze(files: Record<string, string>) {
  const project = new DjangoProject(
    [ROOT],
    host({ "manage.py": MANAGE, "mysite/__init__.py": "", ...files }),
    {
      djangoVersion: "5.2",
    },
  );
  const [context] = project.checkContexts();
  return { result: project.analyze(), settings: context!.settings };
}

describe("modules found other ways", () => {
  it("a local settings file the repository does not hold is taken as absent, and findings say so", () => {
    const { result, settings } = analyze({
      "mysite/settings.py":
        "from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nDEBUG = True\nif (BASE_DIR / 'mysite' / 'local_settings.py').exists():\n    from .local_settings import *\n",
    });
    assert.equal(settings.get("DEBUG").value.kind, "bool");
    const debug = result.findings.find((finding) => finding.code === "security.W018");
    assert.match(
      debug?.explanation ?? "",
      /mysite\/local_settings\.py, which is not in the repository, is not created on the server/,
    );
  });

  it("a local settings file the repository holds is read", () => {
    const { settings } = analyze({
      "mysite/settings.py":
        "import os\nDEBUG = True\nif os.path.exists(os.path.join(os.path.dirname(__file__), 'local_settings.py')):\n    from .local_settings import *\n",
      "mysite/local_settings.py": "DEBUG = False\n",
    });
    const debug = settings.get("DEBUG").value;
    assert.equal(debug.kind === "bool" && debug.value, false);
  });

  it("an absolute import of a local module that is missing raises ImportError into the handler", () => {
    const { settings } = analyze({
      "mysite/settings.py":
        "DEBUG = True\ntry:\n    from settings_local import *\nexcept ImportError:\n    DEBUG = False\n",
    });
    const debug = settings.get("DEBUG").value;
    assert.equal(debug.kind === "bool" && debug.value, false);
  });

  it("django-split-settings include(): files and patterns run in the module's namespace, optional ones may be missing", () => {
    const { settings, result } = analyze({
      "mysite/settings/__init__.py":
        "from split_settings.tools import include, optional\ninclude('components/base.py', 'components/sec*.py', optional('local.py'))\n",
      "mysite/settings/components/base.py": "DEBUG = False\nALLOWED_HOSTS = ['a.example']\n",
      "mysite/settings/components/security.py": "SECURE_HSTS_SECONDS = 60\nDEBUG = True\n",
    });
    assert.equal(settings.get("SECURE_HSTS_SECONDS").value.kind, "int");
    const debug = result.findings.find((finding) => finding.code === "security.W018");
    assert.equal(debug?.location.file, `${ROOT}/mysite/settings/components/security.py`);
    assert.ok(result.chains["mysite.settings"]?.includes(`${ROOT}/mysite/settings/components/base.py`));
  });

  it("include(*FILES) with a name built from the environment and optional() among them", () => {
    const { settings } = analyze({
      "mysite/settings/__init__.py":
        "from os import environ\nfrom split_settings.tools import include, optional\nenviron.setdefault('DJANGO_ENV', 'development')\n_ENV = environ['DJANGO_ENV']\nFILES = ('base.py', 'environments/{0}.py'.format(_ENV), optional('local.py'))\ninclude(*FILES)\n",
      "mysite/settings/base.py": "DEBUG = False\n",
      "mysite/settings/environments/development.py": "DEBUG = True\n",
      "mysite/settings/environments/production.py": "SECURE_HSTS_SECONDS = 60\n",
    });
    // DJANGO_ENV is unset in production, so setdefault makes it 'development'.
    const debug = settings.get("DEBUG").value;
    assert.equal(debug.kind === "bool" && debug.value, true);
  });

  it("a required include that finds nothing stops the module (Django would not start)", () => {
    const { settings } = analyze({
      "mysite/settings/__init__.py":
        "from split_settings.tools import include\ninclude('components/missing.py')\nDEBUG = True\n",
    });
    assert.equal(settings.get("DEBUG").value.kind, "unknown");
  });

  it("a library star import is read from the project's virtual environment", () => {
    const { settings } = analyze({
      "mysite/settings.py": "DEBUG = False\nfrom shoplib.defaults import *\n",
      ".venv/lib/python3.12/site-packages/shoplib/__init__.py": "",
      ".venv/lib/python3.12/site-packages/shoplib/defaults.py": "SHOPLIB_PAGE_SIZE = 20\n",
    });
    assert.equal(settings.get("SHOPLIB_PAGE_SIZE").value.kind, "int");
    const debug = settings.get("DEBUG").value;
    assert.equal(debug.kind === "bool" && debug.value, false);
  });

  it("a library that cannot be read is taken to set none of Django's settings, and is listed", () => {
    const project = new DjangoProject(
      [ROOT],
      host({ "manage.py": MANAGE, "mysite/settings.py": "DEBUG = True\nfrom oscar.defaults import *\n" }),
    );
    const [context] = project.checkContexts();
    const debug = context!.settings.get("DEBUG").value;
    assert.equal(debug.kind === "bool" && debug.value, true);
    assert.deepEqual(
      context!.profileModule.unfollowedStarImports?.map((entry) => entry.module),
      ["oscar.defaults"],
    );
  });
});
