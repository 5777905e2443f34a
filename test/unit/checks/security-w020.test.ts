import { checkTable } from "../../helpers/checkTable";

/** What the fix that reads the hosts from the environment documents in .env.example, next to manage.py. */
const ENV_EXAMPLE = "# The host names the site answers to.\nDJANGO_ALLOWED_HOSTS=localhost,127.0.0.1\n";

checkTable("security.W020", {
  valid: [
    { name: "a host", settings: "ALLOWED_HOSTS = ['example.com']\n" },
    { name: "the wildcard (deploy.W010's business)", settings: "ALLOWED_HOSTS = ['*']\n" },
    {
      name: "from the environment, split: [''] is not empty",
      settings: "import os\nALLOWED_HOSTS = os.environ.get('HOSTS', '').split(',')\n",
    },
    {
      name: "required from the environment",
      settings: "import os\nALLOWED_HOSTS = os.environ['HOSTS'].split(',')\n",
    },
    { name: "appended to later", settings: "ALLOWED_HOSTS = []\nALLOWED_HOSTS.append('example.com')\n" },
  ],
  invalid: [
    {
      name: "an empty list",
      settings: "ALLOWED_HOSTS = []\n",
      findings: ["1:17"],
      fixes: [
        { title: /placeholder/, applicability: "unsafe", output: 'ALLOWED_HOSTS = ["<your host name>"]\n' },
        {
          title: /Read ALLOWED_HOSTS from the environment variable DJANGO_ALLOWED_HOSTS/,
          applicability: "unsafe",
          output: 'import os\nALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")\n',
          otherFiles: { ".env.example": ENV_EXAMPLE },
        },
      ],
    },
    {
      name: "an empty tuple",
      settings: "ALLOWED_HOSTS = ()\n",
      findings: ["1:17"],
      fixes: [
        { title: /placeholder/, applicability: "unsafe", output: 'ALLOWED_HOSTS = ["<your host name>"]\n' },
        {
          title: /Read ALLOWED_HOSTS from the environment variable DJANGO_ALLOWED_HOSTS/,
          applicability: "unsafe",
          output: 'import os\nALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")\n',
          otherFiles: { ".env.example": ENV_EXAMPLE },
        },
      ],
    },
    {
      name: "not set: Django's default is empty",
      settings: "DEBUG = False\n",
      findings: ["1:1"],
      fixes: [
        {
          title: /placeholder/,
          applicability: "unsafe",
          output: 'DEBUG = False\n\nALLOWED_HOSTS = ["<your host name>"]\n',
        },
        {
          title: /Read ALLOWED_HOSTS from the environment variable DJANGO_ALLOWED_HOSTS/,
          applicability: "unsafe",
          output:
            'import os\nDEBUG = False\n\nALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")\n',
          otherFiles: { ".env.example": ENV_EXAMPLE },
        },
      ],
    },
    {
      name: "inherited from a base module: the fix overrides it in the production module",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: { "mysite/settings/__init__.py": "", "mysite/settings/base.py": "ALLOWED_HOSTS = []\n" },
      findings: ["1:17"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /placeholder/,
          applicability: "unsafe",
          output: 'from .base import *\n\nALLOWED_HOSTS = ["<your host name>"]\n',
        },
        {
          title: /Read ALLOWED_HOSTS from the environment variable DJANGO_ALLOWED_HOSTS/,
          applicability: "unsafe",
          output:
            'import os\nfrom .base import *\n\nALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")\n',
        },
      ],
    },
    {
      name: "emptied by a decouple Csv default",
      settings: "from decouple import config, Csv\nALLOWED_HOSTS = config('HOSTS', default='', cast=Csv())\n",
      findings: ["2:17"],
      message: /HOSTS/,
    },
  ],
});
