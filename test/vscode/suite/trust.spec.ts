// Workspace trust. The runner opens the workspace trusted for the whole suite, and once more untrusted
// (Restricted Mode) for this file alone; DJANGO_DEPLOY_SUITE_TRUST says which. The extension declares
// limited support: in Restricted Mode it still reads the settings and reports, because it runs nothing
// from the workspace, and the settings that could name an interpreter or a file to read
// (djangoDeploy.pythonPath, the profiles' envFile) are restricted.
import * as assert from "node:assert/strict";
import { suite, test } from "mocha";
import * as vscode from "vscode";
import { RESTRICTED_SETTINGS } from "../../../client/src/trust";
import {
  BASE,
  PRODUCTION,
  activateExtension,
  lineStartingWith,
  open,
  restore,
  waitForCodes,
  waitForNoCode,
} from "./helpers";

interface TrustCapability {
  supported: boolean | "limited";
  description?: string;
  restrictedConfigurations?: string[];
}

/** Whether the runner opened the workspace trusted; a desktop run (no variable) is trusted. */
const expectTrusted = process.env.DJANGO_DEPLOY_SUITE_TRUST !== "untrusted";

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

  test(`the workspace is ${expectTrusted ? "trusted" : "untrusted (Restricted Mode)"} and the findings appear`, async () => {
    const extension = await activateExtension();
    assert.equal(extension.isActive, true);
    assert.equal(vscode.workspace.isTrusted, expectTrusted);
    await waitForCodes(PRODUCTION, ["security.W018", "deploy.W003"]);
    await waitForCodes(BASE, ["deploy.W001", "security.W020"]);
  });

  test("the language server follows edits and restarts whatever the trust", async () => {
    const editor = await open(PRODUCTION);
    await waitForCodes(PRODUCTION, ["security.W018"]);
    await vscode.commands.executeCommand("djangoDeploy.restartServer");
    await waitForCodes(PRODUCTION, ["security.W018"]);
    const edit = new vscode.WorkspaceEdit();
    const line = lineStartingWith(editor.document, "DEBUG = True");
    edit.replace(editor.document.uri, new vscode.Range(line, 8, line, 12), "False");
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await waitForNoCode(PRODUCTION, "security.W018");
    await restore(PRODUCTION);
    await waitForCodes(PRODUCTION, ["security.W018"]);
  });
});
