// Finding the Django project a scaffold command works on: the workspace folder and the folder that
// contains manage.py, from the explorer selection or by asking.
import * as path from "node:path";
import * as vscode from "vscode";
import type { Choice } from "./multiStepInput";

/** Folders never searched for manage.py or settings modules. */
export const EXCLUDED = "**/{node_modules,.git,.venv,venv,env,.tox,.nox,__pycache__,site-packages}/**";

async function pick<T>(items: Choice<T>[], placeHolder: string): Promise<T | undefined> {
  const chosen = await vscode.window.showQuickPick(items, { placeHolder, ignoreFocusOut: true });
  return chosen?.value;
}

export function relativeTo(base: vscode.Uri, uri: vscode.Uri): string {
  return path.posix.relative(base.path, uri.path) || ".";
}

async function isFolder(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  } catch {
    return false;
  }
}

export interface ProjectLocation {
  workspaceFolder: vscode.WorkspaceFolder;
  /** The folder that contains manage.py: where the files are planned. */
  projectFolder: vscode.Uri;
}

/** The workspace folder and the folder with manage.py, from the explorer selection or by asking. */
export async function locateProject(resource: vscode.Uri | undefined): Promise<ProjectLocation | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  let workspaceFolder = resource ? vscode.workspace.getWorkspaceFolder(resource) : undefined;
  if (!workspaceFolder) {
    if (folders.length === 0) {
      void vscode.window.showInformationMessage(
        "Django Deploy scaffolds into the workspace: open the folder of a Django project first.",
      );
      return undefined;
    }
    workspaceFolder =
      folders.length === 1
        ? folders[0]
        : await pick(
            folders.map((folder) => ({ label: folder.name, description: folder.uri.fsPath, value: folder })),
            "Which workspace folder holds the Django project?",
          );
    if (!workspaceFolder) return undefined;
  }
  if (workspaceFolder.uri.scheme !== "file") {
    void vscode.window.showErrorMessage(
      `Django Deploy scaffolds into folders on this computer only; ${workspaceFolder.name} is not one.`,
    );
    return undefined;
  }
  let base = workspaceFolder.uri;
  if (resource && resource.scheme === "file") {
    base = (await isFolder(resource)) ? resource : vscode.Uri.joinPath(resource, "..");
  }
  const managePys = await vscode.workspace.findFiles(
    new vscode.RelativePattern(base, "**/manage.py"),
    EXCLUDED,
    50,
  );
  const candidates = managePys
    .map((uri) => vscode.Uri.joinPath(uri, ".."))
    .sort((a, b) => a.path.length - b.path.length || a.path.localeCompare(b.path));
  let projectFolder: vscode.Uri | undefined = base;
  if (candidates.length === 1) projectFolder = candidates[0];
  else if (candidates.length > 1) {
    projectFolder = await pick(
      candidates.map((uri) => ({
        label: relativeTo(workspaceFolder.uri, uri),
        description: "contains manage.py",
        value: uri,
      })),
      "Which Django project?",
    );
  }
  if (!projectFolder) return undefined;
  return { workspaceFolder, projectFolder };
}
