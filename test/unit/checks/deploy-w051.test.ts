import { checkTable } from "../../helpers/checkTable";

const templates = (options: string) =>
  `TEMPLATES = [\n    {\n        "BACKEND": "django.template.backends.django.DjangoTemplates",\n        "OPTIONS": {\n${options}        },\n    },\n]\n`;
const OFF = '            "context_processors": [],\n            "autoescape": False,\n';

checkTable("deploy.W051", {
  valid: [
    { name: "no option (on by default)", settings: templates('            "context_processors": [],\n') },
    { name: "explicitly on", settings: templates('            "autoescape": True,\n') },
    {
      name: "Jinja2's select_autoescape (not known)",
      settings:
        'from jinja2 import select_autoescape\nTEMPLATES = [{"BACKEND": "django.template.backends.jinja2.Jinja2", "OPTIONS": {"autoescape": select_autoescape()}}]\n',
    },
    {
      name: "read from the environment with no default",
      settings: `import os\n${templates('            "autoescape": os.environ["AUTOESCAPE"] == "1",\n')}`,
    },
    {
      name: "a base value overridden in production",
      module: "mysite.settings.production",
      settings: 'from .base import *\nTEMPLATES[0]["OPTIONS"]["autoescape"] = True\n',
      files: { "mysite/settings/base.py": templates(OFF), "mysite/settings/__init__.py": "" },
    },
    { name: "a development profile", module: "mysite.settings.dev", settings: templates(OFF) },
    { name: "silenced", settings: `${templates(OFF)}SILENCED_SYSTEM_CHECKS = ["deploy.W051"]\n` },
  ],
  invalid: [
    {
      name: "turned off (the option removed)",
      settings: templates(OFF),
      findings: ["6:27"],
      message: /^Template auto-escaping is off: variables are rendered as raw HTML \(XSS\)\.$/m,
      fixes: [
        {
          title: /Remove the autoescape option/,
          applicability: "unsafe",
          output: templates('            "context_processors": [],\n'),
        },
      ],
    },
    {
      name: "Jinja2 with autoescape off, on one line",
      settings:
        'TEMPLATES = [{"BACKEND": "django.template.backends.jinja2.Jinja2", "OPTIONS": {"environment": "x.env", "autoescape": False}}]\n',
      findings: ["1:118"],
      fixes: [
        {
          title: /Remove/,
          applicability: "unsafe",
          output:
            'TEMPLATES = [{"BACKEND": "django.template.backends.jinja2.Jinja2", "OPTIONS": {"environment": "x.env"}}]\n',
        },
      ],
    },
    {
      name: "inherited from a shared module: turned back on in production",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: { "mysite/settings/base.py": templates(OFF), "mysite/settings/__init__.py": "" },
      findings: ["6:27"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /in the production settings/,
          applicability: "unsafe",
          output: 'from .base import *\n\nTEMPLATES[0]["OPTIONS"]["autoescape"] = True\n',
        },
      ],
    },
  ],
});
