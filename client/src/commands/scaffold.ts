// Placeholder until the scaffold commands land (issue 5).
import type * as vscode from "vscode";

export function registerScaffoldCommands(_context: vscode.ExtensionContext): void {}
