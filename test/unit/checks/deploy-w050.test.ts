import { checkTable } from "../../helpers/checkTable";

const APPS = 'INSTALLED_APPS = [\n    "django.contrib.admin",\n    "debug_toolbar",\n    "myapp",\n]\n';

checkTable("deploy.W050", {
  valid: [
    { name: "no development apps", settings: 'INSTALLED_APPS = ["django.contrib.admin", "myapp"]\n' },
    {
      name: "added only when DEBUG is on (off in production)",
      settings:
        'DEBUG = False\nINSTALLED_APPS = ["myapp"]\nif DEBUG:\n    INSTALLED_APPS += ["debug_toolbar"]\n',
    },
    {
      name: "added when an environment variable says so",
      settings:
        'import os\nINSTALLED_APPS = ["myapp"]\nif os.environ.get("PROFILE"):\n    INSTALLED_APPS += ["silk"]\n',
    },
    {
      name: "a base value overridden in production",
      module: "mysite.settings.production",
      settings: 'from .base import *\nINSTALLED_APPS = ["django.contrib.admin", "myapp"]\n',
      files: { "mysite/settings/base.py": APPS, "mysite/settings/__init__.py": "" },
    },
    { name: "a development profile", module: "mysite.settings.dev", settings: APPS },
    { name: "silenced", settings: `${APPS}SILENCED_SYSTEM_CHECKS = ["deploy.W050"]\n` },
  ],
  invalid: [
    {
      name: "the Debug Toolbar in INSTALLED_APPS",
      settings: APPS,
      findings: ["3:5"],
      message: /^debug_toolbar is a development tool and is active in production\.$/m,
      fixes: [
        {
          title: /Remove debug_toolbar from INSTALLED_APPS/,
          applicability: "unsafe",
          output: 'INSTALLED_APPS = [\n    "django.contrib.admin",\n    "myapp",\n]\n',
        },
      ],
    },
    {
      name: "its middleware and django-extensions by AppConfig, on one line",
      settings:
        "INSTALLED_APPS = ['myapp', 'django_extensions.apps.DjangoExtensionsConfig']\nMIDDLEWARE = ['debug_toolbar.middleware.DebugToolbarMiddleware', 'django.middleware.common.CommonMiddleware']\n",
      findings: ["1:28", "2:15"],
      fixes: [
        {
          title: /Remove django_extensions/,
          applicability: "unsafe",
          output:
            "INSTALLED_APPS = ['myapp']\nMIDDLEWARE = ['debug_toolbar.middleware.DebugToolbarMiddleware', 'django.middleware.common.CommonMiddleware']\n",
        },
      ],
    },
    {
      name: "inherited from a shared module: removed in production",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: { "mysite/settings/base.py": APPS, "mysite/settings/__init__.py": "" },
      findings: ["3:5"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /in the production settings/,
          applicability: "unsafe",
          output: 'from .base import *\n\nINSTALLED_APPS.remove("debug_toolbar")\n',
        },
      ],
    },
    {
      name: "silk added with += (no fix: it is not in the literal)",
      settings: 'INSTALLED_APPS = ["myapp"]\nINSTALLED_APPS += ["silk"]\n',
      findings: ["2:20"],
    },
  ],
});
