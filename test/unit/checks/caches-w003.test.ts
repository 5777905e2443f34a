import { checkTable } from "../../helpers/checkTable";

const FILE = "'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache'";

checkTable("caches.W003", {
  valid: [
    { name: "absolute", settings: `CACHES = {'default': {${FILE}, 'LOCATION': '/var/tmp/cache'}}\n` },
    {
      name: "a Path built from __file__ is absolute",
      settings: `from pathlib import Path\nCACHES = {'default': {${FILE}, 'LOCATION': Path(__file__).parent / 'cache'}}\n`,
    },
    { name: "no LOCATION: Django's own check fails", settings: `CACHES = {'default': {${FILE}}}\n` },
    {
      name: "not file-based",
      settings:
        "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache', 'LOCATION': 'x'}}\n",
    },
  ],
  invalid: [
    {
      name: "relative",
      settings: `CACHES = {'default': {${FILE}, 'LOCATION': 'relcache'}}\n`,
      findings: ["1:101"],
      message: /'default' cache's LOCATION is a relative path\.\n'relcache' resolves/,
    },
    {
      name: "empty, in the second alias",
      settings: `CACHES = {\n    'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'},\n    'files': {${FILE}, 'LOCATION': ''},\n}\n`,
      findings: ["3:93"],
      message: /is empty/,
    },
  ],
});
