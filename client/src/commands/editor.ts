// Commands the editor runs for the language server's code actions and for the settings view:
// reveal a change once a fix is applied (selecting the placeholder the user must type over), open
// a check's documentation, and set the Django version the checks use.
import * as vscode from "vscode";
import {
  REVEAL_COMMAND,
  SHOW_DOCUMENTATION_COMMAND,
  type RevealArguments,
} from "../../../common/src/protocol";
import { SETTINGS_SECTION } from "../../../common/src/settings";
import { DJANGO_VERSIONS } from "../../../server/src/django/versions";
import { SET_DJANGO_VERSION_COMMAND } from "../languageStatus";

/** The settings view opens an assignment the same way a fix reveals its change. */
export const REVEAL_LOCATION_COMMAND = REVEAL_COMMAND;

export function registerEditorCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(REVEAL_COMMAND, (target: RevealArguments) => reveal(target)),
    vscode.commands.registerCommand(SHOW_DOCUMENTATION_COMMAND, (_code: string, url: string) =>
      vscode.env.openExternal(vscode.Uri.parse(url)),
    ),
    vscode.commands.registerCommand(SET_DJANGO_VERSION_COMMAND, setDjangoVersion),
  );
}

/** Opens the file (in the editor group in use) and selects the range, scrolled into view. */
export async function reveal(target: RevealArguments): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.parse(target.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const { start, end } = target.range;
  const range = document.validateRange(
    new vscode.Range(start.line, start.character, end.line, end.character),
  );
  // A snippet edit in this editor may already have selected the placeholder; keep its snippet mode.
  if (!editor.selection.isEqual(range)) editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** "Django Deploy: Set Django Version…": writes djangoDeploy.djangoVersion for a workspace folder. */
async function setDjangoVersion(): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder =
    folders.length <= 1
      ? folders[0]
      : await vscode.window.showWorkspaceFolderPick({ placeHolder: "Which project's Django version?" });
  if (!folder) return;
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION, folder.uri);
  const current = configuration.get<string | null>("djangoVersion") ?? undefined;
  const detect = "Read it from the project's requirements";
  const picked = await vscode.window.showQuickPick(
    [
      { label: detect, description: current === undefined ? "current" : "", value: undefined },
      ...[...DJANGO_VERSIONS].reverse().map((version) => ({
        label: `Django ${version}`,
        description: version === current ? "current" : "",
        value: version as string | undefined,
      })),
    ],
    { title: "Django version to check against", placeHolder: "The version your production server runs" },
  );
  if (!picked) return;
  await configuration.update(
    "djangoVersion",
    picked.value ?? null,
    vscode.ConfigurationTarget.WorkspaceFolder,
  );
}
