import { checkTable } from "../../helpers/checkTable";

const MW = "MIDDLEWARE = ['django.middleware.csp.ContentSecurityPolicyMiddleware']\n";
const NONCE = "SECURE_CSP = {'script-src': [\"'self'\", '<CSP_NONCE_SENTINEL>']}\n";
const TEMPLATES = (processors: string) =>
  `TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'OPTIONS': {'context_processors': [${processors}]}}]\n`;

checkTable("security.W027", {
  valid: [
    {
      name: "the context processor is there",
      djangoVersion: "6.1",
      settings: `${MW}${NONCE}${TEMPLATES("'django.template.context_processors.csp'")}`,
    },
    {
      name: "no nonce",
      djangoVersion: "6.1",
      settings: `${MW}SECURE_CSP = {'script-src': ["'self'"]}\n${TEMPLATES("")}`,
    },
    { name: "no middleware", djangoVersion: "6.1", settings: `${NONCE}${TEMPLATES("")}` },
    { name: "6.0 has no such check", djangoVersion: "6.0", settings: `${MW}${NONCE}${TEMPLATES("")}` },
    {
      name: "processors not known",
      djangoVersion: "6.1",
      settings: `from x import PROCESSORS\n${MW}${NONCE}TEMPLATES = [{'OPTIONS': {'context_processors': PROCESSORS}}]\n`,
    },
  ],
  invalid: [
    {
      name: "nonce without the processor",
      djangoVersion: "6.1",
      settings: `${MW}${NONCE}${TEMPLATES("'django.template.context_processors.request'")}`,
      findings: ["3:13"],
      message: /django.template.context_processors.csp/,
    },
    {
      name: "TEMPLATES not set at all, nonce in the report-only policy as a string",
      djangoVersion: "6.1",
      settings: `${MW}SECURE_CSP_REPORT_ONLY = {'script-src': "'nonce-<CSP_NONCE_SENTINEL>'"}\n`,
      findings: ["1:1"],
    },
  ],
});
