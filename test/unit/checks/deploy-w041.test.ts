import { checkTable } from "../../helpers/checkTable";

checkTable("deploy.W041", {
  valid: [
    { name: "Django's default (off)", settings: "DEBUG = False\n" },
    { name: "off", settings: "DEBUG_PROPAGATE_EXCEPTIONS = False\n" },
    {
      name: "read from the environment with no default",
      settings: 'import os\nDEBUG_PROPAGATE_EXCEPTIONS = os.environ["PROPAGATE"] == "1"\n',
    },
    {
      name: "read from the environment with a false default",
      settings:
        'import environ\nenv = environ.Env()\nDEBUG_PROPAGATE_EXCEPTIONS = env.bool("PROPAGATE", default=False)\n',
    },
    { name: "not known", settings: "from x import y\nDEBUG_PROPAGATE_EXCEPTIONS = y()\n" },
    {
      name: "a base value overridden in production",
      module: "mysite.settings.production",
      settings: "from .base import *\nDEBUG_PROPAGATE_EXCEPTIONS = False\n",
      files: {
        "mysite/settings/base.py": "DEBUG_PROPAGATE_EXCEPTIONS = True\n",
        "mysite/settings/__init__.py": "",
      },
    },
    {
      name: "a development profile",
      module: "mysite.settings.dev",
      settings: "DEBUG_PROPAGATE_EXCEPTIONS = True\n",
    },
    {
      name: "silenced",
      settings: 'DEBUG_PROPAGATE_EXCEPTIONS = True\nSILENCED_SYSTEM_CHECKS = ["deploy.W041"]\n',
    },
  ],
  invalid: [
    {
      name: "on in a lone settings.py (unsafe: development shares it)",
      settings: "DEBUG_PROPAGATE_EXCEPTIONS = True\n",
      findings: ["1:30"],
      message: /^DEBUG_PROPAGATE_EXCEPTIONS is on: errors bypass Django's 500 page and error logging\.$/m,
      fixes: [
        {
          title: /^Set DEBUG_PROPAGATE_EXCEPTIONS = False$/,
          applicability: "unsafe",
          output: "DEBUG_PROPAGATE_EXCEPTIONS = False\n",
        },
      ],
    },
    {
      name: "on in production.py (safe)",
      module: "mysite.settings.production",
      settings: "DEBUG_PROPAGATE_EXCEPTIONS = 1\n",
      findings: ["1:30"],
      fixes: [{ title: /False/, applicability: "safe", output: "DEBUG_PROPAGATE_EXCEPTIONS = False\n" }],
    },
    {
      name: "inherited from a shared module: overridden in production",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: {
        "mysite/settings/base.py": "DEBUG_PROPAGATE_EXCEPTIONS = True\n",
        "mysite/settings/__init__.py": "",
      },
      findings: ["1:30"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /in the production settings/,
          applicability: "safe",
          output: "from .base import *\n\nDEBUG_PROPAGATE_EXCEPTIONS = False\n",
        },
      ],
    },
    {
      name: "a truthy default read from the environment (no fix: the environment decides)",
      settings: 'import os\nDEBUG_PROPAGATE_EXCEPTIONS = os.environ.get("PROPAGATE", "no")\n',
      findings: ["2:30"],
      message: /environment variable PROPAGATE/,
    },
  ],
});
