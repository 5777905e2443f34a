import { checkTable } from "../../helpers/checkTable";

checkTable("urls.E006", {
  valid: [
    { name: "slashes", settings: "STATIC_URL = '/static/'\nMEDIA_URL = 'media/'\n" },
    { name: "empty becomes '/' with the script prefix", settings: "MEDIA_URL = ''\n" },
    { name: "None (Django's default for STATIC_URL)", settings: "STATIC_URL = None\n" },
    { name: "not known", settings: "import os\nSTATIC_URL = os.environ['STATIC_URL']\n" },
  ],
  invalid: [
    {
      name: "no slash",
      settings: "STATIC_URL = '/static'\n",
      findings: ["1:14"],
      message: /STATIC_URL does not end with a slash/,
      fixes: [{ title: /slash/, applicability: "safe", output: "STATIC_URL = '/static/'\n" }],
    },
    {
      name: "a relative value and a URL: one error each",
      settings: 'STATIC_URL = "https://cdn.example.com/static"\nMEDIA_URL = "media"\n',
      findings: ["1:14", "2:13"],
      fixes: [
        {
          title: /slash/,
          applicability: "safe",
          output: 'STATIC_URL = "https://cdn.example.com/static/"\nMEDIA_URL = "media"\n',
        },
      ],
    },
    {
      name: "from a base module: the corrected value goes to production",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: { "mysite/settings/__init__.py": "", "mysite/settings/base.py": "STATIC_URL = 'static'\n" },
      findings: ["1:14"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        { title: /slash/, applicability: "safe", output: "from .base import *\n\nSTATIC_URL = 'static/'\n" },
      ],
    },
    {
      name: "an f-string is not edited",
      settings: "PREFIX = '/s'\nSTATIC_URL = f'{PREFIX}/static'\n",
      findings: ["2:14"],
    },
  ],
});
