// Malformed protocol input, written byte by byte to the real server's stdin: bad JSON, wrong
// parameter types, requests before initialize, positions outside the document, unknown methods, and
// broken framing. Each gets an error answer or is dropped with a log line; nothing crashes the server;
// and a framing error, after which no later message could be read, ends the server with status 2
// instead of leaving it alive and deaf.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, afterEach, describe, it } from "node:test";
import { removeTemporaryFolders, temporaryFolder } from "../temporaryFolders";
import { ROOT, TIMEOUT_MS, uriOf } from "./harness";

const SERVER = join(ROOT, "dist", "server.js");

interface JsonMessage {
  jsonrpc?: string;
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

/** The server over raw stdin/stdout: frames are written and read by hand. */
class RawServer {
  readonly child: ChildProcess;
  readonly received: JsonMessage[] = [];
  stderr = "";
  exitCode: number | null | undefined = undefined;
  private buffer = Buffer.alloc(0);
  private readonly listeners = new Set<() => void>();
  private nextId = 1;

  constructor() {
    this.child = spawn(process.execPath, [SERVER, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout!.on("data", (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    this.child.stderr!.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString();
      this.wake();
    });
    this.child.on("exit", (code) => {
      this.exitCode = code;
      this.wake();
    });
    // A write after the server exited must not fail the test with EPIPE.
    this.child.stdin!.on("error", () => undefined);
  }

  writeRaw(bytes: string | Buffer): void {
    this.child.stdin!.write(bytes);
  }

  /** One well-framed message whose body is `body` (any text, JSON or not). */
  writeBody(body: string): void {
    this.writeRaw(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  send(message: JsonMessage): void {
    this.writeBody(JSON.stringify({ jsonrpc: "2.0", ...message }));
  }

  request(method: string, params?: unknown): Promise<JsonMessage> {
    const id = this.nextId++;
    this.send({ id, method, ...(params === undefined ? {} : { params }) });
    return this.waitFor(`the answer to ${method} (id ${id})`, () =>
      this.received.find((message) => message.id === id && message.method === undefined),
    );
  }

  notify(method: string, params?: unknown): void {
    this.send({ method, ...(params === undefined ? {} : { params }) });
  }

  async initialize(folder: string): Promise<void> {
    const answer = await this.request("initialize", {
      processId: process.pid,
      rootUri: uriOf(folder),
      workspaceFolders: [{ uri: uriOf(folder), name: "project" }],
      capabilities: {},
    });
    assert.ok(answer.result, `initialize failed: ${JSON.stringify(answer.error)}`);
    this.notify("initialized", {});
  }

  waitForLog(pattern: RegExp): Promise<string> {
    return this.waitFor(`a log line matching ${pattern}`, () => {
      const log = this.received.find(
        (message) =>
          message.method === "window/logMessage" &&
          pattern.test((message.params as { message: string }).message),
      );
      if (log) return (log.params as { message: string }).message;
      return pattern.test(this.stderr) ? this.stderr : undefined;
    });
  }

  waitForExit(): Promise<number | null> {
    return this.waitFor("the server's exit", () =>
      this.exitCode === undefined ? undefined : { code: this.exitCode },
    ).then(({ code }) => code);
  }

  kill(): void {
    if (this.exitCode === undefined) this.child.kill("SIGKILL");
  }

  private parse(): void {
    for (;;) {
      const end = this.buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const header = this.buffer.subarray(0, end).toString("ascii");
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      const body = this.buffer.subarray(end + 4, end + 4 + length).toString("utf8");
      this.buffer = this.buffer.subarray(end + 4 + length);
      const message = JSON.parse(body) as JsonMessage;
      this.received.push(message);
      // The server asks for the settings; an empty answer keeps the defaults.
      if (message.method !== undefined && message.id !== undefined)
        this.send({ id: message.id, result: message.method === "workspace/configuration" ? [] : null });
      this.wake();
    }
  }

  private waitFor<T>(what: string, check: () => T | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const listener = () => {
        const value = check();
        if (value !== undefined) {
          finish();
          resolve(value);
        } else if (this.exitCode !== undefined && !what.includes("exit")) {
          finish();
          reject(
            new Error(`The server exited (${this.exitCode}) while waiting for ${what}.\n${this.stderr}`),
          );
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`Timed out waiting for ${what}.\nstderr:\n${this.stderr}`));
      }, TIMEOUT_MS);
      const finish = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
      listener();
    });
  }

  private wake(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function project(): { folder: string; settings: string } {
  const folder = temporaryFolder("lsp-protocol");
  const settings = join(folder, "settings.py");
  writeFileSync(settings, "DEBUG = True\nALLOWED_HOSTS = []\n");
  return { folder, settings };
}

describe("malformed protocol input", () => {
  const servers: RawServer[] = [];
  const start = () => {
    const server = new RawServer();
    servers.push(server);
    return server;
  };
  afterEach(() => {
    for (const server of servers.splice(0)) server.kill();
  });
  after(removeTemporaryFolders);

  it("requests before initialize are refused with ServerNotInitialized; notifications then are dropped", async () => {
    const server = start();
    const { folder, settings } = project();
    const early = await server.request("textDocument/hover", {
      textDocument: { uri: uriOf(settings) },
      position: { line: 0, character: 0 },
    });
    assert.equal(early.error?.code, -32002);
    server.notify("textDocument/didOpen", {
      textDocument: { uri: uriOf(settings), languageId: "python", version: 1, text: "DEBUG = True\n" },
    });
    await server.initialize(folder);
    await server.waitForLog(/Ignored textDocument\/didOpen: the server is not initialized yet/);
    const shutdown = await server.request("shutdown");
    assert.equal(shutdown.error, undefined);
    const late = await server.request("textDocument/hover", {
      textDocument: { uri: uriOf(settings) },
      position: { line: 0, character: 0 },
    });
    assert.equal(late.error?.code, -32600, "a request after shutdown is an invalid request");
    server.notify("exit");
    assert.equal(await server.waitForExit(), 0);
  });

  it("a body that is not JSON is dropped with a log line, and the next message is answered", async () => {
    const server = start();
    const { folder, settings } = project();
    await server.initialize(folder);
    server.writeBody('{"jsonrpc": "2.0", "id": 99, "method": "textDocument/hover", "params": {');
    await server.waitForLog(/Ignored a message whose body is not JSON/);
    const hover = await server.request("textDocument/hover", {
      textDocument: { uri: uriOf(settings) },
      position: { line: 0, character: 0 },
    });
    assert.equal(hover.error, undefined, JSON.stringify(hover.error));
    assert.equal(server.exitCode, undefined);
  });

  it("wrong parameter types get InvalidParams, or for a notification a log line", async () => {
    const server = start();
    const { folder, settings } = project();
    await server.initialize(folder);
    const cases: [string, unknown][] = [
      ["textDocument/hover", { textDocument: 42, position: { line: 0, character: 0 } }],
      ["textDocument/hover", { textDocument: { uri: uriOf(settings) }, position: "start" }],
      [
        "textDocument/hover",
        { textDocument: { uri: uriOf(settings) }, position: { line: -1, character: 0 } },
      ],
      ["textDocument/hover", [1, 2, 3]],
      ["textDocument/codeAction", { textDocument: { uri: uriOf(settings) }, range: { start: 0, end: 1 } }],
      [
        "textDocument/codeAction",
        {
          textDocument: { uri: uriOf(settings) },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: "none" },
        },
      ],
    ];
    for (const [method, params] of cases) {
      const answer = await server.request(method, params);
      assert.equal(
        answer.error?.code,
        -32602,
        `${method} ${JSON.stringify(params)}: ${JSON.stringify(answer)}`,
      );
    }
    server.notify("textDocument/didOpen", { textDocument: 7 });
    await server.waitForLog(
      /Ignored textDocument\/didOpen: textDocument\/didOpen: textDocument must be an object/,
    );
    server.notify("textDocument/didChange", {
      textDocument: { uri: uriOf(settings), version: 2 },
      contentChanges: [{ range: "all", text: 5 }],
    });
    await server.waitForLog(/Ignored textDocument\/didChange/);
    // Other methods' odd parameters reach the handlers, which answer without crashing.
    const profiles = await server.request("djangoDeploy/status", { uri: 42 });
    assert.equal(profiles.error, undefined);
    assert.equal(server.exitCode, undefined);
  });

  it("positions outside the document are answered, not failed", async () => {
    const server = start();
    const { folder, settings } = project();
    await server.initialize(folder);
    server.notify("textDocument/didOpen", {
      textDocument: { uri: uriOf(settings), languageId: "python", version: 1, text: "DEBUG = True\n" },
    });
    const far = { line: 1_000_000, character: 1_000_000 };
    const hover = await server.request("textDocument/hover", {
      textDocument: { uri: uriOf(settings) },
      position: far,
    });
    assert.equal(hover.error, undefined);
    assert.equal(hover.result, null);
    const actions = await server.request("textDocument/codeAction", {
      textDocument: { uri: uriOf(settings) },
      range: { start: { line: 0, character: 0 }, end: far },
      context: { diagnostics: [] },
    });
    assert.equal(actions.error, undefined);
    assert.ok(Array.isArray(actions.result));
    // An edit whose range lies past the end of the document is clamped, as the protocol's text
    // documents do; the server keeps answering.
    server.notify("textDocument/didChange", {
      textDocument: { uri: uriOf(settings), version: 2 },
      contentChanges: [{ range: { start: far, end: far }, text: "\nX = 1" }],
    });
    const after = await server.request("textDocument/hover", {
      textDocument: { uri: uriOf(settings) },
      position: { line: 0, character: 1 },
    });
    assert.equal(after.error, undefined);
  });

  it("an unknown request gets MethodNotFound and an unknown notification is ignored", async () => {
    const server = start();
    const { folder } = project();
    await server.initialize(folder);
    const unknown = await server.request("textDocument/noSuchThing", { textDocument: { uri: "file:///x" } });
    assert.equal(unknown.error?.code, -32601);
    const other = await server.request("noSuchMethod", 17);
    assert.equal(other.error?.code, -32601);
    server.notify("noSuchNotification", { anything: true });
    const again = await server.request("djangoDeploy/profiles", {});
    assert.equal(again.error, undefined);
  });

  for (const [name, frame] of [
    [
      "a header without Content-Length",
      'Content-Type: application/json\r\n\r\n{"jsonrpc":"2.0","method":"x"}',
    ],
    ["a Content-Length that is not a number", 'Content-Length: many\r\n\r\n{"jsonrpc":"2.0","method":"x"}'],
    ["a header line without a colon", "Content-Length 12\r\n\r\n{}"],
  ] as const) {
    it(`a framing error (${name}) is logged and ends the server with status 2`, async () => {
      const server = start();
      const { folder } = project();
      await server.initialize(folder);
      server.writeRaw(frame);
      assert.equal(await server.waitForExit(), 2);
      assert.match(server.stderr, /The protocol's framing is broken/);
      const logged = server.received.some(
        (message) =>
          message.method === "window/logMessage" &&
          /framing is broken/.test((message.params as { message: string }).message),
      );
      assert.ok(logged, "the client is told why the server ends");
    });
  }
});
