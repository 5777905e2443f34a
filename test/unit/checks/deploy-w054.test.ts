import { checkTable } from "../../helpers/checkTable";

checkTable("deploy.W054", {
  valid: [
    { name: "Django's defaults (Lax)", settings: "DEBUG = False\n" },
    {
      name: "SameSite=None with Secure",
      settings: 'SESSION_COOKIE_SAMESITE = "None"\nSESSION_COOKIE_SECURE = True\n',
    },
    { name: "Python None (no attribute) is not the string", settings: "SESSION_COOKIE_SAMESITE = None\n" },
    {
      name: "the CSRF token kept in the session (no CSRF cookie)",
      settings: 'CSRF_COOKIE_SAMESITE = "None"\nCSRF_USE_SESSIONS = True\n',
    },
    {
      name: "Secure read from the environment with no default",
      settings:
        'import os\nSESSION_COOKIE_SAMESITE = "None"\nSESSION_COOKIE_SECURE = os.environ["SECURE"] == "1"\n',
    },
    {
      name: "a base value overridden in production",
      module: "mysite.settings.production",
      settings: "from .base import *\nSESSION_COOKIE_SECURE = True\n",
      files: {
        "mysite/settings/base.py": 'SESSION_COOKIE_SAMESITE = "None"\n',
        "mysite/settings/__init__.py": "",
      },
    },
    {
      name: "a development profile",
      module: "mysite.settings.dev",
      settings: 'SESSION_COOKIE_SAMESITE = "None"\n',
    },
    {
      name: "silenced",
      settings: 'SESSION_COOKIE_SAMESITE = "None"\nSILENCED_SYSTEM_CHECKS = ["deploy.W054"]\n',
    },
  ],
  invalid: [
    {
      name: "session cookie in production.py (safe: the flag added)",
      module: "mysite.settings.production",
      settings: 'SESSION_COOKIE_SAMESITE = "None"\n',
      findings: ["1:27"],
      message: /^The session cookie has SameSite=None without Secure: browsers reject it\.$/m,
      fixes: [
        {
          title: /^Set SESSION_COOKIE_SECURE = True$/,
          applicability: "safe",
          output: 'SESSION_COOKIE_SAMESITE = "None"\n\nSESSION_COOKIE_SECURE = True\n',
        },
      ],
    },
    {
      name: "CSRF cookie, lowercase none, flag written False in a lone settings.py (unsafe)",
      settings: "CSRF_COOKIE_SAMESITE = 'none'\nCSRF_COOKIE_SECURE = False\n",
      findings: ["1:24"],
      message: /CSRF cookie/,
      fixes: [
        {
          title: /CSRF_COOKIE_SECURE = True/,
          applicability: "unsafe",
          output: "CSRF_COOKIE_SAMESITE = 'none'\nCSRF_COOKIE_SECURE = True\n",
        },
      ],
    },
    {
      name: "from the environment with a default of None (no fix on the flag's environment read)",
      settings:
        'import environ\nenv = environ.Env()\nSESSION_COOKIE_SAMESITE = env("SAMESITE", default="None")\nSESSION_COOKIE_SECURE = env.bool("SECURE", default=False)\n',
      findings: ["3:27"],
      message: /environment variable SAMESITE/,
    },
  ],
});
