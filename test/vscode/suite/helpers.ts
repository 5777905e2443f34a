// Helpers for the specs that run inside VS Code's extension host. Every wait is for a condition,
// with a time-out and a message that says what never came; there are no fixed sleeps.
import * as assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";

export const EXTENSION_ID = "django-deploy.django-deploy";
export const SOURCE = "Django Deploy";
/** The fixture the workspace was copied from; specs restore files from it. */
export const FIXTURE = path.resolve(__dirname, "..", "..", "..", "test", "vscode", "fixtures", "shop");
export const PRODUCTION = "shop/settings/production.py";
export const BASE = "shop/settings/base.py";
export const DEV = "shop/settings/dev.py";

/** Long enough for a cold language server on a busy two-core machine. */
export const TIMEOUT_MS = 45_000;

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "the suite runs with the fixture project open as the workspace folder");
  return folder;
}

export function uriOf(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...relativePath.split("/"));
}

/** Polls `probe` until it returns something other than undefined (or false), or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return "";
  return typeof code === "object" ? String(code.value) : String(code);
}

/** Our diagnostics for a file, by the language server's source. */
export function diagnosticsOf(relativePath: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uriOf(relativePath)).filter((d) => d.source === SOURCE);
}

export function codesOf(relativePath: string): string[] {
  return diagnosticsOf(relativePath).map(codeOf).sort();
}

/** Waits until `relativePath` has a diagnostic for each of `codes` (others may be there too). */
export function waitForCodes(relativePath: string, codes: string[], timeoutMs = TIMEOUT_MS) {
  return waitFor(
    `${codes.join(", ")} in ${relativePath} (has: ${codesOf(relativePath).join(", ") || "none"})`,
    () => {
      const found = diagnosticsOf(relativePath);
      return codes.every((code) => found.some((d) => codeOf(d) === code)) ? found : undefined;
    },
    timeoutMs,
  );
}

/** Waits until `relativePath` has no diagnostic for `code`. */
export function waitForNoCode(relativePath: string, code: string, timeoutMs = TIMEOUT_MS) {
  return waitFor(
    `${code} to leave ${relativePath}`,
    () => (diagnosticsOf(relativePath).some((d) => codeOf(d) === code) ? undefined : true),
    timeoutMs,
  );
}

export function findDiagnostic(relativePath: string, code: string): vscode.Diagnostic {
  const found = diagnosticsOf(relativePath).find((d) => codeOf(d) === code);
  assert.ok(found, `${code} in ${relativePath}; has: ${codesOf(relativePath).join(", ")}`);
  return found;
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  await extension.activate();
  return extension;
}

export async function open(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uriOf(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

export function fixtureText(relativePath: string): string {
  return readFileSync(path.join(FIXTURE, ...relativePath.split("/")), "utf8");
}

/** Puts a fixture file back as it was, through the editor when it is open, and saves it. */
export async function restore(relativePath: string): Promise<void> {
  const uri = uriOf(relativePath);
  const original = fixtureText(relativePath);
  const document = vscode.workspace.textDocuments.find(
    (candidate) => candidate.uri.toString() === uri.toString(),
  );
  if (document) {
    if (document.getText() !== original) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), original);
      assert.ok(await vscode.workspace.applyEdit(edit), `restoring ${relativePath}`);
    }
    if (document.isDirty) await document.save();
  } else {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
  }
}

/** Deletes files a test created, when they exist. */
export async function remove(...relativePaths: string[]): Promise<void> {
  for (const relativePath of relativePaths) {
    const uri = uriOf(relativePath);
    if (existsSync(uri.fsPath)) await vscode.workspace.fs.delete(uri, { recursive: true });
  }
}

export function readWorkspaceFile(relativePath: string): string | undefined {
  const file = uriOf(relativePath).fsPath;
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

/** The text of the document's line that starts with `prefix`, as a 0-based line number. */
export function lineStartingWith(document: vscode.TextDocument, prefix: string): number {
  for (let line = 0; line < document.lineCount; line++)
    if (document.lineAt(line).text.startsWith(prefix)) return line;
  throw new Error(`no line starting with ${JSON.stringify(prefix)} in ${document.uri.path}`);
}

export function markdownOf(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === "string" ? content : content.value))
    .join("\n");
}

/**
 * Sets a setting such as `djangoDeploy.djangoVersion` in the workspace (undefined removes it) and
 * waits until it reads back.
 */
export async function setSetting(key: string, value: unknown): Promise<void> {
  const scope = workspaceFolder().uri;
  await vscode.workspace
    .getConfiguration(undefined, scope)
    .update(key, value, vscode.ConfigurationTarget.Workspace);
  await waitFor(`${key} to read back`, () => {
    const inspected = vscode.workspace.getConfiguration(undefined, scope).inspect(key);
    return JSON.stringify(inspected?.workspaceValue) === JSON.stringify(value);
  });
}
