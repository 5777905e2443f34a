// Speed as the user feels it, measured on the programs themselves, not on the engine in process:
// - keystroke → diagnostics through the real language server (`dist/server.js --stdio`, a real
//   protocol client) on settings modules of 100, 1,000, 10,000 and 50,000 lines, edits in the middle,
//   half of them breaking the syntax and mending it again; sent back to back (each as soon as the
//   previous one's diagnostics arrive), then as many again typed at 10 keystrokes a second;
// - an edit in base.py → the diagnostics of a production module that star-imports it through a chain
//   of 20 modules, back to back and then at a typist's pace;
// - server start → the first diagnostics of an opened settings file;
// - whole CLI processes beside `/usr/bin/python3 manage.py check --deploy` (Debian's Django) on the
//   same fresh startproject and beside `node -e 0`, interleaved in one run, ratios taken run by run;
// - the size of each bundle and of the packaged .vsix.
// Every figure is a median with its spread (p50, p95, min–max over the runs).
//
// `npm run bench:process` builds the production bundles and runs this; it writes
// bench/process-results.md with the date, the machine, Node's version and the command.
// BENCH_SMOKE=1 runs everything once on tiny inputs (the lsp suite does, so the harness cannot rot);
// BENCH_OUTPUT=<folder> writes the results there instead, with process-results.json beside them;
// `--no-write` (after the command) prints them and writes nothing;
// BENCH_VSIX=0 skips packaging the .vsix;
// BENCH_ONLY=sizes,processes,larger,starts,keystrokes,chain runs only those parts, and
// BENCH_KEYSTROKE_SIZES=1000,10000 only those module sizes; BENCH_RUNS=<n> at most n runs each;
// BENCH_EDITS=<n> exactly n keystrokes per module size (for profiles of the steady state);
// BENCH_TRACE=1 prints each keystroke's and chain edit's time in order (on stderr), to see the warm-up;
// BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=DIR" profiles the server processes;
// BENCH_DIST=<folder> measures the bundles in that folder instead of dist/.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type ProtocolConnection,
  type TextDocumentContentChangeEvent,
} from "vscode-languageserver-protocol/node";
import { generateSettingsModule } from "../test/helpers/generateSettings";
import { SERVER_ENVIRONMENT, SERVER_EXEC_ARGV } from "../common/src/serverProcess";

const ROOT = join(__dirname, "..");
/** The bundles measured: dist/, or BENCH_DIST (another build, for a before/after comparison). */
const DIST = process.env.BENCH_DIST ?? join(ROOT, "dist");
const CLI = join(DIST, "cli.js");
const SERVER = join(DIST, "server.js");
/** Debian's Python with Django 3.2; the `python3` on PATH may have no Django. */
const DJANGO_PYTHON = "/usr/bin/python3";
const TIME = "/usr/bin/time";
const SMOKE = process.env.BENCH_SMOKE === "1";
const OUTPUT = process.env.BENCH_OUTPUT ?? __dirname;
/** Node options for the server processes, such as `--cpu-prof --cpu-prof-dir=/tmp/profiles`. */
const SERVER_NODE_ARGUMENTS = process.env.BENCH_SERVER_NODE_OPTIONS?.split(" ").filter(Boolean) ?? [];
/** How long any one awaited diagnostics may take before the harness gives up with a message. */
const PATIENCE_MS = 60_000;

export interface Figure {
  /** What was measured, as a table row names it. */
  name: string;
  unit: "ms" | "KiB" | "MiB" | "×";
  p50: number;
  p95: number;
  min: number;
  max: number;
  runs: number;
}

const figures: Figure[] = [];
const notes: string[] = [];
const scratch: string[] = [];

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

function record(name: string, unit: Figure["unit"], samples: number[]): Figure {
  if (samples.length === 0) throw new Error(`no samples for ${name}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const figure = {
    name,
    unit,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    runs: samples.length,
  };
  figures.push(figure);
  console.log(`${name}: p50 ${format(figure.p50, unit)}, p95 ${format(figure.p95, unit)}`);
  return figure;
}

function format(value: number, unit: Figure["unit"]): string {
  if (unit === "×") return `${value.toFixed(2)}×`;
  const digits = value < 10 ? 1 : 0;
  return `${value.toFixed(digits)} ${unit}`;
}

const lines = (count: number) => count.toLocaleString("en");

/** A project on disk with manage.py naming `settingsModule`, and the given files. */
function project(settingsModule: string, files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), "django-deploy-bench-"));
  scratch.push(folder);
  const all = {
    "manage.py": `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${settingsModule}")\n`,
    "mysite/__init__.py": "",
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(join(folder, path, ".."), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

/** A generated settings module with `DEBUG = True` on a top-level line in its middle. */
function moduleWithDebugInTheMiddle(size: number): { text: string; line: number } {
  const generated = generateSettingsModule(size, 7).split("\n");
  let line = Math.floor(generated.length / 2);
  // A line that starts a top-level statement (the generator indents everything inside one).
  while (line < generated.length && !/^[A-Z]/.test(generated[line]!)) line++;
  generated.splice(line, 0, "DEBUG = True");
  return { text: generated.join("\n"), line };
}

// ---------------------------------------------------------------------------------------------
// The language server

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
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: "bench" }],
      capabilities: {},
    });
    await connection.sendNotification(InitializedNotification.type, {});
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
async function keystrokes(size: number, edits: number): Promise<void> {
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
async function chain(length: number, edits: number): Promise<void> {
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
async function serverStarts(folder: string, runs: number): Promise<void> {
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

// ---------------------------------------------------------------------------------------------
// Whole processes

interface ProcessRun {
  wall: number;
  /** User + system CPU time, when /usr/bin/time could say. */
  cpu?: number;
  /** Peak resident memory in MiB, when /usr/bin/time could say. */
  rss?: number;
}

const haveTime = existsSync(TIME);

function runProcess(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): ProcessRun {
  const start = performance.now();
  const result = haveTime
    ? spawnSync(TIME, ["-f", "%U %S %M", command, ...args], { cwd, env, encoding: "utf8" })
    : spawnSync(command, args, { cwd, env, encoding: "utf8" });
  const wall = performance.now() - start;
  // 0 (clean) and 1 (findings) are both a check that ran; Django's own check exits 0 with warnings.
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  if (!haveTime) return { wall };
  const last = result.stderr.trim().split("\n").pop() ?? "";
  const [user, system, kilobytes] = last.split(" ").map(Number);
  if (![user, system, kilobytes].every((value) => Number.isFinite(value))) return { wall };
  return { wall, cpu: (user! + system!) * 1000, rss: kilobytes! / 1024 };
}

function startproject(): string | undefined {
  const folder = mkdtempSync(join(tmpdir(), "django-deploy-bench-startproject-"));
  scratch.push(folder);
  const made = spawnSync(DJANGO_PYTHON, ["-m", "django", "startproject", "mysite"], {
    cwd: folder,
    encoding: "utf8",
  });
  return made.status === 0 ? join(folder, "mysite") : undefined;
}

/**
 * The CLI, Django's own check and `node -e 0` on the same startproject, interleaved run by run so
 * that each ratio compares processes that ran side by side.
 */
function processes(folder: string | undefined, fallback: string, runs: number): void {
  const target = folder ?? fallback;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The CLI's code cache lives here for the run, so that its first run (which makes it) is the
    // warm-up and the user's own cache folder is left alone.
    XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), "django-deploy-bench-cache-")),
  };
  scratch.push(env.XDG_CACHE_HOME!);
  delete env.DJANGO_SETTINGS_MODULE;
  delete env.NODE_DISABLE_COMPILE_CACHE;
  const kinds = {
    node: () => runProcess(process.execPath, ["-e", "0"], target, env),
    cli: () => runProcess(process.execPath, [CLI, "check", ".", "--format", "json"], target, env),
    cold: () =>
      runProcess(process.execPath, [CLI, "check", ".", "--format", "json"], target, {
        ...env,
        NODE_DISABLE_COMPILE_CACHE: "1",
      }),
    django:
      folder === undefined
        ? undefined
        : () => runProcess(DJANGO_PYTHON, ["manage.py", "check", "--deploy"], target, env),
  };
  const samples = new Map<string, ProcessRun[]>();
  for (let run = -1; run < runs; run++) {
    for (const [kind, body] of Object.entries(kinds)) {
      if (!body) continue;
      const result = body();
      if (run >= 0) samples.set(kind, [...(samples.get(kind) ?? []), result]);
    }
  }
  const of = (kind: string) => samples.get(kind) ?? [];
  const where = folder ? "a fresh startproject" : "samples/mysite";
  record(
    `\`node -e 0\` (the floor of any Node program), wall`,
    "ms",
    of("node").map((r) => r.wall),
  );
  record(
    `CLI \`check\` on ${where}, wall`,
    "ms",
    of("cli").map((r) => r.wall),
  );
  record(
    `CLI \`check\` on ${where}, code cache off (NODE_DISABLE_COMPILE_CACHE=1), wall`,
    "ms",
    of("cold").map((r) => r.wall),
  );
  const ratio = (
    numerator: ProcessRun[],
    denominator: ProcessRun[],
    measure: (run: ProcessRun) => number | undefined,
  ) =>
    numerator
      .map((run, index) => {
        const top = measure(run);
        const bottom = denominator[index] === undefined ? undefined : measure(denominator[index]!);
        return top === undefined || bottom === undefined || bottom === 0 ? undefined : top / bottom;
      })
      .filter((value): value is number => value !== undefined);
  record(
    "CLI ÷ `node -e 0`, wall, run by run",
    "×",
    ratio(of("cli"), of("node"), (run) => run.wall),
  );
  if (of("django").length > 0) {
    record(
      `\`/usr/bin/python3 manage.py check --deploy\` (Django 3.2) on ${where}, wall`,
      "ms",
      of("django").map((r) => r.wall),
    );
    record(
      "Django's check ÷ CLI, wall, run by run (how many times faster the CLI is)",
      "×",
      ratio(of("django"), of("cli"), (run) => run.wall),
    );
  } else
    notes.push(`${DJANGO_PYTHON} has no Django here: the comparison with Django's own check was left out.`);
  if (haveTime && of("cli")[0]?.cpu !== undefined) {
    record(
      "`node -e 0`, CPU (user + system)",
      "ms",
      of("node").map((r) => r.cpu ?? 0),
    );
    record(
      `CLI \`check\` on ${where}, CPU (user + system)`,
      "ms",
      of("cli").map((r) => r.cpu ?? 0),
    );
    record(
      `CLI \`check\` on ${where}, peak memory (RSS)`,
      "MiB",
      of("cli").map((r) => r.rss ?? 0),
    );
    if (of("django").length > 0) {
      record(
        "Django's check, CPU (user + system)",
        "ms",
        of("django").map((r) => r.cpu ?? 0),
      );
      record(
        "Django's check, peak memory (RSS)",
        "MiB",
        of("django").map((r) => r.rss ?? 0),
      );
      record(
        "Django's check ÷ CLI, CPU, run by run",
        "×",
        ratio(of("django"), of("cli"), (run) => run.cpu),
      );
    }
    notes.push("CPU and memory from /usr/bin/time, which counts in steps of 10 ms.");
  }
}

/** The CLI on larger projects (whole processes, warm code cache). */
function largerProjects(runs: number): void {
  const env = { ...process.env };
  delete env.DJANGO_SETTINGS_MODULE;
  const split = project("mysite.settings.production", {
    "mysite/settings/__init__.py": "",
    "mysite/settings/base.py": generateSettingsModule(SMOKE ? 100 : 1_000, 3),
    "mysite/settings/production.py": "from .base import *\nDEBUG = True\nALLOWED_HOSTS = ['example.org']\n",
  });
  const large = project("mysite.settings", {
    "mysite/settings.py": `${generateSettingsModule(SMOKE ? 100 : 10_000, 5)}DEBUG = True\n`,
  });
  for (const [name, folder] of [
    [
      `CLI \`check\`, split settings: ${lines(SMOKE ? 100 : 1_000)}-line base.py + production.py, wall`,
      split,
    ],
    [`CLI \`check\`, one ${lines(SMOKE ? 100 : 10_000)}-line settings module, wall`, large],
  ] as const) {
    const times: number[] = [];
    for (let run = -1; run < runs; run++) {
      const result = runProcess(process.execPath, [CLI, "check", folder, "--format", "json"], ROOT, env);
      if (run >= 0) times.push(result.wall);
    }
    record(name, "ms", times);
  }
}

// ---------------------------------------------------------------------------------------------
// Sizes

function sizes(): void {
  for (const bundle of [
    "cli.js",
    "cli-main.js",
    "cli-scaffold.js",
    "server.js",
    "server-main.js",
    "extension.js",
  ]) {
    const path = join(DIST, bundle);
    if (existsSync(path)) record(`bundle size: dist/${bundle}`, "KiB", [statSync(path).size / 1024]);
  }
  if (SMOKE || process.env.BENCH_VSIX === "0") return;
  const folder = mkdtempSync(join(tmpdir(), "django-deploy-bench-vsix-"));
  scratch.push(folder);
  const vsix = join(folder, "django-deploy.vsix");
  const packed = spawnSync("npx", ["vsce", "package", "--no-dependencies", "--out", vsix], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (packed.status === 0 && existsSync(vsix))
    record(".vsix size (vsce package)", "KiB", [statSync(vsix).size / 1024]);
  else
    notes.push(`vsce package failed, so the .vsix size is missing: ${packed.stderr.trim().split("\n")[0]}`);
}

// ---------------------------------------------------------------------------------------------

function machine(): string {
  const model = cpus()[0]?.model.trim() ?? "unknown CPU";
  return `${cpus().length} cores (${model}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${release()}, Node ${process.version}`;
}

function table(): string {
  return [
    "| figure | p50 | p95 | min – max | runs |",
    "|---|---:|---:|---:|---:|",
    ...figures.map(
      (figure) =>
        `| ${figure.name} | ${format(figure.p50, figure.unit)} | ${format(figure.p95, figure.unit)} | ${format(figure.min, figure.unit)} – ${format(figure.max, figure.unit)} | ${figure.runs} |`,
    ),
  ].join("\n");
}

async function main(): Promise<void> {
  if (!existsSync(CLI) || !existsSync(SERVER)) throw new Error("run `npm run build` first");
  const started = new Date();
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(", ");
  const limit = Number(process.env.BENCH_RUNS) || Number.POSITIVE_INFINITY;
  const runs = (full: number) => (SMOKE ? 1 : Math.min(full, limit));

  const only = process.env.BENCH_ONLY?.split(",");
  const wanted = (part: string) => !only || only.includes(part);
  if (wanted("sizes")) sizes();
  const startprojectFolder = startproject();
  if (wanted("processes")) processes(startprojectFolder, join(ROOT, "samples", "mysite"), runs(15));
  if (wanted("larger")) largerProjects(runs(5));
  if (wanted("starts")) await serverStarts(startprojectFolder ?? join(ROOT, "samples", "mysite"), runs(9));
  const keystrokeSizes = process.env.BENCH_KEYSTROKE_SIZES?.split(",").map(Number);
  if (wanted("keystrokes"))
    for (const [size, edits] of SMOKE
      ? [[100, 4]]
      : [
          [100, 40],
          [1_000, 40],
          [10_000, 40],
          [50_000, 12],
        ].filter(([size]) => !keystrokeSizes || keystrokeSizes.includes(size!)))
      await keystrokes(size!, Number(process.env.BENCH_EDITS) || Math.max(4, runs(edits!)));
  if (wanted("chain")) await chain(SMOKE ? 3 : 20, runs(40));

  // The BENCH_* variables that narrowed or redirected the run are part of the command that repeats it.
  const variables = Object.entries(process.env)
    .filter(([name]) => name.startsWith("BENCH_") && name !== "BENCH_OUTPUT")
    .map(([name, value]) => `${name}=${value}`);
  const command = [...variables, SMOKE ? "tsx bench/process.ts" : "npm run bench:process"].join(" ");
  const header = [
    "# Benchmark results: the programs as a user runs them",
    "",
    `- command: \`${command}\` (bench/process.ts, on the production bundles)`,
    `- date: ${started.toISOString()}`,
    `- machine: ${machine()}`,
    `- load average when it started (1, 5, 15 min): ${load}`,
    "",
    "Server figures are the real `dist/server.js --stdio` driven by a protocol client, timed from the",
    "notification sent to the diagnostics received. Process figures are whole processes, start-up",
    "included, interleaved run by run after one warm-up round; ratios are taken run by run. Each",
    "figure: median (p50), 95th percentile, min – max over the runs.",
    ...(notes.length > 0 ? ["", ...notes.map((note) => `- ${note}`)] : []),
    "",
    "",
  ].join("\n");
  mkdirSync(OUTPUT, { recursive: true });
  // `--no-write` prints the figures only (the committed results are a quiet machine's).
  if (process.argv.includes("--no-write")) {
    console.log(table());
    return;
  }
  writeFileSync(join(OUTPUT, "process-results.md"), `${header}${table()}\n`);
  // The figures as JSON too, for programs (the smoke test reads them), beside a BENCH_OUTPUT only:
  // the committed results are the Markdown table.
  if (process.env.BENCH_OUTPUT)
    writeFileSync(
      join(OUTPUT, "process-results.json"),
      `${JSON.stringify({ command, date: started.toISOString(), machine: machine(), load, smoke: SMOKE, notes, figures }, null, 2)}\n`,
    );
  console.log(`\n${table()}\n\n${machine()}`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const folder of scratch) rmSync(folder, { recursive: true, force: true });
  });
