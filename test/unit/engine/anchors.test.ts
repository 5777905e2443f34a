// Where findings are shown: a setting production leaves unset at the place it means something, a
// value a .env file decides on that file's line, and no two findings of one file at one place unless
// they differ in ID and fixes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DjangoProject } from "../../../server/src/engine/project";
import { analyzeFiles, memoryHost, ROOT } from "../../helpers/memoryProject";

const MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';

const at = (
  findings: { code: string; location: { file: string; range: { start: { line: number } } } }[],
  code: string,
) =>
  findings
    .filter((finding) => finding.code === code)
    .map(
      (finding) => `${finding.location.file.slice(ROOT.length + 1)}:${finding.location.range.start.line + 1}`,
    );

describe("where findings are shown", () => {
  it("an unset setting at the middleware or app it configures, not on line 1", () => {
    const settings = [
      '"""Settings of mysite."""',
      "import os",
      "",
      'SECRET_KEY = os.environ["KEY"]',
      "MIDDLEWARE = [",
      '    "django.middleware.security.SecurityMiddleware",',
      '    "django.contrib.sessions.middleware.SessionMiddleware",',
      '    "django.middleware.csrf.CsrfViewMiddleware",',
      "]",
      'INSTALLED_APPS = ["django.contrib.sessions", "django.contrib.auth"]',
      "",
    ].join("\n");
    const { findings } = analyzeFiles({ "manage.py": MANAGE, "mysite/settings.py": settings });
    assert.deepEqual(at(findings, "security.W004"), ["mysite/settings.py:6"]);
    assert.deepEqual(at(findings, "security.W008"), ["mysite/settings.py:6"]);
    assert.deepEqual(at(findings, "security.W016"), ["mysite/settings.py:8"]);
    assert.deepEqual(at(findings, "security.W012"), ["mysite/settings.py:7"]);
    assert.deepEqual(at(findings, "deploy.W053"), ["mysite/settings.py:10"]);
    // Settings with no place of their own: the first line of code, after the docstring.
    assert.deepEqual(at(findings, "deploy.W040"), ["mysite/settings.py:2"]);
    const places = new Map<string, string[]>();
    for (const finding of findings) {
      const key = `${finding.location.file}:${finding.location.range.start.line}:${finding.location.range.start.character}`;
      const signature = `${finding.code} ${finding.fixes.map((fix) => fix.title).join("|")}`;
      assert.ok(!(places.get(key) ?? []).includes(signature), `two ${finding.code} at ${key}`);
      places.set(key, [...(places.get(key) ?? []), signature]);
    }
  });

  it("in a production module that star-imports its base, at the star import", () => {
    const { findings } = analyzeFiles({
      "manage.py": MANAGE.replace("mysite.settings", "mysite.settings.production"),
      "mysite/settings/__init__.py": "",
      "mysite/settings/base.py": 'SECRET_KEY = "k" * 60\n',
      "mysite/settings/production.py": '"""Production."""\nfrom .base import *\n\nDEBUG = False\n',
    });
    assert.deepEqual(at(findings, "security.W001"), ["mysite/settings/production.py:2"]);
  });

  it("a value the profile's .env file decides, on that file's line, with the settings line related", () => {
    const files = {
      "manage.py": MANAGE,
      "mysite/settings.py": 'import environ\nenv = environ.Env()\nDEBUG = env.bool("DEBUG", default=False)\n',
      ".env.production": "# production\nDEBUG=on\n",
    };
    const result = new DjangoProject([ROOT], memoryHost(files), {
      profiles: [{ settings: "mysite.settings", envFile: ".env.production" }],
    }).analyze();
    const [debug] = result.findings.filter((finding) => finding.code === "security.W018");
    assert.ok(debug, "W018 is reported");
    assert.equal(debug.location.file, `${ROOT}/.env.production`);
    assert.deepEqual(debug.location.range, {
      start: { line: 1, character: 0 },
      end: { line: 1, character: 5 },
    });
    assert.equal(debug.related[0]?.file, `${ROOT}/mysite/settings.py`);
    assert.equal(debug.related[0]?.range.start.line, 2);
  });
});
