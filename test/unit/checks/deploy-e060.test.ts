import { checkTable } from "../../helpers/checkTable";

const SETTINGS = 'WSGI_APPLICATION = "mysite.wsgi.application"\n';
const WSGI =
  'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n\n';

checkTable("deploy.E060", {
  valid: [
    {
      name: "startproject's wsgi.py",
      settings: SETTINGS,
      files: { "mysite/wsgi.py": `${WSGI}application = get_wsgi_application()\n` },
    },
    {
      name: "wrapped in middleware, still named application",
      settings: SETTINGS,
      files: {
        "mysite/wsgi.py": `${WSGI}from whitenoise import WhiteNoise\napplication = WhiteNoise(get_wsgi_application())\n`,
      },
    },
    {
      name: "another name that the server configuration gives",
      settings: SETTINGS,
      files: {
        "mysite/wsgi.py": `${WSGI}app = get_wsgi_application()\n`,
        Procfile: "web: gunicorn mysite.wsgi:app\n",
      },
    },
    {
      name: "a star import may bind it",
      settings: SETTINGS,
      files: { "mysite/wsgi.py": `${WSGI}from mysite.handlers import *\n_app = get_wsgi_application()\n` },
    },
    {
      name: "defined as a function",
      settings: SETTINGS,
      files: {
        "mysite/asgi.py":
          "from django.core.asgi import get_asgi_application\n_django = get_asgi_application()\n\nasync def application(scope, receive, send):\n    await _django(scope, receive, send)\n",
      },
    },
    {
      name: "a module that is no entry module (no call, nothing names it)",
      settings: SETTINGS,
      files: { "docs/wsgi_notes.py": "x = 1\n" },
    },
    {
      name: "silenced",
      settings: `${SETTINGS}SILENCED_SYSTEM_CHECKS = ["deploy.E060"]\n`,
      files: { "mysite/wsgi.py": `${WSGI}app = get_wsgi_application()\n` },
    },
  ],
  invalid: [
    {
      name: "assigned to another name: bound to application too",
      settings: SETTINGS,
      files: { "mysite/wsgi.py": `${WSGI}app = get_wsgi_application()\n# the end\n` },
      findings: ["7:1"],
      findingFile: "mysite/wsgi.py",
      message: /^wsgi\.py defines no module-level application: the server cannot load the site\.$/m,
      fixes: [
        {
          title: /Add application = app/,
          applicability: "safe",
          output: SETTINGS,
          otherFiles: {
            "mysite/wsgi.py": `${WSGI}app = get_wsgi_application()\napplication = app\n# the end\n`,
          },
        },
      ],
    },
    {
      name: "the name gunicorn's configuration gives is missing",
      settings: SETTINGS,
      files: {
        "mysite/asgi.py":
          "from django.core.asgi import get_asgi_application\napplication = get_asgi_application()\n",
        "gunicorn.conf.py": 'wsgi_app = "mysite.asgi:app"\nworker_class = "uvicorn.workers.UvicornWorker"\n',
      },
      findings: ["2:1"],
      findingFile: "mysite/asgi.py",
      message: /wsgi_app in gunicorn\.conf\.py/,
      fixes: [
        {
          title: /Add app = application/,
          applicability: "safe",
          output: SETTINGS,
          otherFiles: {
            "mysite/asgi.py":
              "from django.core.asgi import get_asgi_application\napplication = get_asgi_application()\napp = application\n",
          },
        },
      ],
    },
    {
      name: "a module the Procfile names, with no application at all",
      settings: SETTINGS,
      files: {
        "mysite/wsgi.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
        Procfile: "web: gunicorn mysite.wsgi --log-file -\n",
      },
      findings: ["1:1"],
      findingFile: "mysite/wsgi.py",
      fixes: [
        {
          title: /Add application = get_wsgi_application\(\)/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: {
            "mysite/wsgi.py":
              'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n\nfrom django.core.wsgi import get_wsgi_application\n\napplication = get_wsgi_application()\n',
          },
        },
      ],
    },
  ],
});
