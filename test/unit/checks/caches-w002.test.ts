import { checkTable } from "../../helpers/checkTable";

const cache = (location: string, alias = "default") =>
  `CACHES = {'${alias}': {'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache', 'LOCATION': ${location}}}\n`;

checkTable("caches.W002", {
  valid: [
    { name: "a directory of its own", settings: `MEDIA_ROOT = '/srv/media'\n${cache("'/var/tmp/cache'")}` },
    {
      name: "a sibling with a common prefix",
      settings: `MEDIA_ROOT = '/srv/media'\n${cache("'/srv/media-cache'")}`,
    },
    {
      name: "not a file-based cache",
      settings:
        "MEDIA_ROOT = '/srv'\nCACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache', 'LOCATION': '/srv/x'}}\n",
    },
    {
      name: "a custom backend is not judged",
      settings:
        "MEDIA_ROOT = '/srv'\nCACHES = {'default': {'BACKEND': 'my.FileCache', 'LOCATION': '/srv/x'}}\n",
    },
    {
      name: "relative cache, absolute media: depends on the working directory",
      settings: `MEDIA_ROOT = '/srv/media'\n${cache("'media/cache'")}`,
    },
    {
      name: "a relative path climbing out of the working directory",
      settings: `MEDIA_ROOT = '../media'\n${cache("'.'")}`,
    },
    { name: "MEDIA_ROOT empty (Django's default) is skipped", settings: cache("'/srv/cache'") },
    {
      name: "location not known",
      settings: `import os\nMEDIA_ROOT = '/srv/media'\n${cache("os.environ['CACHE_DIR']")}`,
    },
  ],
  invalid: [
    {
      name: "inside MEDIA_ROOT",
      settings: `MEDIA_ROOT = '/srv/media'\n${cache("'/srv/media/cache'")}`,
      findings: ["2:10"],
      message: /The 'default' cache's LOCATION is inside MEDIA_ROOT/,
    },
    {
      name: "matches STATIC_ROOT, built with pathlib",
      settings: `from pathlib import Path\nBASE_DIR = Path('/srv/site')\nSTATIC_ROOT = BASE_DIR / 'static'\n${cache("BASE_DIR / 'static'")}`,
      findings: ["4:10"],
      message: /matches STATIC_ROOT/,
    },
    {
      name: "contains STATIC_ROOT",
      settings: `STATIC_ROOT = '/srv/site/static'\n${cache("'/srv/site'")}`,
      findings: ["2:10"],
      message: /contains STATIC_ROOT/,
    },
    {
      name: "inside a (prefix, path) entry of STATICFILES_DIRS",
      settings: `STATICFILES_DIRS = ['/srv/assets', ('vendor', '/srv/vendor')]\n${cache("'/srv/vendor/cache'")}`,
      findings: ["2:10"],
      message: /is inside STATICFILES_DIRS/,
    },
    {
      name: "one directory decides, another depends on the working directory: reported, without the exact word",
      settings: `STATICFILES_DIRS = ['assets', '/srv/x']\n${cache("'/srv/x/cache'")}`,
      findings: ["2:10"],
      message: /LOCATION overlaps STATICFILES_DIRS/,
    },
    {
      name: "two relative paths resolve against the same directory",
      settings: `MEDIA_ROOT = 'media'\n${cache("'media/cache'")}`,
      findings: ["2:10"],
    },
    {
      name: "no LOCATION is the working directory, which contains a relative MEDIA_ROOT",
      settings:
        "MEDIA_ROOT = 'media'\nCACHES = {'default': {'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache'}}\n",
      findings: ["2:10"],
      message: /contains MEDIA_ROOT/,
    },
    {
      name: "one warning per setting and cache",
      settings: `MEDIA_ROOT = '/srv/x/media'\nSTATIC_ROOT = '/srv/x/static'\nCACHES = {\n    'default': {'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache', 'LOCATION': '/srv/x'},\n    'other': {'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache', 'LOCATION': '/srv/x/media'},\n}\n`,
      findings: ["3:10", "3:10", "3:10"],
    },
  ],
});
