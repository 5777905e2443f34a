import { checkTable } from "../../helpers/checkTable";

const APPS = "INSTALLED_APPS = ['django.contrib.staticfiles']\n";
const PATH_BASE = "from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\n";

checkTable("deploy.W014", {
  valid: [
    { name: "set", settings: `${PATH_BASE}${APPS}STATIC_ROOT = BASE_DIR / 'staticfiles'\n` },
    { name: "staticfiles not installed", settings: "INSTALLED_APPS = ['django.contrib.auth']\n" },
    {
      name: "static files on S3 (Django 4.2+ STORAGES)",
      djangoVersion: "4.2",
      settings: `${APPS}STORAGES = {'staticfiles': {'BACKEND': 'storages.backends.s3.S3Storage'}}\n`,
    },
    {
      name: "static files on S3 (STATICFILES_STORAGE before 4.2)",
      djangoVersion: "3.2",
      settings: `${APPS}STATICFILES_STORAGE = 'storages.backends.s3boto3.S3StaticStorage'\n`,
    },
    {
      name: "from the environment with no default",
      settings: `import os\n${APPS}STATIC_ROOT = os.environ['STATIC_ROOT']\n`,
    },
    { name: "apps not known", settings: "from .apps import APPS\nINSTALLED_APPS = APPS\n" },
    {
      name: "a development profile",
      module: "mysite.settings.dev",
      settings: APPS,
      files: { "mysite/settings/__init__.py": "" },
    },
    {
      name: "set in the production module over the base",
      module: "mysite.settings.production",
      settings: "from .base import *\nSTATIC_ROOT = '/srv/static'\n",
      files: { "mysite/settings/__init__.py": "", "mysite/settings/base.py": APPS },
    },
    { name: "silenced", settings: `${APPS}SILENCED_SYSTEM_CHECKS = ['deploy.W014']\n` },
  ],
  invalid: [
    {
      name: "not set, with a pathlib base directory",
      settings: `${PATH_BASE}${APPS}`,
      findings: ["3:19"],
      message: /collectstatic/,
      fixes: [
        {
          title: /staticfiles\/ in the project's base directory/,
          applicability: "safe",
          output: `${PATH_BASE}${APPS}\nSTATIC_ROOT = BASE_DIR / "staticfiles"\n`,
        },
      ],
    },
    {
      name: "None written out, with an os.path base directory",
      settings: `import os\nBASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\n${APPS}STATIC_ROOT = None\n`,
      findings: ["4:15"],
      fixes: [
        {
          title: /staticfiles/,
          applicability: "safe",
          output: `import os\nBASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\n${APPS}STATIC_ROOT = os.path.join(BASE_DIR, "staticfiles")\n`,
        },
      ],
    },
    {
      name: "inherited from the base: the production module sets it",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: { "mysite/settings/__init__.py": "", "mysite/settings/base.py": `${PATH_BASE}${APPS}` },
      findings: ["1:1"],
      fixes: [
        {
          title: /staticfiles/,
          applicability: "safe",
          output: 'from .base import *\n\nSTATIC_ROOT = BASE_DIR / "staticfiles"\n',
        },
      ],
    },
    {
      name: "WhiteNoise's storage on Django 5.2",
      settings: `${APPS}STORAGES = {'staticfiles': {'BACKEND': 'whitenoise.storage.CompressedManifestStaticFilesStorage'}}\n`,
      findings: ["1:19"],
    },
    {
      name: "no base directory: no fix",
      settings: APPS,
      findings: ["1:19"],
    },
    {
      name: "the base directory's staticfiles/ is listed in STATICFILES_DIRS: no fix",
      settings: `${PATH_BASE}${APPS}STATICFILES_DIRS = [BASE_DIR / 'staticfiles']\n`,
      findings: ["3:19"],
    },
  ],
});
