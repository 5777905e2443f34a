import { checkTable } from "../../helpers/checkTable";

const BASE = "from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\n";

checkTable("deploy.W015", {
  valid: [
    {
      name: "separate directories and URLs",
      settings: `${BASE}MEDIA_ROOT = BASE_DIR / 'media'\nSTATIC_ROOT = BASE_DIR / 'staticfiles'\nMEDIA_URL = '/media/'\nSTATIC_URL = '/static/'\n`,
    },
    { name: "Django's defaults (MEDIA_ROOT and MEDIA_URL empty)", settings: "STATIC_URL = '/static/'\n" },
    {
      name: "a relative and an absolute path cannot be compared",
      settings: "MEDIA_ROOT = 'media'\nSTATIC_ROOT = '/srv/media/static'\n",
    },
    {
      name: "MEDIA_ROOT from the environment with no default",
      settings: `import os\n${BASE}MEDIA_ROOT = os.environ['MEDIA_ROOT']\nSTATIC_ROOT = BASE_DIR / 'static'\n`,
    },
    {
      name: "not known",
      settings: "from .paths import MEDIA\nMEDIA_ROOT = MEDIA\nSTATIC_ROOT = '/srv/static'\n",
    },
    {
      name: "a development profile",
      module: "mysite.settings.dev",
      settings: "MEDIA_ROOT = '/srv/site'\nSTATIC_ROOT = '/srv/site'\n",
      files: { "mysite/settings/__init__.py": "" },
    },
    {
      name: "the base's shared directory overridden in production",
      module: "mysite.settings.production",
      settings: "from .base import *\nMEDIA_ROOT = '/srv/media'\n",
      files: {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": "MEDIA_ROOT = '/srv/site'\nSTATIC_ROOT = '/srv/site'\n",
      },
    },
    {
      name: "silenced",
      settings:
        "MEDIA_ROOT = '/srv/site'\nSTATIC_ROOT = '/srv/site'\nSILENCED_SYSTEM_CHECKS = ['deploy.W015']\n",
    },
  ],
  invalid: [
    {
      name: "the same directory",
      settings: `${BASE}MEDIA_ROOT = BASE_DIR / 'public'\nSTATIC_ROOT = str(BASE_DIR / 'public')\n`,
      findings: ["3:14"],
      message: /MEDIA_ROOT and STATIC_ROOT are the same directory/,
    },
    {
      name: "uploads inside the collected static files",
      settings: "MEDIA_ROOT = '/srv/static/uploads/'\nSTATIC_ROOT = '/srv/static'\n",
      findings: ["1:14"],
      message: /MEDIA_ROOT is inside STATIC_ROOT/,
    },
    {
      name: "static files collected inside the uploads",
      settings: "MEDIA_ROOT = 'public'\nSTATIC_ROOT = 'public/static'\n",
      findings: ["1:14"],
      message: /STATIC_ROOT is inside MEDIA_ROOT/,
    },
    {
      name: "the same URL",
      settings: "MEDIA_URL = '/assets/'\nSTATIC_URL = '/assets/'\n",
      findings: ["1:13"],
      message: /MEDIA_URL and STATIC_URL are the same URL/,
    },
    {
      name: "inherited from the base",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": "MEDIA_ROOT = '/srv/site'\nSTATIC_ROOT = '/srv/site'\n",
      },
      findings: ["1:14"],
      findingFile: "mysite/settings/base.py",
    },
    {
      name: "the environment's default",
      settings:
        "import os\nMEDIA_ROOT = os.environ.get('MEDIA_ROOT', '/srv/site')\nSTATIC_ROOT = '/srv/site'\n",
      findings: ["2:14"],
      message: /default '\/srv\/site'/,
    },
  ],
});
