import { checkTable } from "../../helpers/checkTable";

const ENV = "import environ\nenv = environ.Env()\n";

checkTable("deploy.W004", {
  valid: [
    { name: "a secure default", settings: `${ENV}DEBUG = env.bool('DEBUG', default=False)\n` },
    { name: "no default: a missing variable fails", settings: `${ENV}DEBUG = env.bool('DEBUG')\n` },
    {
      name: "secure cookie flags by default",
      settings:
        "from decouple import config\nSESSION_COOKIE_SECURE = config('SECURE', default=True, cast=bool)\n",
    },
    {
      name: "a plain string read of DEBUG is deploy.W003's business",
      settings: "import os\nDEBUG = os.environ.get('DEBUG', 'True')\n",
    },
    { name: "a literal is not an environment default", settings: "DEBUG = True\n" },
    {
      name: "ALLOWED_HOSTS with named hosts by default",
      settings: `${ENV}ALLOWED_HOSTS = env.list('ALLOWED_HOSTS', default=['example.com'])\n`,
    },
    {
      name: "a default not known",
      settings: `from .defaults import DEBUG_DEFAULT\n${ENV}DEBUG = env.bool('DEBUG', default=DEBUG_DEFAULT)\n`,
    },
    {
      name: "a development profile",
      module: "mysite.settings.dev",
      settings: `${ENV}DEBUG = env.bool('DEBUG', default=True)\n`,
      files: { "mysite/settings/__init__.py": "" },
    },
    {
      name: "the base's insecure default overridden in production",
      module: "mysite.settings.production",
      settings: "from .base import *\nDEBUG = False\n",
      files: {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": `${ENV}DEBUG = env.bool('DEBUG', default=True)\n`,
      },
    },
    {
      name: "silenced",
      settings: `${ENV}DEBUG = env.bool('DEBUG', default=True)\nSILENCED_SYSTEM_CHECKS = ['deploy.W004']\n`,
    },
  ],
  invalid: [
    {
      name: "DEBUG on by default (django-environ)",
      settings: `${ENV}DEBUG = env.bool('DEBUG', default=True)\n`,
      findings: ["3:35"],
      message: /DEBUG is True when DEBUG is unset/,
      fixes: [
        {
          title: /Make the default of DEBUG False/,
          applicability: "unsafe",
          output: `${ENV}DEBUG = env.bool('DEBUG', default=False)\n`,
        },
      ],
    },
    {
      name: "a django-environ schema entry",
      settings: "import environ\nenv = environ.Env(DEBUG=(bool, True))\nDEBUG = env('DEBUG')\n",
      findings: ["2:32"],
      fixes: [
        {
          title: /False/,
          applicability: "unsafe",
          output: "import environ\nenv = environ.Env(DEBUG=(bool, False))\nDEBUG = env('DEBUG')\n",
        },
      ],
    },
    {
      name: "a comparison: the default becomes one that compares false",
      settings: "import os\nDEBUG = os.environ.get('DEBUG', 'true').lower() in ('true', '1')\n",
      findings: ["2:33"],
      fixes: [
        {
          title: /False/,
          applicability: "unsafe",
          output: "import os\nDEBUG = os.environ.get('DEBUG', 'False').lower() in ('true', '1')\n",
        },
      ],
    },
    {
      name: "the HTTPS redirect off by default (python-decouple)",
      settings:
        "from decouple import config\nSECURE_SSL_REDIRECT = config('SSL', default=False, cast=bool)\n",
      findings: ["2:45"],
      message: /SECURE_SSL_REDIRECT is False when SSL is unset/,
      fixes: [
        {
          title: /True/,
          applicability: "unsafe",
          output:
            "from decouple import config\nSECURE_SSL_REDIRECT = config('SSL', default=True, cast=bool)\n",
        },
      ],
    },
    {
      name: "a secure cookie compared with a value, whose default makes it equal",
      settings: 'import os\nCSRF_COOKIE_SECURE = os.environ.get("CSRF_SECURE", "no") == "yes"\n',
      findings: ["2:52"],
      fixes: [
        {
          title: /True/,
          applicability: "unsafe",
          output: 'import os\nCSRF_COOKIE_SECURE = os.environ.get("CSRF_SECURE", "yes") == "yes"\n',
        },
      ],
    },
    {
      name: "no default written: the missing variable compares false (no fix)",
      settings: 'import os\nSESSION_COOKIE_SECURE = os.environ.get("SECURE") == "1"\n',
      findings: ["2:25"],
      message: /SESSION_COOKIE_SECURE is False when SECURE is unset/,
    },
    {
      name: "HSTS off by default, with the comment security.W004 writes",
      settings: "import os\nSECURE_HSTS_SECONDS = int(os.environ.get('HSTS', '0'))\n",
      findings: ["2:50"],
      fixes: [
        {
          title: /3600 \(one hour, to start with\)/,
          applicability: "unsafe",
          output:
            "import os\n# HSTS: browsers refuse plain HTTP for this site for this many seconds, and it cannot be\n# withdrawn before it expires. Start small, check every page and subdomain over HTTPS,\n# then raise it step by step to a year (31536000).\nSECURE_HSTS_SECONDS = int(os.environ.get('HSTS', '3600'))\n",
        },
      ],
    },
    {
      name: "ALLOWED_HOSTS accepting any host by default: the variable becomes required",
      settings: "import os\nALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', '*').split(',')\n",
      findings: ["2:49"],
      message: /ALLOWED_HOSTS is \['\*'\] when ALLOWED_HOSTS is unset/,
      fixes: [
        {
          title: /Require ALLOWED_HOSTS/,
          applicability: "unsafe",
          output: "import os\nALLOWED_HOSTS = os.environ['ALLOWED_HOSTS'].split(',')\n",
        },
      ],
    },
    {
      name: "inherited from the base: reported there, no fix in a shared module",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": `${ENV}ALLOWED_HOSTS = env.list('ALLOWED_HOSTS', default=['*'])\n`,
      },
      findings: ["3:51"],
      findingFile: "mysite/settings/base.py",
    },
  ],
});
