import { checkTable } from "../../helpers/checkTable";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';

checkTable("security.W022", {
  valid: [
    { name: "Django's default 'same-origin'", settings: MW },
    { name: "no SecurityMiddleware", settings: "SECURE_REFERRER_POLICY = None\n" },
    { name: "an invalid value is E023's business", settings: `${MW}SECURE_REFERRER_POLICY = ''\n` },
  ],
  invalid: [
    {
      name: "None",
      settings: `${MW}SECURE_REFERRER_POLICY = None\n`,
      findings: ["2:26"],
      message: /Referrer-Policy/,
      fixes: [
        {
          title: /'same-origin'/,
          applicability: "unsafe",
          output: `${MW}SECURE_REFERRER_POLICY = "same-origin"\n`,
        },
      ],
    },
  ],
});
