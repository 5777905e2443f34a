import { checkTable } from "../../helpers/checkTable";

checkTable("caches.E001", {
  valid: [
    { name: "Django's default has one", settings: "DEBUG = False\n" },
    { name: "default present", settings: "CACHES = {'default': {}, 'other': {}}\n" },
    { name: "a key that is not known", settings: "from x import NAME\nCACHES = {NAME: {}}\n" },
  ],
  invalid: [
    {
      name: "no default",
      settings: "CACHES = {\n    'main': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'},\n}\n",
      findings: ["1:10"],
      message: /no 'default' cache/,
    },
    { name: "empty", settings: "CACHES = {}\n", findings: ["1:10"] },
  ],
});
