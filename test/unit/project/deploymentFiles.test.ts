// The one rule that decides which deployment files, and which compose services, Procfile processes,
// final images and systemd units in them, production runs (project/deploymentFiles.ts): each step
// of its doc comment, on files held in memory.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deploymentFileKind, readDeploymentFiles } from "../../../server/src/project/deploymentFiles";
import type { DeploymentRole } from "../../../server/src/project/deploymentFileTypes";

/** `production` (with `marked` when something says so) or the reason it is not, for each file and unit. */
function roles(files: Record<string, string>): Record<string, string> {
  const shown = (role: DeploymentRole) =>
    role.production ? (role.markedBy ? "production (marked)" : "production") : role.reason;
  const found: Record<string, string> = {};
  for (const file of readDeploymentFiles(
    Object.keys(files).map((name) => `/w/${name}`),
    (path) => files[path.slice(3)],
  )) {
    const name = file.file.slice(3);
    found[name] = shown(file.role);
    for (const unit of file.units) {
      const label = unit.kind === "image" || unit.kind === "unit" ? unit.kind : `${unit.kind} ${unit.name}`;
      found[`${name} ${label}`] = shown(unit.role);
    }
  }
  return found;
}

const RUNSERVER = "python manage.py runserver 0.0.0.0:8000";
const RUNSERVER_IMAGE = `FROM python:3.12\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n`;

describe("which deployment files and units production runs", () => {
  it("kinds of file by name", () => {
    const names = [".env", "prod.env", "Dockerfile", "web.Dockerfile", "compose.yaml", "production.yml"];
    assert.deepEqual(
      names.map((name) => deploymentFileKind(name)),
      ["dotenv", "dotenv", "dockerfile", "dockerfile", "compose", "compose"],
    );
    assert.equal(deploymentFileKind("settings.yml"), undefined);
  });

  it("1. a file's name: example before test before development; a production name marks it", () => {
    assert.deepEqual(
      roles({
        ".env": "",
        ".env.example": "",
        ".env.test.example": "",
        ".env.ci": "",
        ".env.actions": "",
        ".env.local": "",
        ".env.production": "",
        "docs.yml": "services: {}\n",
        "staging.yml": "services: {}\n",
        "gunicorn-dev.service": "",
        "Procfile.windows": "web: python manage.py runserver\n",
      }),
      {
        ".env": "production",
        ".env.example": "example",
        ".env.test.example": "example",
        ".env.ci": "test",
        ".env.actions": "test",
        ".env.local": "development",
        ".env.production": "production (marked)",
        "docs.yml": "development",
        "staging.yml": "production (marked)",
        "gunicorn-dev.service": "development",
        "gunicorn-dev.service unit": "development",
        "Procfile.windows": "development",
        "Procfile.windows process web": "development",
      },
    );
  });

  it("2. a plain Dockerfile, compose file or Procfile beside one named for production; not a plain .env", () => {
    const found = roles({
      Dockerfile: "FROM python\n",
      "Dockerfile.prod": "FROM python\n",
      "docker-compose.yml": "services: {}\n",
      "production.yml": "services: {}\n",
      ".env": "",
      ".env.production": "",
      "other/Dockerfile": "FROM python\n",
    });
    assert.equal(found.Dockerfile, "beside-production");
    assert.equal(found["docker-compose.yml"], "beside-production");
    assert.equal(found[".env"], "production");
    // Only a neighbour in the same folder counts.
    assert.equal(found["other/Dockerfile"], "production");
  });

  it("3. Procfile processes are marked production but release; a systemd unit is marked", () => {
    assert.deepEqual(
      roles({
        Procfile: `release: python manage.py migrate\nweb: ${RUNSERVER}\nworker: celery -A mysite worker\n`,
        "Procfile.dev": `web: ${RUNSERVER}\n`,
        "mysite.service": `[Service]\nExecStart=/srv/venv/bin/${RUNSERVER}\n`,
      }),
      {
        Procfile: "production",
        "Procfile process release": "build-time",
        "Procfile process web": "production (marked)",
        "Procfile process worker": "production (marked)",
        "Procfile.dev": "development",
        "Procfile.dev process web": "development",
        "mysite.service": "production",
        "mysite.service unit": "production (marked)",
      },
    );
  });

  it("3. compose services named, put in a profile or configured for development, or for the tests", () => {
    const found = roles({
      "compose.yaml": [
        "services:",
        "  web:",
        "    command: gunicorn mysite.wsgi",
        "  web-dev:",
        "    command: gunicorn mysite.wsgi --reload",
        "  tools:",
        "    profiles: [debug]",
        "  debugging:",
        "    environment:",
        "      DJANGO_DEBUG: 'true'",
        "  checks:",
        "    command: pytest -q",
        "  ci:",
        "    image: mysite",
        "",
      ].join("\n"),
    });
    assert.deepEqual(found, {
      "compose.yaml": "production",
      "compose.yaml service web": "production",
      "compose.yaml service web-dev": "development",
      "compose.yaml service tools": "development",
      "compose.yaml service debugging": "development",
      "compose.yaml service checks": "test",
      "compose.yaml service ci": "test",
    });
  });

  it("4. runserver makes what nothing marks production development's; what is marked stays production's", () => {
    const service = `services:\n  web:\n    command: ${RUNSERVER}\n`;
    const found = roles({
      "docker-compose.yml": service,
      "a/docker-compose.prod.yml": service,
      "b/compose.yaml": `services:\n  web-production:\n    command: ${RUNSERVER}\n`,
      "c/Dockerfile": RUNSERVER_IMAGE,
      "d/Dockerfile.production": RUNSERVER_IMAGE,
    });
    assert.equal(found["docker-compose.yml service web"], "development-server");
    assert.equal(found["a/docker-compose.prod.yml service web"], "production (marked)");
    assert.equal(found["b/compose.yaml service web-production"], "production (marked)");
    assert.equal(found["c/Dockerfile image"], "development-server");
    assert.equal(found["d/Dockerfile.production image"], "production (marked)");
  });

  it("4. a service without a command runs its image's CMD; a marked one marks the image it builds", () => {
    const found = roles({
      "dev/compose.yaml": "services:\n  web:\n    build: .\n",
      "dev/Dockerfile": RUNSERVER_IMAGE,
      "prod/docker-compose.prod.yml":
        "services:\n  web:\n    build:\n      context: .\n      dockerfile: web.Dockerfile\n",
      "prod/web.Dockerfile": RUNSERVER_IMAGE,
      "own/docker-compose.prod.yml": "services:\n  web:\n    build: .\n    command: gunicorn mysite.wsgi\n",
      "own/Dockerfile": RUNSERVER_IMAGE,
    });
    assert.equal(found["dev/compose.yaml service web"], "development-server");
    assert.equal(found["dev/Dockerfile image"], "development-server");
    assert.equal(found["prod/docker-compose.prod.yml service web"], "production (marked)");
    assert.equal(found["prod/web.Dockerfile image"], "production (marked)");
    // The service replaces the image's CMD, so the image's runserver is not what production runs.
    assert.equal(found["own/Dockerfile image"], "development-server");
  });

  it("says why, in words the discovery and the checks show", () => {
    const [file] = readDeploymentFiles(
      ["/w/docker-compose.yml"],
      () => `services:\n  web:\n    command: ${RUNSERVER}\n`,
    );
    const role = file!.units[0]!.role;
    assert.ok(!role.production);
    assert.equal(role.says, "service web runs manage.py runserver");
  });

  it("leaves out files it cannot read and YAML that is no compose file", () => {
    const files = readDeploymentFiles(["/w/local.yml", "/w/.env"], (path) =>
      path.endsWith("local.yml") ? "key: value\n" : undefined,
    );
    assert.deepEqual(files, []);
  });
});
