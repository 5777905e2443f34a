import { checkTable } from "../../helpers/checkTable";

checkTable("security.E100", {
  valid: [
    { name: "sha1", djangoVersion: "3.2", settings: "DEFAULT_HASHING_ALGORITHM = 'sha1'\n" },
    { name: "default", djangoVersion: "3.2", settings: "DEBUG = False\n" },
    { name: "gone in 4.0", djangoVersion: "4.0", settings: "DEFAULT_HASHING_ALGORITHM = 'md5'\n" },
  ],
  invalid: [
    {
      name: "md5 on 3.2",
      djangoVersion: "3.2",
      settings: "DEFAULT_HASHING_ALGORITHM = 'md5'\n",
      findings: ["1:29"],
      message: /neither 'sha1' nor 'sha256'/,
      fixes: [{ title: /sha256/, applicability: "unsafe", output: "DEFAULT_HASHING_ALGORITHM = 'sha256'\n" }],
    },
  ],
});
