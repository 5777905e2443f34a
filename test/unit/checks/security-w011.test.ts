import { checkTable } from "../../helpers/checkTable";

const MW = 'MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\n';

checkTable("security.W011", {
  valid: [
    { name: "secure", settings: `${MW}SESSION_COOKIE_SECURE = True\n` },
    { name: "with the app: W012", settings: `INSTALLED_APPS = ["django.contrib.sessions"]\n${MW}` },
    {
      name: "a subclass of the middleware does not count",
      settings: 'MIDDLEWARE = ["my.SessionMiddleware"]\n',
    },
    { name: "1 on 4.0", djangoVersion: "4.0", settings: `${MW}SESSION_COOKIE_SECURE = 1\n` },
  ],
  invalid: [
    {
      name: "middleware only",
      settings: `${MW}SESSION_COOKIE_SECURE = False\n`,
      findings: ["2:25"],
      message: /SessionMiddleware' is in MIDDLEWARE but SESSION_COOKIE_SECURE/,
      fixes: [{ title: /True/, applicability: "unsafe", output: `${MW}SESSION_COOKIE_SECURE = True\n` }],
    },
    {
      name: "1 on 5.2",
      djangoVersion: "5.2",
      settings: `${MW}SESSION_COOKIE_SECURE = 1\n`,
      findings: ["2:25"],
      fixes: [{ title: /True/, applicability: "safe", output: `${MW}SESSION_COOKIE_SECURE = True\n` }],
    },
  ],
});
