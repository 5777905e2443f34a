// "Django Deploy: Select Production Settings": writes `djangoDeploy.profiles` for a workspace folder,
// from the settings modules the server found (or one typed in), with an optional .env file.
import * as vscode from "vscode";
import { SETTINGS_SECTION } from "../../../common/src/settings";
import type { DjangoDeployClient } from "../client";
import { SELECT_PROFILE_COMMAND } from "../languageStatus";

const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export function registerProfileCommands(context: vscode.ExtensionContext, client: DjangoDeployClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SELECT_PROFILE_COMMAND, () => selectProductionSettings(client)),
  );
}

async function selectProductionSettings(client: DjangoDeployClient): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(
      "Open a folder with a Django project to choose its production settings.",
    );
    return;
  }
  const folder =
    folders.length === 1
      ? folders[0]
      : await vscode.window.showWorkspaceFolderPick({ placeHolder: "Which project's production settings?" });
  if (!folder) return;

  const all = await client.profilesAndRejected();
  const found = all.profiles.filter((profile) => profile.folder === folder.uri.toString());
  const rejected = all.rejected.filter(
    (candidate) =>
      candidate.folder === folder.uri.toString() &&
      !found.some((profile) => profile.module === candidate.module),
  );
  const typeIn = "$(edit) Type a module name…";
  const items: (vscode.QuickPickItem & { picked: boolean })[] = [
    ...found
      .sort(
        (a, b) =>
          Number(b.kind === "production") - Number(a.kind === "production") ||
          a.module.localeCompare(b.module),
      )
      .map((profile) => ({
        label: profile.module,
        description: profile.kind,
        detail: profile.reason,
        picked: profile.kind === "production",
      })),
    ...(rejected.length > 0
      ? [
          { label: "Not checked as production", kind: vscode.QuickPickItemKind.Separator, picked: false },
          ...rejected.map((candidate) => ({
            label: candidate.module,
            description: "not checked",
            detail: candidate.summary,
            picked: false,
          })),
        ]
      : []),
    { label: typeIn, description: "", detail: undefined, picked: false },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: "Production settings",
    placeHolder: "The settings module(s) your production server runs with",
    canPickMany: true,
  });
  if (!picked || picked.length === 0) return;
  const modules = picked.filter((item) => item.label !== typeIn).map((item) => item.label);
  if (picked.some((item) => item.label === typeIn)) {
    const typed = await vscode.window.showInputBox({
      title: "Production settings module",
      prompt: "Dotted module name, such as mysite.settings.production",
      validateInput: (value) =>
        DOTTED.test(value.trim())
          ? undefined
          : "A dotted Python module name, such as mysite.settings.production",
    });
    if (!typed) return;
    modules.push(typed.trim());
  }

  const envFiles = await vscode.workspace.findFiles(
    new vscode.RelativePattern(folder, "**/{.env,.env.*,*.env}"),
    "**/node_modules/**",
    50,
  );
  let envFile: string | undefined;
  if (envFiles.length > 0) {
    const none = "No .env file: variables are unset in production";
    const choice = await vscode.window.showQuickPick(
      [none, ...envFiles.map((uri) => vscode.workspace.asRelativePath(uri, false))],
      {
        title: "Environment of production",
        placeHolder: "The .env file the production server reads, if any",
      },
    );
    if (choice === undefined) return;
    envFile = choice === none ? undefined : choice;
  }

  const profiles = modules.map((settings) => (envFile ? { settings, envFile } : { settings }));
  await vscode.workspace
    .getConfiguration(SETTINGS_SECTION, folder.uri)
    .update("profiles", profiles, vscode.ConfigurationTarget.WorkspaceFolder);
  void vscode.window.showInformationMessage(
    `Production settings: ${modules.join(", ")}${envFile ? ` with ${envFile}` : ""}.`,
  );
}
