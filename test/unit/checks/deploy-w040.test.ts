import { checkTable } from "../../helpers/checkTable";

const CONSOLE_ONLY =
  'LOGGING = {\n    "version": 1,\n    "handlers": {"console": {"class": "logging.StreamHandler"}},\n    "root": {"handlers": ["console"], "level": "WARNING"},\n}\n';

checkTable("deploy.W040", {
  valid: [
    { name: "ADMINS set", settings: 'ADMINS = [("Ops", "ops@example.com")]\n' },
    {
      name: "ADMINS read from the environment with no default",
      settings: 'import os\nADMINS = [("Ops", os.environ["ADMIN_EMAIL"])]\n',
    },
    {
      name: "a file handler",
      settings:
        'LOGGING = {"version": 1, "handlers": {"file": {"class": "logging.FileHandler", "filename": "/var/log/django.log"}}}\n',
    },
    {
      name: "a handler built by a factory",
      settings: 'LOGGING = {"version": 1, "handlers": {"x": {"()": "myproject.logs.make_handler"}}}\n',
    },
    {
      name: "LOGGING not known",
      settings: "from myproject.logs import LOGGING\n",
    },
    {
      name: "logging configured by the project itself",
      settings: "LOGGING_CONFIG = None\n",
    },
    {
      name: "Sentry initialised in the settings",
      settings: 'import sentry_sdk\nsentry_sdk.init(dsn="https://key@sentry.example.com/1")\n',
    },
    {
      name: "Sentry in the dependencies (initialised elsewhere)",
      settings: "DEBUG = False\n",
      files: { "requirements.txt": "Django==5.2\nsentry-sdk[django]>=2\n" },
    },
    {
      name: "Rollbar middleware in a module production imports",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: {
        "mysite/settings/base.py":
          'MIDDLEWARE = ["rollbar.contrib.django.middleware.RollbarNotifierMiddleware"]\n',
        "mysite/settings/__init__.py": "",
      },
    },
    {
      name: "a base value overridden in production",
      module: "mysite.settings.production",
      settings: 'from .base import *\nADMINS = [("Ops", "ops@example.com")]\n',
      files: { "mysite/settings/base.py": "ADMINS = []\n", "mysite/settings/__init__.py": "" },
    },
    { name: "a development profile", module: "mysite.settings.dev", settings: "ADMINS = []\n" },
    { name: "silenced", settings: 'SILENCED_SYSTEM_CHECKS = ["deploy.W040"]\n' },
  ],
  invalid: [
    {
      name: "Django's defaults: ADMINS empty, no LOGGING (start of the module; os imported)",
      settings: "DEBUG = False\n",
      findings: ["1:1"],
      message:
        /^Nobody hears about server errors: ADMINS is empty and no logging handler or monitor reports them\.$/m,
      fixes: [
        {
          title: /DJANGO_ADMIN_EMAIL/,
          applicability: "unsafe",
          output: 'import os\nDEBUG = False\n\nADMINS = [("Admin", os.environ["DJANGO_ADMIN_EMAIL"])]\n',
        },
      ],
    },
    {
      name: "ADMINS = [] with only a console handler, Django 5.2 takes (name, address) pairs",
      settings: `import environ\nenv = environ.Env()\nADMINS = []\n${CONSOLE_ONLY}`,
      findings: ["3:10"],
      fixes: [
        {
          title: /DJANGO_ADMIN_EMAIL/,
          applicability: "unsafe",
          output: `import environ\nenv = environ.Env()\nADMINS = [("Admin", env("DJANGO_ADMIN_EMAIL"))]\n${CONSOLE_ONLY}`,
        },
      ],
    },
    {
      name: "mail_admins with no ADMINS mails no one",
      djangoVersion: "6.0",
      settings:
        'import os\nADMINS = []\nLOGGING = {"version": 1, "handlers": {"mail": {"class": "django.utils.log.AdminEmailHandler"}}}\n',
      findings: ["2:10"],
      fixes: [
        {
          title: /DJANGO_ADMIN_EMAIL/,
          applicability: "unsafe",
          output:
            'import os\nADMINS = [os.environ["DJANGO_ADMIN_EMAIL"]]\nLOGGING = {"version": 1, "handlers": {"mail": {"class": "django.utils.log.AdminEmailHandler"}}}\n',
        },
      ],
    },
    {
      name: "ADMINS from the environment with an empty default (no fix: the environment decides)",
      settings: 'import environ\nenv = environ.Env()\nADMINS = env.list("ADMINS", default=[])\n',
      findings: ["3:10"],
      message: /environment variable ADMINS/,
    },
  ],
});
