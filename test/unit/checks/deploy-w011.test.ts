import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DJANGO_VERSIONS } from "../../../server/src/django/versions";
import { checkTable } from "../../helpers/checkTable";
import { analyzeSettings, summarize } from "../../helpers/memoryProject";

checkTable("deploy.W011", {
  valid: [
    {
      name: "origins with a scheme",
      djangoVersion: "3.2",
      settings: "CSRF_TRUSTED_ORIGINS = ['https://example.com']\n",
    },
    {
      name: "from Django 4.0 on, 4_0.E001 reports it",
      djangoVersion: "4.2",
      settings: "CSRF_TRUSTED_ORIGINS = ['example.com']\n",
    },
    { name: "Django's default", djangoVersion: "3.2", settings: "DEBUG = False\n" },
    {
      name: "read from the environment with no default",
      djangoVersion: "3.2",
      settings: "import os\nCSRF_TRUSTED_ORIGINS = os.environ['ORIGINS'].split(',')\n",
    },
    {
      name: "not known",
      djangoVersion: "3.2",
      settings: "from .origins import ORIGINS\nCSRF_TRUSTED_ORIGINS = ORIGINS\n",
    },
    {
      name: "a development profile",
      djangoVersion: "3.2",
      module: "mysite.settings.dev",
      settings: "CSRF_TRUSTED_ORIGINS = ['example.com']\n",
      files: { "mysite/settings/__init__.py": "" },
    },
    {
      name: "the base's host name overridden in production",
      djangoVersion: "3.2",
      module: "mysite.settings.production",
      settings: "from .base import *\nCSRF_TRUSTED_ORIGINS = ['https://example.com']\n",
      files: {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": "CSRF_TRUSTED_ORIGINS = ['example.com']\n",
      },
    },
    {
      name: "silenced",
      djangoVersion: "3.2",
      settings: "CSRF_TRUSTED_ORIGINS = ['example.com']\nSILENCED_SYSTEM_CHECKS = ['deploy.W011']\n",
    },
  ],
  invalid: [
    {
      name: "one warning per host name on 3.2",
      djangoVersion: "3.2",
      settings:
        "CSRF_TRUSTED_ORIGINS = [\n    'example.com',\n    'https://ok.example.com',\n    '.example.org',\n]\n",
      findings: ["2:5", "4:5"],
      message: /'example.com' has no scheme: Django 4.0 refuses it/,
      fixes: [
        {
          title: /https:\/\/.*upgrade/,
          applicability: "unsafe",
          output:
            "CSRF_TRUSTED_ORIGINS = [\n    'https://example.com',\n    'https://ok.example.com',\n    '.example.org',\n]\n",
        },
      ],
    },
    {
      name: "the environment's default",
      djangoVersion: "3.2",
      settings: "import os\nCSRF_TRUSTED_ORIGINS = [os.environ.get('ORIGIN', 'example.com')]\n",
      findings: ["2:25"],
      message: /default 'example.com'/,
    },
  ],
});

describe("deploy.W011 and 4_0.E001", () => {
  it("exactly one of them reports an entry without a scheme, in every version", () => {
    for (const version of DJANGO_VERSIONS) {
      const findings = analyzeSettings("CSRF_TRUSTED_ORIGINS = ['example.com']\n", {
        djangoVersion: version,
      });
      const codes = summarize(findings.findings).filter((code) => /^(deploy\.W011|4_0\.E001)@/.test(code));
      assert.deepEqual(codes, [version === "3.2" ? "deploy.W011@1:25" : "4_0.E001@1:25"], version);
    }
  });
});
