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
//
// This file runs the parts, times the CLI processes, takes the sizes and writes the results; the
// language server's figures are in bench/serverFigures.ts, the figures' bookkeeping and the results
// table in bench/figures.ts, and what the parts share (the bundles measured, BENCH_SMOKE, the scratch
// folders) in bench/processSetup.ts.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { generateSettingsModule } from "../test/helpers/generateSettings";
import { RACY_MS } from "../common/src/resultCache";
import { figures, lines, notes, record, table } from "./figures";
import { CLI, DIST, project, ROOT, scratch, SERVER, SMOKE } from "./processSetup";
import { chain, keystrokes, serverStarts } from "./serverFigures";

/** Debian's Python with Django 3.2; the `python3` on PATH may have no Django. */
const DJANGO_PYTHON = "/usr/bin/python3";
const TIME = "/usr/bin/time";
const OUTPUT = process.env.BENCH_OUTPUT ?? __dirname;

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
 * that each ratio compares processes that ran side by side. The CLI twice: a first check (no kept
 * result, as on a project not checked before or changed since; it keeps its own) and a check of the
 * unchanged project right after it, which prints that result (common/src/resultCache.ts).
 */
function processes(folder: string | undefined, fallback: string, runs: number): void {
  const target = folder ?? fallback;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The CLI's code cache and result cache live here for the run, so that its first run (which
    // makes them) is the warm-up and the user's own cache folder is left alone.
    XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), "django-deploy-bench-cache-")),
  };
  scratch.push(env.XDG_CACHE_HOME!);
  delete env.DJANGO_SETTINGS_MODULE;
  delete env.NODE_DISABLE_COMPILE_CACHE;
  // A project written within the result cache's racy window gets no kept result: the startproject
  // was made a moment ago.
  if (!SMOKE) sleep(RACY_MS + 200);
  const check = [CLI, "check", ".", "--format", "json"];
  const kinds = {
    node: () => runProcess(process.execPath, ["-e", "0"], target, env),
    // As a user's first check runs: it observes what it reads and keeps its result (the kept results
    // are removed first; the code cache stays).
    first: () => {
      rmSync(join(env.XDG_CACHE_HOME!, "django-deploy", "results"), { recursive: true, force: true });
      return runProcess(process.execPath, check, target, env);
    },
    unchanged: () => runProcess(process.execPath, check, target, env),
    cold: () =>
      runProcess(process.execPath, [...check, "--no-cache"], target, {
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
  const cliKinds = [
    ["first", `CLI \`check\` on ${where}, first check`],
    ["unchanged", `CLI \`check\` on ${where}, unchanged since the last check (result cache)`],
  ] as const;
  record(
    `\`node -e 0\` (the floor of any Node program), wall`,
    "ms",
    of("node").map((r) => r.wall),
  );
  for (const [kind, name] of cliKinds)
    record(
      `${name}, wall`,
      "ms",
      of(kind).map((r) => r.wall),
    );
  record(
    `CLI \`check\` on ${where}, first check, code cache off too (NODE_DISABLE_COMPILE_CACHE=1), wall`,
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
  for (const [kind, label] of [
    ["first", "first check"],
    ["unchanged", "unchanged project"],
  ] as const)
    record(
      `CLI ÷ \`node -e 0\`, wall, run by run, ${label}`,
      "×",
      ratio(of(kind), of("node"), (run) => run.wall),
    );
  if (of("django").length > 0) {
    record(
      `\`/usr/bin/python3 manage.py check --deploy\` (Django 3.2) on ${where}, wall`,
      "ms",
      of("django").map((r) => r.wall),
    );
    for (const [kind, label] of [
      ["first", "first check"],
      ["unchanged", "unchanged project"],
    ] as const)
      record(
        `Django's check ÷ CLI, wall, run by run (how many times faster the CLI is), ${label}`,
        "×",
        ratio(of("django"), of(kind), (run) => run.wall),
      );
  } else
    notes.push(`${DJANGO_PYTHON} has no Django here: the comparison with Django's own check was left out.`);
  if (haveTime && of("first")[0]?.cpu !== undefined) {
    record(
      "`node -e 0`, CPU (user + system)",
      "ms",
      of("node").map((r) => r.cpu ?? 0),
    );
    for (const [kind, name] of cliKinds) {
      record(
        `${name}, CPU (user + system)`,
        "ms",
        of(kind).map((r) => r.cpu ?? 0),
      );
      record(
        `${name}, peak memory (RSS)`,
        "MiB",
        of(kind).map((r) => r.rss ?? 0),
      );
    }
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
      for (const [kind, label] of [
        ["first", "first check"],
        ["unchanged", "unchanged project"],
      ] as const)
        record(
          `Django's check ÷ CLI, CPU, run by run, ${label}`,
          "×",
          ratio(of("django"), of(kind), (run) => run.cpu),
        );
    }
    notes.push("CPU and memory from /usr/bin/time, which counts in steps of 10 ms.");
  }
}

/** Blocks for `milliseconds` (the benchmark's processes run one at a time anyway). */
function sleep(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
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
      const result = runProcess(
        process.execPath,
        [CLI, "check", folder, "--format", "json", "--no-cache"],
        ROOT,
        env,
      );
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
