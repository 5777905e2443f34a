import { checkTable } from "../../helpers/checkTable";

const BOTH =
  'INSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\n';

checkTable("security.W012", {
  valid: [
    { name: "secure", settings: `${BOTH}SESSION_COOKIE_SECURE = True\n` },
    { name: "1 on 3.2", djangoVersion: "3.2", settings: `${BOTH}SESSION_COOKIE_SECURE = 1\n` },
    { name: "1 on 4.0", djangoVersion: "4.0", settings: `${BOTH}SESSION_COOKIE_SECURE = 1\n` },
    {
      name: "from the environment with a true default",
      settings: `import environ\nenv = environ.Env()\n${BOTH}SESSION_COOKIE_SECURE = env.bool("SECURE", default=True)\n`,
    },
    {
      name: "app list extended conditionally: cannot tell W010 from W012",
      settings:
        'import os\nINSTALLED_APPS = []\nif os.environ.get("X"):\n    INSTALLED_APPS += ["django.contrib.sessions"]\nMIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\n',
    },
  ],
  invalid: [
    {
      name: "startproject's values",
      settings: BOTH,
      findings: ["2:15"],
      message: /^SESSION_COOKIE_SECURE is not True/,
      fixes: [{ title: /True/, applicability: "unsafe", output: `${BOTH}\nSESSION_COOKIE_SECURE = True\n` }],
    },
    {
      name: "1 on 4.1",
      djangoVersion: "4.1",
      settings: `${BOTH}SESSION_COOKIE_SECURE = 1\n`,
      findings: ["3:25"],
      fixes: [{ title: /True/, applicability: "safe", output: `${BOTH}SESSION_COOKIE_SECURE = True\n` }],
    },
    {
      name: "1 on 6.1",
      djangoVersion: "6.1",
      settings: `${BOTH}SESSION_COOKIE_SECURE = 1\n`,
      findings: ["3:25"],
      fixes: [{ title: /True/, applicability: "safe", output: `${BOTH}SESSION_COOKIE_SECURE = True\n` }],
    },
    {
      name: "0 on 3.2",
      djangoVersion: "3.2",
      settings: `${BOTH}SESSION_COOKIE_SECURE = 0\n`,
      findings: ["3:25"],
      fixes: [{ title: /True/, applicability: "unsafe", output: `${BOTH}SESSION_COOKIE_SECURE = True\n` }],
    },
    {
      name: "from the environment with a false default (no fix: the environment stays in charge)",
      settings: `import os\n${BOTH}SESSION_COOKIE_SECURE = os.environ.get("SECURE", "") == "1"\n`,
      findings: ["4:25"],
      message: /environment variable SECURE/,
    },
  ],
});
