// Meta-tests keeping the registry, the check files, the docs pages and the declared fixability in step.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ALL_CHECKS, docsUrl } from "../../../server/src/checks/index";
import type { CheckRecord } from "../../../server/src/checks/types";
import { knownDefaultNames } from "../../../server/src/django/defaults";
import { ENGINE_FINDINGS } from "../../../server/src/engine/analysis";
import { DjangoProject } from "../../../server/src/engine/project";
import { memoryHost, ROOT } from "../../helpers/memoryProject";
import { checksTable, withChecksTable } from "../../../scripts/checksTable";

const root = join(__dirname, "..", "..", "..");
const checksFolder = join(root, "server", "src", "checks");
const TAG_FOLDERS = readdirSync(checksFolder, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== "fixes")
  .map((entry) => entry.name);
const HEADINGS = [
  "## What it checks",
  "## Why it matters in production",
  "## Example",
  "## Fix",
  "## Fix safety",
  "## Django reference",
];

/** `security/w018-debug.ts` → `security.W018`. */
function idOfFile(tag: string, file: string): string {
  const match = /^([ewi])(\d{3})-/.exec(file);
  assert.ok(match, `${tag}/${file} is not named <level><number>-<words>.ts`);
  return `${tag}.${match[1]!.toUpperCase()}${match[2]}`;
}

describe("check registry", () => {
  it("lists every check file, and only those, sorted by ID", () => {
    const fromFiles = TAG_FOLDERS.flatMap((tag) =>
      readdirSync(join(checksFolder, tag))
        .filter((file) => file.endsWith(".ts"))
        .map((file) => idOfFile(tag, file)),
    ).sort();
    const registered = ALL_CHECKS.map((check) => check.id);
    assert.deepEqual([...registered].sort(), fromFiles);
    assert.deepEqual(registered, [...registered].sort(), "ALL_CHECKS is sorted by ID");
    assert.equal(new Set(registered).size, registered.length, "IDs are unique");
  });

  it("each record's severity matches the level letter of its ID", () => {
    const letter = { error: "E", warning: "W", information: "I", hint: "I" } as const;
    for (const check of ALL_CHECKS)
      assert.equal(check.id.split(".")[1]![0], letter[check.severity], check.id);
  });

  it("our own IDs are the ones fixed in the spec", () => {
    const spec = join(root, "..", "shared", "spec", "extra-checks.md");
    if (!existsSync(spec)) return;
    const listed = new Set(
      [...readFileSync(spec, "utf8").matchAll(/\| (deploy\.[EWI]\d{3}) \|/g)].map((match) => match[1]),
    );
    for (const check of ALL_CHECKS.filter((candidate) => candidate.id.startsWith("deploy."))) {
      assert.ok(listed.has(check.id), `${check.id} is not in spec/extra-checks.md`);
    }
  });

  it("derives every docs URL from the ID in one place", () => {
    for (const check of ALL_CHECKS) assert.ok(docsUrl(check.id).endsWith(`/docs/checks/${check.id}.md`));
  });
});

describe("docs pages", () => {
  for (const check of [...ALL_CHECKS, ...ENGINE_FINDINGS]) {
    it(`${check.id} has its page with the standard headings and its fix safety`, () => {
      const page = join(root, "docs", "checks", `${check.id}.md`);
      assert.ok(existsSync(page), `docs/checks/${check.id}.md is missing`);
      const text = readFileSync(page, "utf8");
      assert.ok(text.startsWith(`# ${check.id}: `), "the title starts with the ID");
      let position = 0;
      for (const heading of HEADINGS) {
        const found = text.indexOf(`\n${heading}\n`, position);
        assert.ok(found >= 0, `"${heading}" is missing or out of order`);
        position = found + 1;
      }
      const safety = text.slice(text.indexOf("## Fix safety"), text.indexOf("## Django reference"));
      const word =
        check.fixability === "none"
          ? "No fix"
          : check.fixability === "displayOnly"
            ? "Display only"
            : check.fixability === "safe"
              ? "**safe**"
              : "**Unsafe**";
      assert.ok(
        safety.toLowerCase().includes(word.toLowerCase()),
        `the Fix safety section of ${check.id} should say ${word}`,
      );
    });
  }

  it("no page describes a check that does not exist", () => {
    const ids = new Set([...ALL_CHECKS, ...ENGINE_FINDINGS].map((check) => check.id));
    for (const file of readdirSync(join(root, "docs", "checks"))) {
      assert.ok(ids.has(file.replace(/\.md$/, "")), `docs/checks/${file} has no check`);
    }
  });
});

describe("README", () => {
  it("lists every check in the table generated from the registry (run `npm run generate`)", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    assert.equal(withChecksTable(readme), readme);
    for (const check of ALL_CHECKS) assert.ok(checksTable().includes(`[${check.id}]`), check.id);
  });
});

/**
 * Projects on which every check reads the settings it needs: a bare module (Django's defaults), a
 * startproject-like module, and one that sets the settings the checks look at in their other branches.
 */
const META_PROJECTS: Record<string, string>[] = [
  { "mysite/settings.py": "" },
  {
    "mysite/settings.py": [
      'DEBUG = True\nSECRET_KEY = "django-insecure-abc"\nALLOWED_HOSTS = ["*"]',
      'INSTALLED_APPS = ["django.contrib.sessions", "django.contrib.staticfiles"]',
      'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.contrib.sessions.middleware.SessionMiddleware", "django.middleware.csrf.CsrfViewMiddleware", "django.middleware.csp.ContentSecurityPolicyMiddleware"]',
      'SECURE_HSTS_SECONDS = 3600\nSECURE_SSL_REDIRECT = True\nSTATIC_URL = "static"\nMEDIA_URL = "media"',
      'CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": "cache"}}',
      'STATIC_ROOT = "static"\nSTATICFILES_DIRS = ["static"]\nSECURE_CSP = {"script-src": ["x"]}',
      'CSRF_TRUSTED_ORIGINS = ["example.com"]\nSECRET_KEY_FALLBACKS = ["short"]\nSECURE_REFERRER_POLICY = None',
    ].join("\n"),
  },
];

describe("settings the checks read", () => {
  it("every setting a check reads has Django's default (or is declared third-party), in some version", () => {
    const known = new Set(knownDefaultNames());
    for (const version of ["3.2", "6.1"] as const) {
      for (const files of META_PROJECTS) {
        const host = memoryHost({
          "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
          ...files,
        });
        for (const context of new DjangoProject([ROOT], host, { djangoVersion: version }).checkContexts()) {
          for (const check of ALL_CHECKS) {
            const read = readSettings(check, context);
            const unknown = read.filter(
              (name) => !known.has(name) && !(check.thirdPartySettings ?? []).includes(name),
            );
            assert.deepEqual(unknown, [], `${check.id} reads settings Django has no default for`);
          }
        }
      }
    }
  });
});

/** The settings `check` reads when run on `context`. */
function readSettings(check: CheckRecord, context: Parameters<CheckRecord["run"]>[0]): string[] {
  const names = new Set<string>();
  const settings = new Proxy(context.settings, {
    get(target, property, receiver) {
      if (property === "get")
        return (name: string) => {
          names.add(name);
          return target.get(name);
        };
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  check.run({ ...context, settings });
  return [...names];
}
