// Activation only: wiring lives in client.ts and commands/.
import * as vscode from "vscode";
import { DjangoDeployClient } from "./client";
import { registerProfileCommands } from "./commands/profiles";
import { registerScaffoldCommands } from "./commands/scaffold";
import { registerServerCommands } from "./commands/server";
import { ProfileStatusBar } from "./statusBar";
import { watchWorkspaceTrust } from "./trust";

let client: DjangoDeployClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel("Django Deploy", { log: true });
  context.subscriptions.push(log);
  client = new DjangoDeployClient(context, log);
  context.subscriptions.push(client);
  // Commands first, so they answer even when the server cannot start.
  registerServerCommands(context, log, client);
  registerScaffoldCommands(context);
  registerProfileCommands(context, client);
  context.subscriptions.push(new ProfileStatusBar(client));
  const current = client;
  watchWorkspaceTrust(context, () => void current.restart());
  // Not awaited: activation finishes at once; a failure to start is logged and the commands report it.
  void client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
