import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { urlPassword } from "../../../server/src/checks/deploy/w005-database-password-literal";
import { checkTable } from "../../helpers/checkTable";

const POSTGRES = "'ENGINE': 'django.db.backends.postgresql', 'NAME': 'site'";

checkTable("deploy.W005", {
  valid: [
    {
      name: "the password from the environment",
      settings: `import os\nDATABASES = {'default': {${POSTGRES}, 'PASSWORD': os.environ['DB_PASSWORD']}}\n`,
    },
    {
      name: "an empty password (peer or trust authentication)",
      settings: `DATABASES = {'default': {${POSTGRES}, 'PASSWORD': ''}}\n`,
    },
    {
      name: "a database URL with no password as the default",
      settings:
        "import environ\nenv = environ.Env()\nDATABASES = {'default': env.db('DATABASE_URL', default='postgres:///site')}\n",
    },
    {
      name: "dj_database_url with no default",
      settings: "import dj_database_url\nDATABASES = {'default': dj_database_url.config(conn_max_age=600)}\n",
    },
    {
      name: "SQLite",
      settings: "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n",
    },
    { name: "not known", settings: "from .secrets import DATABASES\n" },
    {
      name: "a development profile",
      module: "mysite.settings.dev",
      settings: `DATABASES = {'default': {${POSTGRES}, 'PASSWORD': 'postgres'}}\n`,
      files: { "mysite/settings/__init__.py": "" },
    },
    {
      name: "the base's literal replaced in production",
      module: "mysite.settings.production",
      settings:
        "import os\nfrom .base import *\nDATABASES['default']['PASSWORD'] = os.environ['DB_PASSWORD']\n",
      files: {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": `DATABASES = {'default': {${POSTGRES}, 'PASSWORD': 'postgres'}}\n`,
      },
    },
    {
      name: "silenced",
      settings: `DATABASES = {'default': {${POSTGRES}, 'PASSWORD': 'hunter2'}}\nSILENCED_SYSTEM_CHECKS = ['deploy.W005']\n`,
    },
  ],
  invalid: [
    {
      name: "a literal PASSWORD",
      settings: `import os\nDATABASES = {'default': {${POSTGRES}, 'PASSWORD': 'hunter2'}}\n`,
      findings: ["2:97"],
      message: /DATABASES\['default'\] has a literal PASSWORD/,
      fixes: [
        {
          title: /DATABASE_PASSWORD/,
          applicability: "unsafe",
          output: `import os\nDATABASES = {'default': {${POSTGRES}, 'PASSWORD': os.environ["DATABASE_PASSWORD"]}}\n`,
        },
      ],
    },
    {
      name: "inherited from the base: the production module sets the key",
      module: "mysite.settings.production",
      settings: "import environ\nfrom .base import *\nenv = environ.Env()\n",
      files: {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": `DATABASES = {'default': {${POSTGRES}, 'PASSWORD': 'postgres'}}\n`,
      },
      findings: ["1:97"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /DATABASE_PASSWORD/,
          applicability: "unsafe",
          output: `import environ\nfrom .base import *\nenv = environ.Env()\n\nDATABASES["default"]["PASSWORD"] = env("DATABASE_PASSWORD")\n`,
        },
      ],
    },
    {
      name: "a literal default of the environment read",
      settings: `import os\nDATABASES = {'default': {${POSTGRES}, 'PASSWORD': os.environ.get('DB_PASSWORD', 'postgres')}}\n`,
      findings: ["2:127"],
      message: /PASSWORD falls back to a literal when DB_PASSWORD is unset/,
      fixes: [
        {
          title: /Drop the literal fallback/,
          applicability: "unsafe",
          output: `import os\nDATABASES = {'default': {${POSTGRES}, 'PASSWORD': os.environ['DB_PASSWORD']}}\n`,
        },
      ],
    },
    {
      name: "env.db's default URL with a password",
      settings:
        "import environ\nenv = environ.Env()\nDATABASES = {'default': env.db('DATABASE_URL', default='postgres://site:s3cret@db:5432/site')}\n",
      findings: ["3:56"],
      message: /falls back to a URL with a literal password when DATABASE_URL is unset/,
      fixes: [
        {
          title: /Drop/,
          applicability: "unsafe",
          output: "import environ\nenv = environ.Env()\nDATABASES = {'default': env.db('DATABASE_URL')}\n",
        },
      ],
    },
    {
      name: "dj_database_url.config's default URL",
      settings:
        'import dj_database_url\nDATABASES = {"default": dj_database_url.config(default="postgres://site:s3cret@db/site", conn_max_age=600)}\n',
      findings: ["2:56"],
      message: /database URL with a literal password/,
      fixes: [
        {
          title: /Drop/,
          applicability: "unsafe",
          output:
            'import dj_database_url\nDATABASES = {"default": dj_database_url.config(conn_max_age=600)}\n',
        },
      ],
    },
    {
      name: "dj_database_url.parse of a literal URL (no fix: the URL must come from somewhere)",
      settings:
        'import dj_database_url\nDATABASES = {"default": dj_database_url.parse("mysql://root:toor@localhost/site")}\n',
      findings: ["2:47"],
    },
  ],
});

describe("deploy.W005", () => {
  it("finds the password of a database URL", () => {
    assert.equal(urlPassword("postgres://user:pw@host:5432/db"), "pw");
    assert.equal(urlPassword("postgres://user@host/db"), undefined);
    assert.equal(urlPassword("postgres:///db"), undefined);
    assert.equal(urlPassword("sqlite:///db.sqlite3"), undefined);
  });
});
