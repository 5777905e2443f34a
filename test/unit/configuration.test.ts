import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { configurationContribution } from "../../common/src/configurationContribution";
import { defaultSettings, parseSettings } from "../../common/src/settings";

describe("extension settings", () => {
  it("package.json contributes.configuration is generated from the zod schema (run `npm run generate`)", () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
    assert.deepEqual(manifest.contributes.configuration, configurationContribution());
  });

  it("invalid values fall back to their defaults, one by one, with a message each", () => {
    const { settings, problems } = parseSettings({
      enable: "yes",
      djangoVersion: "4.2",
      profiles: [{ settings: "my-site.settings" }],
      logLevel: "debug",
    });
    assert.equal(settings.enable, true);
    assert.equal(settings.djangoVersion, "4.2");
    assert.deepEqual(settings.profiles, []);
    assert.equal(settings.logLevel, "debug");
    assert.equal(problems.length, 2);
    assert.match(problems[0]!, /djangoDeploy\.enable/);
    assert.match(problems[1]!, /djangoDeploy\.profiles/);
  });

  it("nothing at all gives the defaults", () => {
    assert.deepEqual(parseSettings(undefined), { settings: defaultSettings, problems: [] });
  });
});
