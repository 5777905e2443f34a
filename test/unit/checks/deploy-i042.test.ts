import { checkTable } from "../../helpers/checkTable";

const SETTINGS =
  'from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nROOT_URLCONF = "mysite.urls"\nTEMPLATES = [\n    {\n        "BACKEND": "django.template.backends.django.DjangoTemplates",\n        "DIRS": [BASE_DIR / "templates"],\n        "APP_DIRS": True,\n    },\n]\n';
const PAGES = { "templates/404.html": "<h1>Not found</h1>\n", "templates/500.html": "<h1>Error</h1>\n" };

checkTable("deploy.I042", {
  valid: [
    { name: "both templates in DIRS", settings: SETTINGS, files: PAGES },
    {
      name: "both templates in an app's templates folder",
      settings: SETTINGS,
      files: { "pages/templates/404.html": "x\n", "pages/templates/500.html": "x\n" },
    },
    {
      name: "DIRS not known: the templates anywhere count",
      settings:
        'from myproject.paths import TEMPLATE_DIR\nTEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [TEMPLATE_DIR]}]\n',
      files: { "frontend/pages/404.html": "x\n", "frontend/pages/500.html": "x\n" },
    },
    {
      name: "TEMPLATES not known (a star import the engine cannot follow)",
      settings: "from .missing import *\n",
    },
    {
      name: "DIRS relative to the working directory: the templates anywhere count",
      settings:
        'TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": ["site"]}]\n',
      files: { "site/404.html": "x\n", "site/500.html": "x\n" },
    },
    {
      name: "the root URLconf has its own handlers",
      settings: SETTINGS,
      files: {
        "mysite/urls.py":
          'urlpatterns = []\nhandler404 = "mysite.views.not_found"\nhandler500 = "mysite.views.server_error"\n',
      },
    },
    { name: "a development profile", module: "mysite.settings.dev", settings: SETTINGS },
    { name: "silenced", settings: `${SETTINGS}SILENCED_SYSTEM_CHECKS = ["deploy.I042"]\n` },
  ],
  invalid: [
    {
      name: "neither template",
      settings: SETTINGS,
      findings: ["4:13"],
      message: /^No 404\.html or 500\.html template: visitors get Django's bare default error pages\.$/m,
    },
    {
      name: "only 404.html",
      settings: SETTINGS,
      files: { "templates/404.html": "x\n" },
      findings: ["4:13"],
      message: /^No 500\.html template: visitors get Django's bare default error page\.$/m,
    },
    {
      name: "a 404.html outside the template directories does not count",
      settings: SETTINGS,
      files: { "docs/404.html": "x\n", "templates/500.html": "x\n" },
      findings: ["4:13"],
      message: /^No 404\.html template/m,
    },
    {
      name: "no TEMPLATES at all (the start of the module) and nothing in the workspace",
      settings: "DEBUG = False\n",
      findings: ["1:1"],
    },
  ],
});
