import { checkTable } from "../../helpers/checkTable";

const APP = 'INSTALLED_APPS = ["django.contrib.sessions"]\n';
const MW = 'MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\n';

checkTable("security.W010", {
  valid: [
    { name: "secure", settings: `${APP}SESSION_COOKIE_SECURE = True\n` },
    { name: "app and middleware: W012 instead", settings: `${APP}${MW}` },
    { name: "middleware only: W011 instead", settings: MW },
    { name: "neither", settings: "INSTALLED_APPS = []\n" },
    {
      name: "the AppConfig path does not count as the app",
      settings: 'INSTALLED_APPS = ["django.contrib.sessions.apps.SessionsConfig"]\n',
    },
    { name: "1 passes on 3.2", djangoVersion: "3.2", settings: `${APP}SESSION_COOKIE_SECURE = 1\n` },
    { name: "1 passes on 4.0", djangoVersion: "4.0", settings: `${APP}SESSION_COOKIE_SECURE = 1\n` },
    {
      name: "middleware not known: W010 or W012, cannot tell",
      settings: `from x import MIDDLEWARE\n${APP}`,
    },
  ],
  invalid: [
    {
      name: "app without middleware, flag not set (unsafe fix in a shared settings.py)",
      settings: APP,
      findings: ["1:19"],
      message: /'django.contrib.sessions' is in INSTALLED_APPS but SESSION_COOKIE_SECURE is not True/,
      fixes: [
        {
          title: /SESSION_COOKIE_SECURE = True/,
          applicability: "unsafe",
          output: `${APP}\nSESSION_COOKIE_SECURE = True\n`,
        },
      ],
    },
    {
      name: "safe in a module dedicated to production",
      module: "mysite.settings.production",
      settings: `${APP}SESSION_COOKIE_SECURE = False\n`,
      findings: ["2:25"],
      fixes: [{ title: /True/, applicability: "safe", output: `${APP}SESSION_COOKIE_SECURE = True\n` }],
    },
    {
      name: "1 fails from 4.1 (identity); the fix is safe since the flag is already sent",
      djangoVersion: "4.1",
      settings: `${APP}SESSION_COOKIE_SECURE = 1\n`,
      findings: ["2:25"],
      fixes: [{ title: /True/, applicability: "safe", output: `${APP}SESSION_COOKIE_SECURE = True\n` }],
    },
  ],
});
