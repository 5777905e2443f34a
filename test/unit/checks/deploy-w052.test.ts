import { checkTable } from "../../helpers/checkTable";

const H = "django.contrib.auth.hashers.";

checkTable("deploy.W052", {
  valid: [
    { name: "Django's default", settings: "DEBUG = False\n" },
    {
      name: "PBKDF2 first, MD5 after it",
      settings: `PASSWORD_HASHERS = ["${H}PBKDF2PasswordHasher", "${H}MD5PasswordHasher"]\n`,
    },
    { name: "a hasher that is not known", settings: "from x import HASHER\nPASSWORD_HASHERS = [HASHER]\n" },
    {
      name: "read from the environment with no default",
      settings: 'import os\nPASSWORD_HASHERS = [os.environ["HASHER"]]\n',
    },
    {
      name: "a base value overridden in production",
      module: "mysite.settings.production",
      settings: `from .base import *\nPASSWORD_HASHERS = ["${H}PBKDF2PasswordHasher"]\n`,
      files: {
        "mysite/settings/base.py": `PASSWORD_HASHERS = ["${H}MD5PasswordHasher"]\n`,
        "mysite/settings/__init__.py": "",
      },
    },
    {
      name: "the test profile's fast hasher",
      module: "mysite.settings.test",
      settings: `PASSWORD_HASHERS = ["${H}MD5PasswordHasher"]\n`,
    },
    {
      name: "silenced",
      settings: `PASSWORD_HASHERS = ["${H}MD5PasswordHasher"]\nSILENCED_SYSTEM_CHECKS = ["deploy.W052"]\n`,
    },
  ],
  invalid: [
    {
      name: "MD5 alone in production.py: PBKDF2 added first (safe)",
      module: "mysite.settings.production",
      settings: `PASSWORD_HASHERS = ["${H}MD5PasswordHasher"]\n`,
      findings: ["1:21"],
      message: /^New passwords are hashed with MD5PasswordHasher, a weak hasher\.$/m,
      fixes: [
        {
          title: /Hash new passwords with PBKDF2PasswordHasher/,
          applicability: "safe",
          output: `PASSWORD_HASHERS = ["${H}PBKDF2PasswordHasher", "${H}MD5PasswordHasher"]\n`,
        },
      ],
    },
    {
      name: "a listed Argon2 moves first (unsafe: it needs argon2-cffi)",
      module: "mysite.settings.production",
      settings: `PASSWORD_HASHERS = [\n    '${H}SHA1PasswordHasher',\n    '${H}Argon2PasswordHasher',\n]\n`,
      findings: ["2:5"],
      fixes: [
        {
          title: /Argon2PasswordHasher/,
          applicability: "unsafe",
          output: `PASSWORD_HASHERS = [\n    '${H}Argon2PasswordHasher',\n    '${H}SHA1PasswordHasher',\n]\n`,
        },
      ],
    },
    {
      name: "multi-line list in a lone settings.py (unsafe: development shares it)",
      settings: `PASSWORD_HASHERS = [\n    "${H}UnsaltedMD5PasswordHasher",\n]\n`,
      findings: ["2:5"],
      fixes: [
        {
          title: /PBKDF2/,
          applicability: "unsafe",
          output: `PASSWORD_HASHERS = [\n    "${H}PBKDF2PasswordHasher",\n    "${H}UnsaltedMD5PasswordHasher",\n]\n`,
        },
      ],
    },
    {
      name: "inherited from a shared module: PBKDF2 put first in production",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: {
        "mysite/settings/base.py": `PASSWORD_HASHERS = ["${H}CryptPasswordHasher"]\n`,
        "mysite/settings/__init__.py": "",
      },
      findings: ["1:21"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /PBKDF2/,
          applicability: "safe",
          output: `from .base import *\n\nPASSWORD_HASHERS = ["${H}PBKDF2PasswordHasher", *PASSWORD_HASHERS]\n`,
        },
      ],
    },
  ],
});
