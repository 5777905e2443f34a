// The connection's first line of defence against malformed protocol input. The language server lives
// for hours in an editor, so nothing a client sends may take it down or leave it deaf:
//
// - A message body that is not JSON is dropped with a log line (the framing around it was sound, so
//   the next message is read as usual).
// - A framing error (a header without Content-Length, a Content-Length that is not a number, a header
//   line without a colon) means the server no longer knows where the next message starts. Every later
//   byte would be misread, and vscode-jsonrpc then waits for a message that never comes: the server
//   would stay alive but deaf. So it logs the error and exits with status 2; the client sees the
//   process end and restarts it (vscode-languageclient restarts a server that exits up to 4 times in
//   3 minutes; other clients report the exit).
// - Requests before `initialize` are answered with ServerNotInitialized, and after `shutdown` with
//   InvalidRequest, as the specification asks; notifications then are dropped, except `exit`.
// - Requests and notifications of the text document methods whose parameters have the wrong shape
//   (a `textDocument` that is a number, a position that is not two non-negative integers) get an
//   InvalidParams error, or for a notification are dropped, each with a log line, before a handler
//   can misread them.
// - A request the client cancels before it was dispatched is answered RequestCancelled without running.
//
// The guard wraps the transport's MessageReader, so it covers --stdio and --node-ipc alike; the other
// transports (--socket, --pipe) keep vscode-languageserver's own connection.
import {
  createConnection,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  LSPErrorCodes,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type MessageWriter,
  type PartialMessageInfo,
  type RequestMessage,
} from "vscode-languageserver/node";

/** The exit status after a framing error: not 0 (a clean exit) and not 1 (the end of input without `shutdown`). */
export const FRAMING_ERROR_EXIT_CODE = 2;

/** What the guard does with one incoming message. */
export type Verdict =
  { kind: "pass" } | { kind: "reject"; code: number; message: string } | { kind: "drop"; reason: string };

const PASS: Verdict = { kind: "pass" };

interface RawMessage {
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

/**
 * Decides on each incoming message from the protocol's state (initialized, shut down) and the shape
 * of its parameters. Pure apart from that state, so the unit tests can drive it message by message.
 */
export class ProtocolState {
  private initialized = false;
  private shutDown = false;

  get shutdownReceived(): boolean {
    return this.shutDown;
  }

  judge(message: unknown): Verdict {
    if (!isObject(message)) return { kind: "drop", reason: "a message that is not a JSON object" };
    const raw = message as RawMessage;
    // Responses to the server's own requests (workspace/configuration…) carry no method.
    if (typeof raw.method !== "string") return PASS;
    const isRequest = raw.id !== undefined && raw.id !== null;
    const method = raw.method;
    const refuse = (code: number, text: string): Verdict =>
      isRequest ? { kind: "reject", code, message: text } : { kind: "drop", reason: `${method}: ${text}` };

    if (method === "exit") return PASS;
    if (!this.initialized) {
      if (method !== "initialize")
        return refuse(ErrorCodes.ServerNotInitialized, "the server is not initialized yet");
      if (!isObject(raw.params))
        return refuse(ErrorCodes.InvalidParams, "initialize needs an object of parameters");
      this.initialized = true;
      return PASS;
    }
    if (this.shutDown) return refuse(ErrorCodes.InvalidRequest, "the server is shutting down");
    if (method === "shutdown") {
      this.shutDown = true;
      return PASS;
    }
    const problem = parameterProblem(method, raw.params);
    return problem === undefined ? PASS : refuse(ErrorCodes.InvalidParams, problem);
  }
}

/** Why `params` cannot be the parameters of `method`, for the methods whose handlers read them directly. */
export function parameterProblem(method: string, params: unknown): string | undefined {
  if (!method.startsWith("textDocument/")) return undefined;
  if (!isObject(params)) return `${method} needs an object of parameters`;
  const textDocument = params.textDocument;
  if (!isObject(textDocument) || typeof textDocument.uri !== "string")
    return `${method}: textDocument must be an object with a string uri`;
  switch (method) {
    case "textDocument/didOpen":
      if (typeof textDocument.text !== "string") return `${method}: textDocument.text must be a string`;
      if (!isInteger(textDocument.version)) return `${method}: textDocument.version must be an integer`;
      return undefined;
    case "textDocument/didChange": {
      if (!isInteger(textDocument.version)) return `${method}: textDocument.version must be an integer`;
      const changes = params.contentChanges;
      if (!Array.isArray(changes)) return `${method}: contentChanges must be an array`;
      for (const change of changes) {
        if (!isObject(change) || typeof change.text !== "string")
          return `${method}: each content change needs a string text`;
        if (change.range !== undefined && !isRange(change.range))
          return `${method}: a content change's range must be two positions of non-negative integers`;
      }
      return undefined;
    }
    default:
      if ("position" in params && !isPosition(params.position))
        return `${method}: position must be {line, character} of non-negative integers`;
      if ("range" in params && !isRange(params.range))
        return `${method}: range must be {start, end} positions of non-negative integers`;
      if (method === "textDocument/codeAction") {
        const context = params.context;
        if (!isObject(context) || !Array.isArray(context.diagnostics))
          return `${method}: context.diagnostics must be an array`;
      }
      return undefined;
  }
}

/** A reader that hands the connection only the messages the guard lets through. */
export class GuardedMessageReader implements MessageReader {
  constructor(
    private readonly inner: MessageReader,
    private readonly state: ProtocolState,
    private readonly answer: (id: unknown, code: number, message: string) => void,
    private readonly log: (message: string) => void,
    private readonly onFramingError: (error: Error) => void,
  ) {}

  readonly onError = (listener: (error: Error) => void): Disposable =>
    this.inner.onError((error) => {
      if (error instanceof SyntaxError) {
        this.log(`Ignored a message whose body is not JSON (${error.message}).`);
        return;
      }
      this.onFramingError(error);
      listener(error);
    });

  readonly onClose = (listener: () => void): Disposable => this.inner.onClose(listener);

  readonly onPartialMessage = (listener: (info: PartialMessageInfo) => void): Disposable =>
    this.inner.onPartialMessage((info) => {
      this.log(
        `A message has been arriving for ${info.waitingTime} ms without ending; if its Content-Length is wrong, the next messages are misread.`,
      );
      listener(info);
    });

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message: Message) => {
      const verdict = this.state.judge(message);
      if (verdict.kind === "pass") {
        callback(message);
        return;
      }
      const raw = message as RawMessage;
      if (verdict.kind === "reject") {
        this.log(`Answered ${String(raw.method)} with an error: ${verdict.message}.`);
        this.answer(raw.id, verdict.code, verdict.message);
      } else {
        this.log(`Ignored ${verdict.reason}.`);
      }
    });
  }

  dispose(): void {
    this.inner.dispose();
  }
}

/**
 * The server's connection, over the transport the command line names, with the guard in front of
 * it. Takes the place of vscode-languageserver's `createConnection(ProposedFeatures.all)`.
 */
export function createGuardedConnection(argv: readonly string[] = process.argv): Connection {
  let transport: { reader: MessageReader; writer: MessageWriter; stdio: boolean } | undefined;
  if (argv.includes("--stdio"))
    transport = {
      reader: new StreamMessageReader(process.stdin),
      writer: new StreamMessageWriter(process.stdout),
      stdio: true,
    };
  else if (argv.includes("--node-ipc"))
    transport = {
      reader: new IPCMessageReader(process),
      writer: new IPCMessageWriter(process),
      stdio: false,
    };
  if (!transport) return createConnection(ProposedFeatures.all);

  const { writer } = transport;
  const state = new ProtocolState();
  // The log goes to the client once the connection exists, to stderr before.
  const created: { connection?: Connection } = {};
  let ending = false;
  const log = (message: string) => {
    if (created.connection) created.connection.console.warn(message);
    else process.stderr.write(`${message}\n`);
  };
  const answer = (id: unknown, code: number, message: string) => {
    if (typeof id !== "string" && typeof id !== "number") return;
    writer.write({ jsonrpc: "2.0", id, error: { code, message } } as Message).catch(() => undefined);
  };
  const onFramingError = (error: Error) => {
    if (ending) return;
    ending = true;
    const text = `The protocol's framing is broken (${error.message.split("\n")[0]}); the messages that follow cannot be read, so the server exits with status ${FRAMING_ERROR_EXIT_CODE} for the client to restart it.`;
    process.stderr.write(`${text}\n`);
    // Straight through the writer, and the exit once it is written: the client learns why.
    const notice = { jsonrpc: "2.0", method: "window/logMessage", params: { type: 1, message: text } };
    void writer
      .write(notice as Message)
      .catch(() => undefined)
      .finally(() => process.exit(FRAMING_ERROR_EXIT_CODE));
  };
  const reader = new GuardedMessageReader(transport.reader, state, answer, log, onFramingError);
  const connection = createConnection(ProposedFeatures.all, reader, writer, {
    // A request the client cancels while it still waits in the queue (behind an analysis, say) is
    // answered RequestCancelled at once instead of being run for nobody.
    connectionStrategy: {
      cancelUndispatched: (message) => ({
        jsonrpc: "2.0",
        id: (message as RequestMessage).id,
        error: { code: LSPErrorCodes.RequestCancelled, message: "The request was cancelled before it ran." },
      }),
    },
  });
  created.connection = connection;
  if (transport.stdio) {
    // What vscode-languageserver does for its own --stdio streams: the end of input ends the server
    // (cleanly only after `shutdown`), and console output, which would corrupt stdout, goes to stderr.
    const end = () => process.exit(state.shutdownReceived ? 0 : 1);
    process.stdin.on("end", end);
    process.stdin.on("close", end);
    console.log = console.info = console.debug = console.warn = console.error;
  }
  return connection;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isInteger(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value);
}

function isPosition(value: unknown): boolean {
  return (
    isObject(value) &&
    isInteger(value.line) &&
    isInteger(value.character) &&
    (value.line as number) >= 0 &&
    (value.character as number) >= 0
  );
}

function isRange(value: unknown): boolean {
  return isObject(value) && isPosition(value.start) && isPosition(value.end);
}
