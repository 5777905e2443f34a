import { checkTable } from "../../helpers/checkTable";

const POSTGRES = (extra = "") =>
  `DATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.postgresql",\n        "NAME": "mysite",${extra}\n    }\n}\n`;

checkTable("deploy.I030", {
  valid: [
    { name: "no databases", settings: "DEBUG = False\n" },
    {
      name: "SQLite",
      settings: 'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}\n',
    },
    { name: "persistent connections", settings: POSTGRES('\n        "CONN_MAX_AGE": 60,') },
    { name: "unlimited persistent connections", settings: POSTGRES('\n        "CONN_MAX_AGE": None,') },
    {
      name: "CONN_MAX_AGE read from the environment with no default",
      settings: `import os\n${POSTGRES('\n        "CONN_MAX_AGE": int(os.environ["CONN_MAX_AGE"]),')}`,
    },
    {
      name: "Django's connection pool",
      settings: POSTGRES('\n        "OPTIONS": {"pool": True},'),
      djangoVersion: "5.2",
    },
    {
      name: "behind a transaction pooler",
      settings: POSTGRES('\n        "DISABLE_SERVER_SIDE_CURSORS": True,'),
    },
    {
      name: "the engine is not known",
      settings: 'import os\nDATABASES = {"default": {"ENGINE": os.environ["DB_ENGINE"], "NAME": "x"}}\n',
    },
    {
      name: "DATABASES from a URL",
      settings: "import dj_database_url\nDATABASES = {'default': dj_database_url.config()}\n",
    },
    {
      name: "a base value overridden in production",
      module: "mysite.settings.production",
      settings: 'from .base import *\nDATABASES["default"]["CONN_MAX_AGE"] = 600\n',
      files: { "mysite/settings/base.py": POSTGRES(), "mysite/settings/__init__.py": "" },
    },
    { name: "a development profile", module: "mysite.settings.dev", settings: POSTGRES() },
    { name: "silenced", settings: `${POSTGRES()}SILENCED_SYSTEM_CHECKS = ["deploy.I030"]\n` },
  ],
  invalid: [
    {
      name: "no CONN_MAX_AGE on Django 5.2 (entries added, with health checks)",
      settings: POSTGRES(),
      findings: ["2:5"],
      message: /^Database 'default' opens a new connection for every request \(CONN_MAX_AGE is 0\)\.$/m,
      fixes: [
        {
          title: /60 seconds, checked before reuse/,
          applicability: "unsafe",
          output: POSTGRES('\n        "CONN_MAX_AGE": 60,\n        "CONN_HEALTH_CHECKS": True,'),
        },
      ],
    },
    {
      name: "Django 3.2 has no health checks",
      settings: 'DATABASES = {"default": {"ENGINE": "django.db.backends.mysql", "NAME": "x"}}\n',
      djangoVersion: "3.2",
      findings: ["1:14"],
      fixes: [
        {
          title: /^Keep connections open for 60 seconds$/,
          applicability: "unsafe",
          output:
            'DATABASES = {"default": {"ENGINE": "django.db.backends.mysql", "NAME": "x", "CONN_MAX_AGE": 60}}\n',
        },
      ],
    },
    {
      name: "CONN_MAX_AGE = 0 written, health checks already on",
      settings: POSTGRES('\n        "CONN_MAX_AGE": 0,  # per request\n        "CONN_HEALTH_CHECKS": True,'),
      findings: ["5:25"],
      fixes: [
        {
          title: /^Keep connections open for 60 seconds$/,
          applicability: "unsafe",
          output: POSTGRES(
            '\n        "CONN_MAX_AGE": 60,  # per request\n        "CONN_HEALTH_CHECKS": True,',
          ),
        },
      ],
    },
    {
      name: "read from the environment with a default of 0 (no fix: the environment decides)",
      settings: `import os\n${POSTGRES('\n        "CONN_MAX_AGE": int(os.environ.get("CONN_MAX_AGE", 0)),')}`,
      findings: ["6:60"],
      message: /environment variable CONN_MAX_AGE/,
    },
    {
      name: "inherited from a shared module: overridden in production",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: { "mysite/settings/base.py": POSTGRES(), "mysite/settings/__init__.py": "" },
      findings: ["2:5"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /60 seconds/,
          applicability: "unsafe",
          output:
            'from .base import *\n\nDATABASES["default"]["CONN_MAX_AGE"] = 60\nDATABASES["default"]["CONN_HEALTH_CHECKS"] = True\n',
        },
      ],
    },
    {
      name: "each database",
      settings:
        "DATABASES = {\n    'default': {'ENGINE': 'django.db.backends.postgresql', 'CONN_MAX_AGE': 60},\n    'replica': {'ENGINE': 'django.db.backends.postgresql'},\n}\n",
      findings: ["3:5"],
      message: /Database 'replica'/,
      fixes: [
        {
          title: /60 seconds/,
          applicability: "unsafe",
          output:
            "DATABASES = {\n    'default': {'ENGINE': 'django.db.backends.postgresql', 'CONN_MAX_AGE': 60},\n    'replica': {'ENGINE': 'django.db.backends.postgresql', 'CONN_MAX_AGE': 60, 'CONN_HEALTH_CHECKS': True},\n}\n",
        },
      ],
    },
  ],
});
