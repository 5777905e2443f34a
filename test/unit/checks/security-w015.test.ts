import { checkTable } from "../../helpers/checkTable";

const BOTH =
  'INSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\n';

checkTable("security.W015", {
  valid: [
    { name: "default", settings: BOTH },
    { name: "1 on 3.2", djangoVersion: "3.2", settings: `${BOTH}SESSION_COOKIE_HTTPONLY = 1\n` },
  ],
  invalid: [
    {
      name: "False",
      settings: `${BOTH}SESSION_COOKIE_HTTPONLY = False\n`,
      findings: ["3:27"],
      message: /^SESSION_COOKIE_HTTPONLY is not True/,
      fixes: [{ title: /True/, applicability: "safe", output: `${BOTH}SESSION_COOKIE_HTTPONLY = True\n` }],
    },
    {
      name: "1 from 4.1",
      djangoVersion: "4.2",
      settings: `${BOTH}SESSION_COOKIE_HTTPONLY = 1\n`,
      findings: ["3:27"],
      fixes: [{ title: /True/, applicability: "safe", output: `${BOTH}SESSION_COOKIE_HTTPONLY = True\n` }],
    },
  ],
});
