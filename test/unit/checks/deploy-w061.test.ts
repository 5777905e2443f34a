import { checkTable } from "../../helpers/checkTable";

const SETTINGS = "DEBUG = False\n";
const wsgi = (module: string, quote = '"') =>
  `import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", ${quote}${module}${quote})\n\napplication = get_wsgi_application()\n`;

checkTable("deploy.W061", {
  valid: [
    {
      name: "the module exists",
      settings: SETTINGS,
      files: { "mysite/__init__.py": "", "mysite/wsgi.py": wsgi("mysite.settings") },
    },
    {
      name: "a settings package",
      settings: SETTINGS,
      module: "config.settings.production",
      files: {
        "config/__init__.py": "",
        "config/settings/__init__.py": "",
        "config/settings/base.py": "",
        "config/wsgi.py": wsgi("config.settings.production"),
      },
    },
    {
      name: "a src layout (the module is under an ancestor of the entry module)",
      settings: SETTINGS,
      files: {
        "src/site/__init__.py": "",
        "src/site/settings.py": "",
        "src/site/wsgi.py": wsgi("site.settings"),
      },
    },
    {
      name: "a file that is no entry module",
      settings: SETTINGS,
      files: {
        "scripts/tool.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "gone.settings")\n',
      },
    },
    {
      name: "silenced",
      settings: `${SETTINGS}SILENCED_SYSTEM_CHECKS = ["deploy.W061"]\n`,
      files: { "mysite/__init__.py": "", "mysite/wsgi.py": wsgi("oldname.settings") },
    },
  ],
  invalid: [
    {
      name: "the project package was renamed",
      settings: SETTINGS,
      files: { "mysite/__init__.py": "", "mysite/wsgi.py": wsgi("oldname.settings") },
      findings: ["5:49"],
      findingFile: "mysite/wsgi.py",
      message: /^wsgi\.py names the settings module oldname\.settings, which does not exist\.$/m,
      fixes: [
        {
          title: /^Use mysite\.settings$/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: { "mysite/wsgi.py": wsgi("mysite.settings") },
        },
      ],
    },
    {
      name: "an assignment in asgi.py, with the production module offered first",
      module: "config.settings.production",
      settings: SETTINGS,
      files: {
        "config/__init__.py": "",
        "config/settings/__init__.py": "",
        "config/settings/local.py": "",
        "config/settings/staging.py": "",
        "config/asgi.py":
          "import os\nfrom django.core.asgi import get_asgi_application\nos.environ['DJANGO_SETTINGS_MODULE'] = 'config.prod'\napplication = get_asgi_application()\n",
      },
      findings: ["3:40"],
      findingFile: "config/asgi.py",
      message: /sets DJANGO_SETTINGS_MODULE to config\.prod/,
      fixes: [
        {
          title: /^Use config\.settings\.production$/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: {
            "config/asgi.py":
              "import os\nfrom django.core.asgi import get_asgi_application\nos.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.production'\napplication = get_asgi_application()\n",
          },
        },
        {
          title: /^Use config\.settings\.staging$/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: {
            "config/asgi.py":
              "import os\nfrom django.core.asgi import get_asgi_application\nos.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.staging'\napplication = get_asgi_application()\n",
          },
        },
      ],
    },
  ],
});
