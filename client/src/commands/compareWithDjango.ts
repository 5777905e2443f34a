// "Django Deploy: Compare with Django's check --deploy": runs the project's own `manage.py check
// --deploy` for each production profile, with the project's interpreter, and shows Django's findings
// as diagnostics of their own source beside the static ones, with a report of where the two agree and
// why they differ. It runs the project's code, so only in a trusted workspace. The comparison is the
// CLI's (`check --compare-with-django`), run here on the files as saved: Django reads the disk too.
import * as path from "node:path";
import * as vscode from "vscode";
import { SETTINGS_SECTION } from "../../../common/src/settings";
import { compareProjects, type ComparedProfile, renderComparisonText } from "../../../cli/src/compare";
import { stylesFor } from "../../../cli/src/color";
import { findDotenvLoads } from "../../../server/src/compare/dotenvLoads";
import { type DjangoVersion, isDjangoVersion } from "../../../server/src/django/versions";
import { DjangoProject } from "../../../server/src/engine/project";
import { nodeFileSystem } from "../../../server/src/project/nodeFileSystem";

export const COMPARE_COMMAND = "djangoDeploy.compareWithDjango";
/** The diagnostics' source, apart from Django Deploy's own. */
export const DJANGO_CHECK_SOURCE = "Django check --deploy";
const TIMEOUT_MS = 60_000;

export function registerCompareCommand(context: vscode.ExtensionContext): void {
  const diagnostics = vscode.languages.createDiagnosticCollection("djangoDeployDjangoCheck");
  const report = vscode.window.createOutputChannel("Django Deploy: Django's check --deploy");
  context.subscriptions.push(
    diagnostics,
    report,
    vscode.commands.registerCommand(COMPARE_COMMAND, () => compareWithDjango(diagnostics, report)),
  );
}

/** Why the command does not run in an untrusted workspace, in the words the user sees. */
export const UNTRUSTED_MESSAGE =
  "Comparing with Django's check --deploy runs your project's code (manage.py and the settings modules), so Django Deploy does it only in a trusted workspace. Everything else works without trust.";

async function compareWithDjango(
  diagnostics: vscode.DiagnosticCollection,
  report: vscode.OutputChannel,
): Promise<ComparedProfile[] | undefined> {
  if (!vscode.workspace.isTrusted) {
    const choice = await vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, "Manage Workspace Trust");
    if (choice) await vscode.commands.executeCommand("workbench.trust.manage");
    return undefined;
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(
      "Open the folder of a Django project to compare with Django's check.",
    );
    return undefined;
  }
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: "Running Django's check --deploy",
      cancellable: true,
    },
    async (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      diagnostics.clear();
      report.clear();
      const compared: ComparedProfile[] = [];
      for (const folder of folders) {
        const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION, folder.uri);
        const version = configuration.get<string | null>("djangoVersion");
        const profiles = configuration.get<{ settings: string; envFile?: string }[]>("profiles") ?? [];
        const project = new DjangoProject([folder.uri.fsPath], nodeFileSystem, {
          djangoVersion: version && isDjangoVersion(version) ? (version as DjangoVersion) : undefined,
          ...(profiles.length > 0 ? { profiles } : {}),
        });
        const result = project.analyze();
        if (!result.profiles.some((profile) => profile.kind === "production")) {
          report.appendLine(
            `${folder.name}: no production settings module was found, so there is nothing to compare.`,
          );
          continue;
        }
        const { python, source } = await interpreterFor(
          folder,
          configuration.get<string | null>("pythonPath"),
        );
        report.appendLine(`${folder.name}: Django runs with ${python} (${source}).`);
        const display = (file: string) => path.relative(folder.uri.fsPath, file).split(path.sep).join("/");
        const comparison = await compareProjects(
          [
            {
              path: folder.name,
              result,
              dotenvLoads: findDotenvLoads(result.chains, (file) => project.module(file)),
            },
          ],
          { python, timeoutMs: TIMEOUT_MS, display, keep: () => true, signal: controller.signal },
        );
        report.append(renderComparisonText(comparison, { styles: stylesFor(false) }));
        for (const entry of comparison.profiles) addDiagnostics(diagnostics, folder, entry);
        compared.push(...comparison.profiles);
      }
      report.show(true);
      const failed = compared.filter((entry) => entry.status !== "ran");
      if (failed.length > 0) {
        const first = failed[0]!;
        void vscode.window.showErrorMessage(
          `Django's check --deploy did not run for ${first.profile}: ${first.failure ?? first.status}.`,
        );
      }
      return compared;
    },
  );
}

/**
 * The interpreter that runs the project: the Python extension's selected one when it is installed,
 * else djangoDeploy.pythonPath, else python3 on PATH.
 */
async function interpreterFor(
  folder: vscode.WorkspaceFolder,
  setting: string | null | undefined,
): Promise<{ python: string; source: string }> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi>("ms-python.python");
  if (extension) {
    try {
      const api = extension.isActive ? extension.exports : await extension.activate();
      const selected = api.environments?.getActiveEnvironmentPath(folder.uri);
      if (selected?.path) {
        const resolved = await api.environments?.resolveEnvironment?.(selected);
        return {
          python: resolved?.executable?.uri?.fsPath ?? selected.path,
          source: "the Python extension's selected interpreter",
        };
      }
    } catch {
      // An extension that fails to answer is passed over, like one that is not installed.
    }
  }
  if (setting) return { python: setting, source: `${SETTINGS_SECTION}.pythonPath` };
  return { python: "python3", source: "python3 on PATH" };
}

/** The part of the Python extension's public API this command reads (`ms-python.python`'s exports). */
interface PythonExtensionApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { id: string; path: string };
    resolveEnvironment?(environment: {
      id: string;
      path: string;
    }): Promise<{ executable?: { uri?: vscode.Uri } } | undefined>;
  };
}

function severityOf(id: string): vscode.DiagnosticSeverity {
  const level = /\.([A-Z])\d+$/.exec(id)?.[1];
  if (level === "E" || level === "C") return vscode.DiagnosticSeverity.Error;
  if (level === "W") return vscode.DiagnosticSeverity.Warning;
  return vscode.DiagnosticSeverity.Information;
}

/**
 * Django's findings as diagnostics: where the static analysis agrees, at its findings; where only
 * Django reports, at the setting the analysis could not evaluate (else the profile's module); where
 * only the analysis reports, a hint at its finding that Django's run did not see it, and why.
 */
function addDiagnostics(
  collection: vscode.DiagnosticCollection,
  folder: vscode.WorkspaceFolder,
  entry: ComparedProfile,
): void {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  const add = (file: string, line: number, diagnostic: vscode.Diagnostic) => {
    const absolute = path.resolve(folder.uri.fsPath, file);
    diagnostic.range = new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER);
    diagnostic.source = DJANGO_CHECK_SOURCE;
    byFile.set(absolute, [...(byFile.get(absolute) ?? []), diagnostic]);
  };
  const make = (message: string, id: string, severity: vscode.DiagnosticSeverity) => {
    const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), message, severity);
    diagnostic.code = id;
    return diagnostic;
  };
  if (entry.status !== "ran") {
    add(
      entry.settingsFile,
      0,
      make(
        `Django's check --deploy did not run: ${entry.failure ?? entry.status}`,
        "django",
        vscode.DiagnosticSeverity.Error,
      ),
    );
  }
  for (const item of entry.agree) {
    for (const place of item.findings)
      add(
        place.file,
        place.line,
        make(`${item.django} (Django agrees, ${entry.profile})`, item.id, severityOf(item.id)),
      );
  }
  for (const item of entry.onlyDjango) {
    const place = item.location ?? { file: entry.settingsFile, line: 0 };
    add(
      place.file,
      place.line,
      make(
        `${item.django} (only Django reports it, ${entry.profile}: ${item.why})`,
        item.id,
        severityOf(item.id),
      ),
    );
  }
  for (const item of entry.onlyStatic) {
    for (const place of item.findings)
      add(
        place.file,
        place.line,
        make(
          `Django's check does not report ${item.id} on this machine (${entry.profile}): ${item.why}`,
          item.id,
          vscode.DiagnosticSeverity.Information,
        ),
      );
  }
  for (const [file, list] of byFile) {
    const uri = vscode.Uri.file(file);
    collection.set(uri, [...(collection.get(uri) ?? []), ...list]);
  }
}
