import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { settingsNamedInPython } from "../../../server/src/project/pythonEntry";
import { analyzeFiles } from "../../helpers/memoryProject";

const SETTINGS = {
  "mysite/__init__.py": "",
  "mysite/settings/__init__.py": "",
  "mysite/settings/base.py": "DEBUG = False\n",
  "mysite/settings/dev.py": "from .base import *\n",
  "mysite/settings/staging.py": "from .base import *\n",
  "mysite/settings/test.py": "from .base import *\n",
};

const profilesOf = (files: Record<string, string>, options = {}) =>
  analyzeFiles({ ...SETTINGS, ...files }, options)
    .profiles.map((profile) => `${profile.module}:${profile.kind}`)
    .sort();

describe("profile discovery", () => {
  const cases: [string, Record<string, string>, string[]][] = [
    [
      "manage.py",
      { "manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.staging")' },
      ["mysite.settings.staging:production"],
    ],
    [
      "wsgi.py with an assignment",
      { "mysite/wsgi.py": 'os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings.staging"' },
      ["mysite.settings.staging:production"],
    ],
    [
      "a .env file",
      { ".env": "DJANGO_SETTINGS_MODULE=mysite.settings.staging\n" },
      ["mysite.settings.staging:production"],
    ],
    [
      "a Procfile's web process with --env",
      {
        Procfile:
          "web: gunicorn mysite.wsgi --env DJANGO_SETTINGS_MODULE=mysite.settings.staging\nrelease: python manage.py migrate\n",
      },
      ["mysite.settings.staging:production"],
    ],
    [
      "a Procfile's release process is build-time, not a profile",
      {
        Procfile:
          "web: gunicorn mysite.wsgi\nrelease: python manage.py migrate --settings=mysite.settings.staging\n",
      },
      [],
    ],
    [
      "a Dockerfile ENV with a space",
      { Dockerfile: "FROM python:3.12\nENV DJANGO_SETTINGS_MODULE mysite.settings.staging\n" },
      ["mysite.settings.staging:production"],
    ],
    [
      "a Dockerfile ENV with =",
      { "docker/Dockerfile.web": "ENV DJANGO_SETTINGS_MODULE=mysite.settings.staging PORT=8000\n" },
      ["mysite.settings.staging:production"],
    ],
    [
      "a compose map",
      {
        "compose.yaml":
          "services:\n  web:\n    environment:\n      DJANGO_SETTINGS_MODULE: mysite.settings.staging\n",
      },
      ["mysite.settings.staging:production"],
    ],
    [
      "a compose list",
      {
        "docker-compose.prod.yml":
          "services:\n  web:\n    environment:\n      - DJANGO_SETTINGS_MODULE=mysite.settings.staging\n",
      },
      ["mysite.settings.staging:production"],
    ],
    [
      "a systemd unit",
      { "deploy/site.service": '[Service]\nEnvironment="DJANGO_SETTINGS_MODULE=mysite.settings.staging"\n' },
      ["mysite.settings.staging:production"],
    ],
    [
      "pytest.ini names a test profile",
      { "pytest.ini": "[pytest]\nDJANGO_SETTINGS_MODULE = mysite.settings.staging\n" },
      ["mysite.settings.staging:test"],
    ],
    [
      "pyproject.toml names a test profile",
      { "pyproject.toml": '[tool.pytest.ini_options]\nDJANGO_SETTINGS_MODULE = "mysite.settings.staging"\n' },
      ["mysite.settings.staging:test"],
    ],
    [
      "a module named by pytest and by wsgi.py is production",
      {
        "setup.cfg": "[tool:pytest]\nDJANGO_SETTINGS_MODULE = mysite.settings.staging\n",
        "mysite/wsgi.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.staging")',
      },
      ["mysite.settings.staging:production"],
    ],
    [
      "names decide development and test kinds",
      {
        "manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.dev")',
        "tox.ini": "[testenv]\nsetenv =\n    DJANGO_SETTINGS_MODULE=mysite.settings.test\n",
      },
      ["mysite.settings.dev:development", "mysite.settings.test:test"],
    ],
    [
      "a production-named module is found without being named",
      { "mysite/settings/production.py": "from .base import *\n" },
      ["mysite.settings.production:production"],
    ],
    [
      "the setting replaces discovery",
      { ".env": "DJANGO_SETTINGS_MODULE=mysite.settings.staging\n" },
      ["mysite.settings.dev:production"],
    ],
  ];
  for (const [name, files, expected] of cases) {
    it(name, () => {
      const options = name.startsWith("the setting") ? { profiles: ["mysite.settings.dev"] } : {};
      assert.deepEqual(profilesOf(files, options), expected);
    });
  }

  it("a docstring that mentions the variable names no module", () => {
    assert.deepEqual(
      settingsNamedInPython('"""Uses the DJANGO_SETTINGS_MODULE environment variable."""\n'),
      [],
    );
  });

  it("a module that is not in the workspace is reported, not guessed", () => {
    const result = analyzeFiles({
      ...SETTINGS,
      "manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elsewhere.settings")',
    });
    assert.equal(result.profiles.length, 0);
    assert.match(result.messages.join("\n"), /elsewhere\.settings .*is not in the workspace/);
  });

  it("a lone settings.py is the production profile", () => {
    const result = analyzeFiles({ "site/__init__.py": "", "site/settings.py": "DEBUG = True\n" });
    assert.deepEqual(
      result.profiles.map((profile) => `${profile.module}:${profile.kind}`),
      ["site.settings:production"],
    );
  });
});
