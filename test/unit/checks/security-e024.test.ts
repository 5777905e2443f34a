import { checkTable } from "../../helpers/checkTable";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';

checkTable("security.E024", {
  valid: [
    { name: "default", settings: MW },
    { name: "None turns the header off", settings: `${MW}SECURE_CROSS_ORIGIN_OPENER_POLICY = None\n` },
    {
      name: "a valid value",
      settings: `${MW}SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same-origin-allow-popups'\n`,
    },
    {
      name: "Django 3.2 has no such check",
      djangoVersion: "3.2",
      settings: `${MW}SECURE_CROSS_ORIGIN_OPENER_POLICY = 'bogus'\n`,
    },
    { name: "no SecurityMiddleware", settings: "SECURE_CROSS_ORIGIN_OPENER_POLICY = 'bogus'\n" },
    {
      name: "a list makes Django raise",
      settings: `${MW}SECURE_CROSS_ORIGIN_OPENER_POLICY = ['same-origin']\n`,
    },
  ],
  invalid: [
    {
      name: "bogus on 4.0",
      djangoVersion: "4.0",
      settings: `${MW}SECURE_CROSS_ORIGIN_OPENER_POLICY = 'bogus'\n`,
      findings: ["2:37"],
      message: /same-origin, same-origin-allow-popups, unsafe-none/,
      fixes: [
        {
          title: /'same-origin'/,
          applicability: "unsafe",
          output: `${MW}SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same-origin'\n`,
        },
      ],
    },
    {
      name: "no comma lists",
      settings: `${MW}SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same-origin, unsafe-none'\n`,
      findings: ["2:37"],
      fixes: [
        {
          title: /'same-origin'/,
          applicability: "unsafe",
          output: `${MW}SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same-origin'\n`,
        },
      ],
    },
  ],
});
