import { checkTable } from "../../helpers/checkTable";

const AUTH = 'INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes"]\n';
const STANDARD =
  '[\n    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},\n    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},\n    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},\n    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},\n]';

checkTable("deploy.W053", {
  valid: [
    { name: "no auth app", settings: 'INSTALLED_APPS = ["myapp"]\n' },
    { name: "validators set", settings: `${AUTH}AUTH_PASSWORD_VALIDATORS = ${STANDARD}\n` },
    {
      name: "INSTALLED_APPS not known",
      settings: "from x import APPS\nINSTALLED_APPS = APPS\n",
    },
    {
      name: "validators read from elsewhere",
      settings: `${AUTH}from x import VALIDATORS\nAUTH_PASSWORD_VALIDATORS = VALIDATORS\n`,
    },
    {
      name: "a base value overridden in production",
      module: "mysite.settings.production",
      settings: `from .base import *\nAUTH_PASSWORD_VALIDATORS = ${STANDARD}\n`,
      files: {
        "mysite/settings/base.py": `${AUTH}AUTH_PASSWORD_VALIDATORS = []\n`,
        "mysite/settings/__init__.py": "",
      },
    },
    { name: "a development profile", module: "mysite.settings.dev", settings: AUTH },
    { name: "silenced", settings: `${AUTH}SILENCED_SYSTEM_CHECKS = ["deploy.W053"]\n` },
  ],
  invalid: [
    {
      name: "Django's default (empty): the validators added",
      settings: AUTH,
      findings: ["1:19"],
      message: /^No password validators: users may choose any password, however weak\.$/m,
      fixes: [
        {
          title: /four standard password validators/,
          applicability: "unsafe",
          output: `${AUTH}\nAUTH_PASSWORD_VALIDATORS = ${STANDARD}\n`,
        },
      ],
    },
    {
      name: "written empty",
      settings: `${AUTH}AUTH_PASSWORD_VALIDATORS = []\n`,
      findings: ["2:28"],
      fixes: [
        {
          title: /four standard/,
          applicability: "unsafe",
          output: `${AUTH}AUTH_PASSWORD_VALIDATORS = ${STANDARD}\n`,
        },
      ],
    },
    {
      name: "inherited empty from a shared module: set in production",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: {
        "mysite/settings/base.py": `${AUTH}AUTH_PASSWORD_VALIDATORS = []\n`,
        "mysite/settings/__init__.py": "",
      },
      findings: ["2:28"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /four standard/,
          applicability: "unsafe",
          output: `from .base import *\n\nAUTH_PASSWORD_VALIDATORS = ${STANDARD}\n`,
        },
      ],
    },
  ],
});
