import { checkTable } from "../../helpers/checkTable";

const ON = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_HSTS_SECONDS = 3600\n';

checkTable("security.W005", {
  valid: [
    { name: "True", settings: `${ON}SECURE_HSTS_INCLUDE_SUBDOMAINS = True\n` },
    {
      name: "HSTS off: only W004",
      settings: 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_HSTS_SECONDS = 0\n',
    },
    { name: "no SecurityMiddleware", settings: "SECURE_HSTS_SECONDS = 3600\n" },
    {
      name: "HSTS seconds not known",
      settings:
        'import os\nMIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_HSTS_SECONDS = int(os.environ["S"])\n',
    },
    {
      name: "from the environment with a True default",
      settings: `import environ\nenv = environ.Env()\n${ON}SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SUB", default=True)\n`,
    },
  ],
  invalid: [
    {
      name: "not set",
      settings: ON,
      findings: ["2:1"],
      message: /subdomains/,
      fixes: [
        {
          title: /SECURE_HSTS_INCLUDE_SUBDOMAINS = True/,
          applicability: "unsafe",
          output: `${ON}\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\n`,
        },
      ],
    },
    {
      name: "1 is not True (Django tests identity); the fix changes nothing else, so it is safe",
      settings: `${ON}SECURE_HSTS_INCLUDE_SUBDOMAINS = 1\n`,
      findings: ["3:34"],
      fixes: [
        { title: /True/, applicability: "safe", output: `${ON}SECURE_HSTS_INCLUDE_SUBDOMAINS = True\n` },
      ],
    },
    {
      name: "False",
      settings: `${ON}SECURE_HSTS_INCLUDE_SUBDOMAINS = False\n`,
      findings: ["3:34"],
      fixes: [
        { title: /True/, applicability: "unsafe", output: `${ON}SECURE_HSTS_INCLUDE_SUBDOMAINS = True\n` },
      ],
    },
    {
      name: "the string '0' for the seconds counts as on",
      settings: 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_HSTS_SECONDS = "0"\n',
      findings: ["2:1"],
      fixes: [
        {
          title: /True/,
          applicability: "unsafe",
          output:
            'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_HSTS_SECONDS = "0"\n\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\n',
        },
      ],
    },
  ],
});
