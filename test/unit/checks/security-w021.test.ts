import { checkTable } from "../../helpers/checkTable";

const ON = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_HSTS_SECONDS = 31536000\n';

checkTable("security.W021", {
  valid: [
    { name: "True", settings: `${ON}SECURE_HSTS_PRELOAD = True\n` },
    {
      name: "HSTS off",
      settings:
        'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_HSTS_PRELOAD = False\n',
    },
    { name: "no SecurityMiddleware", settings: "MIDDLEWARE = []\nSECURE_HSTS_SECONDS = 3600\n" },
    { name: "silenced", settings: `${ON}SILENCED_SYSTEM_CHECKS = ["security.W021"]\n` },
  ],
  invalid: [
    {
      name: "not set",
      settings: ON,
      findings: ["2:1"],
      message: /preload/,
      fixes: [
        {
          title: /SECURE_HSTS_PRELOAD = True/,
          applicability: "unsafe",
          output: `${ON}\nSECURE_HSTS_PRELOAD = True\n`,
        },
      ],
    },
    {
      name: "1 (safe fix: the middleware already sends preload)",
      settings: `${ON}SECURE_HSTS_PRELOAD = 1\n`,
      findings: ["3:23"],
      fixes: [{ title: /True/, applicability: "safe", output: `${ON}SECURE_HSTS_PRELOAD = True\n` }],
    },
  ],
});
