import { checkTable } from "../../helpers/checkTable";

const WSGI =
  'import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\napplication = get_wsgi_application()\n';

checkTable("deploy.W063", {
  valid: [
    { name: "Django's default (None)", settings: "DEBUG = False\n" },
    {
      name: "names startproject's wsgi.py",
      settings: 'WSGI_APPLICATION = "mysite.wsgi.application"\n',
      files: { "mysite/__init__.py": "", "mysite/wsgi.py": WSGI },
    },
    {
      name: "a module that may bind the name through a star import",
      settings: 'WSGI_APPLICATION = "mysite.server.app"\n',
      files: { "mysite/__init__.py": "", "mysite/server.py": "from mysite.handlers import *\n" },
    },
    {
      name: "a wsgi.py without application is deploy.E060's",
      settings: 'WSGI_APPLICATION = "mysite.wsgi.application"\n',
      files: {
        "mysite/__init__.py": "",
        "mysite/wsgi.py": "from django.core.wsgi import get_wsgi_application\napp = get_wsgi_application()\n",
      },
    },
    {
      name: "read from the environment with no default",
      settings: 'import os\nWSGI_APPLICATION = os.environ["WSGI_APP"]\n',
    },
    {
      name: "a base value overridden in production",
      module: "mysite.settings.production",
      settings: 'from .base import *\nWSGI_APPLICATION = "mysite.wsgi.application"\n',
      files: {
        "mysite/__init__.py": "",
        "mysite/wsgi.py": WSGI,
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": 'WSGI_APPLICATION = "oldname.wsgi.application"\n',
      },
    },
    {
      name: "silenced",
      settings: 'WSGI_APPLICATION = "oldname.wsgi.application"\nSILENCED_SYSTEM_CHECKS = ["deploy.W063"]\n',
    },
  ],
  invalid: [
    {
      name: "the module does not exist: the entry modules found offered",
      settings: 'WSGI_APPLICATION = "oldname.wsgi.application"\n',
      files: { "mysite/__init__.py": "", "mysite/wsgi.py": WSGI },
      findings: ["1:20"],
      message: /^WSGI_APPLICATION names oldname\.wsgi\.application, which does not exist\.$/m,
      fixes: [
        {
          title: /^Use mysite\.wsgi\.application$/,
          applicability: "unsafe",
          output: 'WSGI_APPLICATION = "mysite.wsgi.application"\n',
        },
      ],
    },
    {
      name: "the attribute does not exist",
      settings: "WSGI_APPLICATION = 'mysite.wsgi.app'\n",
      files: { "mysite/__init__.py": "", "mysite/wsgi.py": WSGI },
      findings: ["1:20"],
      message: /mysite\.wsgi defines no module-level app/,
      fixes: [
        {
          title: /^Use mysite\.wsgi\.application$/,
          applicability: "unsafe",
          output: "WSGI_APPLICATION = 'mysite.wsgi.application'\n",
        },
      ],
    },
  ],
});
