import { checkTable } from "../../helpers/checkTable";

const MIDDLEWARE = "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n";
const QUALIFIES = `${MIDDLEWARE}SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n`;

checkTable("deploy.W016", {
  valid: [
    { name: "a header that qualifies", settings: QUALIFIES },
    {
      name: "no preload",
      settings: `${MIDDLEWARE}SECURE_HSTS_SECONDS = 3600\nSECURE_HSTS_PRELOAD = False\n`,
    },
    {
      name: "no HSTS header at all (security.W004's business)",
      settings: `${MIDDLEWARE}SECURE_HSTS_PRELOAD = True\n`,
    },
    {
      name: "no SecurityMiddleware (security.W001's business)",
      settings: "SECURE_HSTS_SECONDS = 3600\nSECURE_HSTS_PRELOAD = True\n",
    },
    {
      name: "seconds from the environment with no default",
      settings: `import environ\nenv = environ.Env()\n${MIDDLEWARE}SECURE_HSTS_SECONDS = env.int('HSTS')\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n`,
    },
    {
      name: "the max-age not known",
      settings: `from .hsts import SECONDS\n${MIDDLEWARE}SECURE_HSTS_SECONDS = SECONDS\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n`,
    },
    {
      name: "a development profile",
      module: "mysite.settings.dev",
      settings: `${MIDDLEWARE}SECURE_HSTS_SECONDS = 60\nSECURE_HSTS_PRELOAD = True\n`,
      files: { "mysite/settings/__init__.py": "" },
    },
    {
      name: "the base's short max-age raised in production",
      module: "mysite.settings.production",
      settings: "from .base import *\nSECURE_HSTS_SECONDS = 31536000\n",
      files: {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": QUALIFIES.replace("31536000", "60"),
      },
    },
    {
      name: "silenced",
      settings: `${QUALIFIES.replace("31536000", "60")}SILENCED_SYSTEM_CHECKS = ['deploy.W016']\n`,
    },
  ],
  invalid: [
    {
      name: "a max-age under a year",
      settings: QUALIFIES.replace("31536000", "3600"),
      findings: ["4:23"],
      message: /preload list refuses[\s\S]*at least 31536000 seconds/,
      fixes: [
        {
          title: /Raise SECURE_HSTS_SECONDS to 31536000/,
          applicability: "unsafe",
          output: `${MIDDLEWARE}# HSTS cannot be withdrawn before it expires, and leaving the preload list takes months:\n# browsers will refuse plain HTTP for this site (and its subdomains) for this long.\nSECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n`,
        },
      ],
    },
    {
      name: "no includeSubDomains (Django's default)",
      settings: `${MIDDLEWARE}SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_PRELOAD = True\n`,
      findings: ["3:23"],
      message: /includeSubDomains/,
      fixes: [
        {
          title: /SECURE_HSTS_INCLUDE_SUBDOMAINS = True/,
          applicability: "unsafe",
          output: `${MIDDLEWARE}SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_PRELOAD = True\n\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\n`,
        },
      ],
    },
    {
      name: "both, with the preload flag from the environment's default",
      settings: `import environ\nenv = environ.Env()\n${MIDDLEWARE}SECURE_HSTS_SECONDS = 60\nSECURE_HSTS_PRELOAD = env.bool('PRELOAD', default=True)\n`,
      findings: ["5:23"],
      fixes: [
        {
          title: /Raise/,
          applicability: "unsafe",
          output: `import environ\nenv = environ.Env()\n${MIDDLEWARE}# HSTS cannot be withdrawn before it expires, and leaving the preload list takes months:\n# browsers will refuse plain HTTP for this site (and its subdomains) for this long.\nSECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_PRELOAD = env.bool('PRELOAD', default=True)\n`,
        },
        {
          title: /SUBDOMAINS/,
          applicability: "unsafe",
          output: `import environ\nenv = environ.Env()\n${MIDDLEWARE}SECURE_HSTS_SECONDS = 60\nSECURE_HSTS_PRELOAD = env.bool('PRELOAD', default=True)\n\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\n`,
        },
      ],
    },
  ],
});
