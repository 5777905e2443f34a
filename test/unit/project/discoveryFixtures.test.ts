// One fixture project per case of issue 12 (test/fixtures/discovery/<case>/), read from disk as the
// CLI and the editor read it: which modules are production profiles, the evidence for each (file and
// 1-based line), which candidates are rejected and why, and which profiles the findings come from
// (the CLI exits 1 exactly when there is a finding).
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { DjangoProject } from "../../../server/src/engine/project";
import { nodeFileSystem } from "../../../server/src/project/nodeFileSystem";
import { discoverProfiles, scanWorkspace } from "../../../server/src/project/profiles";

const fixtures = join(__dirname, "..", "..", "fixtures", "discovery");

interface Summary {
  /** `module:kind file` for each profile. */
  profiles: string[];
  /** `module: kind file:line` for each piece of evidence of each profile. */
  evidence: string[];
  /** `module: reason file:line` of each rejected candidate's first piece of evidence. */
  rejected: string[];
  summaries: Record<string, string>;
  messages: string[];
  sourceRoots: string[];
  /** The profiles the findings are reported for, and the files of the W018 (DEBUG) findings. */
  findingProfiles: string[];
  debugFindings: string[];
  /** `file:line:column` of each deploy.W055 (runserver in production) finding. */
  runserverFindings: string[];
}

function discover(name: string): Summary {
  const root = join(fixtures, name);
  const at = (file: string, line: number) => `${relative(root, file)}:${line + 1}`;
  const layout = scanWorkspace([root], nodeFileSystem);
  const discovered = discoverProfiles(layout, nodeFileSystem);
  const result = new DjangoProject([root], nodeFileSystem, { djangoVersion: "5.2" }).analyze();
  return {
    profiles: discovered.profiles.map(
      (profile) => `${profile.module}:${profile.kind} ${relative(root, profile.file)}`,
    ),
    evidence: discovered.profiles.flatMap((profile) =>
      (profile.evidence ?? []).map((item) => `${profile.module}: ${item.kind} ${at(item.file, item.line)}`),
    ),
    rejected: discovered.rejected.map(
      (candidate) =>
        `${candidate.module}: ${candidate.reason} ${at(candidate.evidence[0]!.file, candidate.evidence[0]!.line)}`,
    ),
    summaries: Object.fromEntries(
      discovered.rejected.map((candidate) => [candidate.module, candidate.summary]),
    ),
    messages: discovered.messages,
    sourceRoots: layout.sourceRoots.map((folder) => relative(root, folder) || "."),
    findingProfiles: [...new Set(result.findings.flatMap((finding) => finding.profiles))].sort(),
    debugFindings: result.findings
      .filter((finding) => finding.code === "security.W018")
      .map((finding) => at(finding.location.file, finding.location.range.start.line)),
    runserverFindings: result.findings
      .filter((finding) => finding.code === "deploy.W055")
      .map(
        (finding) =>
          `${at(finding.location.file, finding.location.range.start.line)}:${finding.location.range.start.character + 1}`,
      ),
  };
}

describe("profile discovery on fixture projects (issue 12)", () => {
  it("1. a comment in wsgi.py names no profile", () => {
    const found = discover("commented-wsgi");
    assert.deepEqual(found.profiles, ["mysite.settings.production:production mysite/settings/production.py"]);
    assert.deepEqual(found.evidence, [
      "mysite.settings.production: name mysite/settings/production.py:1",
      "mysite.settings.production: default manage.py:7",
      "mysite.settings.production: default mysite/wsgi.py:10",
    ]);
    assert.deepEqual(found.rejected, ["mysite.settings: commented-out mysite/wsgi.py:9"]);
    assert.match(found.summaries["mysite.settings"]!, /only named in a comment/);
    // The insecure settings package __init__ is never checked: every finding is production's.
    assert.deepEqual(found.findingProfiles, ["mysite.settings.production"]);
    assert.deepEqual(found.debugFindings, []);
  });

  it("2. a Dockerfile's RUN and its earlier stage are build-time; the final image's ENV is the runtime", () => {
    const found = discover("dockerfile-build-time");
    assert.deepEqual(found.profiles, [
      "mysite.settings.serve:production mysite/settings/serve.py",
      "mysite.settings.local:development mysite/settings/local.py",
    ]);
    assert.deepEqual(found.evidence, [
      "mysite.settings.serve: runtime Dockerfile:6",
      "mysite.settings.local: default manage.py:7",
    ]);
    assert.deepEqual(found.rejected, [
      "mysite.settings.local: development manage.py:7",
      "mysite.settings.collect: build-time Dockerfile:2",
    ]);
    assert.match(found.summaries["mysite.settings.collect"]!, /only used while building/);
    assert.deepEqual(found.findingProfiles, ["mysite.settings.serve"]);
    assert.deepEqual(found.debugFindings, []);
  });

  it("3. compose services that run runserver or live in local.yml are development", () => {
    const found = discover("compose-development");
    assert.deepEqual(found.profiles, [
      "config.settings.production:production config/settings/production.py",
      "config.settings.docker:development config/settings/docker.py",
      "config.settings.workstation:development config/settings/workstation.py",
    ]);
    assert.deepEqual(found.rejected, [
      "config.settings.docker: development manage.py:7",
      "config.settings.workstation: development local.yml:5",
    ]);
    assert.match(
      found.summaries["config.settings.docker"]!,
      /runs manage\.py runserver.*docker-compose\.yml:6/,
    );
    assert.match(found.summaries["config.settings.workstation"]!, /local\.yml is named for development/);
    assert.deepEqual(found.findingProfiles, ["config.settings.production"]);
    // The checks follow the same rule: the service is development's, so its runserver is no W055.
    assert.deepEqual(found.runserverFindings, []);
  });

  it("4. a production module that star-imports (through another) the module manage.py names is the profile", () => {
    const found = discover("star-import-production");
    assert.deepEqual(found.profiles, ["config.django.production:production config/django/production.py"]);
    assert.deepEqual(found.evidence, ["config.django.production: name config/django/production.py:1"]);
    assert.deepEqual(found.rejected, ["config.django.base: superseded config/wsgi.py:5"]);
    assert.match(
      found.summaries["config.django.base"]!,
      /shared module: the production module config\.django\.production/,
    );
    // base.py's DEBUG = True is overridden in production.py, so no W018 is reported anywhere.
    assert.deepEqual(found.findingProfiles, ["config.django.production"]);
    assert.deepEqual(found.debugFindings, []);
  });

  it("5. a package below the workspace root (backend/src) is found through its pyproject.toml", () => {
    const found = discover("source-root-below");
    assert.deepEqual(found.sourceRoots, [".", "backend", "src", "backend/src"]);
    assert.deepEqual(found.profiles, ["proj.settings.base:production backend/src/proj/settings/base.py"]);
    assert.deepEqual(found.evidence, ["proj.settings.base: runtime Dockerfile:5"]);
    assert.deepEqual(found.messages, []);
    // Checked, the module's DEBUG = True is reported: the CLI exits 1, not 0.
    assert.deepEqual(found.debugFindings, ["backend/src/proj/settings/base.py:1"]);
  });

  it("Procfile: the web process is production, the release process is build-time", () => {
    const found = discover("procfile-web-release");
    assert.deepEqual(found.profiles, ["mysite.settings.heroku:production mysite/settings/heroku.py"]);
    assert.deepEqual(found.evidence, ["mysite.settings.heroku: runtime Procfile:2"]);
    assert.deepEqual(found.rejected, [
      "mysite.settings.release: build-time Procfile:1",
      "mysite.settings.base: superseded manage.py:7",
    ]);
    assert.match(found.summaries["mysite.settings.release"]!, /release process in Procfile/);
  });

  it("systemd: Environment= is production, ExecStartPre= is a one-off, a commented line counts for nothing", () => {
    const found = discover("systemd-unit");
    assert.deepEqual(found.profiles, ["mysite.settings.server:production mysite/settings/server.py"]);
    assert.deepEqual(found.evidence, ["mysite.settings.server: runtime deploy/mysite.service:9"]);
    assert.deepEqual(found.rejected, [
      "mysite.settings.migrations_only: build-time deploy/mysite.service:10",
      "mysite.settings.base: superseded manage.py:7",
    ]);
  });

  it("a hosting platform's manifest: DigitalOcean's .do/app.yaml names the module its app runs", () => {
    const found = discover("do-app-spec");
    assert.deepEqual(found.profiles, [
      "mysite.settings.base:production mysite/settings/base.py",
      "mysite.settings.development:development mysite/settings/development.py",
    ]);
    // The module is set for the whole app (run and build time); the PRE_DEPLOY job adds nothing.
    assert.deepEqual(found.evidence, [
      "mysite.settings.base: runtime .do/app.yaml:3",
      "mysite.settings.development: default manage.py:7",
    ]);
    assert.deepEqual(found.rejected, ["mysite.settings.development: development manage.py:7"]);
    assert.deepEqual(found.findingProfiles, ["mysite.settings.base"]);
    // DEBUG is on while the spec leaves it unset; ALLOWED_HOSTS from ${APP_DOMAIN} is not a literal.
    assert.deepEqual(found.debugFindings, ["mysite/settings/base.py:5"]);
  });

  it("a hosting platform's manifest: render.yaml's start command and environment; an app.json of another tool is not Heroku's", () => {
    const found = discover("render-runserver");
    assert.deepEqual(found.profiles, [
      "mysite.settings.render:production mysite/settings/render.py",
      "mysite.settings.development:development mysite/settings/development.py",
    ]);
    assert.deepEqual(found.evidence, [
      "mysite.settings.render: runtime render.yaml:8",
      "mysite.settings.development: default manage.py:7",
    ]);
    assert.deepEqual(found.findingProfiles, ["mysite.settings.render"]);
    // Render starts the service with runserver: deploy.W055 is on that line.
    assert.deepEqual(found.runserverFindings, ["render.yaml:6:36"]);
  });

  it("a settings module named like the production deployment file that names none (Dockerfile.cabotage)", () => {
    const found = discover("dockerfile-named-settings");
    assert.deepEqual(found.profiles, [
      "mysite.settings.cabotage:production mysite/settings/cabotage.py",
      "mysite.settings.local:development mysite/settings/local.py",
    ]);
    assert.deepEqual(found.evidence, [
      "mysite.settings.cabotage: name Dockerfile.cabotage:1",
      "mysite.settings.local: default manage.py:7",
      "mysite.settings.local: development docker-compose.yml:6",
    ]);
    // The module the image is built with (RUN … collectstatic) is build-time, not production's.
    assert.ok(
      found.rejected.includes("mysite.settings.static: build-time Dockerfile.cabotage:4"),
      found.rejected.join("; "),
    );
    assert.deepEqual(found.findingProfiles, ["mysite.settings.cabotage"]);
  });

  it("compose: the module comes from a service's env_file", () => {
    const found = discover("compose-env-file");
    assert.deepEqual(found.profiles, [
      "config.settings.cloud:production config/settings/cloud.py",
      "config.settings.local:development config/settings/local.py",
    ]);
    assert.deepEqual(found.evidence, [
      "config.settings.cloud: runtime compose.yaml:6",
      "config.settings.local: default manage.py:7",
    ]);
    assert.deepEqual(found.findingProfiles, ["config.settings.cloud"]);
  });

  it(".env.example is an example, not a deployment", () => {
    const found = discover("env-example-ignored");
    assert.deepEqual(found.profiles, ["mysite.settings:production mysite/settings.py"]);
    assert.deepEqual(found.rejected, ["mysite.example_settings: example .env.example:2"]);
    assert.deepEqual(found.findingProfiles, ["mysite.settings"]);
    assert.deepEqual(found.debugFindings, []);
  });

  it("pytest.ini names a test profile, kept out of production", () => {
    const found = discover("pytest-test-profile");
    assert.deepEqual(found.profiles, [
      "mysite.settings.production:production mysite/settings/production.py",
      "mysite.settings.quality:test mysite/settings/quality.py",
    ]);
    assert.deepEqual(found.rejected, [
      "mysite.settings.quality: test pytest.ini:2",
      "mysite.settings.base: superseded manage.py:7",
    ]);
    assert.deepEqual(found.findingProfiles, ["mysite.settings.production"]);
  });
});

// deploymentFiles.ts's one rule decides for the discovery and for the checks which files and
// services production runs; these fixtures show both reading each runserver case the same way.
describe("discovery and deploy.W055 agree on runserver (one rule for production's deployment files)", () => {
  it("a compose file named for production runs runserver: its settings are production's, and W055 is there", () => {
    const found = discover("runserver-compose-prod");
    assert.deepEqual(found.profiles, ["config.settings.server:production config/settings/server.py"]);
    assert.deepEqual(found.evidence, ["config.settings.server: runtime docker-compose.prod.yml:6"]);
    assert.deepEqual(found.rejected, ["config.settings.base: superseded manage.py:7"]);
    assert.deepEqual(found.runserverFindings, ["docker-compose.prod.yml:4:31"]);
  });

  it("a Procfile's web process runs runserver: Heroku runs it in production, and W055 is there", () => {
    const found = discover("runserver-procfile");
    assert.deepEqual(found.profiles, ["mysite.settings.heroku:production mysite/settings/heroku.py"]);
    assert.deepEqual(found.evidence, ["mysite.settings.heroku: runtime Procfile:1"]);
    assert.deepEqual(found.runserverFindings, ["Procfile:1:23"]);
  });

  it("a plain Dockerfile whose CMD runs runserver is development's: no profile from it, no W055", () => {
    const found = discover("runserver-dockerfile");
    assert.deepEqual(found.profiles, [
      "mysite.settings.production:production mysite/settings/production.py",
      "mysite.settings.container:development mysite/settings/container.py",
    ]);
    assert.deepEqual(found.rejected, [
      "mysite.settings.container: development Dockerfile:4",
      "mysite.settings.base: superseded manage.py:7",
    ]);
    assert.match(found.summaries["mysite.settings.container"]!, /the image runs manage\.py runserver/);
    assert.deepEqual(found.findingProfiles, ["mysite.settings.production"]);
    assert.deepEqual(found.runserverFindings, []);
  });

  it("a Dockerfile named for production whose CMD runs runserver: production's, and W055 is there", () => {
    const found = discover("runserver-dockerfile-production");
    assert.deepEqual(found.profiles, ["mysite.settings.container:production mysite/settings/container.py"]);
    assert.deepEqual(found.evidence, ["mysite.settings.container: runtime Dockerfile.production:4"]);
    assert.deepEqual(found.runserverFindings, ["Dockerfile.production:5:30"]);
  });

  it("gunicorn in one service, runserver in one named dev: the first is production's, the second development's", () => {
    const found = discover("compose-dev-service");
    assert.deepEqual(found.profiles, [
      "config.settings.server:production config/settings/server.py",
      "config.settings.workstation:development config/settings/workstation.py",
    ]);
    assert.deepEqual(found.evidence, [
      "config.settings.server: runtime docker-compose.yml:6",
      "config.settings.workstation: development docker-compose.yml:11",
    ]);
    assert.match(found.summaries["config.settings.workstation"]!, /service dev is named for development/);
    assert.deepEqual(found.findingProfiles, ["config.settings.server"]);
    assert.deepEqual(found.runserverFindings, []);
  });
});
