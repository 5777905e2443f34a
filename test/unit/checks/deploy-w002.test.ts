import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkTable } from "../../helpers/checkTable";
import { DjangoProject } from "../../../server/src/engine/project";
import { analyzeFiles, applyEdits, memoryHost, ROOT } from "../../helpers/memoryProject";

// Strong-looking keys as real projects commit them (not weak: security.W009 would not see them).
const KEY = "e11fl1oa-*ytql8p)(06fbj4ukrlo+n7k&q5+$1md7i+mge=ee";
const KEY2 = "UajFk2#Lq9@zP4!rT7^wX1&nB5*cV8(mD3)hG6_jK0-sY2=eQx";
const KEY3 = "n!01nl+318#w5z@q2x$e7c%r4v^t6b&y8n*u1m(i3o)p9a-s0d";
// Keys as a compose file or systemd unit can hold them ($ and % would be interpolated there).
const PLAIN_KEY = "hhZCp@D28z!k4Lm9Qx7Wv2Tn5Rb8Yc3Fg6Jd1Hs0Ke-Pa_Ui+Oo";

checkTable("deploy.W002", {
  valid: [
    {
      name: "required from the environment",
      settings: "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
    },
    {
      name: "django-environ with no default",
      settings: "import environ\nenv = environ.Env()\nSECRET_KEY = env('DJANGO_SECRET_KEY')\n",
    },
    {
      name: "a weak fallback is security.W009's business",
      settings: "import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'changeme')\n",
    },
    {
      name: "an empty fallback fails loudly",
      settings: "import os\nSECRET_KEY = os.getenv('DJANGO_SECRET_KEY', '')\n",
    },
    { name: "a literal key is deploy.W001's business", settings: `SECRET_KEY = '${KEY}'\n` },
    {
      name: "a generated fallback is not a literal",
      settings:
        "import os\nfrom django.core.management.utils import get_random_secret_key\nSECRET_KEY = os.environ.get('K', get_random_secret_key())\n",
    },
    { name: "read from a file", settings: "SECRET_KEY = open('/run/secrets/key').read().strip()\n" },
    {
      name: "a development profile",
      module: "mysite.settings.dev",
      settings: `import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '${KEY}')\n`,
      files: { "mysite/settings/__init__.py": "" },
    },
    {
      name: "the base's fallback replaced in production",
      module: "mysite.settings.production",
      settings: "from .base import *\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
      files: {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": `import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '${KEY}')\n`,
      },
    },
    {
      name: "silenced",
      settings: `import os\nSECRET_KEY = os.getenv('K', '${KEY}')\nSILENCED_SYSTEM_CHECKS = ['deploy.W002']\n`,
    },
    {
      name: "SECRET_KEY_FALLBACKS means nothing before 4.1",
      djangoVersion: "3.2",
      settings: `import os\nSECRET_KEY = os.environ['K']\nSECRET_KEY_FALLBACKS = [os.environ.get('OLD', '${KEY}')]\n`,
    },
    {
      name: "a compose file for development",
      settings: "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
      files: {
        "docker-compose.dev.yml": `services:\n  web:\n    environment:\n      DJANGO_SECRET_KEY: "${PLAIN_KEY}"\n`,
      },
    },
    {
      name: "a .env file git ignores",
      settings: "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
      files: { ".gitignore": "__pycache__/\n.env\n", ".env": `DJANGO_SECRET_KEY=${KEY}\n` },
    },
    {
      name: "a compose variable the settings do not read",
      settings: "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
      files: { "docker-compose.yml": `services:\n  web:\n    environment:\n      OTHER_KEY: "${KEY}"\n` },
    },
  ],
  invalid: [
    {
      name: "os.getenv with a strong literal",
      settings: `import os\nSECRET_KEY = os.getenv("K", "${KEY}")\n`,
      findings: ["2:29"],
      message: /SECRET_KEY falls back to a literal key when K is unset/,
      fixes: [
        {
          title: /Drop the literal fallback/,
          applicability: "unsafe",
          output: 'import os\nSECRET_KEY = os.environ["K"]\n',
        },
      ],
    },
    {
      name: "os.environ.get",
      settings: `import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '${KEY}')\n`,
      findings: ["2:50"],
      fixes: [
        {
          title: /Drop/,
          applicability: "unsafe",
          output: "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
        },
      ],
    },
    {
      name: "env.str with a default keyword",
      settings: `import environ\nenv = environ.Env()\nSECRET_KEY = env.str("SECRET_KEY", default="${KEY2}")\n`,
      findings: ["3:44"],
      fixes: [
        {
          title: /Drop/,
          applicability: "unsafe",
          output: 'import environ\nenv = environ.Env()\nSECRET_KEY = env.str("SECRET_KEY")\n',
        },
      ],
    },
    {
      name: "a django-environ schema entry",
      settings: `import environ\nenv = environ.Env(DEBUG=(bool, False), SECRET_KEY=(str, "${KEY2}"))\nSECRET_KEY = env("SECRET_KEY")\n`,
      findings: ["2:57"],
      fixes: [
        {
          title: /Drop/,
          applicability: "unsafe",
          output:
            'import environ\nenv = environ.Env(DEBUG=(bool, False), SECRET_KEY=str)\nSECRET_KEY = env("SECRET_KEY")\n',
        },
      ],
    },
    {
      name: "python-decouple",
      settings: `from decouple import config\nSECRET_KEY = config("SECRET_KEY", default="${KEY2}", cast=str)\n`,
      findings: ["2:43"],
      fixes: [
        {
          title: /Drop/,
          applicability: "unsafe",
          output: 'from decouple import config\nSECRET_KEY = config("SECRET_KEY", cast=str)\n',
        },
      ],
    },
    {
      name: "the default of a mapping loaded from a TOML file",
      settings: `import tomllib\nwith open("config.toml", "rb") as handle:\n    config = tomllib.load(handle)\nSECRET_KEY = config.get("secret_key", "${KEY3}")\n`,
      findings: ["4:39"],
      message: /when the key is missing[\s\S]*config.get\("secret_key"\)/,
      fixes: [
        {
          title: /Drop/,
          applicability: "unsafe",
          output: `import tomllib\nwith open("config.toml", "rb") as handle:\n    config = tomllib.load(handle)\nSECRET_KEY = config["secret_key"]\n`,
        },
      ],
    },
    {
      name: "a fallback dict used when the secrets file cannot be read",
      settings: `import json\ntry:\n    with open("secrets.json") as handle:\n        SECRETS = json.load(handle)\nexcept OSError:\n    SECRETS = {"secret_key": "${KEY3}"}\nSECRET_KEY = SECRETS["secret_key"]\n`,
      findings: ["6:30"],
      message: /when the secrets cannot be read/,
    },
    {
      name: "a weak literal in a fallback dict: security.W009 cannot see it, so it is reported here",
      settings: `import json\ntry:\n    SECRETS = json.load(open("secrets.json"))\nexcept (OSError, ValueError):\n    SECRETS = {"secret_key": "a"}\nSECRET_KEY = SECRETS.get("secret_key")\n`,
      findings: ["5:30"],
      message: /SECRET_KEY falls back to a literal key when the secrets cannot be read/,
    },
    {
      name: "after `or`",
      settings: `import os\nSECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "${KEY}"\n`,
      findings: ["2:53"],
      message: /when the value is empty/,
      fixes: [
        {
          title: /Drop/,
          applicability: "unsafe",
          output: 'import os\nSECRET_KEY = os.environ.get("DJANGO_SECRET_KEY")\n',
        },
      ],
    },
    {
      name: "SECRET_KEY_FALLBACKS entries (4.1+)",
      settings: `import os\nSECRET_KEY = os.environ["K"]\nSECRET_KEY_FALLBACKS = [os.environ.get("OLD_KEY", "${KEY}")]\n`,
      findings: ["3:51"],
      message: /SECRET_KEY_FALLBACKS\[0\] falls back to a literal key when OLD_KEY is unset/,
      fixes: [
        {
          title: /Drop/,
          applicability: "unsafe",
          output: 'import os\nSECRET_KEY = os.environ["K"]\nSECRET_KEY_FALLBACKS = [os.environ["OLD_KEY"]]\n',
        },
      ],
    },
    {
      name: "inherited from the base module: production reads the variable with no fallback",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": `import os\nSECRET_KEY = os.getenv('DJANGO_SECRET_KEY', '${KEY}')\n`,
      },
      findings: ["2:45"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /Read SECRET_KEY from the environment variable DJANGO_SECRET_KEY/,
          applicability: "unsafe",
          output: 'from .base import *\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n',
        },
      ],
    },
  ],
});

describe("deploy.W002 in deployment files", () => {
  const SETTINGS = "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n";
  const analyze = (files: Record<string, string>, settings = SETTINGS) =>
    analyzeFiles({
      "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
      "mysite/settings.py": settings,
      ...files,
    }).findings.filter((finding) => finding.code === "deploy.W002");
  const place = (finding: {
    location: { file: string; range: { start: { line: number; character: number } } };
  }) =>
    `${finding.location.file.slice(ROOT.length + 1)}:${finding.location.range.start.line + 1}:${finding.location.range.start.character + 1}`;

  it("reports the default of compose interpolation where it is written, and requires the variable instead", () => {
    const compose = `services:\n  web:\n    build: .\n    environment:\n      DJANGO_SECRET_KEY: \${DJANGO_SECRET_KEY:-${PLAIN_KEY}}\n`;
    const [finding, ...rest] = analyze({ "docker-compose.yml": compose });
    assert.deepEqual(rest, []);
    assert.equal(place(finding!), "docker-compose.yml:5:47");
    assert.match(finding!.message, /DJANGO_SECRET_KEY falls back to a literal key in this file/);
    assert.equal(finding!.fixes.length, 1);
    assert.equal(finding!.fixes[0]!.applicability, "unsafe");
    assert.equal(
      applyEdits(compose, finding!.fixes[0]!.edits),
      "services:\n  web:\n    build: .\n    environment:\n      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY:?DJANGO_SECRET_KEY must be set}\n",
    );
  });

  it("leaves alone a compose service that runs another settings module", () => {
    // The service's key goes to the development module it names, not to the production profile.
    const compose = `services:\n  web:\n    build: .\n    environment:\n      DJANGO_SETTINGS_MODULE: mysite.settings_dev\n      DJANGO_SECRET_KEY: "${PLAIN_KEY}"\n`;
    assert.deepEqual(
      analyze({ "docker-compose.yml": compose, "mysite/settings_dev.py": "from .settings import *\n" }),
      [],
    );
    const same = compose.replace("mysite.settings_dev", "mysite.settings");
    assert.equal(analyze({ "docker-compose.yml": same }).length, 1);
  });

  it("reports a literal in a list-style compose environment", () => {
    const [finding] = analyze({
      "compose.yaml": `services:\n  web:\n    environment:\n      - DJANGO_SECRET_KEY=${PLAIN_KEY}\n`,
    });
    assert.equal(place(finding!), "compose.yaml:4:27");
    assert.match(finding!.message, /set to a literal key in a file kept in the repository/);
    assert.deepEqual(finding!.fixes, []);
  });

  it("reports a .env file git does not ignore, a Dockerfile ENV and a systemd unit", () => {
    const findings = analyze({
      ".gitignore": "*.pyc\n",
      ".env": `# production\nDJANGO_SECRET_KEY="${KEY}"\n`,
      Dockerfile: `FROM python:3.12\nENV DJANGO_SECRET_KEY=${KEY2}\nCMD ["gunicorn", "mysite.wsgi"]\n`,
      "deploy/site.service": `[Service]\nEnvironment=DJANGO_SECRET_KEY=${PLAIN_KEY}\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi\n`,
    });
    assert.deepEqual(findings.map(place).sort(), [
      ".env:2:20",
      "Dockerfile:2:23",
      "deploy/site.service:2:31",
    ]);
  });

  it("a .env file under an ignored folder, or matched by a pattern, is not reported", () => {
    assert.deepEqual(
      analyze({ ".gitignore": "/config/\n", "config/.env": `DJANGO_SECRET_KEY=${KEY}\n` }),
      [],
    );
    assert.deepEqual(
      analyze({ ".gitignore": "**/.env*\n!.env.example\n", ".env.production": `DJANGO_SECRET_KEY=${KEY}\n` }),
      [],
    );
  });

  it("reports a weak fallback that the profile's .env file hides from security.W009", () => {
    const files = {
      "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
      "mysite/settings.py": "import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'changeme')\n",
      ".gitignore": ".env\n",
      ".env": `DJANGO_SECRET_KEY=${KEY}\n`,
    };
    const findings = new DjangoProject([ROOT], memoryHost(files), { envFile: ".env" })
      .analyze()
      .findings.filter((finding) => /^(deploy\.W002|security\.W009)$/.test(finding.code));
    assert.deepEqual(
      findings.map((finding) => `${finding.code} ${place(finding)}`),
      ["deploy.W002 mysite/settings.py:2:50"],
    );
    assert.match(findings[0]!.explanation ?? "", /\.env sets DJANGO_SECRET_KEY for this profile/);
  });

  it("looks for the conventional names when the settings read the key in a way not followed", () => {
    const findings = analyze(
      {
        "docker-compose.yml": `services:\n  web:\n    environment:\n      DJANGO_SECRET_KEY: "${PLAIN_KEY}"\n`,
      },
      "from .secrets import get_secret\nSECRET_KEY = get_secret('DJANGO_SECRET_KEY')\n",
    );
    assert.deepEqual(findings.map(place), ["docker-compose.yml:4:27"]);
  });
});
