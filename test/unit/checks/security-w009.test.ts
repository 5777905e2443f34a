import { checkTable } from "../../helpers/checkTable";

const GOOD = "k7#Qz!p2@Lm9$Vx4^Tb8&Hn3*Wd6(Rf1)Yg5-Js0_Kc=Ue+Oa7";
const FIFTY_FIVE_DISTINCT = "abcde".repeat(10);
const FOURTY_NINE = GOOD.slice(0, 49);

/** What the fix documents in .env.example in a settings module development runs too. */
const SECRET_KEY_ENV_EXAMPLE =
  "# Required everywhere, development too: a long random value, never the production key.\nDJANGO_SECRET_KEY=\n";

checkTable("security.W009", {
  valid: [
    {
      name: "a strong key read from the environment (required)",
      settings: "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
    },
    { name: "a strong literal (deploy.W001's business, not W009's)", settings: `SECRET_KEY = '${GOOD}'\n` },
    {
      name: "50 characters, 5 distinct: passes Django's rule",
      settings: `SECRET_KEY = '${FIFTY_FIVE_DISTINCT}'\n`,
    },
    {
      name: "an environment read with an implicit default is expected to be set",
      settings: "import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY')\n",
    },
    { name: "unknown value", settings: "SECRET_KEY = open('/etc/key').read()\n" },
    {
      name: "a required variable: empty only while it is unset (Django then refuses to start)",
      settings: "import os\nSECRET_KEY = os.environ.get('SECRET_KEY') or None\n",
    },
  ],
  invalid: [
    {
      // Django's check reports it too: the default is the project's own choice.
      name: "an explicit empty default",
      settings: "import os\nSECRET_KEY = os.environ.get('SECRET_KEY', '')\n",
      findings: ["2:14"],
      message: /it is empty/,
      fixes: [
        {
          // The variable the settings already read keeps its name.
          title: /Read SECRET_KEY from the environment variable SECRET_KEY$/,
          applicability: "unsafe",
          output: `import os\nSECRET_KEY = os.environ["SECRET_KEY"]\n`,
          otherFiles: { ".env.example": SECRET_KEY_ENV_EXAMPLE.replace("DJANGO_SECRET_KEY", "SECRET_KEY") },
        },
      ],
    },
    {
      name: "startproject's insecure key",
      settings: `SECRET_KEY = 'django-insecure-${GOOD}'\n`,
      findings: ["1:14"],
      message: /starts with 'django-insecure-'/,
      fixes: [
        {
          title: /DJANGO_SECRET_KEY/,
          applicability: "unsafe",
          output: `import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n`,
          otherFiles: { ".env.example": SECRET_KEY_ENV_EXAMPLE },
        },
      ],
    },
    {
      name: "49 characters",
      settings: `import os\nSECRET_KEY = '${FOURTY_NINE}'\n`,
      findings: ["2:14"],
      message: /49 characters, fewer than 50/,
      fixes: [
        {
          title: /DJANGO_SECRET_KEY/,
          applicability: "unsafe",
          output: `import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n`,
          otherFiles: { ".env.example": SECRET_KEY_ENV_EXAMPLE },
        },
      ],
    },
    {
      name: "50 characters with 4 distinct",
      settings: `SECRET_KEY = '${"abcd".repeat(13)}'\n`,
      findings: ["1:14"],
      message: /only 4 distinct characters/,
      fixes: [
        {
          title: /DJANGO_SECRET_KEY/,
          applicability: "unsafe",
          output: `import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n`,
          otherFiles: { ".env.example": SECRET_KEY_ENV_EXAMPLE },
        },
      ],
    },
    {
      name: "not set at all: Django's default is empty",
      settings: "DEBUG = False\n",
      findings: ["1:1"],
      message: /empty/,
      fixes: [
        {
          title: /DJANGO_SECRET_KEY/,
          applicability: "unsafe",
          output: `import os\nDEBUG = False\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n`,
          otherFiles: { ".env.example": SECRET_KEY_ENV_EXAMPLE },
        },
      ],
    },
    {
      name: "a weak fallback read from the environment, in django-environ's style",
      settings: "import environ\nenv = environ.Env()\nSECRET_KEY = env('SECRET_KEY', default='dev')\n",
      findings: ["3:14"],
      message: /default <hidden> applies/,
      fixes: [
        {
          title: /the environment variable SECRET_KEY$/,
          applicability: "unsafe",
          output: `import environ\nenv = environ.Env()\nSECRET_KEY = env("SECRET_KEY")\n`,
          otherFiles: { ".env.example": SECRET_KEY_ENV_EXAMPLE.replace("DJANGO_SECRET_KEY", "SECRET_KEY") },
        },
      ],
    },
    {
      name: "inherited from a base module: the fix overrides it in the production module",
      module: "mysite.settings.production",
      settings: "import os\nfrom .base import *\n",
      files: { "mysite/settings/__init__.py": "", "mysite/settings/base.py": "SECRET_KEY = 'short'\n" },
      findings: ["1:14"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /DJANGO_SECRET_KEY/,
          applicability: "unsafe",
          output: 'import os\nfrom .base import *\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n',
        },
      ],
    },
    {
      name: "after a module docstring, the import goes below it",
      settings: `"""Settings."""\nSECRET_KEY = 'short'\n`,
      findings: ["2:14"],
      fixes: [
        {
          title: /DJANGO_SECRET_KEY/,
          applicability: "unsafe",
          output: `"""Settings."""\nimport os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n`,
          otherFiles: { ".env.example": SECRET_KEY_ENV_EXAMPLE },
        },
      ],
    },
    {
      name: "None",
      settings: "SECRET_KEY = None\n",
      findings: ["1:14"],
      fixes: [
        {
          title: /DJANGO/,
          applicability: "unsafe",
          output: `import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n`,
          otherFiles: { ".env.example": SECRET_KEY_ENV_EXAMPLE },
        },
      ],
    },
  ],
});
