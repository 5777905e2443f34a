import { checkTable } from "../../helpers/checkTable";

const MW = "MIDDLEWARE = ['django.middleware.clickjacking.XFrameOptionsMiddleware']\n";

checkTable("security.W019", {
  valid: [
    { name: "Django's default is 'DENY'", settings: MW },
    { name: "'DENY'", settings: `${MW}X_FRAME_OPTIONS = 'DENY'\n` },
    { name: "no XFrameOptionsMiddleware", settings: "X_FRAME_OPTIONS = 'SAMEORIGIN'\n" },
    {
      name: "from the environment with a DENY default",
      settings: `import os\n${MW}X_FRAME_OPTIONS = os.environ.get('XFO', 'DENY')\n`,
    },
  ],
  invalid: [
    {
      name: "'SAMEORIGIN' (unsafe: the site may frame itself)",
      settings: `${MW}X_FRAME_OPTIONS = 'SAMEORIGIN'\n`,
      findings: ["2:19"],
      message: /not 'DENY'/,
      fixes: [
        {
          title: /X_FRAME_OPTIONS = 'DENY'/,
          applicability: "unsafe",
          output: `${MW}X_FRAME_OPTIONS = 'DENY'\n`,
        },
      ],
    },
    {
      name: "'deny' (case-sensitive comparison; the fix is safe)",
      settings: `${MW}X_FRAME_OPTIONS = "deny"\n`,
      findings: ["2:19"],
      fixes: [{ title: /DENY/, applicability: "safe", output: `${MW}X_FRAME_OPTIONS = "DENY"\n` }],
    },
    {
      name: "set in a base module: the production module overrides",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": `${MW}X_FRAME_OPTIONS = 'ALLOWALL'\n`,
      },
      findings: ["2:19"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        { title: /DENY/, applicability: "safe", output: `from .base import *\n\nX_FRAME_OPTIONS = 'DENY'\n` },
      ],
    },
  ],
});
