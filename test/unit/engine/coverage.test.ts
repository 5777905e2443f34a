// "No problems found" is told apart from "nothing could be checked": the settings the checks read
// whose value is Unknown are listed per profile, with the reason, the place and the checks that could
// not decide.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeSettings } from "../../helpers/memoryProject";

describe("coverage of the checks", () => {
  it("lists an Unknown setting with its reason, its place and the checks it kept silent", () => {
    const result = analyzeSettings(
      'from mysite.helpers import build_middleware\nMIDDLEWARE = build_middleware()\nDEBUG = False\nSECRET_KEY = "k" * 3\n',
      { djangoVersion: "5.2" },
    );
    const [coverage] = result.coverage;
    assert.equal(coverage?.profile, "mysite.settings");
    const middleware = coverage.unknownSettings.find((setting) => setting.name === "MIDDLEWARE");
    assert.ok(middleware, JSON.stringify(coverage.unknownSettings));
    assert.match(middleware.reason, /build_middleware/);
    assert.equal(middleware.location?.range.start.line, 1);
    for (const check of ["security.W001", "security.W002", "security.W003"])
      assert.ok(middleware.checks.includes(check), `${check} in ${middleware.checks.join(", ")}`);
    assert.equal(
      coverage.unknownSettings.some((setting) => setting.name === "DEBUG"),
      false,
      "a known setting is not listed",
    );
  });

  it("a SILENCED_SYSTEM_CHECKS it cannot evaluate: findings say they assume nothing is silenced, and it is listed", () => {
    const result = analyzeSettings(
      "DEBUG = True\nSILENCED_SYSTEM_CHECKS = open('/etc/silenced').read().split()\n",
      { djangoVersion: "5.2" },
    );
    const debug = result.findings.find((finding) => finding.code === "security.W018");
    assert.ok(debug, "reported: Django would report it unless the file silences it");
    assert.match(
      debug.explanation ?? "",
      /^This assumes SILENCED_SYSTEM_CHECKS, which the engine cannot evaluate, does not silence security\.W018\./,
    );
    const silence = result.coverage[0]?.unknownSettings.find(
      (setting) => setting.name === "SILENCED_SYSTEM_CHECKS",
    );
    assert.ok(silence, JSON.stringify(result.coverage));
    assert.ok(silence.checks.includes("security.W018"), silence.checks.join(", "));
  });

  it("lists nothing when every setting read is known", () => {
    const result = analyzeSettings("DEBUG = False\n", { djangoVersion: "5.2" });
    assert.deepEqual(result.coverage, [
      { profile: "mysite.settings", unknownSettings: [], unreadImports: [] },
    ]);
  });
});
