import { checkTable } from "../../helpers/checkTable";

const GOOD = "k7#Qz!p2@Lm9$Vx4^Tb8&Hn3*Wd6(Rf1)Yg5-Js0_Kc=Ue+Oa7";

checkTable("security.W025", {
  valid: [
    { name: "strong fallbacks", settings: `SECRET_KEY_FALLBACKS = ['${GOOD}']\n` },
    { name: "empty", settings: "SECRET_KEY_FALLBACKS = []\n" },
    { name: "not on 4.0", djangoVersion: "4.0", settings: "SECRET_KEY_FALLBACKS = ['short']\n" },
    {
      name: "read from the environment without a default",
      settings: "import os\nSECRET_KEY_FALLBACKS = [os.environ['OLD_KEY']]\n",
    },
  ],
  invalid: [
    {
      name: "one warning per weak entry, at the entry",
      settings: `SECRET_KEY_FALLBACKS = [\n    '${GOOD}',\n    'short',\n    'django-insecure-${GOOD}',\n    '',\n]\n`,
      findings: ["3:5", "4:5", "5:5"],
      message: /SECRET_KEY_FALLBACKS\[1\] is weak: it has 5 characters/,
    },
    {
      name: "an environment default that is weak",
      djangoVersion: "4.1",
      settings: "import os\nSECRET_KEY_FALLBACKS = [os.environ.get('OLD', 'dev')]\n",
      findings: ["2:25"],
      message: /environment variable OLD/,
    },
  ],
});
