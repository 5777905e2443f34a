import { checkTable } from "../../helpers/checkTable";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';
const PROXY =
  "# Behind a proxy or load balancer that terminates TLS, Django sees plain HTTP: set\n" +
  '# SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") (the proxy must set and strip\n' +
  "# that header), or let the proxy redirect instead, or every request redirects forever.\n";

checkTable("security.W008", {
  valid: [
    { name: "True", settings: `${MW}SECURE_SSL_REDIRECT = True\n` },
    { name: "no SecurityMiddleware", settings: "SECURE_SSL_REDIRECT = False\n" },
    {
      name: "a comparison read from the environment, required",
      settings: `import os\n${MW}SECURE_SSL_REDIRECT = os.environ["SSL"] == "1"\n`,
    },
  ],
  invalid: [
    {
      name: "not set: added with the proxy note",
      settings: MW,
      findings: ["1:15"],
      message: /redirect/,
      fixes: [
        {
          title: /SECURE_SSL_REDIRECT = True/,
          applicability: "unsafe",
          output: `${MW}\n${PROXY}SECURE_SSL_REDIRECT = True\n`,
        },
      ],
    },
    {
      name: "DEBUG follows the environment in a lone settings.py: the redirect can follow DEBUG",
      settings: `import os\n${MW}DEBUG = os.environ.get("DJANGO_DEBUG", "") == "True"\nSECURE_SSL_REDIRECT = False\n`,
      findings: ["4:23"],
      fixes: [
        {
          title: /SECURE_SSL_REDIRECT = not DEBUG/,
          applicability: "safe",
          output: `import os\n${MW}DEBUG = os.environ.get("DJANGO_DEBUG", "") == "True"\nSECURE_SSL_REDIRECT = not DEBUG\n`,
        },
        {
          title: /SECURE_SSL_REDIRECT = True/,
          applicability: "unsafe",
          output: `import os\n${MW}DEBUG = os.environ.get("DJANGO_DEBUG", "") == "True"\n${PROXY}SECURE_SSL_REDIRECT = True\n`,
        },
      ],
    },
    {
      name: "1: already redirecting, so the fix is safe and needs no note",
      settings: `${MW}SECURE_SSL_REDIRECT = 1\n`,
      findings: ["2:23"],
      fixes: [{ title: /True/, applicability: "safe", output: `${MW}SECURE_SSL_REDIRECT = True\n` }],
    },
    {
      name: "an environment comparison with a false default",
      settings: `import os\n${MW}SECURE_SSL_REDIRECT = os.environ.get("SSL", "") == "1"\n`,
      findings: ["3:23"],
      message: /environment variable SSL/,
    },
    {
      name: "False inside an indented block",
      settings: `${MW}if True:\n    SECURE_SSL_REDIRECT = False\n`,
      findings: ["3:27"],
      fixes: [
        {
          title: /True/,
          applicability: "unsafe",
          output: `${MW}if True:\n${PROXY.replace(/^#/gm, "    #")}    SECURE_SSL_REDIRECT = True\n`,
        },
      ],
    },
  ],
});
