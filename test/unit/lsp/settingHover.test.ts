import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DjangoProject } from "../../../server/src/engine/project";
import { settingHoverMarkdown } from "../../../server/src/lsp/settingHover";
import { memoryHost, ROOT } from "../../helpers/memoryProject";

const files = {
  "a/__init__.py": "",
  "a/settings/__init__.py": "",
  "a/settings/base.py": "DEBUG = True\nALLOWED_HOSTS = []\n",
  "a/settings/production.py": "import os\nfrom .base import *\nDEBUG = os.environ.get('DJANGO_DEBUG', '')\n",
  "a/settings/dev.py": "from .base import *\n",
};
const display = (file: string) => file.slice(ROOT.length + 1);

describe("hover on a setting", () => {
  const project = new DjangoProject([ROOT], memoryHost(files), { djangoVersion: "4.2" });

  it("shows the effective value per production profile, where it comes from, the default and the docs", () => {
    const markdown = settingHoverMarkdown(
      "DEBUG",
      project.settingReport(`${ROOT}/a/settings/base.py`, "DEBUG"),
      display,
    );
    assert.equal(
      markdown,
      [
        "**DEBUG** in production",
        "",
        "- `a.settings.production`: environment variable `DJANGO_DEBUG` (unset in production: default `''`) — a/settings/production.py:3",
        "  - modules: a/settings/production.py → a/settings/base.py",
        "",
        "Django 4.2 default: `False`",
        "",
        "[Django documentation](https://docs.djangoproject.com/en/4.2/ref/settings/#debug)",
      ].join("\n"),
    );
  });

  it("says when Django's default applies", () => {
    const markdown = settingHoverMarkdown(
      "SECURE_HSTS_SECONDS",
      project.settingReport(`${ROOT}/a/settings/production.py`, "SECURE_HSTS_SECONDS"),
      display,
    );
    assert.match(markdown!, /`a\.settings\.production`: `0` — not set: Django's default/);
  });

  it("has nothing to say about a module that no production profile reads", () => {
    assert.equal(project.settingReport(`${ROOT}/a/settings/dev.py`, "DEBUG").length, 0);
  });
});
