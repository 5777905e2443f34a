// The editor's "Compare with Django's check --deploy" (client/src/commands/compareWithDjango.ts) with
// Debian's real Django 3.2, under a stand-in for the `vscode` module that records what the command
// shows: in an untrusted workspace it explains why it does not run; in a trusted one Django's
// findings become diagnostics of their own source, and the interpreter comes from the Python
// extension when it is installed, else djangoDeploy.pythonPath.
import assert from "node:assert/strict";
import Module from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { root, startproject } from "./run";

interface Recorded {
  warnings: string[];
  errors: string[];
  executed: string[];
  diagnostics: Map<
    string,
    { message: string; code: string; source: string; severity: number; line: number }[]
  >;
  report: string;
}

const recorded: Recorded = { warnings: [], errors: [], executed: [], diagnostics: new Map(), report: "" };
const state = {
  trusted: true,
  folder: "",
  settings: {} as Record<string, unknown>,
  pythonExtension: undefined as undefined | { exports: unknown },
};

class Range {
  constructor(
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {}
}
class Diagnostic {
  code?: string;
  source?: string;
  constructor(
    public range: Range,
    readonly message: string,
    readonly severity: number,
  ) {}
}
const commands = new Map<string, () => Promise<unknown>>();
const fakeVscode = {
  Range,
  Diagnostic,
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  ProgressLocation: { Notification: 15 },
  Uri: { file: (path: string) => ({ fsPath: path, toString: () => `file://${path}` }) },
  workspace: {
    get isTrusted() {
      return state.trusted;
    },
    get workspaceFolders() {
      return [{ name: "mysite", uri: { fsPath: state.folder } }];
    },
    getConfiguration: () => ({ get: (key: string) => state.settings[key] }),
  },
  window: {
    showWarningMessage: async (message: string) => {
      recorded.warnings.push(message);
      return undefined;
    },
    showInformationMessage: async () => undefined,
    showErrorMessage: async (message: string) => {
      recorded.errors.push(message);
      return undefined;
    },
    withProgress: async (_options: unknown, task: (progress: unknown, token: unknown) => Promise<unknown>) =>
      task({}, { onCancellationRequested: () => ({ dispose() {} }) }),
    createOutputChannel: () => ({
      append: (text: string) => (recorded.report += text),
      appendLine: (text: string) => (recorded.report += `${text}\n`),
      clear: () => (recorded.report = ""),
      show: () => undefined,
      dispose: () => undefined,
    }),
  },
  languages: {
    createDiagnosticCollection: () => ({
      clear: () => recorded.diagnostics.clear(),
      get: (uri: { fsPath: string }) => recorded.diagnostics.get(uri.fsPath),
      set: (uri: { fsPath: string }, list: Diagnostic[]) =>
        recorded.diagnostics.set(
          uri.fsPath,
          list.map((diagnostic) => ({
            message: diagnostic.message,
            code: diagnostic.code!,
            source: diagnostic.source!,
            severity: diagnostic.severity,
            line: diagnostic.range.startLine,
          })),
        ),
      dispose: () => undefined,
    }),
  },
  commands: {
    registerCommand: (id: string, run: () => Promise<unknown>) => {
      commands.set(id, run);
      return { dispose() {} };
    },
    executeCommand: async (id: string) => {
      recorded.executed.push(id);
    },
  },
  extensions: {
    getExtension: (id: string) => (id === "ms-python.python" ? state.pythonExtension : undefined),
  },
};

// `vscode` exists only inside the editor: the command module gets the stand-in instead.
const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = moduleWithLoad._load;
moduleWithLoad._load = function (request: string, ...rest: unknown[]) {
  return request === "vscode" ? fakeVscode : load.call(this, request, ...rest);
};

interface Compared {
  profile: string;
  status: string;
  python: string;
  agree: { id: string }[];
  onlyDjango: { id: string }[];
}

describe("the editor's Compare with Django's check --deploy", () => {
  let run: () => Promise<Compared[] | undefined>;

  before(async () => {
    const { registerCompareCommand, COMPARE_COMMAND } = await import(
      join(root, "client", "src", "commands", "compareWithDjango.ts")
    );
    registerCompareCommand({ subscriptions: [] });
    run = commands.get(COMPARE_COMMAND as string) as typeof run;
    state.folder = startproject();
    const settings = join(state.folder, "mysite", "settings.py");
    writeFileSync(
      settings,
      readFileSync(settings, "utf8").replace(
        /^SECRET_KEY = .*$/m,
        "SECRET_KEY = (BASE_DIR / 'secret.txt').read_text().strip()",
      ),
    );
    writeFileSync(join(state.folder, "secret.txt"), "django-insecure-short\n");
  });

  it("does not run in an untrusted workspace, and says why", async () => {
    state.trusted = false;
    recorded.warnings = [];
    assert.equal(await run(), undefined);
    assert.equal(recorded.warnings.length, 1);
    assert.match(recorded.warnings[0]!, /runs your project's code .* only in a trusted workspace/);
    assert.equal(recorded.diagnostics.size, 0);
    state.trusted = true;
  });

  it("shows Django's findings as diagnostics of their own source, with djangoDeploy.pythonPath", async () => {
    state.settings = { pythonPath: "/usr/bin/python3", djangoVersion: "3.2", profiles: [] };
    const compared = (await run())!;
    assert.equal(compared[0]!.status, "ran");
    assert.equal(compared[0]!.python, "/usr/bin/python3");
    assert.match(recorded.report, /Django runs with \/usr\/bin\/python3 \(djangoDeploy\.pythonPath\)/);
    assert.match(
      recorded.report,
      /only Django reports security\.W009: the analysis could not evaluate SECRET_KEY/,
    );
    const diagnostics = recorded.diagnostics.get(join(state.folder, "mysite", "settings.py"))!;
    assert.ok(diagnostics.every((diagnostic) => diagnostic.source === "Django check --deploy"));
    const secret = diagnostics.find((diagnostic) => diagnostic.code === "security.W009")!;
    const secretLine = readFileSync(join(state.folder, "mysite", "settings.py"), "utf8")
      .split("\n")
      .findIndex((line) => line.startsWith("SECRET_KEY"));
    assert.equal(secret.line, secretLine, "at the setting the analysis could not evaluate");
    assert.match(secret.message, /^Your SECRET_KEY has less than 50 characters.*\(only Django reports it/);
    const debug = diagnostics.find((diagnostic) => diagnostic.code === "security.W018")!;
    assert.match(debug.message, /\(Django agrees, mysite\.settings\)$/);
  });

  it("prefers the Python extension's selected interpreter", async () => {
    state.settings = { pythonPath: "/nowhere/python", djangoVersion: "3.2", profiles: [] };
    state.pythonExtension = {
      exports: {
        environments: {
          getActiveEnvironmentPath: () => ({ id: "debian", path: "/usr/bin" }),
          resolveEnvironment: async () => ({ executable: { uri: { fsPath: "/usr/bin/python3" } } }),
        },
      },
    };
    (state.pythonExtension as { isActive?: boolean }).isActive = true;
    const compared = (await run())!;
    assert.equal(compared[0]!.python, "/usr/bin/python3");
    assert.match(recorded.report, /\(the Python extension's selected interpreter\)/);
    state.pythonExtension = undefined;
  });

  it("says when Django cannot run: an interpreter that does not exist", async () => {
    state.settings = { pythonPath: "/nowhere/python", djangoVersion: "3.2", profiles: [] };
    recorded.errors = [];
    const compared = (await run())!;
    assert.equal(compared[0]!.status, "not-run");
    assert.match(
      recorded.errors[0]!,
      /did not run for mysite\.settings: the interpreter \/nowhere\/python was not found/,
    );
  });
});
