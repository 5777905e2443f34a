import { checkTable } from "../../helpers/checkTable";

/** What the development-friendly fix documents in .env.example (created next to manage.py). */
const ENV_EXAMPLE =
  "# Development only: production leaves it unset, so DEBUG is off there.\nDJANGO_DEBUG=True\n";

checkTable("security.W018", {
  valid: [
    { name: "DEBUG off", settings: "DEBUG = False\n" },
    { name: "DEBUG unset (Django's default is False)", settings: "SECRET_KEY = 'x'\n" },
    { name: "DEBUG = 0", settings: "DEBUG = 0\n" },
    {
      name: "from the environment with a falsy default",
      settings: "import os\nDEBUG = os.environ.get('DEBUG', '') == 'True'\n",
    },
    {
      name: "django-environ bool with a false default",
      settings: "import environ\nenv = environ.Env()\nDEBUG = env.bool('DEBUG', default=False)\n",
    },
    {
      name: "required from the environment (no default)",
      settings: "import os\nDEBUG = os.environ['DEBUG'] == '1'\n",
    },
    { name: "unknown value", settings: "from somewhere import compute\nDEBUG = compute()\n" },
    {
      name: "conditional on a variable production must set: one branch is off",
      settings: "import os\nif os.environ['PROD']:\n    DEBUG = False\nelse:\n    DEBUG = True\n",
    },
    {
      name: "a development profile is not checked",
      module: "mysite.settings.dev",
      settings: "DEBUG = True\n",
    },
    { name: "silenced", settings: "DEBUG = True\nSILENCED_SYSTEM_CHECKS = ['security.W018']\n" },
    {
      name: "silenced by a string: Django's `in` is then a substring test",
      settings: "DEBUG = True\nSILENCED_SYSTEM_CHECKS = 'security.W018,security.W004'\n",
    },
    {
      name: "silenced in every branch",
      settings:
        "import os\nDEBUG = True\nif os.environ.get('X'):\n    SILENCED_SYSTEM_CHECKS = ['security.W018']\nelse:\n    SILENCED_SYSTEM_CHECKS = ['security.W018', 'x']\n",
    },
    {
      name: "star import not in the workspace, inside try",
      settings: "DEBUG = False\ntry:\n    from .local import *\nexcept ImportError:\n    pass\n",
    },
    { name: "overridden by a later assignment", settings: "DEBUG = True\nDEBUG = False\n" },
    // The engine stays silent where it cannot know, and says why (the coverage lists the setting).
    {
      name: "a helper of the project that does I/O",
      settings:
        "def read_flag(path):\n    with open(path) as handle:\n        return handle.read() == 'on'\n\nDEBUG = read_flag('/etc/debug')\n",
    },
    {
      name: "a loop beyond the bound",
      settings: "DEBUG = False\nfor number in range(5000):\n    DEBUG = number % 2 == 0\n",
    },
    {
      name: "a module that writes its names dynamically",
      settings: "import yaml\nglobals().update(yaml.safe_load(open('/etc/settings.yml')))\n",
    },
  ],
  invalid: [
    {
      name: "a variable read with no default and compared: unset, None != 'FALSE' is true",
      settings: "import os\nDEBUG = os.getenv('DJANGO_DEBUG') != 'FALSE'\n",
      findings: ["2:9"],
      message: /environment variable DJANGO_DEBUG; when it is unset in production, the default True applies/,
    },
    {
      name: "a branch decided by a variable's default: the finding says what it assumes",
      settings: "import os\nif os.environ.get('PROD'):\n    DEBUG = False\nelse:\n    DEBUG = True\n",
      findings: ["5:13"],
      message: /This assumes PROD is unset in production/,
      fixes: [
        {
          title: /Set DEBUG = False/,
          applicability: "unsafe",
          output: "import os\nif os.environ.get('PROD'):\n    DEBUG = False\nelse:\n    DEBUG = False\n",
        },
        {
          title: /Read DEBUG from DJANGO_DEBUG, set only in development/,
          applicability: "unsafe",
          output:
            'import os\nif os.environ.get(\'PROD\'):\n    DEBUG = False\nelse:\n    DEBUG = os.environ.get("DJANGO_DEBUG", "") == "True"\n',
          otherFiles: { ".env.example": ENV_EXAMPLE },
        },
      ],
    },
    {
      name: "DEBUG = True in a lone settings.py (fix unsafe: development uses the same file)",
      settings: "DEBUG = True\n",
      findings: ["1:9"],
      message: /DEBUG is on in production/,
      fixes: [
        { title: /Set DEBUG = False/, applicability: "unsafe", output: "DEBUG = False\n" },
        {
          title: /Read DEBUG from DJANGO_DEBUG, set only in development/,
          applicability: "unsafe",
          output: 'import os\nDEBUG = os.environ.get("DJANGO_DEBUG", "") == "True"\n',
          otherFiles: { ".env.example": ENV_EXAMPLE },
        },
      ],
    },
    {
      name: "DEBUG = True in production.py (fix safe)",
      module: "mysite.settings.production",
      settings: "DEBUG = True\n",
      findings: ["1:9"],
      fixes: [{ title: /Set DEBUG = False/, applicability: "safe", output: "DEBUG = False\n" }],
    },
    {
      name: "DEBUG = 1 (truthy)",
      settings: "DEBUG = 1\n",
      findings: ["1:9"],
      fixes: [
        { title: /False/, applicability: "unsafe", output: "DEBUG = False\n" },
        {
          title: /Read DEBUG from DJANGO_DEBUG, set only in development/,
          applicability: "unsafe",
          output: 'import os\nDEBUG = os.environ.get("DJANGO_DEBUG", "") == "True"\n',
          otherFiles: { ".env.example": ENV_EXAMPLE },
        },
      ],
    },
    {
      name: "a string default read from the environment is truthy",
      settings: "import os\nDEBUG = os.environ.get('DJANGO_DEBUG', 'False')\n",
      findings: ["2:9"],
      message:
        /environment variable DJANGO_DEBUG; when it is unset in production, the default 'False' applies/,
    },
    {
      name: "every branch turns it on",
      settings: "import os\nif os.environ['X']:\n    DEBUG = True\nelse:\n    DEBUG = 'yes'\n",
      findings: ["5:13"],
    },
    {
      name: "known condition picks the branch",
      settings: "LOCAL = True\nif LOCAL:\n    DEBUG = True\n",
      findings: ["3:13"],
      fixes: [
        { title: /False/, applicability: "unsafe", output: "LOCAL = True\nif LOCAL:\n    DEBUG = False\n" },
        {
          title: /Read DEBUG from DJANGO_DEBUG, set only in development/,
          applicability: "unsafe",
          output:
            'import os\nLOCAL = True\nif LOCAL:\n    DEBUG = os.environ.get("DJANGO_DEBUG", "") == "True"\n',
          otherFiles: { ".env.example": ENV_EXAMPLE },
        },
      ],
    },
    {
      name: "the star import of a module that exists is followed",
      settings: "from .base import *\n",
      module: "mysite.settings.production",
      files: { "mysite/settings/base.py": "DEBUG = True\n", "mysite/settings/__init__.py": "" },
      findings: ["1:9"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /in the production settings/,
          applicability: "safe",
          output: "from .base import *\n\nDEBUG = False\n",
        },
      ],
    },
  ],
});
