// The language server's figures of the programs' benchmark (bench/process.ts): the real
// `dist/server.js --stdio` driven by a protocol client, timed from the notification sent to the
// diagnostics received: server starts, keystrokes in settings modules of growing size, and edits
// that reach a production module through a chain of star imports.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type ProtocolConnection,
  type TextDocumentContentChangeEvent,
} from "vscode-languageserver-protocol/node";
import { generateSettingsModule } from "../test/helpers/generateSettings";
import { SERVER_ENVIRONMENT, SERVER_EXEC_ARGV } from "../common/src/serverProcess";
import { lines, record } from "./figures";
import { project, SERVER, SMOKE } from "./processSetup";
import { initializeServer } from "./serverHandshake";

/** Node options for the server processes, such as `--cpu-prof --cpu-prof-dir=/tmp/profiles`. */
const SERVER_NODE_ARGUMENTS = process.env.BENCH_SERVER_NODE_OPTIONS?.split(" ").filter(Boolean) ?? [];
/** How long any one awaited diagnostics may take before the harness gives up with a message. */
const PATIENCE_MS = 60_000;

/** A generated settings module with `DEBUG = True` on a top-level line in its middle. */
function moduleWithDebugInTheMiddle(size: number): { text: string; line: number } {
  const generated = generateSettingsModule(size, 7).split("\n");
  let line = Math.floor(generated.length / 2);
  // A line that starts a top-level statement (the generator indents everything inside one).
  while (line < generated.length && !/^[A-Z]/.test(generated[line]!)) line++;
  generated.splice(line, 0, "DEBUG = True");
  return { text: generated.join("\n"), line };
}

/** The real server over stdio, with a client that waits for the diagnostics of a file. */
class ServerSession {
  private waiters: { uri: string; accept: (version: number | undefined) => boolean; done: () => void }[] = [];

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child: ReturnType<typeof spawn>,
    readonly started: number,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.accept(params.version)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.done();
        }
      }
    });
    connection.listen();
  }

  /** Starts the server on `folder`, time counted from the spawn. */
  static async start(folder: string): Promise<ServerSession> {
    const started = performance.now();
    // Node's options and the environment the extension gives the server (common/src/serverProcess.ts).
    const child = spawn(
      process.execPath,
      [...SERVER_EXEC_ARGV, ...SERVER_NODE_ARGUMENTS, SERVER, "--stdio"],
      {
        stdio: ["pipe", "pipe", "inherit"],
        env: { ...process.env, ...SERVER_ENVIRONMENT },
      },
    );
    const connection = createProtocolConnection(child.stdout, child.stdin);
    const session = new ServerSession(connection, child, started);
    await initializeServer(connection, folder, "bench");
    return session;
  }

  /** A promise of the next diagnostics published for `uri` that `accept` takes. */
  diagnostics(uri: string, what: string, accept: (version: number | undefined) => boolean = () => true) {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no diagnostics for ${what} within ${PATIENCE_MS / 1000} s`)),
        PATIENCE_MS,
      );
      this.waiters.push({
        uri,
        accept,
        done: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  async open(uri: string, text: string): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "python", version: 1, text },
    });
  }

  async change(uri: string, version: number, change: TextDocumentContentChangeEvent): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [change],
    });
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once("exit", () => resolve());
    });
    await this.connection.sendNotification(ExitNotification.type);
    // The server exits on its own (a profiler writes its profile then); killed if it has not in 5 s.
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    this.connection.dispose();
    this.child.kill();
  }
}

/**
 * Four edits on the `DEBUG = True` line, in turn, each of which changes the diagnostics (the server
 * publishes a file's diagnostics only when they change): the "e" deleted (DEBUG is no longer known),
 * typed again, a "(" typed before the value (the module no longer parses), and deleted again.
 */
function debugLineEdit(run: number, line: number): TextDocumentContentChangeEvent {
  const at = (character: number) => ({ line, character });
  switch (run % 4) {
    case 0:
      return { range: { start: at(11), end: at(12) }, text: "" };
    case 1:
      return { range: { start: at(11), end: at(11) }, text: "e" };
    case 2:
      return { range: { start: at(8), end: at(8) }, text: "(" };
    default:
      return { range: { start: at(8), end: at(9) }, text: "" };
  }
}

/** Edits left out of the "after warm-up" keystroke figure. */
const WARM_UP_EDITS = 10;

/**
 * The pace of the typed keystrokes: one every 100 ms, a fast typist's (120 words a minute). The other
 * keystroke figures send each edit as soon as the previous edit's diagnostics arrive, which leaves
 * the server no idle time at all.
 */
const TYPING_INTERVAL_MS = 100;

/** Keystrokes in the middle of a settings module of `size` lines: start, then each edit's diagnostics. */
export async function keystrokes(size: number, edits: number): Promise<void> {
  const { text, line } = moduleWithDebugInTheMiddle(size);
  const folder = project("mysite.settings", { "mysite/settings.py": text });
  const uri = pathToFileURL(join(folder, "mysite", "settings.py")).href;
  const session = await ServerSession.start(folder);
  try {
    const first = session.diagnostics(uri, `the ${lines(size)}-line module when opened`);
    await session.open(uri, text);
    await first;
    record(`server start → first diagnostics, ${lines(size)}-line settings.py`, "ms", [
      performance.now() - session.started,
    ]);
    const times: number[] = [];
    for (let run = 0; run < edits; run++) {
      const version = run + 2;
      const published = session.diagnostics(
        uri,
        `edit ${run + 1} of the ${lines(size)}-line module`,
        (received) => received === undefined || received >= version,
      );
      const start = performance.now();
      await session.change(uri, version, debugLineEdit(run, line));
      await published;
      times.push(performance.now() - start);
    }
    if (process.env.BENCH_TRACE) console.error(times.map((time) => time.toFixed(1)).join(" "));
    record(`keystroke → diagnostics, ${lines(size)}-line settings.py (edits in the middle)`, "ms", times);
    // The first edits run while V8 is still compiling the engine's hot paths; what follows is what a
    // user feels once they have typed a little. Both are kept: the figure above includes the warm-up.
    if (times.length > 2 * WARM_UP_EDITS)
      record(
        `keystroke → diagnostics, ${lines(size)}-line settings.py, after ${WARM_UP_EDITS} edits`,
        "ms",
        times.slice(WARM_UP_EDITS),
      );
    // Edits 0 and 1 of every 4 keep the module valid; 2 and 3 break its syntax and mend it again.
    const settled = times.map((time, run) => ({ time, run })).slice(WARM_UP_EDITS);
    if (settled.length >= 8)
      for (const [kind, breaking] of [
        ["that keep it valid", false],
        ["that break or mend its syntax", true],
      ] as const)
        record(
          `keystroke → diagnostics, ${lines(size)}-line settings.py, after ${WARM_UP_EDITS} edits, edits ${kind}`,
          "ms",
          settled.filter(({ run }) => run % 4 >= 2 === breaking).map(({ time }) => time),
        );
    // The same edits again, typed at a human pace: what a user feels, with the idle time between
    // keystrokes that the server uses (a collection of V8's young generation, for one).
    const typed: number[] = [];
    for (let run = edits; run < 2 * edits; run++) {
      const version = run + 2;
      const published = session.diagnostics(
        uri,
        `typed edit ${run + 1 - edits} of the ${lines(size)}-line module`,
        (received) => received === undefined || received >= version,
      );
      const start = performance.now();
      await session.change(uri, version, debugLineEdit(run, line));
      await published;
      typed.push(performance.now() - start);
      const pause = start + TYPING_INTERVAL_MS - performance.now();
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    }
    if (process.env.BENCH_TRACE) console.error(`typed: ${typed.map((time) => time.toFixed(1)).join(" ")}`);
    record(
      `keystroke → diagnostics, ${lines(size)}-line settings.py, typed ${1000 / TYPING_INTERVAL_MS} a second after the edits above`,
      "ms",
      typed,
    );
  } finally {
    await session.stop();
  }
}

/**
 * An edit in base.py → the diagnostics of production.py, which star-imports it through `length`
 * modules. Each edit deletes or restores base.py's SECURE_HSTS_SECONDS line: without it production
 * leaves the setting unset (security.W004, placed in production.py; with it, W005 and W021 are).
 */
export async function chain(length: number, edits: number): Promise<void> {
  const hsts = "SECURE_HSTS_SECONDS = 31536000\n";
  const base = `${generateSettingsModule(SMOKE ? 50 : 300, 3)}DEBUG = False\nSECRET_KEY = "${"k7Qz-9xW_3pL".repeat(5)}"\nALLOWED_HOSTS = ["example.com"]\nMIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n${hsts}`;
  const files: Record<string, string> = {
    "mysite/settings/__init__.py": "",
    "mysite/settings/base.py": base,
    "mysite/settings/production.py": `from .link${length - 1} import *\n`,
  };
  for (let index = 0; index < length; index++)
    files[`mysite/settings/link${index}.py`] =
      `from .${index === 0 ? "base" : `link${index - 1}`} import *\nLINK_${index} = ${index}\n`;
  const folder = project("mysite.settings.production", files);
  const baseUri = pathToFileURL(join(folder, "mysite", "settings", "base.py")).href;
  const productionUri = pathToFileURL(join(folder, "mysite", "settings", "production.py")).href;
  const hstsLine = base.split("\n").indexOf(hsts.trimEnd());
  const session = await ServerSession.start(folder);
  try {
    const first = session.diagnostics(productionUri, "production.py when base.py is opened");
    await session.open(baseUri, base);
    await first;
    // Sent back to back, then as many again at a typist's pace (see TYPING_INTERVAL_MS).
    const times: number[] = [];
    const typed: number[] = [];
    for (let run = 0; run < 2 * edits; run++) {
      const published = session.diagnostics(productionUri, `production.py after edit ${run + 1} of base.py`);
      const start = performance.now();
      await session.change(
        baseUri,
        run + 2,
        run % 2 === 0
          ? {
              range: { start: { line: hstsLine, character: 0 }, end: { line: hstsLine + 1, character: 0 } },
              text: "",
            }
          : {
              range: { start: { line: hstsLine, character: 0 }, end: { line: hstsLine, character: 0 } },
              text: hsts,
            },
      );
      await published;
      (run < edits ? times : typed).push(performance.now() - start);
      const pause = start + TYPING_INTERVAL_MS - performance.now();
      if (run >= edits && pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    }
    if (process.env.BENCH_TRACE) {
      console.error(times.map((time) => time.toFixed(1)).join(" "));
      console.error(`typed: ${typed.map((time) => time.toFixed(1)).join(" ")}`);
    }
    record(`edit in base.py → diagnostics of production.py, ${length}-module star-import chain`, "ms", times);
    record(
      `edit in base.py → diagnostics of production.py, ${length}-module chain, ${1000 / TYPING_INTERVAL_MS} edits a second after the edits above`,
      "ms",
      typed,
    );
  } finally {
    await session.stop();
  }
}

/** Server start → first diagnostics of an opened startproject settings.py, a fresh process each time. */
export async function serverStarts(folder: string, runs: number): Promise<void> {
  const file = join(folder, "mysite", "settings.py");
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, "utf8");
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const session = await ServerSession.start(folder);
    const first = session.diagnostics(uri, "the startproject settings.py when opened");
    await session.open(uri, text);
    await first;
    times.push(performance.now() - session.started);
    await session.stop();
  }
  record("server start → first diagnostics, startproject settings.py (fresh process)", "ms", times);
}
