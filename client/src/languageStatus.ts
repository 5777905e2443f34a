// The language status of Python files in a workspace folder (the {} item next to "Python" in the
// status bar): the production settings the project is checked as, and the Django version with where
// it came from. "Analysing…" until the first analysis has finished, never a guess. Files outside
// the workspace folders get nothing.
import * as vscode from "vscode";
import { STATUS_REQUEST, type StatusParams, type StatusResult } from "../../common/src/protocol";
import type { DjangoDeployClient } from "./client";

export const SELECT_PROFILE_COMMAND = "djangoDeploy.selectProductionSettings";
export const SET_DJANGO_VERSION_COMMAND = "djangoDeploy.setDjangoVersion";

export class DjangoLanguageStatus implements vscode.Disposable {
  private profileItem: vscode.LanguageStatusItem | undefined;
  private versionItem: vscode.LanguageStatusItem | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly client: DjangoDeployClient) {
    this.createItems();
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.createItems();
        this.refreshSoon();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.refreshSoon()),
      client.onDidChangeStatus(() => this.refreshSoon()),
    );
    this.refreshSoon();
  }

  /** Items whose selector is the Python files of each workspace folder. */
  private createItems(): void {
    this.profileItem?.dispose();
    this.versionItem?.dispose();
    const selector: vscode.DocumentSelector = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({
      language: "python",
      scheme: "file",
      pattern: new vscode.RelativePattern(folder, "**/*.py"),
    }));
    this.profileItem = vscode.languages.createLanguageStatusItem("djangoDeploy.profile", selector);
    this.profileItem.name = "Django Deploy: Production Settings";
    this.versionItem = vscode.languages.createLanguageStatusItem("djangoDeploy.djangoVersion", selector);
    this.versionItem.name = "Django Deploy: Django Version";
    this.showAnalysing();
  }

  private showAnalysing(): void {
    for (const item of [this.profileItem, this.versionItem]) {
      if (!item) continue;
      item.busy = true;
      item.severity = vscode.LanguageStatusSeverity.Information;
      item.command = undefined;
    }
    if (this.profileItem) {
      this.profileItem.text = "Django Deploy: analysing…";
      this.profileItem.detail = "reading the settings modules";
    }
    if (this.versionItem) {
      this.versionItem.text = "Django version: analysing…";
      this.versionItem.detail = undefined;
    }
  }

  refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh().catch(() => this.showAnalysing()), 150);
  }

  private async refresh(): Promise<void> {
    const folder = vscode.window.activeTextEditor
      ? vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri)
      : vscode.workspace.workspaceFolders?.[0];
    const uri = vscode.window.activeTextEditor?.document.uri ?? folder?.uri;
    if (!uri) return;
    const status = await this.client.request<StatusResult>(STATUS_REQUEST, {
      uri: uri.toString(),
    } satisfies StatusParams);
    const profile = this.profileItem;
    const version = this.versionItem;
    if (!profile || !version) return;
    if (!status || status.state === "analysing") {
      this.showAnalysing();
      return;
    }
    for (const item of [profile, version]) item.busy = false;
    if (status.state === "off") {
      profile.text = "Django Deploy: off";
      profile.detail = "djangoDeploy.enable is false for this folder";
      profile.severity = vscode.LanguageStatusSeverity.Information;
      profile.command = undefined;
      version.text = "";
      version.detail = undefined;
      return;
    }
    const modules = status.profiles.map((entry) => entry.module);
    profile.text =
      modules.length === 0
        ? "No production settings"
        : modules.length === 1
          ? `Production: ${modules[0]}`
          : `Production: ${modules.length} profiles`;
    profile.detail =
      modules.length === 0
        ? "none found: choose the module your server runs with"
        : status.profiles.map((entry) => `${entry.module} (${entry.reason})`).join("; ");
    profile.severity =
      modules.length === 0
        ? vscode.LanguageStatusSeverity.Warning
        : vscode.LanguageStatusSeverity.Information;
    profile.command = { title: "Select…", command: SELECT_PROFILE_COMMAND };
    version.text = `Django ${status.djangoVersion ?? "?"}`;
    version.detail = status.djangoVersionSource
      ? `from ${status.djangoVersionSource}`
      : "assumed: no version in the project's requirements";
    version.severity = status.djangoVersionSource
      ? vscode.LanguageStatusSeverity.Information
      : vscode.LanguageStatusSeverity.Warning;
    version.command = { title: "Set Version…", command: SET_DJANGO_VERSION_COMMAND };
  }

  /** What the items show, for tests: [profile text, profile detail, version text, version detail]. */
  snapshot(): {
    profile: string;
    profileDetail?: string;
    version: string;
    versionDetail?: string;
    busy: boolean;
  } {
    return {
      profile: this.profileItem?.text ?? "",
      profileDetail: this.profileItem?.detail,
      version: this.versionItem?.text ?? "",
      versionDetail: this.versionItem?.detail,
      busy: this.profileItem?.busy === true,
    };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.profileItem?.dispose();
    this.versionItem?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
