import { checkTable } from "../../helpers/checkTable";

const SECURITY = "django.middleware.security.SecurityMiddleware";

checkTable("security.W001", {
  valid: [
    { name: "present", settings: `MIDDLEWARE = ["${SECURITY}"]\n` },
    { name: "present in a tuple", settings: `MIDDLEWARE = ("x.Y", "${SECURITY}")\n` },
    { name: "added later with append", settings: `MIDDLEWARE = []\nMIDDLEWARE.append("${SECURITY}")\n` },
    { name: "MIDDLEWARE not known", settings: "from somewhere import build\nMIDDLEWARE = build()\n" },
    {
      name: "an item that is not known may be it",
      settings: "from somewhere import NAME\nMIDDLEWARE = [NAME]\n",
    },
    {
      name: "one branch has it (the variable has no default: production sets it, either way)",
      settings: `import os\nif os.environ["X"]:\n    MIDDLEWARE = ["${SECURITY}"]\nelse:\n    MIDDLEWARE = []\n`,
    },
    {
      name: "a development profile is not checked",
      module: "mysite.settings.dev",
      settings: "MIDDLEWARE = []\n",
    },
    { name: "silenced", settings: "MIDDLEWARE = []\nSILENCED_SYSTEM_CHECKS = ['security.W001']\n" },
    {
      name: "a star import outside the workspace may set it",
      settings: "from company.settings import *\n",
    },
  ],
  invalid: [
    {
      name: "missing from a multi-line list: inserted at the top, keeping indentation and quotes",
      settings: `MIDDLEWARE = [\n    'django.contrib.sessions.middleware.SessionMiddleware',\n    'django.middleware.common.CommonMiddleware',\n]\n`,
      findings: ["1:14"],
      message: /SECURE_CROSS_ORIGIN_OPENER_POLICY/,
      fixes: [
        {
          title: /Add 'django.middleware.security.SecurityMiddleware'/,
          applicability: "unsafe",
          output: `MIDDLEWARE = [\n    '${SECURITY}',\n    'django.contrib.sessions.middleware.SessionMiddleware',\n    'django.middleware.common.CommonMiddleware',\n]\n`,
        },
      ],
    },
    {
      name: "Django 3.2 names SECURE_BROWSER_XSS_FILTER instead of the opener policy",
      djangoVersion: "3.2",
      settings: `MIDDLEWARE = ("a.B",)\n`,
      findings: ["1:14"],
      message: /SECURE_BROWSER_XSS_FILTER/,
      fixes: [{ title: /Add/, applicability: "unsafe", output: `MIDDLEWARE = ("${SECURITY}", "a.B",)\n` }],
    },
    {
      name: "a subclass under another path does not count",
      settings: `MIDDLEWARE = ["mysite.middleware.SecurityMiddleware"]\n`,
      findings: ["1:14"],
      fixes: [
        {
          title: /Add/,
          applicability: "unsafe",
          output: `MIDDLEWARE = ["${SECURITY}", "mysite.middleware.SecurityMiddleware"]\n`,
        },
      ],
    },
    {
      name: "an empty list",
      settings: "MIDDLEWARE = []\n",
      findings: ["1:14"],
      fixes: [{ title: /Add/, applicability: "unsafe", output: `MIDDLEWARE = ["${SECURITY}"]\n` }],
    },
    {
      name: "not set at all: Django's default is empty (no single fix)",
      settings: "DEBUG = False\n",
      findings: ["1:1"],
    },
    {
      name: "from a base module: the production module inserts it",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": "MIDDLEWARE = [\n    'django.middleware.common.CommonMiddleware',\n]\n",
      },
      findings: ["1:14"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /Add/,
          applicability: "unsafe",
          output: `from .base import *\n\nMIDDLEWARE.insert(0, "${SECURITY}")\n`,
        },
      ],
    },
    {
      name: "changed in place after the assignment: the change is where it is decided",
      settings: `MIDDLEWARE = ["${SECURITY}", "a.B"]\nMIDDLEWARE.remove("${SECURITY}")\n`,
      findings: ["2:1"],
      fixes: [
        {
          title: /Add/,
          applicability: "unsafe",
          output: `MIDDLEWARE = ["${SECURITY}", "a.B"]\nMIDDLEWARE.remove("${SECURITY}")\n\nMIDDLEWARE.insert(0, "${SECURITY}")\n`,
        },
      ],
    },
  ],
});
