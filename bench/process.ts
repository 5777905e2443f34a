// Speed as the user feels it: whole CLI processes (`node dist/cli.js check …`, start-up included) and
// the real language server process over stdio (from opening a file to its diagnostics, and from a
// keystroke to the diagnostics after it). `npm run bench:process` prints a table and writes
// bench/process-results.md. Needs `npm run build` first. Medians of repeated runs.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
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
} from "vscode-languageserver-protocol/node";
import { generateSettingsModule } from "../test/helpers/generateSettings";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "dist", "cli.js");
const SERVER = join(ROOT, "dist", "server.js");

interface Row {
  name: string;
  median: number;
  runs: number;
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

/** A project on disk: manage.py naming mysite.settings, and the given files. */
function project(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), "django-deploy-bench-"));
  const all = {
    "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
    "mysite/__init__.py": "",
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(join(folder, path, ".."), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

function cliRow(name: string, folder: string, runs: number): Row {
  const times: number[] = [];
  for (let run = -1; run < runs; run++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, [CLI, "check", folder, "--format", "json"], {
      encoding: "utf8",
    });
    if (result.status !== 0 && result.status !== 1) throw new Error(`the CLI failed: ${result.stderr}`);
    if (run >= 0) times.push(performance.now() - start);
  }
  return { name, median: median(times), runs };
}

/** Starts the server on `folder`, opens `file`, and measures first diagnostics and keystrokes. */
async function serverRows(label: string, folder: string, file: string, keystrokes: number): Promise<Row[]> {
  const child = spawn(process.execPath, [SERVER, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  const connection = createProtocolConnection(child.stdout, child.stdin);
  const uri = pathToFileURL(join(folder, file)).href;
  let waiting: ((version: number | undefined) => void) | undefined;
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri === uri) waiting?.(params.version);
  });
  connection.listen();
  const started = performance.now();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: "bench" }],
    capabilities: {},
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const text = readFileSync(join(folder, file), "utf8");
  const first = new Promise<void>((resolve) => (waiting = () => resolve()));
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "python", version: 1, text },
  });
  await first;
  const firstDiagnostics = performance.now() - started;
  // The server publishes a file's diagnostics only when they change, so each keystroke toggles a
  // finding: deleting the "e" of `DEBUG = True` (DEBUG becomes unknown) and typing it again.
  const lines = text.split("\n");
  const line = lines.findIndex((candidate) => candidate.startsWith("DEBUG = True"));
  if (line < 0) throw new Error(`${file} has no DEBUG = True line`);
  const times: number[] = [];
  for (let run = 0; run < keystrokes; run++) {
    const version = run + 2;
    const published = new Promise<void>((resolve) => {
      waiting = (received) => {
        if (received === undefined || received >= version) resolve();
      };
    });
    const start = performance.now();
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [
        run % 2 === 0
          ? { range: { start: { line, character: 11 }, end: { line, character: 12 } }, text: "" }
          : { range: { start: { line, character: 11 }, end: { line, character: 11 } }, text: "e" },
      ],
    });
    await published;
    times.push(performance.now() - start);
  }
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  connection.dispose();
  child.kill();
  return [
    { name: `server: start, open ${label}, first diagnostics`, median: firstDiagnostics, runs: 1 },
    {
      name: `server: keystroke to diagnostics in ${label} (debounce included)`,
      median: median(times),
      runs: keystrokes,
    },
  ];
}

async function main(): Promise<void> {
  if (spawnSync(process.execPath, [CLI, "--version"]).status !== 0)
    throw new Error("run `npm run build` first");
  const rows: Row[] = [];
  const folders: string[] = [];
  const sample = join(ROOT, "samples", "mysite");
  rows.push(cliRow("CLI process: check samples/mysite (startproject-sized)", sample, 9));

  const split = project({
    "mysite/settings/__init__.py": "",
    "mysite/settings/base.py": generateSettingsModule(1_000, 3),
    "mysite/settings/production.py": "from .base import *\nDEBUG = True\nALLOWED_HOSTS = ['example.org']\n",
  });
  folders.push(split);
  rows.push(cliRow("CLI process: split settings, 1,000-line base.py + production.py", split, 9));

  const large = project({ "mysite/settings.py": `${generateSettingsModule(10_000, 5)}DEBUG = True\n` });
  folders.push(large);
  rows.push(cliRow("CLI process: one 10,000-line settings module", large, 5));

  rows.push(
    ...(await serverRows("production.py (split settings)", split, "mysite/settings/production.py", 21)),
  );
  rows.push(...(await serverRows("a 10,000-line settings.py", large, "mysite/settings.py", 11)));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });

  const table = [
    "| benchmark | median | runs |",
    "|---|---:|---:|",
    ...rows.map((row) => `| ${row.name} | ${row.median.toFixed(row.median < 10 ? 1 : 0)} ms | ${row.runs} |`),
  ].join("\n");
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}`;
  console.log(table);
  console.log(`\n${machine}`);
  if (!process.argv.includes("--no-write"))
    writeFileSync(
      join(__dirname, "process-results.md"),
      `# Benchmark results: whole processes\n\nProduced by \`npm run bench:process\` (bench/process.ts) on ${new Date().toISOString().slice(0, 10)}; ${machine}.\nEach CLI run is a whole \`node dist/cli.js check\` process (after one warm-up run); the server runs are the real \`dist/server.js\` over stdio, timed from the notification sent to the diagnostics received.\n\n${table}\n`,
    );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
