import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkTable } from "../../helpers/checkTable";
import { analyzeSettings } from "../../helpers/memoryProject";

const SQLITE = "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n";
const POSTGRES = "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'site'}}\n";

checkTable("deploy.W018", {
  valid: [
    { name: "PostgreSQL", settings: POSTGRES },
    { name: "no database (Django's default)", settings: "DEBUG = False\n" },
    {
      name: "a database URL from the environment with no default",
      settings: "import environ\nenv = environ.Env()\nDATABASES = {'default': env.db('DATABASE_URL')}\n",
    },
    {
      name: "an engine not known",
      settings: "import os\nDATABASES = {'default': {'ENGINE': os.environ['DB_ENGINE']}}\n",
    },
    {
      name: "SQLite only as a second database",
      settings:
        "DATABASES = {\n    'default': {'ENGINE': 'django.db.backends.postgresql'},\n    'cache': {'ENGINE': 'django.db.backends.sqlite3'},\n}\n",
    },
    {
      name: "a development profile",
      module: "mysite.settings.dev",
      settings: SQLITE,
      files: { "mysite/settings/__init__.py": "" },
    },
    {
      name: "the base's SQLite replaced in production",
      module: "mysite.settings.production",
      settings: `from .base import *\n${POSTGRES}`,
      files: { "mysite/settings/__init__.py": "", "mysite/settings/base.py": SQLITE },
    },
    { name: "silenced", settings: `${SQLITE}SILENCED_SYSTEM_CHECKS = ['deploy.W018']\n` },
  ],
  invalid: [
    {
      name: "startproject's database",
      settings:
        "from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nDATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.sqlite3',\n        'NAME': BASE_DIR / 'db.sqlite3',\n    }\n}\n",
      findings: ["5:19"],
      message: /SQLite/,
    },
    {
      name: "a database URL whose default is SQLite",
      settings:
        "import environ\nenv = environ.Env()\nDATABASES = {'default': env.db('DATABASE_URL', default='sqlite:///db.sqlite3')}\n",
      findings: ["3:25"],
      message: /default 'sqlite:\/\/\/db.sqlite3'/,
    },
    {
      name: "inherited from the base",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: { "mysite/settings/__init__.py": "", "mysite/settings/base.py": SQLITE },
      findings: ["1:36"],
      findingFile: "mysite/settings/base.py",
    },
  ],
});

describe("deploy.W018 level", () => {
  it("is information", () => {
    const finding = analyzeSettings(SQLITE).findings.find((candidate) => candidate.code === "deploy.W018");
    assert.equal(finding?.severity, "information");
  });
});
