import { checkTable } from "../../helpers/checkTable";

checkTable("deploy.W003", {
  valid: [
    {
      name: "compared with a literal",
      settings: "import os\nDEBUG = os.environ.get('DEBUG', '') == 'True'\n",
    },
    {
      name: "django-environ bool",
      settings: "import environ\nenv = environ.Env()\nDEBUG = env.bool('DEBUG', default=False)\n",
    },
    {
      name: "decouple cast",
      settings: "from decouple import config\nDEBUG = config('DEBUG', default=False, cast=bool)\n",
    },
    {
      name: "django-environ schema with bool",
      settings: "import environ\nenv = environ.Env(DEBUG=(bool, False))\nDEBUG = env('DEBUG')\n",
    },
    { name: "a literal", settings: "DEBUG = False\n" },
    {
      name: "a non-boolean setting read as a string",
      settings: "import os\nSECRET_KEY = os.environ.get('K', 'x' * 60)\n",
    },
  ],
  invalid: [
    {
      name: "os.environ.get with a string default (fix unsafe: the unset case changes)",
      settings: "import os\nDEBUG = os.environ.get('DEBUG', 'False')\n",
      findings: ["2:9"],
      message: /DEBUG is read from the environment variable DEBUG with no conversion/,
      fixes: [
        {
          title: /boolean/,
          applicability: "unsafe",
          output: "import os\nDEBUG = os.environ.get('DEBUG', 'False') == \"True\"\n",
        },
      ],
    },
    {
      name: "os.getenv without a default (fix safe: unset stays off)",
      settings: "import os\nSESSION_COOKIE_SECURE = os.getenv('SECURE')\n",
      findings: ["2:25"],
      fixes: [
        {
          title: /boolean/,
          applicability: "safe",
          output: "import os\nSESSION_COOKIE_SECURE = os.getenv('SECURE') == \"True\"\n",
        },
      ],
    },
    {
      name: "lower-cased before use",
      settings: "import os\nCSRF_COOKIE_SECURE = os.environ.get('S', 'true').lower()\n",
      findings: ["2:22"],
      fixes: [
        {
          title: /boolean/,
          applicability: "safe",
          output: "import os\nCSRF_COOKIE_SECURE = os.environ.get('S', 'true').lower() == \"true\"\n",
        },
      ],
    },
    {
      name: "django-environ without a cast; a string default becomes a boolean too",
      settings: "import environ\nenv = environ.Env()\nDEBUG = env('DEBUG', default='False')\n",
      findings: ["3:9"],
      fixes: [
        {
          title: /boolean/,
          applicability: "unsafe",
          output: "import environ\nenv = environ.Env()\nDEBUG = env.bool('DEBUG', default=False)\n",
        },
      ],
    },
    {
      name: "python-decouple without a cast",
      settings: "from decouple import config\nSECURE_SSL_REDIRECT = config('SSL', default='True')\n",
      findings: ["2:23"],
      fixes: [
        {
          title: /boolean/,
          applicability: "safe",
          output:
            "from decouple import config\nSECURE_SSL_REDIRECT = config('SSL', default='True', cast=bool)\n",
        },
      ],
    },
    {
      name: "one finding per setting",
      settings:
        "import os\nSECURE_HSTS_PRELOAD = os.environ.get('P', '')\nSECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get('S', '')\n",
      findings: ["2:23", "3:34"],
      fixes: [
        {
          title: /boolean/,
          applicability: "safe",
          output:
            "import os\nSECURE_HSTS_PRELOAD = os.environ.get('P', '') == \"True\"\nSECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get('S', '')\n",
        },
      ],
    },
  ],
});
