import { checkTable } from "../../helpers/checkTable";

const REDIS =
  'CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://cache:6379"}}\n';

checkTable("deploy.I032", {
  valid: [
    { name: "Django's defaults (local-memory cache)", settings: "DEBUG = False\n" },
    {
      name: "cached database sessions already",
      settings: `${REDIS}SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"\n`,
    },
    {
      name: "a database cache is not cheaper",
      settings:
        'CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache"}}\n',
    },
    {
      name: "the session cache alias names another cache",
      settings: `${REDIS}SESSION_CACHE_ALIAS = "sessions"\n`,
    },
    {
      name: "the backend is read from the environment with no default",
      settings: 'import os\nCACHES = {"default": {"BACKEND": os.environ["CACHE_BACKEND"]}}\n',
    },
    {
      name: "a base value overridden in production",
      module: "mysite.settings.production",
      settings: 'from .base import *\nSESSION_ENGINE = "django.contrib.sessions.backends.cache"\n',
      files: { "mysite/settings/base.py": REDIS, "mysite/settings/__init__.py": "" },
    },
    { name: "a development profile", module: "mysite.settings.dev", settings: REDIS },
    { name: "silenced", settings: `${REDIS}SILENCED_SYSTEM_CHECKS = ["deploy.I032"]\n` },
  ],
  invalid: [
    {
      name: "Django's default engine with Redis (the fix adds the setting)",
      settings: REDIS,
      findings: ["1:1"],
      message: /^Sessions are read from the database on every request although a shared cache exists\.$/m,
      fixes: [
        {
          title: /cached_db/,
          applicability: "unsafe",
          output: `${REDIS}\nSESSION_ENGINE = "django.contrib.sessions.backends.cached_db"\n`,
        },
      ],
    },
    {
      name: "written database engine with django-redis, in its own quotes",
      settings: `CACHES = {'default': {'BACKEND': 'django_redis.cache.RedisCache'}}\nSESSION_ENGINE = 'django.contrib.sessions.backends.db'\n`,
      findings: ["2:18"],
      fixes: [
        {
          title: /cached_db/,
          applicability: "unsafe",
          output: `CACHES = {'default': {'BACKEND': 'django_redis.cache.RedisCache'}}\nSESSION_ENGINE = 'django.contrib.sessions.backends.cached_db'\n`,
        },
      ],
    },
    {
      name: "Memcached under the session cache alias",
      settings:
        'CACHES = {\n    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},\n    "shared": {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache"},\n}\nSESSION_CACHE_ALIAS = "shared"\nSESSION_ENGINE = "django.contrib.sessions.backends.db"\n',
      findings: ["6:18"],
      message: /PyMemcacheCache/,
      fixes: [
        {
          title: /cached_db/,
          applicability: "unsafe",
          output:
            'CACHES = {\n    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},\n    "shared": {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache"},\n}\nSESSION_CACHE_ALIAS = "shared"\nSESSION_ENGINE = "django.contrib.sessions.backends.cached_db"\n',
        },
      ],
    },
  ],
});
