import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchesEveryOrigin } from "../../../server/src/checks/deploy/w019-cors-allow-all";
import { checkTable } from "../../helpers/checkTable";
import { analyzeSettings } from "../../helpers/memoryProject";

const CORS = "INSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = ['corsheaders.middleware.CorsMiddleware']\n";
const PLACEHOLDER = 'CORS_ALLOWED_ORIGINS = ["<your front-end origin>"]';

checkTable("deploy.W019", {
  valid: [
    { name: "listed origins", settings: `${CORS}CORS_ALLOWED_ORIGINS = ['https://app.example.com']\n` },
    { name: "allow-all off", settings: `${CORS}CORS_ALLOW_ALL_ORIGINS = False\n` },
    {
      name: "anchored patterns",
      settings: `${CORS}CORS_ALLOWED_ORIGIN_REGEXES = [r'^https://\\w+\\.example\\.com$']\n`,
    },
    { name: "the middleware not installed", settings: "CORS_ALLOW_ALL_ORIGINS = True\n" },
    {
      name: "the new name wins over the old one",
      settings: `${CORS}CORS_ORIGIN_ALLOW_ALL = True\nCORS_ALLOW_ALL_ORIGINS = False\n`,
    },
    {
      name: "from the environment with no default",
      settings: `import environ\nenv = environ.Env()\n${CORS}CORS_ALLOW_ALL_ORIGINS = env.bool('CORS_ALL')\n`,
    },
    {
      name: "allow-all not known",
      settings: `from .cors import ALL\n${CORS}CORS_ALLOW_ALL_ORIGINS = ALL\n`,
    },
    {
      name: "a development profile",
      module: "mysite.settings.dev",
      settings: `${CORS}CORS_ALLOW_ALL_ORIGINS = True\n`,
      files: { "mysite/settings/__init__.py": "" },
    },
    {
      name: "the base's allow-all turned off in production",
      module: "mysite.settings.production",
      settings: "from .base import *\nCORS_ALLOW_ALL_ORIGINS = False\n",
      files: {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": `${CORS}CORS_ALLOW_ALL_ORIGINS = True\n`,
      },
    },
    {
      name: "silenced",
      settings: `${CORS}CORS_ALLOW_ALL_ORIGINS = True\nSILENCED_SYSTEM_CHECKS = ['deploy.W019']\n`,
    },
  ],
  invalid: [
    {
      name: "allow-all: replaced by a list with a placeholder",
      settings: `${CORS}CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n`,
      findings: ["3:26"],
      message: /every website[\s\S]*cookies/,
      fixes: [
        {
          title: /CORS_ALLOWED_ORIGINS \(type over the placeholder\)/,
          applicability: "unsafe",
          output: `${CORS}${PLACEHOLDER}\nCORS_ALLOW_CREDENTIALS = True\n`,
        },
      ],
    },
    {
      name: "the old name, with a list already written",
      settings: `${CORS}CORS_ORIGIN_ALLOW_ALL = True\nCORS_ALLOWED_ORIGINS = ['https://app.example.com']\n`,
      findings: ["3:25"],
      message: /CORS_ORIGIN_ALLOW_ALL is on/,
      fixes: [
        {
          title: /Set CORS_ORIGIN_ALLOW_ALL = False/,
          applicability: "unsafe",
          output: `${CORS}CORS_ORIGIN_ALLOW_ALL = False\nCORS_ALLOWED_ORIGINS = ['https://app.example.com']\n`,
        },
      ],
    },
    {
      name: "inherited from the base: turned off in production",
      module: "mysite.settings.production",
      settings: "from .base import *\n",
      files: {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": `${CORS}CORS_ALLOW_ALL_ORIGINS = True\n`,
      },
      findings: ["3:26"],
      findingFile: "mysite/settings/base.py",
      fixes: [
        {
          title: /CORS_ALLOWED_ORIGINS/,
          applicability: "unsafe",
          output: `from .base import *\n\nCORS_ALLOW_ALL_ORIGINS = False\n${PLACEHOLDER}\n`,
        },
      ],
    },
    {
      name: "the only pattern matches everything",
      settings: `${CORS}CORS_ALLOWED_ORIGIN_REGEXES = [r"^.*$"]\n`,
      findings: ["3:32"],
      message: /matches every origin/,
      fixes: [{ title: /CORS_ALLOWED_ORIGINS/, applicability: "unsafe", output: `${CORS}${PLACEHOLDER}\n` }],
    },
    {
      name: "a match-all pattern beside anchored ones (old name)",
      settings: `${CORS}CORS_ORIGIN_REGEX_WHITELIST = [r"^https://app\\.example\\.com$", r"https?://.*"]\n`,
      findings: ["3:64"],
      fixes: [
        {
          title: /Remove the match-all pattern/,
          applicability: "unsafe",
          output: `${CORS}CORS_ORIGIN_REGEX_WHITELIST = [r"^https://app\\.example\\.com$"]\n`,
        },
      ],
    },
  ],
});

describe("deploy.W019", () => {
  it("tells match-all patterns from anchored ones", () => {
    for (const pattern of [".*", "^.*$", "^https?://.*$", "(https?://)?.*", ".+", "^http"])
      assert.equal(matchesEveryOrigin(pattern), true, pattern);
    for (const pattern of [
      "^https://example\\.com$",
      "^https://.*\\.example\\.com$",
      "(?P<x>.*)",
      "^https://app",
    ])
      assert.equal(matchesEveryOrigin(pattern), false, pattern);
  });
  it("is a warning with credentials and information without", () => {
    const severity = (settings: string) =>
      analyzeSettings(settings).findings.find((finding) => finding.code === "deploy.W019")?.severity;
    assert.equal(
      severity(`${CORS}CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n`),
      "warning",
    );
    assert.equal(severity(`${CORS}CORS_ALLOW_ALL_ORIGINS = True\n`), "information");
  });
});
