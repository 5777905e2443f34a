// The server as a process: both transports, its capabilities, the custom profiles request, and
// staying up when asked nonsense.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CodeActionKind, TextDocumentSyncKind } from "vscode-languageserver-protocol/node";
import { STATUS_REQUEST } from "../../common/src/protocol";
import { copyProject, hasCodes, ServerSession, STARTPROJECT_CODES, useStartProject } from "./harness";

const SETTINGS = "mysite/settings.py";

describe("server process", () => {
  const template = useStartProject();
  let session: ServerSession | undefined;

  it("declares incremental sync, quick fixes and source.fixAll.djangoDeploy", async () => {
    session = new ServerSession(copyProject(template.dir));
    const result = await session.initialize();
    assert.equal(
      typeof result.capabilities.textDocumentSync === "object"
        ? result.capabilities.textDocumentSync.change
        : undefined,
      TextDocumentSyncKind.Incremental,
    );
    const provider = result.capabilities.codeActionProvider;
    assert.ok(typeof provider === "object");
    assert.deepEqual(provider.codeActionKinds, [
      CodeActionKind.QuickFix,
      "source.fixAll.djangoDeploy",
      "source.djangoDeploy.fixAllUnsafe",
    ]);
  });

  it("registers its file watchers and its settings section with a client that allows it", async () => {
    session = await ServerSession.start(copyProject(template.dir));
    const watchers = await session.waitForRegistration("workspace/didChangeWatchedFiles");
    const patterns = (watchers.registerOptions as { watchers: { globPattern: string }[] }).watchers.map(
      (watcher) => watcher.globPattern,
    );
    assert.ok(patterns.includes("**/*.py"), patterns.join(", "));
    assert.ok(patterns.includes("**/.env*"), patterns.join(", "));
    const configuration = await session.waitForRegistration("workspace/didChangeConfiguration");
    assert.deepEqual(configuration.registerOptions, { section: "djangoDeploy" });
  });

  it("works over --node-ipc", async () => {
    session = await ServerSession.start(copyProject(template.dir), { transport: "ipc" });
    await session.open(SETTINGS);
    const diagnostics = await session.waitForDiagnostics(
      SETTINGS,
      hasCodes(...STARTPROJECT_CODES),
      "diagnostics over IPC",
    );
    assert.ok(diagnostics.some((diagnostic) => diagnostic.code === "security.W018"));
  });

  it("answers djangoDeploy/profiles with the settings modules found", async () => {
    session = await ServerSession.start(copyProject(template.dir));
    const result = await session.connection.sendRequest<{ profiles: Record<string, string>[] }>(
      "djangoDeploy/profiles",
      {},
    );
    assert.equal(result.profiles.length, 1);
    const [profile] = result.profiles;
    assert.equal(profile?.module, "mysite.settings");
    assert.equal(profile?.file, session.path(SETTINGS));
    assert.equal(profile?.uri, session.uri(SETTINGS));
    assert.equal(profile?.kind, "production");
    // The wording of the reason is the engine's; it names the file that named the module.
    assert.match(profile?.reason ?? "", /manage\.py/);
    assert.equal(profile?.folder, session.uri(""));
  });

  it("answers a request its handler fails on with an empty result, logging the stack", async () => {
    session = await ServerSession.start(copyProject(template.dir));
    const text = await session.open(SETTINGS);
    // Malformed on purpose: `uri` must be a string. (The text document methods' parameters are
    // checked before any handler runs, by lsp/protocolGuard.ts: test/lsp/protocol.test.ts.)
    const result = await session.connection.sendRequest(STATUS_REQUEST, { uri: 42 });
    assert.deepEqual(result, { state: "off", profiles: [], inProduction: false });
    const log = await session.waitForLog(
      (entry) => entry.message.startsWith(`${STATUS_REQUEST} failed.`),
      "the failure in the log",
    );
    assert.match(log.message, /TypeError[\s\S]*\n\s+at /);
    // A notification that fails is logged too, and the server goes on.
    await session.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: null });
    await session.waitForLog(
      (entry) => entry.message.startsWith("workspace/didChangeWatchedFiles failed."),
      "the failed notification in the log",
    );
    await session.change(SETTINGS, 3, [{ text: text.replace("DEBUG = True", "DEBUG = False") }]);
    await session.waitForDiagnostics(
      SETTINGS,
      (list) =>
        !list.some((diagnostic) => diagnostic.code === "security.W018") && hasCodes("security.W020")(list),
      "diagnostics after the failures",
    );
    assert.equal(session.hasExited, false);
  });

  it("survives documents it cannot read and requests about unknown files", async () => {
    session = await ServerSession.start(copyProject(template.dir));
    await session.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: "untitled:Untitled-1", languageId: "python", version: 1, text: "DEBUG = True\n" },
    });
    await session.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: "file:///nowhere/never-opened.py", version: 2 },
      contentChanges: [{ text: "x" }],
    });
    const actions = await session.codeActions(
      "no/such/file.py",
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      [],
      ["source.fixAll.djangoDeploy"],
    );
    assert.deepEqual(actions, []);
    await session.open(SETTINGS);
    await session.waitForDiagnostics(
      SETTINGS,
      hasCodes(...STARTPROJECT_CODES),
      "diagnostics after the odd messages",
    );
    assert.equal(session.hasExited, false);
  });
});
