import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeFiles, ROOT, summarize } from "../../helpers/memoryProject";

const manage = (module: string) => ({
  "manage.py": `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")`,
});

describe("imports between settings modules", () => {
  it("follows absolute star imports through the source roots, including src/ layouts", () => {
    const result = analyzeFiles({
      ...manage("site.settings.production"),
      "src/site/__init__.py": "",
      "src/site/settings/__init__.py": "",
      "src/site/settings/base.py": "DEBUG = True\n",
      "src/site/settings/production.py": "from site.settings.base import *\n",
    });
    assert.deepEqual(summarize(result.findings, "security.W018"), ["security.W018@1:9"]);
    assert.equal(
      result.findings.find((finding) => finding.code === "security.W018")?.location.file,
      `${ROOT}/src/site/settings/base.py`,
    );
  });

  it("from .x import NAME and import x as y with y.NAME", () => {
    const result = analyzeFiles({
      ...manage("a.settings"),
      "a/__init__.py": "",
      "a/base.py": "KEY = 'short'\nHOSTS = []\n",
      "a/settings.py":
        "from .base import KEY as SECRET_KEY\nimport a.base as base\nALLOWED_HOSTS = base.HOSTS\nDEBUG = False\n",
    });
    // Where production's own module decides: the import that binds SECRET_KEY, the assignment of ALLOWED_HOSTS.
    const codes = ["deploy.W001", "security.W009", "security.W020"];
    assert.deepEqual(summarize(result.findings.filter((finding) => codes.includes(finding.code))), [
      "security.W009@1:1",
      "security.W020@3:17",
    ]);
  });

  it("an import inside an if block follows both worlds", () => {
    const result = analyzeFiles({
      ...manage("a.settings"),
      "a/__init__.py": "",
      "a/debug_on.py": "DEBUG = True\n",
      "a/settings.py": "import os\nDEBUG = False\nif os.environ.get('LOCAL'):\n    from .debug_on import *\n",
    });
    assert.deepEqual(summarize(result.findings, "security.W018"), []);
  });

  it("reports a cycle once and never loops", () => {
    const result = analyzeFiles({
      ...manage("a.settings"),
      "a/__init__.py": "",
      "a/settings.py": "from .other import *\nDEBUG = True\n",
      "a/other.py": "from .settings import *\nX = 1\n",
    });
    assert.equal(result.messages.filter((message) => message.startsWith("Import cycle")).length, 1);
    assert.match(result.messages.join("\n"), /a\/settings\.py → .*a\/other\.py → .*a\/settings\.py/);
    assert.deepEqual(summarize(result.findings, "security.W018"), ["security.W018@2:9"]);
  });

  it("a module imported under two names is evaluated once; the last import decides", () => {
    const result = analyzeFiles({
      ...manage("a.settings"),
      "a/__init__.py": "",
      "a/base.py": "DEBUG = True\n",
      "a/settings.py": "from .base import *\nfrom a.base import DEBUG\n",
    });
    assert.deepEqual(summarize(result.findings, "security.W018"), ["security.W018@2:1"]);
    assert.deepEqual(result.chains["a.settings"], [`${ROOT}/a/settings.py`, `${ROOT}/a/base.py`]);
  });

  it("a missing module outside try makes every value unknown (Django would not start)", () => {
    const result = analyzeFiles({
      ...manage("a.settings"),
      "a/__init__.py": "",
      "a/settings.py": "DEBUG = True\nfrom .missing import *\n",
    });
    assert.deepEqual(summarize(result.findings), []);
  });

  it("a value set in base and overridden by every production profile produces nothing in base", () => {
    const result = analyzeFiles({
      "a/__init__.py": "",
      "a/settings/__init__.py": "",
      "a/settings/base.py": "DEBUG = True\nSECRET_KEY = 'short'\n",
      "a/settings/production.py":
        "import os\nfrom .base import *\nDEBUG = False\nSECRET_KEY = os.environ['K']\nALLOWED_HOSTS = ['x']\n",
      "a/settings/live.py": "from .production import *\n",
    });
    assert.deepEqual(result.profiles.map((profile) => profile.module).sort(), [
      "a.settings.live",
      "a.settings.production",
    ]);
    assert.deepEqual(
      result.findings.filter((finding) => finding.location.file.endsWith("base.py")),
      [],
    );
  });

  it("a module shared by two profiles gets one finding naming both, with each profile's way to it", () => {
    const result = analyzeFiles({
      "a/__init__.py": "",
      "a/settings/__init__.py": "",
      "a/settings/base.py": "DEBUG = True\n",
      "a/settings/production.py": "from .base import *\n",
      "a/settings/live.py": "from .base import *\n",
    });
    const debug = result.findings.filter((finding) => finding.code === "security.W018");
    assert.equal(debug.length, 1);
    assert.deepEqual([...debug[0]!.profiles].sort(), ["a.settings.live", "a.settings.production"]);
    assert.equal(debug[0]!.location.file, `${ROOT}/a/settings/base.py`);
    for (const profile of debug[0]!.profiles)
      assert.ok(
        debug[0]!.related.some((related) => related.message.includes(profile)),
        profile,
      );
  });

  it("names the profile module and the modules in between as related information", () => {
    const result = analyzeFiles({
      "a/__init__.py": "",
      "a/settings/__init__.py": "",
      "a/settings/base.py": "DEBUG = True\n",
      "a/settings/common.py": "from .base import *\n",
      "a/settings/production.py": "from .common import *\n",
    });
    const debug = result.findings.find((finding) => finding.code === "security.W018")!;
    assert.equal(debug.location.file, `${ROOT}/a/settings/base.py`);
    assert.deepEqual(
      debug.related.map((related) => [related.file.slice(ROOT.length + 1), related.message]),
      [
        ["a/settings/production.py", "production profile a.settings.production inherits this value"],
        ["a/settings/common.py", "imported on the way from a.settings.production"],
      ],
    );
  });
});
