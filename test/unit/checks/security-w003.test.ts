import { checkTable } from "../../helpers/checkTable";

const CSRF = "django.middleware.csrf.CsrfViewMiddleware";
const SECURITY = "django.middleware.security.SecurityMiddleware";
const SESSION = "django.contrib.sessions.middleware.SessionMiddleware";
const COMMON = "django.middleware.common.CommonMiddleware";
const AUTH = "django.contrib.auth.middleware.AuthenticationMiddleware";

checkTable("security.W003", {
  valid: [
    { name: "present", settings: `MIDDLEWARE = ["${CSRF}"]\n` },
    { name: "present after +=", settings: `MIDDLEWARE = []\nMIDDLEWARE += ["${CSRF}"]\n` },
    {
      name: "read from the environment without a default",
      settings: "import os\nMIDDLEWARE = os.environ['MIDDLEWARE'].split(',')\n",
    },
  ],
  invalid: [
    {
      name: "inserted after SessionMiddleware and CommonMiddleware, before the authentication middleware",
      settings: `MIDDLEWARE = [\n    "${SECURITY}",\n    "${SESSION}",\n    "${COMMON}",\n    "${AUTH}",\n]\n`,
      findings: ["1:14"],
      message: /cross-site request forgery/,
      fixes: [
        {
          title: /after SessionMiddleware/,
          applicability: "unsafe",
          output: `MIDDLEWARE = [\n    "${SECURITY}",\n    "${SESSION}",\n    "${COMMON}",\n    "${CSRF}",\n    "${AUTH}",\n]\n`,
        },
      ],
    },
    {
      name: "a subclass path does not count; with none of the anchors it goes first",
      settings: `MIDDLEWARE = ["mysite.middleware.Csrf"]\n`,
      findings: ["1:14"],
      fixes: [
        {
          title: /after SessionMiddleware/,
          applicability: "unsafe",
          output: `MIDDLEWARE = ["${CSRF}", "mysite.middleware.Csrf"]\n`,
        },
      ],
    },
    {
      name: "from a base module: inserted by position",
      module: "mysite.settings.prod",
      settings: "from .base import *\nDEBUG = False\n",
      files: {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": `MIDDLEWARE = ["${SECURITY}", "${SESSION}", "${AUTH}"]\n`,
      },
      findings: ["1:14"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /after SessionMiddleware/,
          applicability: "unsafe",
          output: `from .base import *\nDEBUG = False\n\nMIDDLEWARE.insert(2, "${CSRF}")\n`,
        },
      ],
    },
  ],
});
