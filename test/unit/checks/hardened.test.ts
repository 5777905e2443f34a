// A hardened production settings module in the style cookiecutter-django made common (base.py shared
// with development, production.py reading everything secret or host-specific from the environment
// with django-environ, HSTS, secure cookies, a shared cache, WhiteNoise, Gunicorn in a container
// behind a TLS proxy): the whole engine must find nothing at warning or error level in it. Findings
// at information level are listed here, so that a new one is a decision, not an accident.
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { DjangoProject } from "../../../server/src/engine/project";
import type { FileSystemHost } from "../../../server/src/project/workspace";
import { nodeFileSystem } from "../../../server/src/project/nodeFileSystem";

const root = join(__dirname, "..", "..", "fixtures", "hardened");

/** Information-level findings the hardened project may have, by ID and place. */
const EXPECTED_INFORMATION: string[] = [];

describe("a hardened production settings module", () => {
  const result = new DjangoProject([root], nodeFileSystem, {}).analyze();
  const describeFinding = (finding: (typeof result.findings)[number]) =>
    `${finding.code} ${relative(root, finding.location.file)}:${finding.location.range.start.line + 1} ${finding.message}`;

  it("is found as the production profile, with Django 5.2 from requirements.txt", () => {
    const production = result.profiles.filter((profile) => profile.kind === "production");
    assert.deepEqual(
      production.map((profile) => profile.module),
      ["config.settings.production"],
    );
    assert.equal(result.djangoVersion, "5.2");
    assert.deepEqual(result.internalErrors, []);
  });

  it("has no finding at warning or error level, from any check", () => {
    const serious = result.findings.filter(
      (finding) => finding.severity === "warning" || finding.severity === "error",
    );
    assert.deepEqual(serious.map(describeFinding), []);
  });

  it("has only the information-level findings listed", () => {
    const information = result.findings.filter(
      (finding) => finding.severity === "information" || finding.severity === "hint",
    );
    assert.deepEqual(
      information.map((finding) => `${finding.code} ${relative(root, finding.location.file)}`).sort(),
      EXPECTED_INFORMATION,
    );
  });
});

/** The fixture as it is on disk, with some files' text changed. */
function changed(changes: Record<string, (text: string) => string>): FileSystemHost {
  return {
    ...nodeFileSystem,
    readFile: (path) => {
      const text = nodeFileSystem.readFile(path);
      const change = changes[relative(root, path)];
      return text !== undefined && change ? change(text) : text;
    },
  };
}

describe("the hardened project, weakened on purpose (the checks do look at it)", () => {
  const codes = (host: FileSystemHost) =>
    new DjangoProject([root], host, {})
      .analyze()
      .findings.filter((finding) => finding.severity === "warning" || finding.severity === "error")
      .map((finding) => finding.code)
      .sort();
  const replace = (from: string, to: string) => (text: string) => {
    assert.ok(text.includes(from), `the fixture still has ${from}`);
    return text.replace(from, to);
  };

  it("debug on by default", () => {
    assert.deepEqual(
      codes(
        changed({
          "config/settings/base.py": replace("default=False)\n\nTIME_ZONE", "default=True)\n\nTIME_ZONE"),
        }),
      ),
      ["deploy.W004", "security.W018"],
    );
  });
  it("a strong-looking key as the fallback", () => {
    assert.deepEqual(
      codes(
        changed({
          "config/settings/production.py": replace(
            'env("DJANGO_SECRET_KEY")',
            'env("DJANGO_SECRET_KEY", default="k7#Qz!p2@Lm9$Vx4^Tb8&Hn3*Wd6(Rf1)Yg5-Js0_Kc=Ue+Oa7")',
          ),
        }),
      ),
      ["deploy.W002"],
    );
  });
  it("sessions in Django's default local-memory cache", () => {
    assert.deepEqual(
      codes(changed({ "config/settings/production.py": replace("CACHES = {", "UNUSED_CACHES = {") })),
      ["deploy.W012"],
    );
  });
  it("HSTS preloaded with a short max-age", () => {
    assert.deepEqual(
      codes(
        changed({
          "config/settings/production.py": replace(
            "SECURE_HSTS_SECONDS = 31536000",
            "SECURE_HSTS_SECONDS = 3600",
          ),
        }),
      ),
      ["deploy.W016"],
    );
  });
});
