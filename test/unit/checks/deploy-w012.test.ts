import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkTable } from "../../helpers/checkTable";
import { analyzeSettings } from "../../helpers/memoryProject";

const REDIS =
  "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.redis.RedisCache', 'LOCATION': 'redis://cache:6379'}}\n";
const LOCMEM = "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}\n";

checkTable("deploy.W012", {
  valid: [
    { name: "a shared cache", settings: REDIS },
    {
      name: "read from the environment with no default",
      settings: "import environ\nenv = environ.Env()\nCACHES = {'default': env.cache('CACHE_URL')}\n",
    },
    {
      name: "a backend from the environment with no default",
      settings: "import os\nCACHES = {'default': {'BACKEND': os.environ['CACHE_BACKEND']}}\n",
    },
    { name: "not known", settings: "from .caches import CACHES\n" },
    {
      name: "a development profile",
      module: "mysite.settings.dev",
      settings: LOCMEM,
      files: { "mysite/settings/__init__.py": "" },
    },
    {
      name: "the base's local-memory cache overridden in production",
      module: "mysite.settings.production",
      settings: `from .base import *\n${REDIS}`,
      files: { "mysite/settings/__init__.py": "", "mysite/settings/base.py": LOCMEM },
    },
    { name: "silenced", settings: `${LOCMEM}SILENCED_SYSTEM_CHECKS = ['deploy.W012']\n` },
  ],
  invalid: [
    {
      name: "Django's default cache: reported at the start of the module",
      settings: "DEBUG = False\n",
      findings: ["1:1"],
      message: /'default' cache is per-process local memory[\s\S]*Django's default/,
    },
    {
      name: "written out",
      settings: LOCMEM,
      findings: ["1:34"],
    },
    {
      name: "the dummy cache beside a shared one",
      settings:
        "CACHES = {\n    'default': {'BACKEND': 'django.core.cache.backends.redis.RedisCache'},\n    'pages': {'BACKEND': 'django.core.cache.backends.dummy.DummyCache'},\n}\n",
      findings: ["3:26"],
      message: /'pages' cache is Django's dummy cache/,
    },
    {
      name: "sessions kept in it",
      settings: `${LOCMEM}SESSION_ENGINE = 'django.contrib.sessions.backends.cache'\n`,
      findings: ["1:34"],
      message: /logged out whenever a request reaches another process/,
    },
  ],
});

describe("deploy.W012 levels", () => {
  const severity = (settings: string) =>
    analyzeSettings(settings).findings.find((finding) => finding.code === "deploy.W012")?.severity;
  it("is information when sessions do not use the cache", () => {
    assert.equal(severity(LOCMEM), "information");
  });
  it("is a warning when sessions are kept in it", () => {
    assert.equal(
      severity(`${LOCMEM}SESSION_ENGINE = 'django.contrib.sessions.backends.cached_db'\n`),
      "warning",
    );
  });
  it("is information when sessions use another cache alias", () => {
    assert.equal(
      severity(
        `${LOCMEM}SESSION_ENGINE = 'django.contrib.sessions.backends.cache'\nSESSION_CACHE_ALIAS = 'sessions'\n`,
      ),
      "information",
    );
  });
});
