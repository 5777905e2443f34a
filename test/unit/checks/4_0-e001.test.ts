import { checkTable } from "../../helpers/checkTable";

checkTable("4_0.E001", {
  valid: [
    { name: "schemes", settings: "CSRF_TRUSTED_ORIGINS = ['https://example.com', 'http://*.example.com']\n" },
    {
      name: "3.2 accepted host names",
      djangoVersion: "3.2",
      settings: "CSRF_TRUSTED_ORIGINS = ['example.com']\n",
    },
    { name: "not known", settings: "import os\nCSRF_TRUSTED_ORIGINS = os.environ['ORIGINS'].split(',')\n" },
  ],
  invalid: [
    {
      name: "a string instead of a list: Django checks each character (one finding here)",
      djangoVersion: "4.2",
      settings: "CSRF_TRUSTED_ORIGINS = 'https://example.com'\n",
      findings: ["1:24"],
      message: /is a string, not a list of origins/,
    },
    {
      name: "a set of origins",
      djangoVersion: "4.2",
      settings: "CSRF_TRUSTED_ORIGINS = {'example.com'}\n",
      findings: ["1:25"],
      fixes: [
        {
          title: /https:\/\//,
          applicability: "unsafe",
          output: "CSRF_TRUSTED_ORIGINS = {'https://example.com'}\n",
        },
      ],
    },
    {
      name: "one error per entry without a scheme",
      djangoVersion: "4.0",
      settings:
        "CSRF_TRUSTED_ORIGINS = [\n    'example.com',\n    'https://ok.example.com',\n    '.example.com',\n]\n",
      findings: ["2:5", "4:5"],
      message: /'example.com' has no scheme/,
      fixes: [
        {
          title: /https:\/\//,
          applicability: "unsafe",
          output:
            "CSRF_TRUSTED_ORIGINS = [\n    'https://example.com',\n    'https://ok.example.com',\n    '.example.com',\n]\n",
        },
      ],
    },
  ],
});
