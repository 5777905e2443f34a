// A monorepo as a large company has it (issue 17): many Django projects in one workspace, each with a
// split-settings package of 10 modules (every one named `config.settings.*`, as cookiecutter-django
// names them) among ten times as many other Python files, beside a `node_modules` and a `.venv` that
// the discovery must skip. `npm run bench:workspace` builds the workspace at a tenth of the size and
// at full size (200 projects, 2,000 settings modules, 20,000 other .py files; `--huge` adds 2,000
// projects), times whole `node dist/cli.js check` processes on each (wall time and peak RSS from
// /usr/bin/time), times Django's own `manage.py check --deploy` on a few settings modules to
// extrapolate what checking every module with Django costs, and measures the real language server's
// RSS after it opened the workspace and published the diagnostics of one module, with keystrokes in that
// module and changes on disk to another project's module (the watcher's Changed event). Writes
// bench/workspace-results.md unless `--no-write`. Needs `npm run build` first.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
} from "vscode-languageserver-protocol/node";
import { RACY_MS } from "../common/src/resultCache";
import { SERVER_ENVIRONMENT, SERVER_EXEC_ARGV } from "../common/src/serverProcess";
import { initializeServer } from "./serverHandshake";

const ROOT = join(import.meta.dirname, "..");
/** BENCH_DIST=<folder> measures the bundles in that folder instead of dist/ (as bench/process.ts). */
const DIST = process.env.BENCH_DIST ?? join(ROOT, "dist");
const CLI = join(DIST, "cli.js");
const SERVER = join(DIST, "server.js");
/** Debian's Python, which has Django 3.2 (the pyenv python3 on PATH has none). */
const PYTHON = "/usr/bin/python3";

const APP_FILES = ["__init__", "models", "views", "admin", "apps", "urls", "tests", "forms", "serializers"];

function write(root: string, path: string, text: string): void {
  const file = join(root, path);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, text);
}

/** One cookiecutter-like project: 10 settings modules and 100 other Python files. */
function writeProject(root: string, folder: string, index: number): void {
  const at = (path: string, text: string) => write(root, `${folder}/${path}`, text);
  at(
    "manage.py",
    'import os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n',
  );
  at("config/__init__.py", "");
  at(
    "config/wsgi.py",
    'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\napplication = get_wsgi_application()\n',
  );
  at("config/urls.py", "urlpatterns = []\n");
  at(
    "Dockerfile",
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app/\nENV DJANGO_SETTINGS_MODULE=config.settings.production\nCMD ["gunicorn", "config.wsgi"]\n',
  );
  at("config/settings/__init__.py", "");
  at("config/settings/components/__init__.py", "");
  at(
    "config/settings/base.py",
    `import os\nfrom pathlib import Path\n\nBASE_DIR = Path(__file__).resolve().parent.parent.parent\nSECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-project-${index}")\nDEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"\nALLOWED_HOSTS = []\nINSTALLED_APPS = [\n    "django.contrib.admin",\n    "django.contrib.auth",\n    "django.contrib.contenttypes",\n    "django.contrib.sessions",\n    "django.contrib.messages",\n    "django.contrib.staticfiles",\n]\nMIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.common.CommonMiddleware",\n    "django.middleware.csrf.CsrfViewMiddleware",\n    "django.contrib.auth.middleware.AuthenticationMiddleware",\n    "django.contrib.messages.middleware.MessageMiddleware",\n    "django.middleware.clickjacking.XFrameOptionsMiddleware",\n]\nROOT_URLCONF = "config.urls"\nTEMPLATES = [\n    {\n        "BACKEND": "django.template.backends.django.DjangoTemplates",\n        "DIRS": [],\n        "APP_DIRS": True,\n        "OPTIONS": {"context_processors": ["django.contrib.auth.context_processors.auth", "django.contrib.messages.context_processors.messages", "django.template.context_processors.request"]},\n    }\n]\nDATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}\nSTATIC_URL = "/static/"\nUSE_TZ = True\n`,
  );
  at(
    "config/settings/production.py",
    `from .base import *  # noqa\nfrom .components.database import *  # noqa\nfrom .components.cache import *  # noqa\nfrom .components.email import *  # noqa\nfrom .components.security import *  # noqa\n\nALLOWED_HOSTS = ["project${index}.example.com"]\n${index % 2 === 0 ? "SECURE_HSTS_SECONDS = 60\n" : ""}`,
  );
  at("config/settings/local.py", 'from .base import *  # noqa\n\nDEBUG = True\nALLOWED_HOSTS = ["*"]\n');
  at(
    "config/settings/test.py",
    'from .base import *  # noqa\n\nPASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]\n',
  );
  at(
    "config/settings/staging.py",
    'from .production import *  # noqa\n\nALLOWED_HOSTS = ["staging.example.com"]\n',
  );
  at("config/settings/ci.py", "from .test import *  # noqa\n");
  at("config/settings/components/database.py", "CONN_MAX_AGE = 60\n");
  at(
    "config/settings/components/cache.py",
    'CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}\n',
  );
  at(
    "config/settings/components/email.py",
    'EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"\n',
  );
  at(
    "config/settings/components/security.py",
    "SESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\nSECURE_SSL_REDIRECT = True\n",
  );
  for (let app = 0; app < 10; app++) {
    for (const name of APP_FILES)
      at(
        `apps/app${app}/${name}.py`,
        `# ${name} of app ${app}\nVALUE_${app} = ${index}\n\n\ndef ${name.replace(/_/g, "")}():\n    return VALUE_${app}\n`,
      );
    at(`apps/app${app}/migrations/0001_initial.py`, "operations = []\n");
  }
}

/** What must be skipped: a node_modules with Python files (node-gyp has some) and a virtualenv with Django. */
function writeDependencies(root: string, projects: number): void {
  for (let index = 0; index < projects * 5; index++) {
    write(root, `node_modules/package${index}/package.json`, "{}\n");
    write(root, `node_modules/package${index}/gyp/settings.py`, "DEBUG = True\n");
  }
  write(root, ".venv/pyvenv.cfg", "home = /usr/bin\n");
  for (let index = 0; index < projects * 5; index++)
    write(root, `.venv/lib/python3.12/site-packages/library${index}/conf/production.py`, "DEBUG = True\n");
}

export function generateWorkspace(projects: number): string {
  const root = mkdtempSync(join(tmpdir(), "django-deploy-bench-workspace-"));
  for (let index = 0; index < projects; index++)
    writeProject(root, `projects/project${String(index).padStart(4, "0")}`, index);
  writeDependencies(root, projects);
  return root;
}

interface Measured {
  wallSeconds: number[];
  /** With a result cache: the warm-up run's, which observed what it read and kept the result. */
  keepingSeconds?: number;
  peakMegabytes: number[];
  profiles: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const spread = (values: number[]) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;

/**
 * Whole CLI processes, timed with /usr/bin/time (wall seconds, peak RSS): each a first check
 * (`--no-cache`), or with `cache`, a check of the unchanged workspace, which prints the result kept
 * (in the folder `cache`) by a warm-up run before them.
 */
function timeCli(folder: string, runs: number, cache?: string): Measured {
  const measured: Measured = { wallSeconds: [], peakMegabytes: [], profiles: 0 };
  const env = cache ? { ...process.env, XDG_CACHE_HOME: cache } : process.env;
  for (let run = cache ? -1 : 0; run < runs; run++) {
    const result = spawnSync(
      "/usr/bin/time",
      [
        "-f",
        "TIME %e %M",
        process.execPath,
        CLI,
        "check",
        folder,
        "--format",
        "json-report",
        ...(cache ? [] : ["--no-cache"]),
      ],
      { encoding: "utf8", maxBuffer: 1 << 30, env },
    );
    if (run < 0) {
      const timing = /TIME ([\d.]+) /.exec(result.stderr);
      if (timing) measured.keepingSeconds = Number(timing[1]);
      continue;
    }
    const timing = /TIME ([\d.]+) (\d+)/.exec(result.stderr);
    if (!timing || (result.status !== 0 && result.status !== 1))
      throw new Error(`the CLI failed (${result.status}): ${result.stderr.slice(-2000)}`);
    measured.wallSeconds.push(Number(timing[1]));
    measured.peakMegabytes.push(Number(timing[2]) / 1024);
    const report = JSON.parse(result.stdout) as { projects: { profiles: { kind: string }[] }[] };
    measured.profiles = report.projects
      .flatMap((project) => project.profiles)
      .filter((profile) => profile.kind === "production").length;
  }
  return measured;
}

/** Django's own check on `count` production settings modules of the workspace, one process each. */
function timeDjango(folder: string, count: number): number[] {
  const seconds: number[] = [];
  for (let index = 0; index < count; index++) {
    const project = join(folder, "projects", `project${String(index).padStart(4, "0")}`);
    const start = performance.now();
    const result = spawnSync(
      PYTHON,
      ["manage.py", "check", "--deploy", "--settings", "config.settings.production"],
      { cwd: project, encoding: "utf8" },
    );
    if (result.status !== 0 && !/System check identified/.test(result.stderr + result.stdout))
      throw new Error(`Django's check failed: ${result.stderr}`);
    seconds.push((performance.now() - start) / 1000);
  }
  return seconds;
}

/** The real server on the workspace: open one production module, wait for its diagnostics, read RSS. */
async function serverAfterWorkspace(folder: string): Promise<{
  firstSeconds: number;
  rssMegabytes: number;
  peakMegabytes: number;
  keystrokeSeconds: number[];
  saveSeconds: number[];
  rssAfterSavesMegabytes: number;
}> {
  // Started as the extension starts it (common/src/serverProcess.ts).
  // BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=DIR" profiles the server (as in bench/process.ts).
  const profiling = process.env.BENCH_SERVER_NODE_OPTIONS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, ...profiling, SERVER, "--stdio"], {
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, ...SERVER_ENVIRONMENT },
  });
  const connection = createProtocolConnection(child.stdout, child.stdin);
  const file = join(folder, "projects", "project0000", "config", "settings", "production.py");
  const uri = pathToFileURL(file).href;
  let waiting: ((version: number | undefined) => void) | undefined;
  // Another project's production module, not open: changed on disk as a save or a `git pull` does.
  const other = join(folder, "projects", "project0002", "config", "settings", "production.py");
  const otherUri = pathToFileURL(other).href;
  let waitingForOther: (() => void) | undefined;
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri === uri) waiting?.(params.version);
    if (params.uri === otherUri) waitingForOther?.();
  });
  connection.onNotification(LogMessageNotification.type, () => undefined);
  connection.listen();
  const started = performance.now();
  await initializeServer(connection, folder, "monorepo");
  const text = readFileSync(file, "utf8");
  const first = new Promise<void>((resolve) => (waiting = () => resolve()));
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "python", version: 1, text },
  });
  await first;
  const firstSeconds = (performance.now() - started) / 1000;
  // Keystrokes that toggle a finding (HSTS set to 60, then removed), so each publishes anew.
  const lines = text.split("\n");
  const line = lines.findIndex((candidate) => candidate.startsWith("SECURE_HSTS_SECONDS"));
  const keystrokeSeconds: number[] = [];
  for (let run = 0; line >= 0 && run < 6; run++) {
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
          ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: "# " }
          : { range: { start: { line, character: 0 }, end: { line, character: 2 } }, text: "" },
      ],
    });
    await published;
    keystrokeSeconds.push((performance.now() - start) / 1000);
  }
  // The memory figures are read before the changes on disk, as they were before those were measured.
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  // A file changed on disk (the watcher's Changed event) → that file's diagnostics, which change with
  // it: its HSTS line commented out and back.
  const otherText = readFileSync(other, "utf8");
  const otherLines = otherText.split("\n");
  const hsts = otherLines.findIndex((candidate) => candidate.startsWith("SECURE_HSTS_SECONDS"));
  const saveSeconds: number[] = [];
  for (let run = 0; hsts >= 0 && run < 6; run++) {
    const saved = [...otherLines];
    if (run % 2 === 0) saved[hsts] = `# ${saved[hsts]}`;
    const published = new Promise<void>((resolve) => (waitingForOther = resolve));
    writeFileSync(other, saved.join("\n"));
    const start = performance.now();
    await connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: otherUri, type: FileChangeType.Changed }],
    });
    await published;
    saveSeconds.push((performance.now() - start) / 1000);
  }
  writeFileSync(other, otherText);
  const statusAfterSaves = readFileSync(`/proc/${child.pid}/status`, "utf8");
  const kilobytes = (field: string, from = status) =>
    Number(new RegExp(`${field}:\\s+(\\d+)`).exec(from)?.[1] ?? 0);
  await connection.sendRequest(ShutdownRequest.type);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  await connection.sendNotification(ExitNotification.type);
  // Let it exit on its own (a CPU profile is written at exit), then make sure it is gone.
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  connection.dispose();
  child.kill();
  return {
    firstSeconds,
    rssMegabytes: kilobytes("VmRSS") / 1024,
    peakMegabytes: kilobytes("VmHWM") / 1024,
    keystrokeSeconds,
    saveSeconds,
    rssAfterSavesMegabytes: kilobytes("VmRSS", statusAfterSaves) / 1024,
  };
}

async function main(): Promise<void> {
  const generate = process.argv.indexOf("--generate");
  if (generate > 0) {
    // Only builds a workspace (for profiling): prints its folder, which the caller removes.
    console.log(generateWorkspace(Number(process.argv[generate + 1] ?? 200)));
    return;
  }
  const serverOnly = process.argv.indexOf("--server-only");
  if (serverOnly > 0) {
    // Only the real server on a workspace built by --generate (for profiling its memory and keystrokes).
    console.log(JSON.stringify(await serverAfterWorkspace(process.argv[serverOnly + 1]!)));
    return;
  }
  if (spawnSync(process.execPath, [CLI, "--version"]).status !== 0)
    throw new Error("run `npm run build` first");
  const sizes = [20, 200, ...(process.argv.includes("--huge") ? [2_000] : [])];
  const rows: string[] = [];
  const perProject: number[] = [];
  let djangoSeconds: number[] = [];
  let server: Awaited<ReturnType<typeof serverAfterWorkspace>> | undefined;
  for (const projects of sizes) {
    const folder = generateWorkspace(projects);
    try {
      const runs = projects >= 2_000 ? 3 : 5;
      const cli = timeCli(folder, runs);
      perProject.push(median(cli.wallSeconds) / projects);
      rows.push(
        `| ${projects} projects (${projects * 10} settings modules, ${projects * 100} other .py files) | ${cli.profiles} | ${median(cli.wallSeconds).toFixed(2)} s (${spread(cli.wallSeconds)}) | ${median(cli.peakMegabytes).toFixed(0)} MB (${spread(cli.peakMegabytes)}) | ${runs} |`,
      );
      console.log(rows.at(-1));
      if (projects === 200) {
        // The workspace was written a moment ago: the result cache keeps nothing within its racy window.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RACY_MS + 200);
        const cache = mkdtempSync(join(tmpdir(), "django-deploy-bench-workspace-cache-"));
        try {
          const unchanged = timeCli(folder, runs, cache);
          rows.push(
            `| the same, unchanged since the last check (result cache; the check that kept the result took ${unchanged.keepingSeconds?.toFixed(2) ?? "?"} s) | ${unchanged.profiles} | ${median(unchanged.wallSeconds).toFixed(2)} s (${spread(unchanged.wallSeconds)}) | ${median(unchanged.peakMegabytes).toFixed(0)} MB (${spread(unchanged.peakMegabytes)}) | ${runs} |`,
          );
          console.log(rows.at(-1));
        } finally {
          rmSync(cache, { recursive: true, force: true });
        }
        djangoSeconds = timeDjango(folder, 5);
        server = await serverAfterWorkspace(folder);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, ${process.platform}`;
  const djangoMedian = djangoSeconds.length > 0 ? median(djangoSeconds) : NaN;
  const lines = [
    "# Benchmark results: a monorepo workspace",
    "",
    `Produced by \`npm run bench:workspace\` (bench/workspace.ts) on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; ${machine}.`,
    "Each workspace holds N cookiecutter-like projects (10 `config.settings.*` modules and 100 other .py files each, a Dockerfile running `config.settings.production`) beside a `node_modules` and a `.venv` (with `production.py`/`settings.py` files that must be skipped). Each CLI run is a whole `node dist/cli.js check <workspace> --format json-report --no-cache` process timed with `/usr/bin/time` (median, min–max); the row of the unchanged workspace leaves out `--no-cache`, after a warm-up run that keeps the result.",
    "",
    "| workspace | production profiles found | wall time | peak RSS | runs |",
    "|---|---:|---:|---:|---:|",
    ...rows,
    "",
    `Scaling: ${perProject.map((seconds, index) => `${((seconds * 1000) as number).toFixed(1)} ms per project at ${sizes[index]} projects`).join(", ")}.`,
    "",
  ];
  if (djangoSeconds.length > 0)
    lines.push(
      `Django's own check (\`${PYTHON} manage.py check --deploy --settings config.settings.production\`, Debian's Django 3.2) on ${djangoSeconds.length} of the 200 projects: median ${djangoMedian.toFixed(2)} s per settings module (${spread(djangoSeconds)}); checking the 200 production modules that way would take about ${(djangoMedian * 200).toFixed(0)} s, and all 2,000 settings modules about ${(djangoMedian * 2000).toFixed(0)} s.`,
      "",
    );
  if (server)
    lines.push(
      `Real server (\`dist/server.js --stdio\`) on the 200-project workspace: first diagnostics of one production.py ${server.firstSeconds.toFixed(2)} s after start; RSS then ${server.rssMegabytes.toFixed(0)} MB (peak ${server.peakMegabytes.toFixed(0)} MB); a keystroke in that module to its diagnostics: median ${(median(server.keystrokeSeconds) * 1000).toFixed(0)} ms (${server.keystrokeSeconds.map((seconds) => (seconds * 1000).toFixed(0)).join(", ")} ms, debounce included); a file changed on disk (another project's production.py, the watcher's Changed event) to its diagnostics: median ${(median(server.saveSeconds) * 1000).toFixed(0)} ms (${server.saveSeconds.map((seconds) => (seconds * 1000).toFixed(0)).join(", ")} ms; RSS after those ${server.rssAfterSavesMegabytes.toFixed(0)} MB).`,
      "",
    );
  console.log(lines.join("\n"));
  if (!process.argv.includes("--no-write"))
    writeFileSync(join(import.meta.dirname, "workspace-results.md"), lines.join("\n"));
}

if (process.argv[1] && import.meta.filename === process.argv[1])
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
