// The extension activates in the fixture project and contributes what package.json promises.
import * as assert from "node:assert/strict";
import { suite, test } from "mocha";
import * as vscode from "vscode";
import { activateExtension } from "./helpers";

suite("activation", () => {
  test("activates on a workspace with manage.py", async () => {
    const extension = await activateExtension();
    assert.equal(extension.isActive, true);
  });

  test("every contributed command is registered, in the Django Deploy category", async () => {
    const extension = await activateExtension();
    const contributed = (
      extension.packageJSON as { contributes: { commands: { command: string; category?: string }[] } }
    ).contributes.commands;
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of contributed) {
      assert.equal(command.category, "Django Deploy", `${command.command}'s category`);
      assert.ok(registered.has(command.command), `${command.command} is registered`);
    }
  });
});
