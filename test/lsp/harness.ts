// Drives the real language server (dist/server.js) as a child process over stdio or Node IPC with a
// real protocol client, and records what it sends. Waiting is always for a condition, with a timeout
// and a message that says what never came; never a fixed sleep.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, afterEach, before } from "node:test";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  type CodeAction,
  type Diagnostic,
  type FileChangeType,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type Range,
  type Registration,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
  type WorkspaceEditClientCapabilities,
  FailureHandlingKind,
  ResourceOperationKind,
} from "vscode-languageserver-protocol/node";
import { removeTemporaryFolders, temporaryFolder } from "../temporaryFolders";

export { temporaryFolder } from "../temporaryFolders";

export const ROOT = join(import.meta.dirname, "..", "..");
const SERVER = join(ROOT, "dist", "server.js");
/** Debian's Python, which has Django 3.2; the pyenv `python3` on PATH may not. */
const PYTHON = "/usr/bin/python3";
export const TIMEOUT_MS = 10_000;

/**
 * The hooks every server test file needs, for the `describe` it is called in: a `startproject`
 * template made once, every server a test started ended after it, even when the test failed, and
 * every temporary folder (the template, the copies, `temporaryFolder`'s) removed at the end.
 */
export function useStartProject(): { readonly dir: string } {
  let template: { dir: string; dispose(): void } | undefined;
  before(() => {
    template = startProjectTemplate();
  });
  afterEach(() => ServerSession.disposeAll());
  after(async () => {
    // The servers first: a server still running could write into a folder being removed.
    await ServerSession.disposeAll();
    template?.dispose();
    removeTemporaryFolders();
  });
  return {
    get dir(): string {
      if (!template) throw new Error("the startproject template is made in before()");
      return template.dir;
    },
  };
}

export function startProjectTemplate(): { dir: string; dispose(): void } {
  const dir = temporaryFolder("lsp-template");
  const result = spawnSync(PYTHON, ["-m", "django", "startproject", "mysite", dir], { encoding: "utf8" });
  if (result.status !== 0)
    throw new Error(`django-admin startproject failed: ${result.stderr || result.error}`);
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of the template in a temporary folder, removed with the file's other temporary folders. */
export function copyProject(template: string): string {
  const dir = temporaryFolder("lsp");
  cpSync(template, dir, { recursive: true });
  return dir;
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/** The 0-based line of the first line of `text` that starts with `prefix`. */
export function lineOf(text: string, prefix: string): number {
  const line = text.split("\n").findIndex((candidate) => candidate.startsWith(prefix));
  if (line < 0) throw new Error(`no line starting with ${JSON.stringify(prefix)}`);
  return line;
}

/** Applies LSP text edits to a text, as the editor would. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create("file:///x", "python", 0, text), [...edits]);
}

/** Incremental content changes for edits, last first, so each stays valid after the ones before it. */
export function asContentChanges(edits: readonly TextEdit[]): TextDocumentContentChangeEvent[] {
  return [...edits]
    .sort(
      (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
    )
    .map((edit) => ({ range: edit.range, text: edit.newText }));
}

export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (edit?.documentChanges)
    return edit.documentChanges.flatMap((change) =>
      "textDocument" in change && change.textDocument.uri === uri
        ? change.edits.map((item) =>
            "snippet" in item
              ? {
                  range: item.range,
                  newText: item.snippet.value
                    .replace(/\$\{1:((?:\\.|[^}])*)\}/, "$1")
                    .replace(/\\(.)/g, "$1"),
                }
              : { range: item.range, newText: item.newText },
          )
        : [],
    );
  return edit?.changes?.[uri] ?? [];
}

/** The URIs a WorkspaceEdit changes, in either of its forms. */
export function urisOf(edit: WorkspaceEdit | undefined): string[] {
  if (edit?.documentChanges)
    return edit.documentChanges.flatMap((change) =>
      "textDocument" in change ? [change.textDocument.uri] : [],
    );
  return Object.keys(edit?.changes ?? {});
}

/** What VS Code says it can apply in a WorkspaceEdit (ServerOptions.workspaceEdit). */
export const VSCODE_WORKSPACE_EDIT: WorkspaceEditClientCapabilities & { snippetEditSupport: boolean } = {
  documentChanges: true,
  resourceOperations: [
    ResourceOperationKind.Create,
    ResourceOperationKind.Rename,
    ResourceOperationKind.Delete,
  ],
  failureHandling: FailureHandlingKind.TextOnlyTransactional,
  normalizesLineEndings: true,
  changeAnnotationSupport: { groupsOnLabel: true },
  snippetEditSupport: true,
};

export function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === "string" ? diagnostic.message : diagnostic.message.value;
}

/** The check IDs startproject's settings.py gets at least (more checks may add more). */
export const STARTPROJECT_CODES = ["security.W009", "security.W018", "security.W020"];

/** A predicate: the diagnostics include every one of `expected`. */
export function hasCodes(...expected: string[]): (diagnostics: Diagnostic[]) => boolean {
  return (diagnostics) =>
    expected.every((code) => diagnostics.some((diagnostic) => diagnostic.code === code));
}

/** The codes of `diagnostics` minus `code`: what must remain after fixing or silencing it. */
export function codesWithout(diagnostics: readonly Diagnostic[], code: string): string[] {
  return codes(diagnostics).filter((other) => other !== code);
}

interface FixData {
  title: string;
  applicability: string;
  edits: { uri: string; range: Range; newText: string }[];
}

/** The fixes a diagnostic carries in its data (the server's own format, read here to cross-check fix all). */
export function fixesOf(diagnostic: Diagnostic): FixData[] {
  return (diagnostic.data as { fixes?: FixData[] } | undefined)?.fixes ?? [];
}

export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code)).sort();
}

interface Waiter<T> {
  check(): T | undefined;
  resolve(value: T): void;
  reject(error: Error): void;
}

export interface ServerOptions {
  transport?: "stdio" | "ipc";
  /** What the client answers to workspace/configuration for the djangoDeploy section. */
  settings?: Record<string, unknown>;
  /** Extra environment variables of the server process. */
  env?: Record<string, string>;
  /** Declare VS Code's WorkspaceEdit capabilities (document changes, annotations, snippets). */
  workspaceEdit?: boolean;
  /** The initialize request's initializationOptions (the VS Code client sends workspaceTrusted). */
  initializationOptions?: Record<string, unknown>;
}

export class ServerSession {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  /** The latest diagnostics per URI, and every notification in order. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly logs: LogMessageParams[] = [];
  readonly registrations: Registration[] = [];
  settings: Record<string, unknown>;
  private stderr = "";
  private readonly waiters = new Set<Waiter<unknown>>();
  private exited = false;

  private readonly workspaceEdit: boolean;
  private readonly initializationOptions: Record<string, unknown> | undefined;

  constructor(
    readonly folder: string,
    options: ServerOptions = {},
  ) {
    ServerSession.live.add(this);
    this.workspaceEdit = options.workspaceEdit === true;
    this.initializationOptions = options.initializationOptions;
    this.settings = options.settings ?? {};
    const transport = options.transport ?? "stdio";
    this.child = spawn(process.execPath, [SERVER, transport === "ipc" ? "--node-ipc" : "--stdio"], {
      stdio: transport === "ipc" ? ["pipe", "pipe", "pipe", "ipc"] : ["pipe", "pipe", "pipe"],
      env: { ...process.env, ...options.env },
    });
    this.child.stderr!.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.on("exit", () => {
      this.exited = true;
      this.wake();
    });
    this.connection =
      transport === "ipc"
        ? createProtocolConnection(new IPCMessageReader(this.child), new IPCMessageWriter(this.child))
        : createProtocolConnection(this.child.stdout!, this.child.stdin!);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.wake();
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
      this.wake();
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => (item.section === "djangoDeploy" ? this.settings : null)),
    );
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      this.wake();
    });
    this.connection.listen();
  }

  /** Starts a server on `folder` and completes the initialize handshake. */
  /** Sessions not yet disposed, so a test file's hooks can end every server a test started. */
  private static readonly live = new Set<ServerSession>();

  static async disposeAll(): Promise<void> {
    await Promise.all([...ServerSession.live].map((session) => session.dispose()));
  }

  static async start(folder: string, options: ServerOptions = {}): Promise<ServerSession> {
    const session = new ServerSession(folder, options);
    await session.initialize();
    return session;
  }

  async initialize(): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(this.folder),
      workspaceFolders: [{ uri: uriOf(this.folder), name: "mysite" }],
      ...(this.initializationOptions ? { initializationOptions: this.initializationOptions } : {}),
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          ...(this.workspaceEdit ? { workspaceEdit: VSCODE_WORKSPACE_EDIT } : {}),
        },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { dataSupport: true, isPreferredSupport: true },
        },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  path(relative: string): string {
    return join(this.folder, relative);
  }

  uri(relative: string): string {
    return uriOf(this.path(relative));
  }

  /** Opens a file of the project with its text on disk; returns the text. */
  async open(relative: string): Promise<string> {
    const text = readFileSync(this.path(relative), "utf8");
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: this.uri(relative), languageId: "python", version: 1, text },
    });
    return text;
  }

  async change(
    relative: string,
    version: number,
    contentChanges: TextDocumentContentChangeEvent[],
  ): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: this.uri(relative), version },
      contentChanges,
    });
  }

  async changedOnDisk(relative: string, type: FileChangeType): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: this.uri(relative), type }],
    });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async codeActions(
    relative: string,
    range: Range,
    diagnostics: Diagnostic[],
    only?: string[],
  ): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: this.uri(relative) },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
    return (result ?? []).filter(
      (action): action is CodeAction =>
        "title" in action && !("command" in action && typeof action.command === "string"),
    );
  }

  /** Resolves with the file's diagnostics once they satisfy `predicate` (checking the latest first). */
  waitForDiagnostics(
    relative: string,
    predicate: (diagnostics: Diagnostic[]) => boolean,
    what: string,
  ): Promise<Diagnostic[]> {
    const uri = this.uri(relative);
    return this.waitFor(what, () => {
      const diagnostics = this.diagnostics.get(uri);
      return diagnostics && predicate(diagnostics) ? diagnostics : undefined;
    });
  }

  waitForRegistration(method: string): Promise<Registration> {
    return this.waitFor(`a registration of ${method}`, () =>
      this.registrations.find((registration) => registration.method === method),
    );
  }

  waitForLog(predicate: (log: LogMessageParams) => boolean, what: string): Promise<LogMessageParams> {
    return this.waitFor(what, () => this.logs.find(predicate));
  }

  private waitFor<T>(what: string, check: () => T | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        check,
        resolve: (value) => {
          clearTimeout(timer);
          this.waiters.delete(waiter as Waiter<unknown>);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          this.waiters.delete(waiter as Waiter<unknown>);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter as Waiter<unknown>);
        const latest = [...this.diagnostics]
          .map(([uri, list]) => `${uri}: ${codes(list).join(", ") || "(none)"}`)
          .join("\n  ");
        const logs = this.logs.map((log) => log.message).join("\n  ");
        reject(
          new Error(
            `Timed out after ${TIMEOUT_MS} ms waiting for ${what}.\nLatest diagnostics:\n  ${latest || "(none)"}\nLog:\n  ${logs}\nstderr:\n${this.stderr}`,
          ),
        );
      }, TIMEOUT_MS);
      this.waiters.add(waiter as Waiter<unknown>);
      this.wake();
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) {
      const value = waiter.check();
      if (value !== undefined) waiter.resolve(value);
      else if (this.exited)
        waiter.reject(new Error(`The server exited while waiting.\nstderr:\n${this.stderr}`));
    }
  }

  get hasExited(): boolean {
    return this.exited;
  }

  get errorOutput(): string {
    return this.stderr;
  }

  /** Shuts the server down politely, then makes sure the process is gone. */
  async dispose(): Promise<void> {
    ServerSession.live.delete(this);
    if (!this.exited) {
      try {
        await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 2_000);
        await this.connection.sendNotification(ExitNotification.type);
        await withTimeout(
          new Promise<void>((resolve) =>
            this.exited ? resolve() : this.child.once("exit", () => resolve()),
          ),
          2_000,
        );
      } catch {
        // Killed below.
      }
    }
    this.connection.dispose();
    if (!this.exited) this.child.kill("SIGKILL");
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
