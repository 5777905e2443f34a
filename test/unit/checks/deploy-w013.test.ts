import { checkTable } from "../../helpers/checkTable";

const CONSOLE = "EMAIL_BACKEND = 'django.core.mail.backends.console.EmailBackend'\n";
const ADMINS = "ADMINS = [('Ops', 'ops@example.com')]\n";
const ADDRESSES = "DEFAULT_FROM_EMAIL = 'site@example.com'\nSERVER_EMAIL = 'errors@example.com'\n";

checkTable("deploy.W013", {
  valid: [
    { name: "no sign that the project sends mail", settings: "DEBUG = False\n" },
    { name: "mail sent from the project's own addresses", settings: ADMINS + ADDRESSES },
    {
      // Django sends from SERVER_EMAIL only to ADMINS and MANAGERS, both empty here.
      name: "SERVER_EMAIL at its placeholder while nobody receives mail from it",
      settings: `EMAIL_HOST = 'smtp.example.com'\nDEFAULT_FROM_EMAIL = 'site@example.com'\nSERVER_EMAIL = "root@localhost"\n`,
    },
    {
      name: "an SMTP backend from the environment with no default",
      settings: `import os\nEMAIL_BACKEND = os.environ['EMAIL_BACKEND']\n${ADDRESSES}`,
    },
    {
      name: "addresses from the environment with no default",
      settings: `import environ\nenv = environ.Env()\n${ADMINS}DEFAULT_FROM_EMAIL = env('FROM')\nSERVER_EMAIL = env('FROM')\n`,
    },
    { name: "a backend not known", settings: "from .mail import BACKEND\nEMAIL_BACKEND = BACKEND\n" },
    {
      name: "a development profile",
      module: "mysite.settings.dev",
      settings: CONSOLE,
      files: { "mysite/settings/__init__.py": "" },
    },
    {
      name: "the base's console backend overridden in production",
      module: "mysite.settings.production",
      settings: `from .base import *\nEMAIL_BACKEND = 'anymail.backends.mailgun.EmailBackend'\n${ADDRESSES}`,
      files: { "mysite/settings/__init__.py": "", "mysite/settings/base.py": CONSOLE },
    },
    {
      name: "on 6.1, MAILERS replaces EMAIL_BACKEND",
      djangoVersion: "6.1",
      settings: `${CONSOLE}MAILERS = {'default': {'BACKEND': 'django.core.mail.backends.smtp.EmailBackend'}}\n${ADDRESSES}`,
    },
    {
      name: "before 6.1, MAILERS means nothing",
      djangoVersion: "5.2",
      settings: `MAILERS = {'default': {'BACKEND': 'django.core.mail.backends.console.EmailBackend'}}\n`,
    },
    { name: "silenced", settings: `${CONSOLE}SILENCED_SYSTEM_CHECKS = ['deploy.W013']\n` },
  ],
  invalid: [
    {
      name: "the console backend",
      settings: CONSOLE,
      findings: ["1:17"],
      message: /EMAIL_BACKEND is the console backend: no mail leaves the server/,
    },
    {
      name: "the dummy backend as the environment's default",
      settings:
        "import os\nEMAIL_BACKEND = os.environ.get('EMAIL_BACKEND', 'django.core.mail.backends.dummy.EmailBackend')\n",
      findings: ["2:17"],
      message: /dummy backend[\s\S]*thrown away/,
    },
    {
      name: "on 6.1, the default mailer",
      djangoVersion: "6.1",
      settings: "MAILERS = {'default': {'BACKEND': 'django.core.mail.backends.locmem.EmailBackend'}}\n",
      findings: ["1:35"],
      message: /The default mailer is the in-memory backend/,
    },
    {
      name: "admins to notify but the placeholder addresses (Django's defaults): one finding each",
      settings: `import os\n${ADMINS}`,
      findings: ["2:1", "2:1"],
      message: /DEFAULT_FROM_EMAIL is Django's placeholder 'webmaster@localhost'/,
      fixes: [
        {
          title: /DJANGO_DEFAULT_FROM_EMAIL/,
          applicability: "unsafe",
          output: `import os\n${ADMINS}\nDEFAULT_FROM_EMAIL = os.environ["DJANGO_DEFAULT_FROM_EMAIL"]\n`,
        },
      ],
    },
    {
      name: "managers to notify and the placeholder written out, in django-environ's style",
      settings: `import environ\nenv = environ.Env()\nMANAGERS = [('Ops', 'ops@example.com')]\nDEFAULT_FROM_EMAIL = 'site@example.com'\nSERVER_EMAIL = "root@localhost"\n`,
      findings: ["5:16"],
      message: /SERVER_EMAIL is Django's placeholder 'root@localhost'/,
      fixes: [
        {
          title: /DJANGO_SERVER_EMAIL/,
          applicability: "unsafe",
          output: `import environ\nenv = environ.Env()\nMANAGERS = [('Ops', 'ops@example.com')]\nDEFAULT_FROM_EMAIL = 'site@example.com'\nSERVER_EMAIL = env("DJANGO_SERVER_EMAIL")\n`,
        },
      ],
    },
    {
      name: "the import of os is added when missing",
      settings: `EMAIL_BACKEND = 'anymail.backends.mailgun.EmailBackend'\nSERVER_EMAIL = 'errors@example.com'\n`,
      findings: ["2:1"],
      fixes: [
        {
          title: /DJANGO_DEFAULT_FROM_EMAIL/,
          applicability: "unsafe",
          output: `import os\nEMAIL_BACKEND = 'anymail.backends.mailgun.EmailBackend'\nSERVER_EMAIL = 'errors@example.com'\n\nDEFAULT_FROM_EMAIL = os.environ["DJANGO_DEFAULT_FROM_EMAIL"]\n`,
        },
      ],
    },
  ],
});
