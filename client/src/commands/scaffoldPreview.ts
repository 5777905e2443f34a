// Showing planned content before it replaces a file, and writing it once the user agrees. Planned
// text is served from memory under the django-deploy-scaffold scheme, so the diff editor can compare it
// with the file on disk without anything being written first.
import * as vscode from "vscode";

export const PREVIEW_SCHEME = "django-deploy-scaffold";

export class ScaffoldPreviewProvider implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  private counter = 0;
  readonly onDidChange = this.changes.event;

  /** A read-only document holding `content`, named after `relativePath`. */
  register(relativePath: string, content: string): vscode.Uri {
    this.counter += 1;
    const uri = vscode.Uri.from({
      scheme: PREVIEW_SCHEME,
      path: `/${relativePath}`,
      query: `preview=${this.counter}`,
    });
    this.contents.set(uri.toString(), content);
    this.changes.fire(uri);
    return uri;
  }

  forget(uri: vscode.Uri): void {
    this.contents.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? "";
  }

  dispose(): void {
    this.changes.dispose();
    this.contents.clear();
  }
}

/**
 * Opens a diff between the file and the planned content, then asks with a modal prompt. True only when
 * the user chose `action`.
 */
export async function confirmReplacement(
  preview: ScaffoldPreviewProvider,
  file: vscode.Uri,
  relativePath: string,
  content: string,
  action: "Overwrite" | "Wrap",
): Promise<boolean> {
  const planned = preview.register(relativePath, content);
  try {
    await vscode.commands.executeCommand("vscode.diff", file, planned, `${relativePath} ↔ scaffolded`, {
      preview: true,
    } satisfies vscode.TextDocumentShowOptions);
    const answer = await vscode.window.showWarningMessage(
      action === "Overwrite"
        ? `${relativePath} exists and differs from the scaffolded file. Overwrite it?`
        : `Wrap application in ${relativePath}?`,
      {
        modal: true,
        detail: "The diff editor shows the current file on the left and what would be written on the right.",
      },
      { title: action },
      { title: "Cancel", isCloseAffordance: true },
    );
    return answer?.title === action;
  } finally {
    preview.forget(planned);
  }
}

/** Writes `content` to a temporary file next to `target`, then renames it over `target`. */
export async function writeAtomically(target: vscode.Uri, content: string): Promise<void> {
  const folder = vscode.Uri.joinPath(target, "..");
  await vscode.workspace.fs.createDirectory(folder);
  const name = target.path.slice(target.path.lastIndexOf("/") + 1);
  const random = Math.random().toString(36).slice(2, 10);
  const temporary = vscode.Uri.joinPath(folder, `.${name}.${random}.tmp`);
  await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(content));
  try {
    await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
    throw error;
  }
}
