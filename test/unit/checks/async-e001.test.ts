import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { environmentAssignments, environmentFileKind } from "../../../server/src/project/environmentFiles";
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
    },
    {
      name: "'0' is a non-empty string too",
      settings: SETTINGS,
      files: { ".env.production": "DJANGO_ALLOW_ASYNC_UNSAFE='0'\n" },
      findings: ["1:1"],
      findingFile: ".env.production",
    },
    {
      name: "Dockerfile ENV, key=value form across a continuation line",
      settings: SETTINGS,
      files: { Dockerfile: "FROM python:3.12\nENV PYTHONUNBUFFERED=1 \\\n    DJANGO_ALLOW_ASYNC_UNSAFE=1\n" },
      findings: ["3:5"],
      findingFile: "Dockerfile",
    },
    {
      name: "Dockerfile ENV, legacy form",
      settings: SETTINGS,
      files: { "docker/Dockerfile": "env DJANGO_ALLOW_ASYNC_UNSAFE yes\n" },
      findings: ["1:5"],
      findingFile: "docker/Dockerfile",
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
    },
    {
      name: "compose list",
      settings: SETTINGS,
      files: {
        "compose.prod.yaml": 'services:\n  web:\n    environment:\n      - "DJANGO_ALLOW_ASYNC_UNSAFE=1"\n',
      },
      findings: ["4:10"],
      findingFile: "compose.prod.yaml",
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
    },
  ],
});

describe("deployment files", () => {
  it("names", () => {
    const kinds = Object.fromEntries(
      [
        ".env",
        ".env.prod",
        ".env.test",
        "Dockerfile",
        "Dockerfile.dev",
        "web.Dockerfile",
        "compose.yml",
        "docker-compose.override.yml",
        "gunicorn.service",
        "settings.py",
      ].map((name) => [name, environmentFileKind(name) ?? null]),
    );
    assert.deepEqual(kinds, {
      ".env": "dotenv",
      ".env.prod": "dotenv",
      ".env.test": null,
      Dockerfile: "dockerfile",
      "Dockerfile.dev": null,
      "web.Dockerfile": "dockerfile",
      "compose.yml": "compose",
      "docker-compose.override.yml": null,
      "gunicorn.service": "systemd",
      "settings.py": null,
    });
  });

  it("Dockerfile values with quotes and escapes", () => {
    const found = environmentAssignments("D", 'ENV A="two words" B=x\\ y C=$HOME\n', "dockerfile");
    assert.deepEqual(
      found.map((entry) => [entry.variable, entry.value]),
      [
        ["A", "two words"],
        ["B", "x y"],
        ["C", undefined],
      ],
    );
  });

  it("systemd several assignments on one line", () => {
    const found = environmentAssignments("u", "Environment=A=1 B=\nEnvironment = 'C=%i'\n", "systemd");
    assert.deepEqual(
      found.map((entry) => [entry.variable, entry.value]),
      [
        ["A", "1"],
        ["B", ""],
        ["C", undefined],
      ],
    );
  });
});
