import { checkTable } from "../../helpers/checkTable";

const SETTINGS = "DEBUG = False\n";
const PROJECT = {
  "mysite/__init__.py": "",
  "chat/__init__.py": "",
  "chat/routing.py": "from . import consumers\nwebsocket_urlpatterns = []\n",
  "chat/consumers.py": "from .models import Message\n",
  "chat/utils.py": "def helper():\n    return 1\n",
};
const TOP =
  "import os\n\nfrom channels.routing import ProtocolTypeRouter, URLRouter\nfrom django.core.asgi import get_asgi_application\n";
const SETUP =
  'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\ndjango_asgi_app = get_asgi_application()\n';
const ROUTER =
  'application = ProtocolTypeRouter({"http": django_asgi_app, "websocket": URLRouter(websocket_urlpatterns)})\n';

checkTable("deploy.W062", {
  valid: [
    {
      name: "routing imported after the call (Channels' documentation)",
      settings: SETTINGS,
      files: {
        ...PROJECT,
        "mysite/asgi.py": `${TOP}${SETUP}\nfrom chat.routing import websocket_urlpatterns\n\n${ROUTER}`,
      },
    },
    {
      name: "a project module that loads no models",
      settings: SETTINGS,
      files: {
        ...PROJECT,
        "mysite/asgi.py": `${TOP}from chat.utils import helper\n${SETUP}application = django_asgi_app\n`,
      },
    },
    {
      // django.db.models holds fields and aggregates, importable before the app registry is ready.
      name: "a project module that imports only Django's django.db.models",
      settings: SETTINGS,
      files: {
        ...PROJECT,
        "chat/middleware.py": "from django.db.models import Count\nimport django.db.models\n",
        "mysite/asgi.py": `${TOP}import chat.middleware\n${SETUP}application = chat.middleware\n`,
      },
    },
    {
      name: "a WSGI module is not affected the same way",
      settings: SETTINGS,
      files: {
        ...PROJECT,
        "mysite/wsgi.py":
          "from django.core.wsgi import get_wsgi_application\nfrom chat.routing import x\napplication = get_wsgi_application()\n",
      },
    },
    {
      name: "silenced",
      settings: `${SETTINGS}SILENCED_SYSTEM_CHECKS = ["deploy.W062"]\n`,
      files: {
        ...PROJECT,
        "mysite/asgi.py": `${TOP}from chat.routing import websocket_urlpatterns\n${SETUP}${ROUTER}`,
      },
    },
  ],
  invalid: [
    {
      name: "routing imported before the call: moved below it",
      settings: SETTINGS,
      files: {
        ...PROJECT,
        "mysite/asgi.py": `${TOP}from chat.routing import websocket_urlpatterns\n${SETUP}${ROUTER}`,
      },
      findings: ["5:1"],
      findingFile: "mysite/asgi.py",
      message: /^chat\.routing is imported before get_asgi_application\(\): AppRegistryNotReady\.$/m,
      fixes: [
        {
          title: /Move the import below get_asgi_application\(\)/,
          applicability: "safe",
          output: SETTINGS,
          otherFiles: {
            "mysite/asgi.py": `${TOP}${SETUP}from chat.routing import websocket_urlpatterns\n${ROUTER}`,
          },
        },
      ],
    },
    {
      name: "Django's auth models, used before the call (no fix)",
      settings: SETTINGS,
      files: {
        ...PROJECT,
        "mysite/asgi.py": `${TOP}from django.contrib.auth.models import User\nANONYMOUS = User\n${SETUP}application = django_asgi_app\n`,
      },
      findings: ["5:1"],
      findingFile: "mysite/asgi.py",
      message: /django\.contrib\.auth\.models/,
    },
    {
      name: "a project module that imports models itself",
      settings: SETTINGS,
      files: {
        ...PROJECT,
        "chat/middleware.py": "from chat.models import Token\n",
        "mysite/asgi.py": `${TOP}import chat.middleware\n${SETUP}application = chat.middleware\n`,
      },
      findings: ["5:1"],
      findingFile: "mysite/asgi.py",
      fixes: [
        {
          title: /Move/,
          applicability: "safe",
          output: SETTINGS,
          otherFiles: {
            "mysite/asgi.py": `${TOP}${SETUP}import chat.middleware\napplication = chat.middleware\n`,
          },
        },
      ],
    },
  ],
});
