import { checkTable } from "../../helpers/checkTable";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';

checkTable("security.E023", {
  valid: [
    { name: "default", settings: MW },
    { name: "None is W022's business", settings: `${MW}SECURE_REFERRER_POLICY = None\n` },
    {
      name: "a list of valid values",
      settings: `${MW}SECURE_REFERRER_POLICY = ['same-origin', 'strict-origin']\n`,
    },
    {
      name: "a comma list with extra white space",
      settings: `${MW}SECURE_REFERRER_POLICY = 'no-referrer,  strict-origin-when-cross-origin'\n`,
    },
    { name: "a tuple", settings: `${MW}SECURE_REFERRER_POLICY = ('origin',)\n` },
    { name: "no SecurityMiddleware", settings: "MIDDLEWARE = []\nSECURE_REFERRER_POLICY = 'bogus'\n" },
    {
      name: "a list with an item that is not known",
      settings: `from x import POLICY\n${MW}SECURE_REFERRER_POLICY = ['bogus', POLICY]\n`,
    },
    { name: "an int makes Django raise, not report", settings: `${MW}SECURE_REFERRER_POLICY = 1\n` },
  ],
  invalid: [
    {
      name: "a different case",
      settings: `${MW}SECURE_REFERRER_POLICY = 'Same-Origin'\n`,
      findings: ["2:26"],
      message:
        /no-referrer, no-referrer-when-downgrade, origin, origin-when-cross-origin, same-origin, strict-origin, strict-origin-when-cross-origin, unsafe-url/,
      fixes: [
        {
          title: /same-origin/,
          applicability: "unsafe",
          output: `${MW}SECURE_REFERRER_POLICY = 'same-origin'\n`,
        },
      ],
    },
    {
      name: "empty",
      settings: `${MW}SECURE_REFERRER_POLICY = ''\n`,
      findings: ["2:26"],
      fixes: [
        {
          title: /same-origin/,
          applicability: "unsafe",
          output: `${MW}SECURE_REFERRER_POLICY = 'same-origin'\n`,
        },
      ],
    },
    {
      name: "a trailing comma leaves an empty piece",
      settings: `${MW}SECURE_REFERRER_POLICY = 'same-origin,'\n`,
      findings: ["2:26"],
      fixes: [
        {
          title: /same-origin/,
          applicability: "unsafe",
          output: `${MW}SECURE_REFERRER_POLICY = 'same-origin'\n`,
        },
      ],
    },
    {
      name: "one bad piece in a comma list",
      settings: `${MW}SECURE_REFERRER_POLICY = 'no-referrer, bogus-value'\n`,
      findings: ["2:26"],
      fixes: [
        {
          title: /same-origin/,
          applicability: "unsafe",
          output: `${MW}SECURE_REFERRER_POLICY = 'same-origin'\n`,
        },
      ],
    },
    {
      name: "a list with an invalid entry (lists are not stripped)",
      settings: `${MW}SECURE_REFERRER_POLICY = [' origin']\n`,
      findings: ["2:26"],
      fixes: [
        {
          title: /same-origin/,
          applicability: "unsafe",
          output: `${MW}SECURE_REFERRER_POLICY = "same-origin"\n`,
        },
      ],
    },
    {
      name: "from the environment with a bad default",
      settings: `import os\n${MW}SECURE_REFERRER_POLICY = os.environ.get('RP', 'none')\n`,
      findings: ["3:26"],
      message: /environment variable RP/,
    },
  ],
});
