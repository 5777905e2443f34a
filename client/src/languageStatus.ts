// The language status of Python files in a workspace folder (the {} item next to "Python" in the
// status bar): the production settings the project is checked as, and the Django version with where
// it came from. "Analysing…" until the first analysis has finished, never a guess. Files outside
// the workspace folders get nothing.
import * as vscode from "vscode";
import { STATUS_REQUEST, type StatusParams, type StatusResult } from "../../common/src/protocol";
import type { DjangoDeployClient } from "./client";

export const SELECT_PROFILE_COMMAND = "djangoDeploy.selectProductionSettings";
export const SET_DJANGO_VERSION_COMMAND = "djangoDeploy.setDjangoVersion";
export const SHOW_UNKNOWN_COMMAND = "djangoDeploy.showWhatCouldNotBeEvaluated";

export class DjangoLanguageStatus implements vscode.Disposable {
  private profileItem: vscode.LanguageStatusItem | undefined;
  private versionItem: vscode.LanguageStatusItem | undefined;
  /** What could not be evaluated: shown only when something could not, so "no problems" is not mistaken. */
  private coverageItem: vscode.LanguageStatusItem | undefined;
  /** The last status, for the command that lists what could not be evaluated. */
  private last: StatusResult | undefined;
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
    this.coverageItem?.dispose();
    this.coverageItem = undefined;
    const selector: vscode.DocumentSelector = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({
      language: "python",
      scheme: "file",
      pattern: new vscode.RelativePattern(folder, "**/*.py"),
    }));
    this.profileItem = vscode.languages.createLanguageStatusItem("djangoDeploy.profile", selector);
    this.profileItem.name = "Django Deploy: Production Settings";
    this.versionItem = vscode.languages.createLanguageStatusItem("djangoDeploy.djangoVersion", selector);
    this.versionItem.name = "Django Deploy: Django Version";
    this.selector = selector;
    this.showAnalysing();
  }

  private selector: vscode.DocumentSelector = [];

  /** The item for what could not be evaluated, created when there is something to say. */
  private showCoverage(status: StatusResult): void {
    const unknown = (status.coverage ?? []).flatMap((entry) => entry.unknownSettings);
    const unread = (status.coverage ?? []).flatMap((entry) => entry.unreadImports);
    if (unknown.length === 0 && unread.length === 0) {
      this.coverageItem?.dispose();
      this.coverageItem = undefined;
      return;
    }
    this.coverageItem ??= vscode.languages.createLanguageStatusItem("djangoDeploy.coverage", this.selector);
    const item = this.coverageItem;
    item.name = "Django Deploy: What Could Not Be Evaluated";
    const checks = new Set(unknown.flatMap((setting) => setting.checks));
    item.text =
      unknown.length > 0
        ? `${unknown.length} ${unknown.length === 1 ? "setting" : "settings"} not evaluated`
        : `${unread.length} ${unread.length === 1 ? "library" : "libraries"} not read`;
    item.detail =
      unknown.length > 0
        ? `${checks.size} ${checks.size === 1 ? "check" : "checks"} could not decide`
        : "their star imports are taken to set none of Django's settings";
    item.severity = vscode.LanguageStatusSeverity.Warning;
    item.command = { title: "Show…", command: SHOW_UNKNOWN_COMMAND };
  }

  /**
   * Lists what could not be evaluated, each with its reason, place and the checks it kept from
   * deciding; picking one opens its place.
   */
  async showWhatCouldNotBeEvaluated(): Promise<void> {
    const coverage = this.last?.coverage ?? [];
    const items: (vscode.QuickPickItem & { location?: { uri: string; range: vscode.Range } })[] = [];
    for (const entry of coverage) {
      if (entry.unknownSettings.length === 0 && entry.unreadImports.length === 0) continue;
      items.push({ label: entry.profile, kind: vscode.QuickPickItemKind.Separator });
      for (const setting of entry.unknownSettings)
        items.push({
          label: setting.name,
          description: setting.where,
          detail: `${setting.reason} — could not decide: ${setting.checks.join(", ")}`,
          ...(setting.location ? { location: toLocation(setting.location) } : {}),
        });
      for (const entry2 of entry.unreadImports)
        items.push({
          label: `from ${entry2.module} import *`,
          description: entry2.where,
          detail:
            "not in the project or its virtual environment (djangoDeploy.pythonPath): taken to set none of Django's settings",
          location: toLocation(entry2.location),
        });
    }
    if (items.length === 0) {
      void vscode.window.showInformationMessage("Django Deploy evaluated every setting its checks read.");
      return;
    }
    const picked = await vscode.window.showQuickPick(items, {
      title: "Django Deploy: What Could Not Be Evaluated",
      placeHolder: "Settings whose value the engine cannot know: the checks that read them stay silent",
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked?.location) return;
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(picked.location.uri));
    editor.selection = new vscode.Selection(picked.location.range.start, picked.location.range.end);
    editor.revealRange(picked.location.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
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
    this.last = status ?? undefined;
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
    this.showCoverage(status);
  }

  /** What the items show, for tests: [profile text, profile detail, version text, version detail]. */
  snapshot(): {
    profile: string;
    profileDetail?: string;
    version: string;
    versionDetail?: string;
    coverage?: string;
    busy: boolean;
  } {
    return {
      profile: this.profileItem?.text ?? "",
      profileDetail: this.profileItem?.detail,
      version: this.versionItem?.text ?? "",
      versionDetail: this.versionItem?.detail,
      ...(this.coverageItem ? { coverage: this.coverageItem.text } : {}),
      busy: this.profileItem?.busy === true,
    };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.profileItem?.dispose();
    this.versionItem?.dispose();
    this.coverageItem?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function toLocation(location: {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}) {
  const { start, end } = location.range;
  return { uri: location.uri, range: new vscode.Range(start.line, start.character, end.line, end.character) };
}
