import { checkTable } from "../../helpers/checkTable";

const MW = 'MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]\n';

checkTable("security.W016", {
  valid: [
    { name: "secure", settings: `${MW}CSRF_COOKIE_SECURE = True\n` },
    { name: "CSRF_USE_SESSIONS: no cookie of its own", settings: `${MW}CSRF_USE_SESSIONS = True\n` },
    { name: "CSRF_USE_SESSIONS = 1 is truthy, in every version", settings: `${MW}CSRF_USE_SESSIONS = 1\n` },
    { name: "no CSRF middleware: W003's business", settings: "MIDDLEWARE = []\n" },
    { name: "1 on 3.2", djangoVersion: "3.2", settings: `${MW}CSRF_COOKIE_SECURE = 1\n` },
    { name: "1 on 4.0", djangoVersion: "4.0", settings: `${MW}CSRF_COOKIE_SECURE = 1\n` },
  ],
  invalid: [
    {
      name: "not set",
      settings: MW,
      findings: ["1:15"],
      message: /CSRF_COOKIE_SECURE is not True/,
      fixes: [
        {
          title: /CSRF_COOKIE_SECURE = True/,
          applicability: "unsafe",
          output: `${MW}\nCSRF_COOKIE_SECURE = True\n`,
        },
      ],
    },
    {
      name: "safe in production.py",
      module: "mysite.settings.production",
      settings: `${MW}CSRF_COOKIE_SECURE = False\n`,
      findings: ["2:22"],
      fixes: [{ title: /True/, applicability: "safe", output: `${MW}CSRF_COOKIE_SECURE = True\n` }],
    },
    {
      name: "1 on 4.1",
      djangoVersion: "4.1",
      settings: `${MW}CSRF_COOKIE_SECURE = 1\n`,
      findings: ["2:22"],
      fixes: [{ title: /True/, applicability: "safe", output: `${MW}CSRF_COOKIE_SECURE = True\n` }],
    },
  ],
});
