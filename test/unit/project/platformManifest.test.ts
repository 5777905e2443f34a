// Hosting platforms' app manifests as platformManifest.ts reads them: which apps, the environment
// each runs with (and the place of each variable), what only the build gets, and the start commands.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readPlatformManifest, type PlatformFacts } from "../../../server/src/project/platformManifest";

/** `NAME=value@line:start` for each variable, `NAME=?` when the file does not say the value. */
function summary(facts: PlatformFacts | undefined) {
  assert.ok(facts, "read as a manifest");
  return {
    platform: facts.platform,
    apps: facts.apps.map((app) => ({
      name: app.name,
      environment: app.environment.map(
        (item) => `${item.variable}=${item.value ?? "?"}@${item.line}:${item.start}`,
      ),
      build: app.buildEnvironment.map((item) => `${item.variable}=${item.value ?? "?"}`),
      starts: app.starts.map(
        (start) =>
          `${start.line}: ${start.commands.map((command) => command.words.map((word) => word ?? "<expansion>").join(" ")).join("; ")}`,
      ),
      releaseOnly: app.releaseOnly,
    })),
  };
}

describe("platform manifests", () => {
  it("Heroku's app.json: env values written out or as { value }, a generated secret is not known", () => {
    const text = `{
  "name": "shop",
  "env": {
    "DJANGO_SETTINGS_MODULE": "shop.settings.heroku",
    "DEBUG": { "value": "False" },
    "SECRET_KEY": { "generator": "secret" }
  }
}
`;
    assert.deepEqual(summary(readPlatformManifest("app.json", text)), {
      platform: "Heroku",
      apps: [
        {
          name: "app.json",
          environment: [
            "DJANGO_SETTINGS_MODULE=shop.settings.heroku@3:5",
            "DEBUG=False@4:5",
            "SECRET_KEY=?@5:5",
          ],
          build: [],
          starts: [],
          releaseOnly: false,
        },
      ],
    });
  });

  it("an app.json of another tool (Expo) is no manifest", () => {
    assert.equal(readPlatformManifest("app.json", '{ "expo": { "name": "x" } }'), undefined);
    assert.equal(readPlatformManifest("app.json", "{ not json"), undefined);
  });

  it("Render's render.yaml: one app per service, its startCommand and envVars", () => {
    const text = `services:
  - type: web
    name: shop
    startCommand: gunicorn shop.wsgi
    envVars:
      - key: DJANGO_SETTINGS_MODULE
        value: shop.settings.render
      - key: DATABASE_URL
        fromDatabase: { name: db, property: connectionString }
`;
    assert.deepEqual(summary(readPlatformManifest("render.yaml", text)), {
      platform: "Render",
      apps: [
        {
          name: "shop",
          environment: ["DJANGO_SETTINGS_MODULE=shop.settings.render@5:13", "DATABASE_URL=?@7:13"],
          build: [],
          starts: ["3: gunicorn shop.wsgi"],
          releaseOnly: false,
        },
      ],
    });
  });

  it("Fly.io's fly.toml: [env] and [processes]", () => {
    const text = `app = "shop"

[env]
  DJANGO_SETTINGS_MODULE = "shop.settings.fly"
  PORT = 8000

[processes]
  app = "gunicorn shop.wsgi --bind :8000"
`;
    assert.deepEqual(summary(readPlatformManifest("fly.toml", text)), {
      platform: "Fly.io",
      apps: [
        {
          name: "shop",
          environment: ["DJANGO_SETTINGS_MODULE=shop.settings.fly@3:2", "PORT=8000@4:2"],
          build: [],
          starts: ["7: gunicorn shop.wsgi --bind :8000"],
          releaseOnly: false,
        },
      ],
    });
  });

  it("Google App Engine's app.yaml: env_variables and entrypoint", () => {
    const text = `runtime: python312
entrypoint: gunicorn -b :$PORT shop.wsgi
env_variables:
  DJANGO_SETTINGS_MODULE: shop.settings.appengine
`;
    assert.deepEqual(summary(readPlatformManifest("app.yaml", text)), {
      platform: "App Engine",
      apps: [
        {
          name: "default",
          environment: ["DJANGO_SETTINGS_MODULE=shop.settings.appengine@3:2"],
          build: [],
          starts: ["1: gunicorn -b <expansion> shop.wsgi"],
          releaseOnly: false,
        },
      ],
    });
  });

  it("DigitalOcean's spec: the app's envs for every component, build-time scope apart, a PRE_DEPLOY job runs before release", () => {
    const text = `spec:
  name: shop
  envs:
    - key: DJANGO_SETTINGS_MODULE
      scope: RUN_AND_BUILD_TIME
      value: shop.settings.base
    - key: COLLECTSTATIC_ONLY
      scope: BUILD_TIME
      value: "1"
  services:
    - name: web
      run_command: gunicorn shop.wsgi
      envs:
        - key: ALLOWED_HOSTS
          value: \${APP_DOMAIN}
  jobs:
    - name: migrate
      kind: PRE_DEPLOY
      run_command: python manage.py migrate
`;
    assert.deepEqual(summary(readPlatformManifest("deploy.template.yaml", text)), {
      platform: "DigitalOcean",
      apps: [
        {
          name: "web",
          environment: ["DJANGO_SETTINGS_MODULE=shop.settings.base@3:11", "ALLOWED_HOSTS=?@13:15"],
          build: ["COLLECTSTATIC_ONLY=1"],
          starts: ["11: gunicorn shop.wsgi"],
          releaseOnly: false,
        },
        {
          name: "migrate",
          environment: ["DJANGO_SETTINGS_MODULE=shop.settings.base@3:11"],
          build: ["COLLECTSTATIC_ONLY=1"],
          starts: ["18: python manage.py migrate"],
          releaseOnly: true,
        },
      ],
    });
  });

  it("a YAML file of another kind named app.yaml is no manifest", () => {
    assert.equal(readPlatformManifest("app.yaml", "title: a blog\nposts: []\n"), undefined);
  });
});
