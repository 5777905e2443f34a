// The extension activates in the fixture project and contributes what package.json promises.
import * as assert from "node:assert/strict";
import { existsSync } from "node:fs";
import * as path from "node:path";
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

  test("the walkthrough's steps link to registered commands and their images ship", async () => {
    const extension = await activateExtension();
    const walkthroughs = (extension.packageJSON as { contributes: { walkthroughs?: Walkthrough[] } })
      .contributes.walkthroughs;
    assert.equal(walkthroughs?.length, 1);
    const walkthrough = walkthroughs[0]!;
    assert.equal(walkthrough.title, "Get ready to deploy");
    const registered = new Set(await vscode.commands.getCommands(true));
    const linked = walkthrough.steps.flatMap((step) =>
      [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((match) => match[1]!),
    );
    assert.deepEqual(linked, [
      "workbench.actions.view.problems",
      "djangoDeploy.selectProductionSettings",
      "djangoDeploy.scaffoldWsgi",
      "workbench.action.openWorkspaceSettingsFile",
    ]);
    for (const command of linked) assert.ok(registered.has(command), `${command} is registered`);
    for (const step of walkthrough.steps) {
      const media = step.media.image ?? step.media.markdown;
      assert.ok(media && existsSync(path.join(extension.extensionPath, media)), `${media} exists`);
    }
    // The steps a user asked for: fix on save, silencing, and the same checks in CI.
    assert.deepEqual(
      walkthrough.steps.slice(3).map((step) => step.title),
      ["Fix on save", "Silence a check that does not apply", "Run the same checks in CI"],
    );
  });
});

interface Walkthrough {
  title: string;
  steps: { title: string; description: string; media: { image?: string; markdown?: string } }[];
}
