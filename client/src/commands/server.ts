// The commands about the language server itself. Registered at activation whatever state the server
// is in: when there is nothing to do, they say why.
import * as vscode from "vscode";
import type { DjangoDeployClient } from "../client";

export function registerServerCommands(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  client: DjangoDeployClient,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand("djangoDeploy.showLog", () => log.show(true)),
    vscode.commands.registerCommand("djangoDeploy.restartServer", async () => {
      if (client.isStarting) {
        void vscode.window.showInformationMessage(
          "The Django Deploy language server is still starting; try again in a moment.",
        );
        return;
      }
      const reason = client.whyNotRunning();
      if (reason !== undefined)
        log.info(`Restart requested while the language server was not running: ${reason}.`);
      await client.restart();
      const after = client.whyNotRunning();
      if (after !== undefined) {
        const choice = await vscode.window.showErrorMessage(
          `The Django Deploy language server is not running: ${after}.`,
          "Show Log",
        );
        if (choice === "Show Log") log.show(true);
      }
    }),
  );
}
