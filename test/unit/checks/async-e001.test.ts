import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readDeploymentFiles } from "../../../server/src/project/deploymentFiles";
import { productionEnvironment } from "../../../server/src/project/environmentFiles";
import { checkTable } from "../../helpers/checkTable";

const SETTINGS = "DEBUG = False\n";

checkTable("async.E001", {
  valid: [
    { name: "no deployment files", settings: SETTINGS },
    { name: "empty in .env", settings: SETTINGS, files: { ".env": "DJANGO_ALLOW_ASYNC_UNSAFE=\n" } },
    { name: "empty quotes in .env", settings: SETTINGS, files: { ".env": 'DJANGO_ALLOW_ASYNC_UNSAFE=""\n' } },
    { name: "commented out", settings: SETTINGS, files: { ".env": "# DJANGO_ALLOW_ASYNC_UNSAFE=1\n" } },
    {
      name: "an example file",
      settings: SETTINGS,
      files: { ".env.example": "DJANGO_ALLOW_ASYNC_UNSAFE=1\n" },
    },
    { name: "a local file", settings: SETTINGS, files: { ".env.local": "DJANGO_ALLOW_ASYNC_UNSAFE=1\n" } },
    {
      name: "from another variable",
      settings: SETTINGS,
      files: { ".env": "DJANGO_ALLOW_ASYNC_UNSAFE=${UNSAFE}\n" },
    },
    {
      name: "a development compose file",
      settings: SETTINGS,
      files: {
        "docker-compose.dev.yml": "services:\n  web:\n    environment:\n      DJANGO_ALLOW_ASYNC_UNSAFE: 1\n",
      },
    },
    {
      name: "compose pass-through from the shell",
      settings: SETTINGS,
      files: { "compose.yaml": "services:\n  web:\n    environment:\n      - DJANGO_ALLOW_ASYNC_UNSAFE\n" },
    },
    {
      name: "compose key outside environment:",
      settings: SETTINGS,
      files: { "compose.yaml": "x-notes:\n  DJANGO_ALLOW_ASYNC_UNSAFE: 1\n" },
    },
    {
      name: "Dockerfile ARG is not the environment of the process",
      settings: SETTINGS,
      files: { Dockerfile: "ARG DJANGO_ALLOW_ASYNC_UNSAFE=1\n" },
    },
    {
      name: "a service that runs runserver in a plain compose file is development's",
      settings: SETTINGS,
      files: {
        "docker-compose.yml":
          "services:\n  web:\n    command: python manage.py runserver 0.0.0.0:8000\n    environment:\n      DJANGO_ALLOW_ASYNC_UNSAFE: 1\n",
      },
    },
    {
      name: "a plain compose file beside one named for production",
      settings: SETTINGS,
      files: {
        "docker-compose.yml": "services:\n  web:\n    environment:\n      DJANGO_ALLOW_ASYNC_UNSAFE: 1\n",
        "docker-compose.prod.yml": "services:\n  web:\n    command: gunicorn mysite.wsgi\n",
      },
    },
    {
      name: "a plain Dockerfile whose image runs runserver is development's",
      settings: SETTINGS,
      files: {
        Dockerfile:
          'FROM python:3.12\nENV DJANGO_ALLOW_ASYNC_UNSAFE=1\nCMD ["python", "manage.py", "runserver"]\n',
      },
    },
    {
      name: "silenced",
      settings: "SILENCED_SYSTEM_CHECKS = ['async.E001']\n",
      files: { ".env": "DJANGO_ALLOW_ASYNC_UNSAFE=1\n" },
    },
  ],
  invalid: [
    {
      name: "in .env",
      settings: SETTINGS,
      files: { ".env": "DEBUG=0\nexport DJANGO_ALLOW_ASYNC_UNSAFE=true # for the shell\n" },
      findings: ["2:8"],
      findingFile: ".env",
      message: /set to 'true'/,
      fixes: [
        {
          title: /^Remove DJANGO_ALLOW_ASYNC_UNSAFE$/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: { ".env": "DEBUG=0\n" },
        },
      ],
    },
    {
      name: "'0' is a non-empty string too",
      settings: SETTINGS,
      files: { ".env.production": "DJANGO_ALLOW_ASYNC_UNSAFE='0'\n" },
      findings: ["1:1"],
      findingFile: ".env.production",
      fixes: [
        {
          title: /^Remove DJANGO_ALLOW_ASYNC_UNSAFE$/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: { ".env.production": "" },
        },
      ],
    },
    {
      name: "Dockerfile ENV, key=value form across a continuation line",
      settings: SETTINGS,
      files: { Dockerfile: "FROM python:3.12\nENV PYTHONUNBUFFERED=1 \\\n    DJANGO_ALLOW_ASYNC_UNSAFE=1\n" },
      findings: ["3:5"],
      findingFile: "Dockerfile",
      fixes: [
        {
          title: /^Remove DJANGO_ALLOW_ASYNC_UNSAFE$/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: { Dockerfile: "FROM python:3.12\nENV PYTHONUNBUFFERED=1\n" },
        },
      ],
    },
    {
      name: "Dockerfile ENV, legacy form",
      settings: SETTINGS,
      files: { "docker/Dockerfile": "env DJANGO_ALLOW_ASYNC_UNSAFE yes\n" },
      findings: ["1:5"],
      findingFile: "docker/Dockerfile",
      fixes: [
        {
          title: /^Remove DJANGO_ALLOW_ASYNC_UNSAFE$/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: { "docker/Dockerfile": "" },
        },
      ],
    },
    {
      name: "compose mapping",
      settings: SETTINGS,
      files: {
        "docker-compose.yml":
          'services:\n  web:\n    image: x\n    environment:\n      DEBUG: "0"\n      DJANGO_ALLOW_ASYNC_UNSAFE: "1"\n    ports: []\n',
      },
      findings: ["6:7"],
      findingFile: "docker-compose.yml",
      fixes: [
        {
          title: /^Remove DJANGO_ALLOW_ASYNC_UNSAFE$/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: {
            "docker-compose.yml":
              'services:\n  web:\n    image: x\n    environment:\n      DEBUG: "0"\n    ports: []\n',
          },
        },
      ],
    },
    {
      name: "compose list",
      settings: SETTINGS,
      files: {
        "compose.prod.yaml": 'services:\n  web:\n    environment:\n      - "DJANGO_ALLOW_ASYNC_UNSAFE=1"\n',
      },
      findings: ["4:10"],
      findingFile: "compose.prod.yaml",
      fixes: [
        {
          title: /^Remove DJANGO_ALLOW_ASYNC_UNSAFE$/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: { "compose.prod.yaml": "services:\n  web:\n" },
        },
      ],
    },
    {
      name: "systemd unit, quoted assignment",
      settings: SETTINGS,
      files: {
        "deploy/mysite.service":
          '[Service]\nEnvironment="DJANGO_SETTINGS_MODULE=mysite.settings" "DJANGO_ALLOW_ASYNC_UNSAFE=1"\n',
      },
      findings: ["2:55"],
      findingFile: "deploy/mysite.service",
      fixes: [
        {
          title: /^Remove DJANGO_ALLOW_ASYNC_UNSAFE$/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: {
            "deploy/mysite.service": '[Service]\nEnvironment="DJANGO_SETTINGS_MODULE=mysite.settings"\n',
          },
        },
      ],
    },
    {
      name: "Dockerfile ENV among other variables: only the entry goes",
      settings: SETTINGS,
      files: { Dockerfile: "FROM python:3.12\nENV A=1 DJANGO_ALLOW_ASYNC_UNSAFE=1 B=2\n" },
      findings: ["2:9"],
      findingFile: "Dockerfile",
      fixes: [
        {
          title: /^Remove DJANGO_ALLOW_ASYNC_UNSAFE$/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: { Dockerfile: "FROM python:3.12\nENV A=1 B=2\n" },
        },
      ],
    },
    {
      name: "Dockerfile ENV continued on the next line: the entry goes, the rest stays",
      settings: SETTINGS,
      files: { Dockerfile: "FROM python:3.12\nENV DJANGO_ALLOW_ASYNC_UNSAFE=1 \\\n    B=2\n" },
      findings: ["2:5"],
      findingFile: "Dockerfile",
      fixes: [
        {
          title: /^Remove DJANGO_ALLOW_ASYNC_UNSAFE$/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: { Dockerfile: "FROM python:3.12\nENV \\\n    B=2\n" },
        },
      ],
    },
    {
      name: "systemd Environment= setting it alone",
      settings: SETTINGS,
      files: {
        "mysite.service":
          "[Service]\nEnvironment=DJANGO_ALLOW_ASYNC_UNSAFE=1\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi\n",
      },
      findings: ["2:13"],
      findingFile: "mysite.service",
      fixes: [
        {
          title: /^Remove DJANGO_ALLOW_ASYNC_UNSAFE$/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: { "mysite.service": "[Service]\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi\n" },
        },
      ],
    },
    {
      name: "a compose flow mapping: reported, no fix (the entry is not a line of its own)",
      settings: SETTINGS,
      files: {
        "docker-compose.yml":
          "services:\n  web:\n    command: gunicorn mysite.wsgi\n    environment: { DEBUG: 0, DJANGO_ALLOW_ASYNC_UNSAFE: 1 }\n",
      },
      findings: ["4:30"],
      findingFile: "docker-compose.yml",
    },
    {
      name: "a service of a compose file named for production runs runserver: still production's",
      settings: SETTINGS,
      files: {
        "docker-compose.prod.yml":
          "services:\n  web:\n    command: python manage.py runserver 0.0.0.0:8000\n    environment:\n      - DJANGO_ALLOW_ASYNC_UNSAFE=1\n      - DEBUG=0\n",
      },
      findings: ["5:9"],
      findingFile: "docker-compose.prod.yml",
      fixes: [
        {
          title: /^Remove DJANGO_ALLOW_ASYNC_UNSAFE$/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: {
            "docker-compose.prod.yml":
              "services:\n  web:\n    command: python manage.py runserver 0.0.0.0:8000\n    environment:\n      - DEBUG=0\n",
          },
        },
      ],
    },
  ],
});

/** What productionEnvironment reads from each file, given by name → text, as `variable=value`. */
function environmentOf(files: Record<string, string>): Record<string, string[]> {
  const read = readDeploymentFiles(
    Object.keys(files).map((name) => `/w/${name}`),
    (file) => files[file.slice(3)],
  );
  return Object.fromEntries(
    read.map((file) => [
      file.file.slice(3),
      productionEnvironment(file).map((entry) => `${entry.variable}=${entry.value ?? "?"}`),
    ]),
  );
}

describe("the production environment of deployment files", () => {
  it("files named for development, tests or as examples give nothing; a plain .env does", () => {
    const text = "A=1\n";
    assert.deepEqual(
      environmentOf({
        ".env": text,
        ".env.prod": text,
        ".env.test": text,
        ".env.example": text,
        "Dockerfile.dev": "FROM python\nENV A=1\n",
        "web.Dockerfile": "FROM python\nENV A=1\n",
        "docker-compose.override.yml": "services:\n  web:\n    environment:\n      A: 1\n",
        "gunicorn.service": "[Service]\nEnvironment=A=1\n",
      }),
      {
        ".env": ["A=1"],
        ".env.prod": ["A=1"],
        ".env.test": [],
        ".env.example": [],
        "Dockerfile.dev": [],
        "web.Dockerfile": ["A=1"],
        "docker-compose.override.yml": [],
        "gunicorn.service": ["A=1"],
      },
    );
  });

  it("a compose service or image the rule calls development's gives nothing", () => {
    assert.deepEqual(
      environmentOf({
        "docker-compose.yml":
          "services:\n  web:\n    command: gunicorn m.wsgi\n    environment:\n      A: 1\n  dev:\n    command: python manage.py runserver\n    environment:\n      B: 1\n  other:\n    command: python manage.py runserver\n    environment:\n      C: 1\n",
        Dockerfile: 'FROM python\nENV D=1\nCMD ["python", "manage.py", "runserver"]\n',
        "Dockerfile.prod": 'FROM python\nENV E=1\nCMD ["python", "manage.py", "runserver"]\n',
      }),
      { "docker-compose.yml": ["A=1"], Dockerfile: [], "Dockerfile.prod": ["E=1"] },
    );
  });

  it("Dockerfile values with quotes and escapes", () => {
    assert.deepEqual(environmentOf({ Dockerfile: 'ENV A="two words" B=x\\ y C=$HOME\n' }), {
      Dockerfile: ["A=two words", "B=x y", "C=?"],
    });
  });

  it("systemd several assignments on one line", () => {
    assert.deepEqual(environmentOf({ "u.service": "Environment=A=1 B=\nEnvironment = 'C=%i'\n" }), {
      "u.service": ["A=1", "B=", "C=?"],
    });
  });
});
