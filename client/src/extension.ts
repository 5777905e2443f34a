// Activation only: wiring lives in client.ts and commands/.
import type * as vscode from "vscode";
import { registerScaffoldCommands } from "./commands/scaffold";

export function activate(context: vscode.ExtensionContext): void {
  registerScaffoldCommands(context);
}

export function deactivate(): void {}
