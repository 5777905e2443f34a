// The scaffold commands: thin shells around the planner in ../scaffold. They ask (scaffoldPrompts),
// plan, show the diff of any file that would change and ask before replacing it (scaffoldPreview),
// write atomically and open what they wrote.
import * as path from "node:path";
import * as vscode from "vscode";
import {
  type EntryKind,
  type PlannedWrite,
  type ScaffoldPart,
  type TemplateSource,
  WSGI_SERVERS,
  ASGI_SERVERS,
  fileTemplateSource,
  formatIssue,
  nodeProjectFiles,
  planScaffold,
  readTextFile,
  wrapEntryModule,
} from "../scaffold";
import { askAnswers, askMiddleware, locateProject } from "./scaffoldPrompts";
import {
  PREVIEW_SCHEME,
  ScaffoldPreviewProvider,
  confirmReplacement,
  writeAtomically,
} from "./scaffoldPreview";

const EXCLUDED = "**/{node_modules,.git,.venv,venv,env,.tox,.nox,__pycache__,site-packages}/**";

export function registerScaffoldCommands(context: vscode.ExtensionContext): void {
  const preview = new ScaffoldPreviewProvider();
  const templates = fileTemplateSource(path.join(context.extensionPath, "templates"));
  const scaffold = (kind: EntryKind | undefined, parts: ScaffoldPart[]) => (resource?: unknown) =>
    runScaffold(preview, templates, kind, parts, resource instanceof vscode.Uri ? resource : undefined);

  context.subscriptions.push(
    preview,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, preview),
    vscode.commands.registerCommand("djangoDeploy.scaffoldWsgi", scaffold("wsgi", ["entry", "server"])),
    vscode.commands.registerCommand("djangoDeploy.scaffoldAsgi", scaffold("asgi", ["entry", "server"])),
    vscode.commands.registerCommand("djangoDeploy.scaffoldServerConfig", scaffold(undefined, ["server"])),
    vscode.commands.registerCommand("djangoDeploy.wrapMiddleware", (resource?: unknown) =>
      runWrapMiddleware(preview, resource instanceof vscode.Uri ? resource : undefined),
    ),
  );
}

async function runScaffold(
  preview: ScaffoldPreviewProvider,
  templates: TemplateSource,
  kind: EntryKind | undefined,
  parts: ScaffoldPart[],
  resource: vscode.Uri | undefined,
): Promise<void> {
  const location = await locateProject(resource);
  if (!location) return;
  const answers = await askAnswers(location, kind, parts);
  if (!answers) return;
  const result = planScaffold(answers, nodeProjectFiles(location.workspaceFolder.uri.fsPath), templates);
  if (!result.ok) {
    void vscode.window.showErrorMessage(
      `Nothing was written. ${result.issues.map((issue) => `${formatIssue(issue)}.`).join(" ")}`,
    );
    return;
  }
  await applyWrites(preview, result.plan.writes, result.plan.notes);
}

async function applyWrites(
  preview: ScaffoldPreviewProvider,
  writes: PlannedWrite[],
  notes: string[],
): Promise<void> {
  const written: vscode.Uri[] = [];
  const declined: string[] = [];
  const unchanged: string[] = [];
  for (const write of writes) {
    const uri = vscode.Uri.file(write.path);
    if (write.action === "unchanged") {
      unchanged.push(write.relativePath);
      continue;
    }
    if (
      write.action === "overwrite" &&
      !(await confirmReplacement(preview, uri, write.relativePath, write.content, "Overwrite"))
    ) {
      declined.push(write.relativePath);
      continue;
    }
    try {
      await writeAtomically(uri, write.content);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(`Could not write ${write.relativePath}: ${reason}`);
      break;
    }
    written.push(uri);
  }
  for (const uri of written) await vscode.window.showTextDocument(uri, { preview: false });

  const summary = [
    written.length > 0
      ? `Wrote ${written.map((uri) => vscode.workspace.asRelativePath(uri)).join(", ")}.`
      : "",
    unchanged.length > 0 ? `Already up to date: ${unchanged.join(", ")}.` : "",
    declined.length > 0 ? `Not overwritten: ${declined.join(", ")}.` : "",
    ...notes,
  ].filter((line) => line !== "");
  if (summary.length > 0) void vscode.window.showInformationMessage(summary.join(" "));
}

async function entryModuleFor(resource: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (resource && /\/[aw]sgi\.py$/.test(resource.path)) return resource;
  const location = await locateProject(resource);
  if (!location) return undefined;
  const found = await vscode.workspace.findFiles(
    new vscode.RelativePattern(location.projectFolder, "**/{wsgi,asgi}.py"),
    EXCLUDED,
    50,
  );
  if (found.length === 0) {
    void vscode.window.showInformationMessage(
      `No wsgi.py or asgi.py under ${vscode.workspace.asRelativePath(location.projectFolder)}: scaffold one first.`,
    );
    return undefined;
  }
  if (found.length === 1) return found[0];
  const chosen = await vscode.window.showQuickPick(
    found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), value: uri })),
    { placeHolder: "Which entry module should wrap application?", ignoreFocusOut: true },
  );
  return chosen?.value;
}

/** The nearest folder above `file` that holds manage.py, where the requirements usually are. */
function folderWithManagePy(file: string): string {
  let folder = path.dirname(file);
  for (;;) {
    if (readTextFile(path.join(folder, "manage.py")) !== undefined) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) return path.dirname(path.dirname(file));
    folder = parent;
  }
}

async function runWrapMiddleware(
  preview: ScaffoldPreviewProvider,
  resource: vscode.Uri | undefined,
): Promise<void> {
  const entry = await entryModuleFor(resource);
  if (!entry) return;
  const content = readTextFile(entry.fsPath);
  if (content === undefined) {
    void vscode.window.showErrorMessage(`Cannot read ${vscode.workspace.asRelativePath(entry)}.`);
    return;
  }
  const kind: EntryKind =
    entry.path.endsWith("/asgi.py") || content.includes("get_asgi_application") ? "asgi" : "wsgi";
  const base = {
    kind,
    server: kind === "wsgi" ? WSGI_SERVERS[0] : ASGI_SERVERS[0],
    projectPackage: "project",
  } as const;
  const projectFolder = folderWithManagePy(entry.fsPath);
  const middleware = await askMiddleware(base, kind, projectFolder);
  if (!middleware) return;
  const wrapped = wrapEntryModule(content, middleware, kind);
  const relativePath = vscode.workspace.asRelativePath(entry);
  if (!wrapped.ok) {
    void vscode.window.showErrorMessage(`${relativePath} was not changed: ${wrapped.message}.`);
    return;
  }
  if (!(await confirmReplacement(preview, entry, relativePath, wrapped.content, "Wrap"))) return;
  await writeAtomically(entry, wrapped.content);
  await vscode.window.showTextDocument(entry, { preview: false });
}
