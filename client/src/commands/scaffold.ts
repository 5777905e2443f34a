// The scaffold commands: thin shells around the planner in ../scaffold. They ask (scaffoldPrompts),
// plan with the production profile the checks use, show the diff of any file that would change and
// ask before replacing it (scaffoldPreview), then write everything agreed to at once (all or
// nothing, a .orig copy of each replaced file) and open what they wrote.
import * as path from "node:path";
import * as vscode from "vscode";
import {
  type EntryKind,
  type PlanContext,
  type PlannedWrite,
  PlanWriteError,
  type RawAnswers,
  type ScaffoldPart,
  type ScaffoldPlan,
  type TemplateSource,
  WSGI_SERVERS,
  ASGI_SERVERS,
  fileTemplateSource,
  formatIssue,
  nodeProjectFiles,
  planScaffold,
  readTextFile,
  wrapEntryModule,
  writePlan,
} from "../../../scaffold/src/index";
import {
  PRODUCTION_FACTS_REQUEST,
  type ProductionFacts,
  type ProductionFactsParams,
} from "../../../common/src/protocol";
import type { DjangoDeployClient } from "../client";
import { BACK, pickStep, type StepContext } from "./multiStepInput";
import { askMiddleware } from "./scaffoldMiddlewarePrompts";
import { askAnswers } from "./scaffoldPrompts";
import { withServerRoots } from "./scaffoldServerRoots";
import {
  PREVIEW_SCHEME,
  ScaffoldPreviewProvider,
  confirmReplacement,
  writeAtomically,
} from "./scaffoldPreview";
import { EXCLUDED, locateProject } from "./scaffoldLocation";

export function registerScaffoldCommands(context: vscode.ExtensionContext, client: DjangoDeployClient): void {
  const preview = new ScaffoldPreviewProvider();
  const templates = fileTemplateSource(path.join(context.extensionPath, "templates"));
  const scaffold = (kind: EntryKind | undefined, parts: ScaffoldPart[]) => (argument?: unknown) =>
    runScaffold(preview, templates, client, kind, parts, argument);

  context.subscriptions.push(
    preview,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, preview),
    vscode.commands.registerCommand("djangoDeploy.scaffoldWsgi", scaffold("wsgi", ["entry", "server"])),
    vscode.commands.registerCommand("djangoDeploy.scaffoldAsgi", scaffold("asgi", ["entry", "server"])),
    vscode.commands.registerCommand("djangoDeploy.scaffoldServerConfig", scaffold(undefined, ["server"])),
    vscode.commands.registerCommand("djangoDeploy.wrapMiddleware", (argument?: unknown) =>
      runWrapMiddleware(preview, argument),
    ),
  );
}

/**
 * For tests and automation, which cannot answer quick picks: a command called with this object
 * instead of a folder skips the prompts, e.g. `executeCommand("djangoDeploy.scaffoldWsgi", { answers:
 * { server: "gunicorn", projectPackage: "shop" }, overwrite: false })`. The project is found as usual
 * (the folder that contains manage.py). `overwrite` answers the "Overwrite?" (or "Wrap?") prompt for
 * a file that exists and differs; without it the prompt is shown as for a user. The command then
 * resolves to what it did. The prompts themselves are covered by the UI test (test/vscode/).
 */
export interface ScaffoldCommandOptions {
  /** The folder (or, for Wrap…, the entry module) the command works on, as the explorer passes it. */
  resource?: vscode.Uri;
  /** Scaffold answers; `kind` and `parts` default to the command's own. */
  answers?: Partial<RawAnswers>;
  /** For Wrap WSGI/ASGI Application in Middleware: the dotted middleware path. */
  middleware?: string;
  overwrite?: boolean;
}

/** What a scaffold command did, as workspace-relative paths. */
export interface ScaffoldOutcome {
  written: string[];
  unchanged: string[];
  declined: string[];
}

function commandOptions(argument: unknown): ScaffoldCommandOptions | undefined {
  if (argument === null || typeof argument !== "object" || argument instanceof vscode.Uri) return undefined;
  return argument as ScaffoldCommandOptions;
}

/** The explorer passes the folder it was invoked on; the test hook may name one. */
function resourceOf(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  return commandOptions(argument)?.resource;
}

/**
 * The server's production facts of the project: the same project the diagnostics come from (the
 * user's profiles and open documents included). Without a running server the wizard still works:
 * it offers the settings modules it detects itself and says why no production profile is named.
 */
async function askProductionFacts(
  client: DjangoDeployClient,
  projectFolder: string,
  projectPackage: string | undefined,
): Promise<ProductionFacts> {
  const params: ProductionFactsParams = { projectFolder, ...(projectPackage ? { projectPackage } : {}) };
  try {
    const facts = await client.requestWhenStarted<ProductionFacts | null>(PRODUCTION_FACTS_REQUEST, params);
    if (facts) return facts;
    return {
      settingsReason:
        facts === null
          ? "the project is outside the folders the checks analyse"
          : `the language server is not running (${client.whyNotRunning() ?? "it is still starting"}), so the checks' production profile is not known`,
      otherProductionModules: [],
    };
  } catch (error) {
    return {
      settingsReason: `the language server could not say which profile the checks use (${error instanceof Error ? error.message : String(error)})`,
      otherProductionModules: [],
    };
  }
}

async function runScaffold(
  preview: ScaffoldPreviewProvider,
  templates: TemplateSource,
  client: DjangoDeployClient,
  kind: EntryKind | undefined,
  parts: ScaffoldPart[],
  argument: unknown,
): Promise<ScaffoldOutcome | undefined> {
  const options = commandOptions(argument);
  const location = await locateProject(resourceOf(argument));
  if (!location) return undefined;
  const files = nodeProjectFiles(location.workspaceFolder.uri.fsPath);
  const projectPath = location.projectFolder.fsPath;
  // The production profile the checks use: the settings module offered first, and its roots.
  const facts = await askProductionFacts(client, projectPath, options?.answers?.projectPackage);
  const planContext = (answers: RawAnswers): PlanContext =>
    answers.settingsModule === facts.settingsModule
      ? {
          settingsReason: facts.settingsReason,
          ...(facts.setsProxySslHeader !== undefined ? { setsProxySslHeader: facts.setsProxySslHeader } : {}),
        }
      : {};
  const plan = (answers: RawAnswers) => {
    const complete = withServerRoots(answers, facts, projectPath);
    return planScaffold(complete, files, templates, planContext(complete));
  };
  const answers = options?.answers
    ? ({
        kind,
        parts,
        targetFolder:
          path.relative(location.workspaceFolder.uri.fsPath, location.projectFolder.fsPath) || ".",
        ...(facts.settingsModule ? { settingsModule: facts.settingsModule } : {}),
        ...options.answers,
      } as RawAnswers)
    : await askAnswers(location, kind, parts, facts, (asked, context) =>
        reviewWrites(preview, plan(asked), context),
      );
  // Cancelled at some step (or at the review): nothing is written.
  if (!answers) return undefined;
  const result = plan(answers);
  if (!result.ok) {
    void vscode.window.showErrorMessage(
      `Nothing was written. ${result.issues.map((issue) => `${formatIssue(issue)}.`).join(" ")}`,
    );
    return undefined;
  }
  if (result.plan.problems.length > 0) {
    void vscode.window.showErrorMessage(
      `Nothing was written: ${result.plan.problems.map((problem) => `${problem}.`).join(" ")}`,
    );
    return undefined;
  }
  const outcome = await applyWrites(
    preview,
    result.plan.writes,
    result.plan.notes,
    options?.overwrite,
    options?.answers !== undefined,
  );
  // Asked step by step: the end says what was written and what to run next.
  if (!options?.answers) void showSummary(outcome, result.plan);
  return outcome;
}

/**
 * The wizard's last step: the files that would be written, each with what happens to it; choosing
 * a file shows its content, "Write" writes them, Back changes an answer, Escape writes nothing.
 */
async function reviewWrites(
  preview: ScaffoldPreviewProvider,
  result: ReturnType<typeof planScaffold>,
  context: StepContext,
): Promise<"write" | typeof BACK | undefined> {
  if (!result.ok) {
    void vscode.window.showErrorMessage(
      `These answers cannot be scaffolded: ${result.issues.map((issue) => `${formatIssue(issue)}.`).join(" ")} Go back to change them.`,
    );
    return BACK;
  }
  if (result.plan.problems.length > 0) {
    void vscode.window.showErrorMessage(
      `Nothing can be written: ${result.plan.problems.map((problem) => `${problem}.`).join(" ")}`,
    );
    return BACK;
  }
  const writes = result.plan.writes;
  const changing = writes.filter((write) => write.action === "create" || write.action === "overwrite");
  for (;;) {
    const choice = await pickStep<PlannedWrite | "write">(context, {
      placeholder: `Write ${changing.length} file${changing.length === 1 ? "" : "s"}? Choose a file to see it first.`,
      items: [
        {
          label: `$(check) Write ${changing.length} file${changing.length === 1 ? "" : "s"}`,
          detail: "A file that exists and differs is shown as a diff and asked about before it is replaced.",
          value: "write",
        },
        { label: "Files", kind: vscode.QuickPickItemKind.Separator, value: "write" },
        ...writes.map((write) => ({
          label: write.relativePath,
          description:
            write.action === "unchanged"
              ? "already up to date"
              : write.action === "kept"
                ? `kept: ${write.keptBecause ?? "it already does what the plan needs"}`
                : write.action === "overwrite"
                  ? "exists and differs: replaced only if you agree (a .orig copy is kept)"
                  : "new file",
          value: write,
        })),
      ],
    });
    if (choice === undefined || choice === BACK || choice === "write") return choice;
    const planned = preview.register(choice.relativePath, choice.content);
    await vscode.window.showTextDocument(planned, { preview: true, preserveFocus: true });
  }
}

/** The end of a scaffold: what was written and the commands to run next. */
async function showSummary(outcome: ScaffoldOutcome, plan: ScaffoldPlan): Promise<void> {
  const commands = plan.nextCommands;
  const written = [
    outcome.written.length > 0 ? `Wrote ${outcome.written.join(", ")}.` : "Nothing was written.",
    outcome.declined.length > 0 ? `Kept as it was: ${outcome.declined.join(", ")}.` : "",
  ]
    .filter((part) => part !== "")
    .join(" ");
  const choice = await vscode.window.showInformationMessage(
    `${written} ${plan.notes.join(" ")} Next: ${commands.join("; ")}`,
    "Copy Commands",
  );
  if (choice === "Copy Commands") await vscode.env.clipboard.writeText(commands.join("\n"));
}

/**
 * Asks about every file that exists and differs first (each shown as a diff), then writes all the
 * agreed files at once: an I/O error half-way undoes what was written, and each replaced file keeps
 * a .orig copy of its previous text.
 */
async function applyWrites(
  preview: ScaffoldPreviewProvider,
  writes: PlannedWrite[],
  notes: string[],
  overwrite: boolean | undefined,
  announce = true,
): Promise<ScaffoldOutcome> {
  const declined: string[] = [];
  const unchanged: string[] = [];
  const agreed: PlannedWrite[] = [];
  for (const write of writes) {
    const uri = vscode.Uri.file(write.path);
    if (write.action === "unchanged" || write.action === "kept") {
      unchanged.push(write.relativePath);
      continue;
    }
    if (
      write.action === "overwrite" &&
      !(overwrite ?? (await confirmReplacement(preview, uri, write.relativePath, write.content, "Overwrite")))
    ) {
      declined.push(write.relativePath);
      continue;
    }
    agreed.push(write);
  }
  let written: PlannedWrite[] = [];
  try {
    writePlan(agreed, true);
    written = agreed;
  } catch (error) {
    const reason = error instanceof PlanWriteError ? error.message : String(error);
    void vscode.window.showErrorMessage(`Nothing was written: ${reason}`);
  }
  for (const write of written) {
    await vscode.window.showTextDocument(vscode.Uri.file(write.path), { preview: false });
  }

  const summary = [
    written.length > 0 ? `Wrote ${written.map((write) => write.relativePath).join(", ")}.` : "",
    unchanged.length > 0 ? `Already up to date: ${unchanged.join(", ")}.` : "",
    declined.length > 0 ? `Not overwritten: ${declined.join(", ")}.` : "",
    ...notes,
  ].filter((line) => line !== "");
  if (announce && summary.length > 0) void vscode.window.showInformationMessage(summary.join(" "));
  return { written: written.map((write) => write.relativePath), unchanged, declined };
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
  argument: unknown,
): Promise<ScaffoldOutcome | undefined> {
  const options = commandOptions(argument);
  const entry = await entryModuleFor(resourceOf(argument));
  if (!entry) return undefined;
  const content = readTextFile(entry.fsPath);
  if (content === undefined) {
    void vscode.window.showErrorMessage(`Cannot read ${vscode.workspace.asRelativePath(entry)}.`);
    return undefined;
  }
  const kind: EntryKind =
    entry.path.endsWith("/asgi.py") || content.includes("get_asgi_application") ? "asgi" : "wsgi";
  const base = {
    kind,
    server: kind === "wsgi" ? WSGI_SERVERS[0] : ASGI_SERVERS[0],
    projectPackage: "project",
  } as const;
  const projectFolder = folderWithManagePy(entry.fsPath);
  const middleware = options?.middleware ?? (await askMiddleware(base, kind, projectFolder));
  if (!middleware) return undefined;
  const wrapped = wrapEntryModule(content, middleware, kind);
  const relativePath = vscode.workspace.asRelativePath(entry);
  if (!wrapped.ok) {
    void vscode.window.showErrorMessage(`${relativePath} was not changed: ${wrapped.message}.`);
    return undefined;
  }
  if (!(
    options?.overwrite ?? (await confirmReplacement(preview, entry, relativePath, wrapped.content, "Wrap"))
  ))
    return { written: [], unchanged: [], declined: [relativePath] };
  await writeAtomically(entry, wrapped.content);
  await vscode.window.showTextDocument(entry, { preview: false });
  return { written: [relativePath], unchanged: [], declined: [] };
}
