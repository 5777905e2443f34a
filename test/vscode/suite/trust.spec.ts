// Workspace trust. The suite's VS Code runs with trust disabled (code-server's --disable-workspace-trust;
// it cannot switch trust from an extension), so what can be checked here is the declaration: limited
// support, with exactly the restricted settings the client knows about.
import * as assert from "node:assert/strict";
import { suite, test } from "mocha";
import * as vscode from "vscode";
import { RESTRICTED_SETTINGS } from "../../../client/src/trust";
import { PRODUCTION, activateExtension, waitForCodes } from "./helpers";

interface TrustCapability {
  supported: boolean | "limited";
  description?: string;
  restrictedConfigurations?: string[];
}

suite("workspace trust", () => {
  test("untrusted workspaces are declared as limited, restricting exactly the risky settings", async () => {
    const extension = await activateExtension();
    const capability = (extension.packageJSON as { capabilities: { untrustedWorkspaces: TrustCapability } })
      .capabilities.untrustedWorkspaces;
    assert.equal(capability.supported, "limited");
    assert.ok(capability.description && capability.description.length > 0);
    assert.deepEqual(
      [...(capability.restrictedConfigurations ?? [])].sort(),
      RESTRICTED_SETTINGS.map((key) => `djangoDeploy.${key}`).sort(),
    );
  });

  test("in a trusted workspace the server runs in full", async () => {
    await activateExtension();
    assert.equal(vscode.workspace.isTrusted, true);
    await waitForCodes(PRODUCTION, ["security.W018"]);
  });
});
