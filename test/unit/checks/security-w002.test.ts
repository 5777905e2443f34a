import { checkTable } from "../../helpers/checkTable";

const XFRAME = "django.middleware.clickjacking.XFrameOptionsMiddleware";

checkTable("security.W002", {
  valid: [
    { name: "present", settings: `MIDDLEWARE = ["a.B", "${XFRAME}"]\n` },
    { name: "MIDDLEWARE not known", settings: "import os\nMIDDLEWARE = os.environ['MW'].split(',')\n" },
    { name: "a test profile is not checked", module: "mysite.settings.test", settings: "MIDDLEWARE = []\n" },
  ],
  invalid: [
    {
      name: "appended after the last entry, keeping the trailing comma",
      settings: `MIDDLEWARE = [\n    "a.B",\n    "c.D",\n]\n`,
      findings: ["1:14"],
      message: /X-Frame-Options/,
      fixes: [
        {
          title: /at the end of MIDDLEWARE/,
          applicability: "unsafe",
          output: `MIDDLEWARE = [\n    "a.B",\n    "c.D",\n    "${XFRAME}",\n]\n`,
        },
      ],
    },
    {
      name: "appended to a list without a trailing comma",
      settings: `MIDDLEWARE = [\n    "a.B",\n    "c.D"\n]\n`,
      findings: ["1:14"],
      fixes: [
        {
          title: /at the end/,
          applicability: "unsafe",
          output: `MIDDLEWARE = [\n    "a.B",\n    "c.D",\n    "${XFRAME}"\n]\n`,
        },
      ],
    },
    {
      name: "one line",
      settings: `MIDDLEWARE = ['a.B']\n`,
      findings: ["1:14"],
      fixes: [
        { title: /at the end/, applicability: "unsafe", output: `MIDDLEWARE = ['a.B', '${XFRAME}']\n` },
      ],
    },
    {
      name: "a comment between the entries is kept",
      settings: `MIDDLEWARE = [\n    "a.B",  # first\n    # "x.Y",\n    "c.D",\n]\n`,
      findings: ["1:14"],
      fixes: [
        {
          title: /at the end/,
          applicability: "unsafe",
          output: `MIDDLEWARE = [\n    "a.B",  # first\n    # "x.Y",\n    "c.D",\n    "${XFRAME}",\n]\n`,
        },
      ],
    },
    {
      name: "a list built from another one: the production module appends",
      settings: `BASE = ["a.B"]\nMIDDLEWARE = BASE + ["c.D"]\n`,
      findings: ["2:14"],
      fixes: [
        {
          title: /at the end/,
          applicability: "unsafe",
          output: `BASE = ["a.B"]\nMIDDLEWARE = BASE + ["c.D"]\n\nMIDDLEWARE.append("${XFRAME}")\n`,
        },
      ],
    },
    {
      name: "a tuple from a base module: the production module extends it",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: { "mysite/settings/__init__.py": "", "mysite/settings/base.py": "MIDDLEWARE = ('a.B',)\n" },
      findings: ["1:14"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /at the end/,
          applicability: "unsafe",
          output: `from .base import *\n\nMIDDLEWARE += ("${XFRAME}",)\n`,
        },
      ],
    },
  ],
});
