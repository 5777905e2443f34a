import { checkTable } from "../../helpers/checkTable";

const templates = (options: string, extra = "") =>
  `TEMPLATES = [\n    {\n        "BACKEND": "django.template.backends.django.DjangoTemplates",${extra}\n        "OPTIONS": {${options}},\n    },\n]\n`;
const LOADERS = '"loaders": ["django.template.loaders.filesystem.Loader"]';

checkTable("deploy.I031", {
  valid: [
    { name: "no templates", settings: "DEBUG = False\n" },
    { name: "Django adds the cached loader (4.1+)", settings: `DEBUG = True\n${templates("")}` },
    { name: "3.2 with DEBUG off", settings: `DEBUG = False\n${templates("")}`, djangoVersion: "3.2" },
    {
      name: "explicitly cached",
      settings: templates(
        '"loaders": [("django.template.loaders.cached.Loader", ["django.template.loaders.filesystem.Loader"])]',
      ),
    },
    {
      name: "the cached loader by name",
      settings: templates('"loaders": ["django.template.loaders.cached.Loader"]'),
    },
    {
      name: "a loader that is not known",
      settings: `from myapp import LOADER\n${templates('"loaders": [LOADER]')}`,
    },
    {
      name: "Jinja2 is not Django's engine",
      settings:
        'TEMPLATES = [{"BACKEND": "django.template.backends.jinja2.Jinja2", "OPTIONS": {"loaders": ["x"]}}]\n',
    },
    {
      name: "3.2 with DEBUG read from the environment with no default",
      settings: `import os\nDEBUG = os.environ["DEBUG"] == "1"\n${templates("")}`,
      djangoVersion: "3.2",
    },
    {
      name: "a base value overridden in production",
      module: "mysite.settings.production",
      settings:
        'from .base import *\nTEMPLATES[0]["OPTIONS"]["loaders"] = [("django.template.loaders.cached.Loader", ["django.template.loaders.filesystem.Loader"])]\n',
      files: { "mysite/settings/base.py": templates(LOADERS), "mysite/settings/__init__.py": "" },
    },
    { name: "a development profile", module: "mysite.settings.dev", settings: templates(LOADERS) },
    { name: "silenced", settings: `${templates(LOADERS)}SILENCED_SYSTEM_CHECKS = ["deploy.I031"]\n` },
  ],
  invalid: [
    {
      name: "explicit loaders without the cached one",
      settings: templates(LOADERS),
      findings: ["4:32"],
      message: /^The cached template loader is off: every render reads and compiles its templates\.$/m,
      fixes: [
        {
          title: /Wrap the loaders in the cached loader/,
          applicability: "unsafe",
          output: templates(
            '"loaders": [("django.template.loaders.cached.Loader", ["django.template.loaders.filesystem.Loader"])]',
          ),
        },
      ],
    },
    {
      name: "inherited from a shared module: overridden in production",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: { "mysite/settings/base.py": templates(LOADERS), "mysite/settings/__init__.py": "" },
      findings: ["4:32"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /cached loader/,
          applicability: "unsafe",
          output:
            'from .base import *\n\nTEMPLATES[0]["OPTIONS"]["loaders"] = [("django.template.loaders.cached.Loader", TEMPLATES[0]["OPTIONS"]["loaders"])]\n',
        },
      ],
    },
    {
      name: "3.2 with DEBUG on and no loaders",
      settings: `DEBUG = True\n${templates("")}`,
      djangoVersion: "3.2",
      findings: ["1:9"],
      message: /debug mode/,
    },
    {
      name: "4.0 with the engine's own debug option on",
      settings: `DEBUG = False\n${templates('"debug": True')}`,
      djangoVersion: "4.0",
      findings: ["5:30"],
    },
  ],
});
