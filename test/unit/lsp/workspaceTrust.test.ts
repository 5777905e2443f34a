// What the server reads of a folder's settings under workspace trust (server/src/lsp/workspaceTrust.ts),
// and package.json's declaration of the restricted settings (common/src/trust.ts).
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { after, describe, it } from "node:test";
import { RESTRICTED_SETTINGS } from "../../../common/src/trust";
import { interpretSettings } from "../../../server/src/lsp/folderSettings";
import { isInsideFolder, restrictSettings } from "../../../server/src/lsp/workspaceTrust";
import { removeTemporaryFolders, temporaryFolder } from "../../temporaryFolders";

const ROOT = join(__dirname, "..", "..", "..");

describe("workspace trust", () => {
  after(removeTemporaryFolders);

  const layout = () => {
    const outside = temporaryFolder("trust-outside");
    writeFileSync(join(outside, "secrets.env"), "SECRET_KEY=outside\n");
    const folder = temporaryFolder("trust-folder");
    mkdirSync(join(folder, "config"));
    writeFileSync(join(folder, ".env.production"), "SECRET_KEY=inside\n");
    // A link inside the folder that leads out of it.
    symlinkSync(join(outside, "secrets.env"), join(folder, "linked.env"));
    return { folder, outside };
  };

  const settingsWith = (profiles: unknown[], pythonPath: string | null = null) =>
    interpretSettings({ profiles, pythonPath }).settings;

  it("package.json restricts exactly the settings the server ignores when untrusted", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
      contributes: { configuration: { properties: Record<string, unknown> } };
    };
    const declared = manifest.capabilities.untrustedWorkspaces;
    assert.equal(declared.supported, "limited");
    assert.deepEqual(
      [...declared.restrictedConfigurations].sort(),
      RESTRICTED_SETTINGS.map((key) => `djangoDeploy.${key}`).sort(),
    );
    for (const key of declared.restrictedConfigurations)
      assert.ok(key in manifest.contributes.configuration.properties, `${key} is a contributed setting`);
    assert.ok(declared.restrictedConfigurations.includes("djangoDeploy.pythonPath"));
    assert.ok(
      declared.restrictedConfigurations.includes("djangoDeploy.profiles"),
      "envFile names a file to read",
    );
  });

  it("untrusted: pythonPath and every envFile are dropped, with a log line each; the modules stay", () => {
    const { folder } = layout();
    const settings = settingsWith(
      [{ settings: "config.settings", envFile: ".env.production" }, { settings: "config.other" }],
      "/usr/bin/python3",
    );
    const { settings: kept, problems } = restrictSettings(settings, folder, false);
    assert.equal(kept.analysis.pythonPath, undefined);
    assert.deepEqual(kept.analysis.profiles, [{ settings: "config.settings" }, { settings: "config.other" }]);
    assert.equal(problems.length, 2);
    assert.match(problems.join("\n"), /pythonPath is ignored: the workspace is not trusted/);
    assert.match(problems.join("\n"), /envFile \.env\.production is not read: the workspace is not trusted/);
  });

  it("trusted: an envFile inside the folder is kept; outside it, or through a link leading out, it is not", () => {
    const { folder, outside } = layout();
    const settings = settingsWith(
      [
        { settings: "config.inside", envFile: ".env.production" },
        { settings: "config.relative", envFile: relative(folder, join(outside, "secrets.env")) },
        { settings: "config.absolute", envFile: join(outside, "secrets.env") },
        { settings: "config.linked", envFile: "linked.env" },
        { settings: "config.system", envFile: "/etc/passwd" },
      ],
      "/usr/bin/python3",
    );
    const { settings: kept, problems } = restrictSettings(settings, folder, true);
    assert.equal(kept.analysis.pythonPath, "/usr/bin/python3");
    assert.deepEqual(kept.analysis.profiles, [
      { settings: "config.inside", envFile: ".env.production" },
      { settings: "config.relative" },
      { settings: "config.absolute" },
      { settings: "config.linked" },
      { settings: "config.system" },
    ]);
    assert.equal(problems.length, 4);
    for (const problem of problems)
      assert.match(problem, /is outside the workspace folder .*, so it is not read/);
  });

  it("isInsideFolder: the folder itself and its parents are not inside it", () => {
    const { folder } = layout();
    assert.equal(isInsideFolder(join(folder, ".env.production"), folder), true);
    assert.equal(isInsideFolder(join(folder, "not-yet.env"), folder), true);
    assert.equal(isInsideFolder(folder, folder), false);
    assert.equal(isInsideFolder(join(folder, ".."), folder), false);
    assert.equal(isInsideFolder(`${folder}-sibling/x.env`, folder), false);
    assert.equal(isInsideFolder(join(folder, "linked.env"), folder), false);
  });
});
