import { checkTable } from "../../helpers/checkTable";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';
const COMMENT =
  "# HSTS: browsers refuse plain HTTP for this site for this many seconds, and it cannot be\n" +
  "# withdrawn before it expires. Start small, check every page and subdomain over HTTPS,\n" +
  "# then raise it step by step to a year (31536000).\n";

checkTable("security.W004", {
  valid: [
    { name: "set", settings: `${MW}SECURE_HSTS_SECONDS = 31536000\n` },
    { name: "the string '0' is truthy: counts as set", settings: `${MW}SECURE_HSTS_SECONDS = '0'\n` },
    { name: "no SecurityMiddleware: W001's business", settings: "MIDDLEWARE = []\n" },
    {
      name: "from the environment without a default",
      settings: `import os\n${MW}SECURE_HSTS_SECONDS = int(os.environ["HSTS"])\n`,
    },
    {
      name: "one branch sets it (a required variable decides: either way)",
      settings: `import os\n${MW}if os.environ["PROD"]:\n    SECURE_HSTS_SECONDS = 3600\n`,
    },
    { name: "a development profile", module: "mysite.settings.local", settings: `${MW}` },
  ],
  invalid: [
    {
      name: "not set: the staged value is added with its warning",
      settings: MW,
      findings: ["1:15"],
      message: /SECURE_HSTS_SECONDS is not set/,
      fixes: [
        {
          title: /SECURE_HSTS_SECONDS = 3600/,
          applicability: "unsafe",
          output: `${MW}\n${COMMENT}SECURE_HSTS_SECONDS = 3600\n`,
        },
      ],
    },
    {
      name: "0: replaced where it is written, the comment above",
      settings: `${MW}SECURE_HSTS_SECONDS = 0\nDEBUG = False\n`,
      findings: ["2:23"],
      fixes: [
        {
          title: /3600/,
          applicability: "unsafe",
          output: `${MW}${COMMENT}SECURE_HSTS_SECONDS = 3600\nDEBUG = False\n`,
        },
      ],
    },
    {
      name: "None",
      settings: `${MW}SECURE_HSTS_SECONDS = None\n`,
      findings: ["2:23"],
      fixes: [
        { title: /3600/, applicability: "unsafe", output: `${MW}${COMMENT}SECURE_HSTS_SECONDS = 3600\n` },
      ],
    },
    {
      name: "an environment default of 0 counts, and the environment stays in charge (no fix)",
      settings: `import os\n${MW}SECURE_HSTS_SECONDS = int(os.environ.get("HSTS", 0))\n`,
      findings: ["3:23"],
      message: /environment variable HSTS/,
    },
    {
      name: "MIDDLEWARE as a tuple",
      settings: `MIDDLEWARE = ("django.middleware.security.SecurityMiddleware",)\nSECURE_HSTS_SECONDS = 0\n`,
      findings: ["2:23"],
      fixes: [
        {
          title: /3600/,
          applicability: "unsafe",
          output: `MIDDLEWARE = ("django.middleware.security.SecurityMiddleware",)\n${COMMENT}SECURE_HSTS_SECONDS = 3600\n`,
        },
      ],
    },
    {
      name: "set to 0 in a base module: the production module overrides it",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": `${MW}SECURE_HSTS_SECONDS = 0\n`,
      },
      findings: ["2:23"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /3600/,
          applicability: "unsafe",
          output: `from .base import *\n\n${COMMENT}SECURE_HSTS_SECONDS = 3600\n`,
        },
      ],
    },
  ],
});
