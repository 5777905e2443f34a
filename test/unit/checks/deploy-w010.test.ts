import { checkTable } from "../../helpers/checkTable";

const BASE_FILES = { "mysite/settings/__init__.py": "" };

checkTable("deploy.W010", {
  valid: [
    { name: "host names", settings: "ALLOWED_HOSTS = ['example.com', '.example.org']\n" },
    { name: "Django's default (security.W020's business)", settings: "DEBUG = False\n" },
    {
      name: "a wildcard as the environment's default is deploy.W004's business",
      settings: "import os\nALLOWED_HOSTS = os.environ.get('HOSTS', '*').split(',')\n",
    },
    {
      name: "read from the environment with no default",
      settings: "import environ\nenv = environ.Env()\nALLOWED_HOSTS = env.list('ALLOWED_HOSTS')\n",
    },
    { name: "not known", settings: "from .hosts import HOSTS\nALLOWED_HOSTS = HOSTS\n" },
    {
      name: "a development profile",
      module: "mysite.settings.dev",
      settings: "ALLOWED_HOSTS = ['*']\n",
      files: BASE_FILES,
    },
    {
      name: "the base's wildcard overridden in production",
      module: "mysite.settings.production",
      settings: "from .base import *\nALLOWED_HOSTS = ['example.com']\n",
      files: { ...BASE_FILES, "mysite/settings/base.py": "ALLOWED_HOSTS = ['*']\n" },
    },
    {
      name: "silenced",
      settings: "ALLOWED_HOSTS = ['*']\nSILENCED_SYSTEM_CHECKS = ['deploy.W010']\n",
    },
  ],
  invalid: [
    {
      name: "the only entry: replaced by a placeholder",
      settings: "ALLOWED_HOSTS = ['*']\n",
      findings: ["1:18"],
      message: /any host name/,
      fixes: [
        {
          title: /placeholder/,
          applicability: "unsafe",
          output: "ALLOWED_HOSTS = ['<your host name>']\n",
        },
      ],
    },
    {
      name: "beside real host names: removed",
      settings: 'ALLOWED_HOSTS = ["example.com", "*"]\n',
      findings: ["1:33"],
      fixes: [{ title: /Remove/, applicability: "unsafe", output: 'ALLOWED_HOSTS = ["example.com"]\n' }],
    },
    {
      name: "first of several: removed with its comma",
      settings: 'ALLOWED_HOSTS = ["*", "example.com", "example.org"]\n',
      findings: ["1:18"],
      fixes: [
        {
          title: /Remove/,
          applicability: "unsafe",
          output: 'ALLOWED_HOSTS = ["example.com", "example.org"]\n',
        },
      ],
    },
    {
      name: "a tuple left with one entry is rewritten as a list",
      settings: 'ALLOWED_HOSTS = ("*", "example.com")\n',
      findings: ["1:18"],
      fixes: [{ title: /without/, applicability: "unsafe", output: 'ALLOWED_HOSTS = ["example.com"]\n' }],
    },
    {
      name: "on a line of its own: the line goes",
      settings: 'ALLOWED_HOSTS = [\n    "example.com",\n    "*",  # for now\n    "example.org",\n]\n',
      findings: ["3:5"],
      fixes: [
        {
          title: /Remove/,
          applicability: "unsafe",
          output: 'ALLOWED_HOSTS = [\n    "example.com",\n    "example.org",\n]\n',
        },
      ],
    },
    {
      name: "inherited from the base: overridden in production with the other names",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: { ...BASE_FILES, "mysite/settings/base.py": "ALLOWED_HOSTS = ['example.com', '*']\n" },
      findings: ["1:33"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /without/,
          applicability: "unsafe",
          output: 'from .base import *\n\nALLOWED_HOSTS = ["example.com"]\n',
        },
      ],
    },
    {
      name: "added in place",
      settings: "ALLOWED_HOSTS = []\nALLOWED_HOSTS.append('*')\n",
      findings: ["2:22"],
      fixes: [
        {
          title: /placeholder/,
          applicability: "unsafe",
          output: "ALLOWED_HOSTS = []\nALLOWED_HOSTS.append('<your host name>')\n",
        },
      ],
    },
  ],
});
