// Behaviours a reader of the code could change without noticing, each pinned by a test that fails
// when it changes: how an unset branch, a changed-in-place value, SILENCED_SYSTEM_CHECKS under
// branches and the assumed Django version are treated.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NEWEST_LTS } from "../../../server/src/django/versions";
import { analyzeFiles, analyzeSettings, applyEdits } from "../../helpers/memoryProject";

const codes = (settings: string, code: string) =>
  analyzeSettings(settings, { djangoVersion: "5.2" }).findings.filter((finding) => finding.code === code);

describe("engine guards", () => {
  it("a branch that leaves a setting unset counts as Django's default, not as unknown", () => {
    // Both ways SECRET_KEY is empty: set to "", or left at Django's default "".
    const settings = 'import os\nif os.environ["LEGACY"]:\n    SECRET_KEY = ""\n';
    assert.equal(codes(settings, "security.W009").length, 1);
    // With one branch strong, the key is not weak in every production run: nothing is reported.
    const strongOnce = `import os\nif os.environ["LEGACY"]:\n    SECRET_KEY = "${"k7#Qz!".repeat(10)}"\n`;
    assert.equal(codes(strongOnce, "security.W009").length, 0);
  });

  it("no fix rewrites a value that was changed in place after its assignment", () => {
    // The binding's value comes from `.extend(...)`: rewriting "the value" there would replace the call.
    const settings = 'ALLOWED_HOSTS = []\nALLOWED_HOSTS.extend([])\nSECRET_KEY = "x" * 60\n';
    const [finding] = codes(settings, "security.W020");
    assert.ok(finding, "W020 is reported");
    for (const fix of finding.fixes) {
      const fixed = applyEdits(settings, fix.edits);
      assert.deepEqual(
        codes(fixed, "security.W020"),
        [],
        `"${fix.title}" leaves ALLOWED_HOSTS empty:\n${fixed}`,
      );
    }
  });

  it("SILENCED_SYSTEM_CHECKS silences an ID only when every branch silences it", () => {
    const settings = (branch: string) =>
      `import os\nDEBUG = True\nif os.environ.get("QUIET"):\n    SILENCED_SYSTEM_CHECKS = ${branch}\n`;
    assert.equal(codes(settings('["security.W018"]'), "security.W018").length, 1, "one branch only");
    const both =
      'import os\nDEBUG = True\nSILENCED_SYSTEM_CHECKS = ["security.W018"]\nif os.environ.get("Q"):\n    SILENCED_SYSTEM_CHECKS = ["security.W018", "x"]\n';
    assert.equal(codes(both, "security.W018").length, 0, "every branch");
  });

  it("assumes the newest LTS, 5.2, when the project names no Django version", () => {
    assert.equal(NEWEST_LTS, "5.2");
    const result = analyzeFiles({
      "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
      "mysite/settings.py": "DEBUG = False\n",
    });
    assert.equal(result.djangoVersion, "5.2");
    assert.equal(result.djangoVersionAssumed, true);
    assert.match(result.messages.join("\n"), /checking against Django 5\.2, the newest LTS release/);
  });
});
