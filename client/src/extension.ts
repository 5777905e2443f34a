// Activation only: wiring lives in client.ts and commands/.
import * as vscode from "vscode";
import { DjangoDeployClient } from "./client";
import { registerCompareCommand } from "./commands/compareWithDjango";
import { registerProfileCommands } from "./commands/profiles";
import { registerScaffoldCommands } from "./commands/scaffold";
import { registerEditorCommands } from "./commands/editor";
import { registerServerCommands } from "./commands/server";
import { DjangoLanguageStatus, SHOW_UNKNOWN_COMMAND } from "./languageStatus";
import { ProductionSettingsView } from "./settingsView";
import { watchWorkspaceTrust } from "./trust";

let client: DjangoDeployClient | undefined;

/** What activation returns: read by the VS Code suite, which cannot see the language status otherwise. */
export interface DjangoDeployApi {
  languageStatus(): ReturnType<DjangoLanguageStatus["snapshot"]>;
}

export function activate(context: vscode.ExtensionContext): DjangoDeployApi {
  const log = vscode.window.createOutputChannel("Django Deploy", { log: true });
  context.subscriptions.push(log);
  client = new DjangoDeployClient(context, log);
  context.subscriptions.push(client);
  // Commands first, so they answer even when the server cannot start.
  registerServerCommands(context, log, client);
  registerScaffoldCommands(context, client);
  registerProfileCommands(context, client);
  registerEditorCommands(context);
  registerCompareCommand(context);
  const status = new DjangoLanguageStatus(client);
  context.subscriptions.push(
    status,
    new ProductionSettingsView(client),
    vscode.commands.registerCommand(SHOW_UNKNOWN_COMMAND, () => status.showWhatCouldNotBeEvaluated()),
  );
  const current = client;
  watchWorkspaceTrust(context, () => void current.restart());
  // Not awaited: activation finishes at once; a failure to start is logged and the commands report it.
  void client.start();
  return { languageStatus: () => status.snapshot() };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
