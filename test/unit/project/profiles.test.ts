import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { discoverProfiles, scanWorkspace } from "../../../server/src/project/profiles";
import { settingsNamedInPython } from "../../../server/src/project/pythonEntry";
import { analyzeFiles, memoryHost, ROOT } from "../../helpers/memoryProject";

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

/** Profiles as `module:kind`, and rejected candidates as `module:reason`, of files in memory. */
function discovered(files: Record<string, string>) {
  const host = memoryHost({ ...SETTINGS, ...files });
  const result = discoverProfiles(scanWorkspace([ROOT], host), host);
  return {
    profiles: result.profiles.map((profile) => `${profile.module}:${profile.kind}`).sort(),
    rejected: result.rejected.map((candidate) => `${candidate.module}:${candidate.reason}`).sort(),
    result,
  };
}

describe("profile discovery: what each deployment file says", () => {
  const cases: [string, Record<string, string>, string[], string[]][] = [
    [
      "docker-compose.override.yml is development",
      {
        "docker-compose.override.yml":
          "services:\n  web:\n    environment:\n      DJANGO_SETTINGS_MODULE: mysite.settings.staging\n",
      },
      ["mysite.settings.staging:development"],
      ["mysite.settings.staging:development"],
    ],
    [
      "a compose service named dev is development, the other one production",
      {
        "compose.yaml":
          "services:\n  web-dev:\n    environment: [DJANGO_SETTINGS_MODULE=mysite.settings.base]\n  web:\n    command: gunicorn mysite.wsgi --env DJANGO_SETTINGS_MODULE=mysite.settings.staging\n",
      },
      ["mysite.settings.base:development", "mysite.settings.staging:production"],
      ["mysite.settings.base:development"],
    ],
    [
      "compose interpolation falls back to the default when the .env beside it does not set the variable",
      {
        "compose.yaml":
          "services:\n  web:\n    environment:\n      DJANGO_SETTINGS_MODULE: ${SETTINGS:-mysite.settings.staging}\n",
      },
      ["mysite.settings.staging:production"],
      [],
    ],
    [
      "Dockerfile.dev is development; an image that runs runserver is development",
      {
        "Dockerfile.dev": "FROM python\nENV DJANGO_SETTINGS_MODULE=mysite.settings.base\n",
        "docker/Dockerfile":
          'FROM python\nENV DJANGO_SETTINGS_MODULE=mysite.settings.staging\nCMD ["python", "manage.py", "runserver"]\n',
      },
      ["mysite.settings.base:development", "mysite.settings.staging:development"],
      ["mysite.settings.base:development", "mysite.settings.staging:development"],
    ],
    [
      "a Dockerfile ENV from an ARG's default, and a CMD's --settings",
      {
        Dockerfile:
          'FROM python\nARG SETTINGS=mysite.settings.staging\nENV DJANGO_SETTINGS_MODULE=${SETTINGS}\nCMD ["sh", "-c", "python manage.py migrate --settings=mysite.settings.base && gunicorn mysite.wsgi"]\n',
      },
      ["mysite.settings.base:production", "mysite.settings.staging:production"],
      [],
    ],
    [
      "a commented-out ENV in a Dockerfile",
      { Dockerfile: "FROM python\n# ENV DJANGO_SETTINGS_MODULE=mysite.settings.staging\n" },
      [],
      ["mysite.settings.staging:commented-out"],
    ],
    [
      ".env.local is development, .env.test the tests', .env.production production's",
      {
        ".env.local": "DJANGO_SETTINGS_MODULE=mysite.settings.base\n",
        ".env.test": "DJANGO_SETTINGS_MODULE=mysite.settings.dev\n",
        ".env.production": "DJANGO_SETTINGS_MODULE=mysite.settings.staging\n",
      },
      [
        "mysite.settings.base:development",
        "mysite.settings.dev:development",
        "mysite.settings.staging:production",
      ],
      ["mysite.settings.base:development", "mysite.settings.dev:development"],
    ],
    [
      "a systemd unit's EnvironmentFile= is read beside the unit",
      {
        "deploy/site.service":
          "[Service]\nEnvironmentFile=/etc/site/site.conf\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi\n",
        "deploy/site.conf": "DJANGO_SETTINGS_MODULE=mysite.settings.staging\n",
      },
      ["mysite.settings.staging:production"],
      [],
    ],
    [
      "tox setenv and pytest's --ds name test profiles",
      {
        "tox.ini": "[testenv]\nsetenv =\n    DJANGO_SETTINGS_MODULE = mysite.settings.base\n",
        "pyproject.toml": '[tool.pytest.ini_options]\naddopts = "--ds=mysite.settings.staging -x"\n',
      },
      ["mysite.settings.base:test", "mysite.settings.staging:test"],
      ["mysite.settings.base:test", "mysite.settings.staging:test"],
    ],
    [
      "a deployment outranks manage.py's default when the production module does not import it",
      {
        "manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.staging")',
        Procfile: "web: DJANGO_SETTINGS_MODULE=mysite.settings.base gunicorn mysite.wsgi\n",
      },
      ["mysite.settings.base:production"],
      ["mysite.settings.staging:outranked"],
    ],
  ];
  for (const [name, files, profiles, rejected] of cases) {
    it(name, () => {
      const found = discovered(files);
      assert.deepEqual(found.profiles, profiles);
      assert.deepEqual(found.rejected, rejected);
    });
  }

  it("evidence and the one-line reason name the file and line; not-in-workspace is a rejection", () => {
    const { result } = discovered({
      Dockerfile:
        "FROM python\nENV DJANGO_SETTINGS_MODULE=mysite.settings.staging\nRUN DJANGO_SETTINGS_MODULE=gone.settings true\n",
    });
    const [profile] = result.profiles;
    assert.equal(
      profile!.reason,
      "ENV DJANGO_SETTINGS_MODULE in the runtime stage of Dockerfile (Dockerfile:2)",
    );
    assert.deepEqual(profile!.evidence, [
      {
        kind: "runtime",
        file: `${ROOT}/Dockerfile`,
        line: 1,
        says: "ENV DJANGO_SETTINGS_MODULE in the runtime stage of Dockerfile",
      },
    ]);
    assert.deepEqual(
      result.rejected.map((candidate) => [candidate.module, candidate.reason, candidate.file]),
      [["gone.settings", "not-in-workspace", undefined]],
    );
    assert.match(
      result.messages.join("\n"),
      /gone\.settings \(RUN in Dockerfile .*Dockerfile:3\) is not in the workspace/,
    );
  });

  it("a module is resolved against the source root nearest to the file that names it", () => {
    const host = memoryHost({
      "a/manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")',
      "a/site/__init__.py": "",
      "a/site/settings.py": "DEBUG = False\n",
      "b/manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")',
      "b/site/__init__.py": "",
      "b/site/settings.py": "DEBUG = False\n",
      "b/Procfile": "web: gunicorn site.wsgi --env DJANGO_SETTINGS_MODULE=site.settings\n",
    });
    const result = discoverProfiles(scanWorkspace([ROOT], host), host);
    const fromProcfile = result.profiles.find((profile) =>
      profile.evidence?.some((evidence) => evidence.file === `${ROOT}/b/Procfile`),
    );
    assert.equal(fromProcfile?.file, `${ROOT}/b/site/settings.py`);
  });

  it("the user's choice replaces discovery and is the evidence", () => {
    const host = memoryHost({
      ...SETTINGS,
      Procfile: "web: DJANGO_SETTINGS_MODULE=mysite.settings.base gunicorn x\n",
    });
    const result = discoverProfiles(
      scanWorkspace([ROOT], host),
      host,
      [{ settings: "mysite.settings.staging" }],
      "--settings",
    );
    assert.deepEqual(
      result.profiles.map((profile) => [profile.module, profile.reason, profile.evidence?.[0]?.kind]),
      [["mysite.settings.staging", "chosen in --settings", "chosen"]],
    );
    assert.deepEqual(result.rejected, []);
  });
});
