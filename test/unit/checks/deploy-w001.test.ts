import { checkTable } from "../../helpers/checkTable";

const STRONG = "k7#Qz!p2@Lm9$Vx4^Tb8&Hn3*Wd6(Rf1)Yg5-Js0_Kc=Ue+Oa7";

/** What the fix documents in .env.example in a settings module development runs too. */
const SECRET_KEY_ENV_EXAMPLE =
  "# Required everywhere, development too: a long random value, never the production key.\nDJANGO_SECRET_KEY=\n";

checkTable("deploy.W001", {
  valid: [
    {
      name: "read from the environment",
      settings: "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
    },
    {
      name: "a literal fallback is deploy.W002's business",
      settings: "import os\nSECRET_KEY = os.environ.get('K', 'fallback')\n",
    },
    { name: "read from a file", settings: "SECRET_KEY = open('/run/secrets/key').read().strip()\n" },
    { name: "not set (security.W009's business)", settings: "DEBUG = False\n" },
    {
      name: "a weak literal is security.W009's, with the same fix (one diagnostic, not two)",
      settings: "SECRET_KEY = 'django-insecure-abc'\n",
    },
    {
      name: "a development module is not a production profile",
      module: "mysite.settings.local",
      settings: `SECRET_KEY = '${STRONG}'\n`,
    },
  ],
  invalid: [
    {
      name: "a strong literal is still in version control",
      settings: `import os\n\nSECRET_KEY = '${STRONG}'\n`,
      findings: ["3:14"],
      message: /written in the settings, so it is in version control/,
      fixes: [
        {
          title: /DJANGO_SECRET_KEY/,
          applicability: "unsafe",
          output: `import os\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n`,
          otherFiles: { ".env.example": SECRET_KEY_ENV_EXAMPLE },
        },
      ],
    },
    {
      name: "python-decouple style",
      settings: `from decouple import config\nSECRET_KEY = '${STRONG}'\n`,
      findings: ["2:14"],
      fixes: [
        {
          title: /DJANGO_SECRET_KEY/,
          applicability: "unsafe",
          output: `from decouple import config\nSECRET_KEY = config("DJANGO_SECRET_KEY")\n`,
          otherFiles: { ".env.example": SECRET_KEY_ENV_EXAMPLE },
        },
      ],
    },
    {
      name: "import os under another name",
      settings: `import os as operating_system\nSECRET_KEY = "${STRONG}"\n`,
      findings: ["2:14"],
      fixes: [
        {
          title: /DJANGO_SECRET_KEY/,
          applicability: "unsafe",
          output: `import os as operating_system\nSECRET_KEY = operating_system.environ["DJANGO_SECRET_KEY"]\n`,
          otherFiles: { ".env.example": SECRET_KEY_ENV_EXAMPLE },
        },
      ],
    },
  ],
});
