import { checkTable } from "../../helpers/checkTable";

const MW = 'MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\n';

checkTable("security.W014", {
  valid: [
    { name: "default", settings: MW },
    { name: "None on nothing", settings: "SESSION_COOKIE_HTTPONLY = None\n" },
  ],
  invalid: [
    {
      name: "None, middleware only",
      settings: `${MW}SESSION_COOKIE_HTTPONLY = None\n`,
      findings: ["2:27"],
      message: /MIDDLEWARE but SESSION_COOKIE_HTTPONLY/,
      fixes: [{ title: /True/, applicability: "safe", output: `${MW}SESSION_COOKIE_HTTPONLY = True\n` }],
    },
  ],
});
