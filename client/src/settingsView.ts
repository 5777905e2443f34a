// The "Production Settings" view in the Explorer: production profile → setting → value, where it
// is decided (a link that opens the line) and the findings about it. Refreshed after each analysis.
import * as vscode from "vscode";
import {
  EFFECTIVE_SETTINGS_REQUEST,
  type EffectiveSettingInfo,
  type EffectiveSettingsResult,
} from "../../common/src/protocol";
import type { DjangoDeployClient } from "./client";
import { REVEAL_LOCATION_COMMAND } from "./commands/editor";

export const SETTINGS_VIEW = "djangoDeploy.productionSettings";

type Profile = EffectiveSettingsResult["profiles"][number];
type Node = { kind: "profile"; profile: Profile } | { kind: "setting"; setting: EffectiveSettingInfo };

export class ProductionSettingsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changes.event;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly client: DjangoDeployClient) {
    this.disposables.push(
      this.changes,
      vscode.window.registerTreeDataProvider(SETTINGS_VIEW, this),
      client.onDidChangeStatus(() => this.refreshSoon()),
    );
  }

  refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changes.fire(undefined), 300);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const result = await this.client.request<EffectiveSettingsResult>(EFFECTIVE_SETTINGS_REQUEST, {});
      return (result?.profiles ?? []).map((profile) => ({ kind: "profile", profile }));
    }
    if (node.kind === "profile")
      return node.profile.settings.map((setting) => ({ kind: "setting", setting }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === "profile") {
      const item = new vscode.TreeItem(node.profile.module, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `Django ${node.profile.djangoVersion}`;
      item.tooltip = `${node.profile.module} in ${node.profile.folder}: the settings as production sees them`;
      item.iconPath = new vscode.ThemeIcon("server-process");
      item.contextValue = "profile";
      return item;
    }
    const { setting } = node;
    const item = new vscode.TreeItem(setting.name, vscode.TreeItemCollapsibleState.None);
    item.description = setting.value;
    const findings = setting.findings.length > 0 ? `\n\nFindings: ${setting.findings.join(", ")}` : "";
    item.tooltip = new vscode.MarkdownString(
      `**${setting.name}** = \`${setting.value.replace(/`/g, "'")}\`\n\n${setting.origin}${findings}`,
    );
    item.iconPath = new vscode.ThemeIcon(
      setting.findings.length > 0 ? "warning" : "symbol-constant",
      setting.findings.length > 0 ? new vscode.ThemeColor("problemsWarningIcon.foreground") : undefined,
    );
    if (setting.location)
      item.command = {
        title: "Go to the assignment",
        command: REVEAL_LOCATION_COMMAND,
        arguments: [setting.location],
      };
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
