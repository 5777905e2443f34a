import { checkTable } from "../../helpers/checkTable";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';

checkTable("security.W006", {
  valid: [
    { name: "Django's default is True", settings: MW },
    { name: "True", settings: `${MW}SECURE_CONTENT_TYPE_NOSNIFF = True\n` },
    { name: "no SecurityMiddleware", settings: "SECURE_CONTENT_TYPE_NOSNIFF = False\n" },
    {
      name: "env with a True default",
      settings: `from decouple import config\n${MW}SECURE_CONTENT_TYPE_NOSNIFF = config("NOSNIFF", default=True, cast=bool)\n`,
    },
  ],
  invalid: [
    {
      name: "False (the user turned it off: unsafe)",
      settings: `${MW}SECURE_CONTENT_TYPE_NOSNIFF = False\n`,
      findings: ["2:31"],
      message: /nosniff/,
      fixes: [
        { title: /True/, applicability: "unsafe", output: `${MW}SECURE_CONTENT_TYPE_NOSNIFF = True\n` },
      ],
    },
    {
      name: "1 (safe)",
      settings: `${MW}SECURE_CONTENT_TYPE_NOSNIFF = 1\n`,
      findings: ["2:31"],
      fixes: [{ title: /True/, applicability: "safe", output: `${MW}SECURE_CONTENT_TYPE_NOSNIFF = True\n` }],
    },
  ],
});
