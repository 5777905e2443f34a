// The status bar item: which production settings the active Python file belongs to. Refreshed when
// the editor changes and when the server publishes diagnostics (that is, after each analysis).
import * as vscode from "vscode";
import type { ProfileInfo } from "../../common/src/protocol";
import type { DjangoDeployClient } from "./client";

export const SELECT_PROFILE_COMMAND = "djangoDeploy.selectProductionSettings";

export class ProfileStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    "djangoDeploy.profile",
    vscode.StatusBarAlignment.Left,
    50,
  );
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly client: DjangoDeployClient) {
    this.item.name = "Django Deploy: Production Settings";
    this.item.command = SELECT_PROFILE_COMMAND;
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.refreshSoon()),
      vscode.languages.onDidChangeDiagnostics(() => this.refreshSoon()),
    );
    this.refreshSoon();
  }

  refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh().catch(() => this.item.hide()), 200);
  }

  private async refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== "python" || editor.document.uri.scheme !== "file") {
      this.item.hide();
      return;
    }
    const profiles = await this.client.profiles();
    const uri = editor.document.uri.toString();
    const production = profiles.filter((profile) => profile.kind === "production");
    const mine = production.filter((profile) => profile.chain.includes(uri));
    if (production.length === 0) {
      this.item.text = "$(server-process) Django: no production settings";
      this.item.tooltip = "Django Deploy found no production settings module. Click to choose one.";
    } else if (mine.length === 0) {
      this.item.text = "$(server-process) Django: not production settings";
      this.item.tooltip = tooltip("This file is not read by a production settings module.", production);
    } else {
      this.item.text = `$(server-process) ${mine.length === 1 ? mine[0]!.module : `${mine.length} production profiles`}`;
      this.item.tooltip = tooltip("This file is part of the production settings:", mine);
    }
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function tooltip(lead: string, profiles: ProfileInfo[]): vscode.MarkdownString {
  const lines = [
    lead,
    "",
    ...profiles.map((profile) => `- \`${profile.module}\` (${profile.reason})`),
    "",
    "Click to choose the production settings.",
  ];
  return new vscode.MarkdownString(lines.join("\n"));
}
