// Workspace trust. package.json declares untrusted workspaces as "limited" support: the language
// server only reads files (Python modules, .env files) and runs nothing from the workspace, so it
// runs the same in an untrusted workspace.
//
// One setting makes the extension run code: djangoDeploy.pythonPath, the interpreter that "Compare
// with Django's check --deploy" runs the project with. It is listed here and in package.json's
// `capabilities.untrustedWorkspaces.restrictedConfigurations`, so that VS Code ignores a workspace's
// value for it until the workspace is trusted (and the command itself refuses to run until then).
import * as vscode from "vscode";
import type { Settings } from "../../common/src/settings";

export const RESTRICTED_SETTINGS: readonly (keyof Settings)[] = ["pythonPath"];

/** When trust is granted and a restricted setting exists, `onGranted` runs (the server restarts to read them). */
export function watchWorkspaceTrust(context: vscode.ExtensionContext, onGranted: () => void): void {
  if (vscode.workspace.isTrusted || RESTRICTED_SETTINGS.length === 0) return;
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(onGranted));
}
