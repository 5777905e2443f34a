import { checkTable } from "../../helpers/checkTable";

checkTable("security.E026", {
  valid: [
    { name: "a dict", djangoVersion: "6.0", settings: "SECURE_CSP = {'default-src': [\"'self'\"]}\n" },
    { name: "None", djangoVersion: "6.0", settings: "SECURE_CSP = None\n" },
    { name: "before 6.0", djangoVersion: "5.2", settings: "SECURE_CSP = \"default-src 'self'\"\n" },
  ],
  invalid: [
    {
      name: "one error per setting",
      djangoVersion: "6.0",
      settings: "SECURE_CSP = \"default-src 'self'\"\nSECURE_CSP_REPORT_ONLY = ['default-src']\n",
      findings: ["1:14", "2:26"],
      message: /SECURE_CSP must be a dict of directives \(or None\), not "default-src 'self'"/,
    },
  ],
});
