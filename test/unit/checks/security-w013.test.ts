import { checkTable } from "../../helpers/checkTable";

const APP = 'INSTALLED_APPS = ("django.contrib.sessions",)\n';

checkTable("security.W013", {
  valid: [
    { name: "Django's default is True", settings: APP },
    { name: "1 on 4.0", djangoVersion: "4.0", settings: `${APP}SESSION_COOKIE_HTTPONLY = 1\n` },
    {
      name: "with the middleware: W015",
      settings: `${APP}MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\nSESSION_COOKIE_HTTPONLY = False\n`,
    },
  ],
  invalid: [
    {
      name: "False, app only (HttpOnly fixes are safe)",
      settings: `${APP}SESSION_COOKIE_HTTPONLY = False\n`,
      findings: ["2:27"],
      message: /INSTALLED_APPS but SESSION_COOKIE_HTTPONLY is not True/,
      fixes: [{ title: /True/, applicability: "safe", output: `${APP}SESSION_COOKIE_HTTPONLY = True\n` }],
    },
    {
      name: "1 on 4.1",
      djangoVersion: "4.1",
      settings: `${APP}SESSION_COOKIE_HTTPONLY = 1\n`,
      findings: ["2:27"],
      fixes: [{ title: /True/, applicability: "safe", output: `${APP}SESSION_COOKIE_HTTPONLY = True\n` }],
    },
  ],
});
