// The language server across restarts and settings changes: Restart Language Server brings up a new
// server that analyses again, and djangoDeploy.* settings take effect at once.
import * as assert from "node:assert/strict";
import { suite, suiteSetup, teardown, test } from "mocha";
import * as vscode from "vscode";
import {
  BASE,
  DEV,
  PRODUCTION,
  activateExtension,
  codesOf,
  diagnosticsOf,
  lineStartingWith,
  markdownOf,
  open,
  restore,
  setSetting,
  uriOf,
  waitFor,
  waitForCodes,
  waitForNoCode,
} from "./helpers";

async function hoverOnDebug(): Promise<string> {
  const editor = await open(PRODUCTION);
  const line = lineStartingWith(editor.document, "DEBUG = ");
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    "vscode.executeHoverProvider",
    editor.document.uri,
    new vscode.Position(line, 2),
  );
  return markdownOf(hovers ?? []);
}

suite("language server", () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    for (const key of ["djangoVersion", "enable", "profiles"])
      await setSetting(`djangoDeploy.${key}`, undefined);
    await restore(PRODUCTION);
    await waitForCodes(PRODUCTION, ["security.W018"]);
  });

  test("Restart Language Server: a new server publishes again and follows edits", async () => {
    const editor = await open(PRODUCTION);
    await waitForCodes(PRODUCTION, ["security.W018"]);
    await waitForCodes(BASE, ["security.W020"]);
    // The client drops the old server's diagnostics when it stops it; seeing them go and come back
    // shows that a new server analysed the workspace.
    let cleared = false;
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (
        event.uris.some((uri) => uri.toString() === uriOf(PRODUCTION).toString()) &&
        diagnosticsOf(PRODUCTION).length === 0
      )
        cleared = true;
    });
    try {
      await vscode.commands.executeCommand("djangoDeploy.restartServer");
      await waitFor("the old diagnostics to be cleared", () => cleared);
      await waitForCodes(PRODUCTION, ["security.W018", "deploy.W003"]);
    } finally {
      listener.dispose();
    }
    // The new server hears about edits: ALLOWED_HOSTS set in production.py decides it for production.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(
      editor.document.uri,
      new vscode.Position(editor.document.lineCount, 0),
      'ALLOWED_HOSTS = ["shop.example.com"]\n',
    );
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await waitForNoCode(BASE, "security.W020");
  });

  test("djangoDeploy.djangoVersion takes effect at once", async () => {
    await waitForCodes(PRODUCTION, ["security.W018"]);
    await waitFor("the hover to name the default version", async () =>
      /Django 5\.2 default/.test(await hoverOnDebug()),
    );
    await setSetting("djangoDeploy.djangoVersion", "4.2");
    await waitFor("the hover to name Django 4.2", async () =>
      /Django 4\.2 default/.test(await hoverOnDebug()),
    );
    await waitForCodes(PRODUCTION, ["security.W018", "deploy.W003"]);
    await setSetting("djangoDeploy.djangoVersion", undefined);
    await waitFor("the hover to name Django 5.2 again", async () =>
      /Django 5\.2 default/.test(await hoverOnDebug()),
    );
  });

  test("djangoDeploy.enable false clears the findings; true brings them back", async () => {
    await waitForCodes(PRODUCTION, ["security.W018"]);
    await setSetting("djangoDeploy.enable", false);
    await waitFor(
      "no diagnostics once disabled",
      () => diagnosticsOf(PRODUCTION).length === 0 && diagnosticsOf(BASE).length === 0,
    );
    await setSetting("djangoDeploy.enable", undefined);
    await waitForCodes(PRODUCTION, ["security.W018"]);
    await waitForCodes(BASE, ["security.W020"]);
  });

  test("djangoDeploy.profiles replaces discovery: naming dev.py makes it the production settings", async () => {
    await open(DEV);
    await waitForCodes(PRODUCTION, ["security.W018"]);
    assert.deepEqual(codesOf(DEV), []);
    await setSetting("djangoDeploy.profiles", [{ settings: "shop.settings.dev" }]);
    await waitForCodes(DEV, ["security.W018"]);
    await waitForNoCode(PRODUCTION, "security.W018");
    await setSetting("djangoDeploy.profiles", undefined);
    await waitForCodes(PRODUCTION, ["security.W018"]);
    await waitForNoCode(DEV, "security.W018");
  });
});
