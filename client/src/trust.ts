// Workspace trust. package.json declares untrusted workspaces as "limited" support: the language
// server only reads files (Python modules, .env files) and runs nothing from the workspace, so it
// runs in an untrusted workspace too, without the restricted settings (common/src/trust.ts):
// djangoDeploy.pythonPath, the interpreter that "Compare with Django's check --deploy" runs (and
// whose libraries the server reads), and djangoDeploy.profiles, whose envFile names a file to read.
// package.json's `capabilities.untrustedWorkspaces.restrictedConfigurations` lists them, so that VS
// Code ignores a workspace's values for them until the workspace is trusted; the client also tells
// the server (initializationOptions.workspaceTrusted), which then ignores them whatever it is sent.
// The compare command itself refuses to run until the workspace is trusted.
import * as vscode from "vscode";

export { RESTRICTED_SETTINGS } from "../../common/src/trust";

/** When trust is granted, `onGranted` runs (the server restarts, told the workspace is now trusted). */
export function watchWorkspaceTrust(context: vscode.ExtensionContext, onGranted: () => void): void {
  if (vscode.workspace.isTrusted) return;
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(onGranted));
}
