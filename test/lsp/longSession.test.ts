// A long editing session against the real server process (dist/server.js --stdio): thousands of
// keystrokes in several open documents, with hovers, code actions and status requests overlapping
// them and some cancelled at once, modules appearing and disappearing on disk (with the watched-file
// notifications an editor sends), an import cycle (a.py and b.py star-import each other) and a
// symbolic link loop in the workspace folder. The server must answer every request (with a result, or
// with RequestCancelled / ContentModified), end with the diagnostics a fresh server gives for the
// final files, keep its memory bounded, and exit with status 0 on shutdown and exit.
//
// `npm test` runs 1,000 edits with a fixed seed; LONG_SESSION_EDITS=10000 (and LONG_SESSION_SEED)
// make a long run. The resident set size is sampled from /proc/<pid>/status along the way and
// written to test-results/long-session-rss.json; only a generous bound is asserted, never a time.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, afterEach, describe, it } from "node:test";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  CancellationTokenSource,
  CodeActionRequest,
  ExitNotification,
  FileChangeType,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
  ShutdownRequest,
  type Diagnostic,
  type Position,
} from "vscode-languageserver-protocol/node";
import {
  EFFECTIVE_SETTINGS_REQUEST,
  FIX_ALL_KIND,
  PROFILES_REQUEST,
  STATUS_REQUEST,
  type StatusResult,
} from "../../common/src/protocol";
import { removeTemporaryFolders, temporaryFolder } from "../temporaryFolders";
import { ROOT, ServerSession } from "./harness";

const EDITS = Number(process.env.LONG_SESSION_EDITS ?? 1_000);
const SEED = Number(process.env.LONG_SESSION_SEED ?? 18);
/** Requests in flight at most; past it the session waits for the oldest (an editor does not queue thousands). */
const MAX_IN_FLIGHT = 48;
/** How long a single request may stay unanswered before the test calls it lost. */
const ANSWER_TIMEOUT_MS = 60_000;

/** A small, fast, seeded generator (mulberry32): the same seed gives the same session. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FILES: Record<string, string> = {
  "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
  "mysite/__init__.py": "",
  "mysite/settings.py": [
    "import os",
    "from .a import *",
    "from .common import *",
    "try:",
    "    from .local import *",
    "except ImportError:",
    "    pass",
    "",
    'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-change-me")',
    "DEBUG = False",
    'ALLOWED_HOSTS = ["example.com"]',
    "",
  ].join("\n"),
  // The import cycle: each star-imports the other.
  "mysite/a.py": "from .b import *\n\nSESSION_COOKIE_SECURE = True\n",
  "mysite/b.py": "from .a import *\n\nCSRF_COOKIE_SECURE = True\n",
  "mysite/common.py": 'INSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = []\n',
};
const OPEN = ["mysite/settings.py", "mysite/a.py", "mysite/b.py", "mysite/common.py"];
/** The module that comes and goes on disk (settings.py imports it under try/except ImportError). */
const COMING_AND_GOING = "mysite/local.py";

/** Lines typed one character at a time (and sometimes erased the same way), as a user would. */
const TYPED_LINES = [
  "SECURE_SSL_REDIRECT = True",
  "SECURE_HSTS_SECONDS = 31536000",
  "DEBUG = True",
  "DEBUG = os.environ.get('DJANGO_DEBUG') == '1'",
  'ALLOWED_HOSTS = ["*"]',
  "SESSION_COOKIE_SECURE = False",
  "X_FRAME_OPTIONS = 'SAMEORIGIN'",
  "STATIC_ROOT = BASE_DIR / 'static'",
  "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}",
  "if DEBUG:\n    ALLOWED_HOSTS += ['localhost']",
];

interface Tally {
  requests: number;
  answered: number;
  cancelRequested: number;
  cancelledByServer: number;
  contentModified: number;
  otherErrors: string[];
}

function rssKilobytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

/** Diagnostics as comparable text, per URI, leaving out files with none. */
function snapshot(diagnostics: Map<string, Diagnostic[]>): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [uri, list] of [...diagnostics].sort(([a], [b]) => a.localeCompare(b))) {
    if (list.length === 0) continue;
    result[uri] = list
      .map(
        (diagnostic) =>
          `${diagnostic.range.start.line}:${diagnostic.range.start.character}-${diagnostic.range.end.line}:${diagnostic.range.end.character} ${String(diagnostic.code)} ${typeof diagnostic.message === "string" ? diagnostic.message : diagnostic.message.value}`,
      )
      .sort();
  }
  return result;
}

/** Resolves when `check` holds, checking every 50 ms; a message that says what never came otherwise. */
async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("a long editing session", () => {
  afterEach(() => ServerSession.disposeAll());
  after(removeTemporaryFolders);

  it(`answers every request over ${EDITS} edits, matches a fresh server, keeps its memory, and exits cleanly`, async () => {
    const folder = temporaryFolder("lsp-long");
    for (const [relative, text] of Object.entries(FILES)) {
      mkdirSync(join(folder, relative, ".."), { recursive: true });
      writeFileSync(join(folder, relative), text);
    }
    // A symbolic link loop: the folder contains itself, and a package contains its parent.
    symlinkSync(".", join(folder, "loop"));
    symlinkSync("..", join(folder, "mysite", "up"));

    const next = random(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const session = await ServerSession.start(folder);
    const pid = session.child.pid!;
    const documents = new Map<string, TextDocument>();
    for (const relative of OPEN) {
      const text = await session.open(relative);
      documents.set(relative, TextDocument.create(session.uri(relative), "python", 1, text));
    }
    await session.waitForDiagnostics(
      "mysite/settings.py",
      (list) => list.length > 0,
      "the first diagnostics",
    );

    const tally: Tally = {
      requests: 0,
      answered: 0,
      cancelRequested: 0,
      cancelledByServer: 0,
      contentModified: 0,
      otherErrors: [],
    };
    const inFlight: Promise<void>[] = [];
    const track = (what: string, send: (token: CancellationTokenSource) => Promise<unknown>) => {
      const source = new CancellationTokenSource();
      tally.requests++;
      let timer: NodeJS.Timeout | undefined;
      const answered = send(source).then(
        () => {
          tally.answered++;
        },
        (error: unknown) => {
          tally.answered++;
          if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled)
            tally.cancelledByServer++;
          else if (error instanceof ResponseError && error.code === LSPErrorCodes.ContentModified)
            tally.contentModified++;
          else tally.otherErrors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
      const lost = new Promise<void>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} was never answered`)), ANSWER_TIMEOUT_MS);
      });
      inFlight.push(Promise.race([answered, lost]).finally(() => clearTimeout(timer)));
      if (next() < 0.25) {
        tally.cancelRequested++;
        // Half at once, half a moment later (while the server may already be working on it).
        if (next() < 0.5) source.cancel();
        else setImmediate(() => source.cancel());
      }
    };

    const randomPosition = (document: TextDocument): Position =>
      document.positionAt(Math.floor(next() * (document.getText().length + 1)));

    const sendSomeRequest = () => {
      const relative = pick(OPEN);
      const document = documents.get(relative)!;
      const uri = session.uri(relative);
      const choice = next();
      if (choice < 0.4) {
        track(`hover ${relative}`, (source) =>
          session.connection.sendRequest(
            HoverRequest.type,
            { textDocument: { uri }, position: randomPosition(document) },
            source.token,
          ),
        );
      } else if (choice < 0.75) {
        const start = randomPosition(document);
        const diagnostics = session.diagnostics.get(uri) ?? [];
        track(`codeAction ${relative}`, (source) =>
          session.connection.sendRequest(
            CodeActionRequest.type,
            {
              textDocument: { uri },
              range: { start, end: start },
              context: { diagnostics, ...(next() < 0.2 ? { only: [FIX_ALL_KIND] } : {}) },
            },
            source.token,
          ),
        );
      } else if (choice < 0.9) {
        track("status", (source) => session.connection.sendRequest(STATUS_REQUEST, { uri }, source.token));
      } else if (choice < 0.95) {
        track("profiles", (source) => session.connection.sendRequest(PROFILES_REQUEST, {}, source.token));
      } else {
        track("effective settings", (source) =>
          session.connection.sendRequest(EFFECTIVE_SETTINGS_REQUEST, {}, source.token),
        );
      }
    };

    // Each document types its own line at its end, one character per edit, then sometimes erases it.
    const typing = new Map<string, { line: string; typed: number; erasing: boolean }>();
    const version = new Map<string, number>(OPEN.map((relative) => [relative, 1]));
    const edit = async () => {
      const relative = pick(OPEN);
      const document = documents.get(relative)!;
      let state = typing.get(relative);
      if (!state) {
        state = { line: `\n${pick(TYPED_LINES)}`, typed: 0, erasing: false };
        typing.set(relative, state);
      }
      const text = document.getText();
      let change: { range: { start: Position; end: Position }; text: string };
      if (!state.erasing) {
        const end = document.positionAt(text.length);
        change = { range: { start: end, end }, text: state.line[state.typed]! };
        state.typed++;
        if (state.typed === state.line.length) {
          if (next() < 0.5) state.erasing = true;
          else typing.delete(relative);
        }
      } else {
        const end = document.positionAt(text.length);
        const start = document.positionAt(text.length - 1);
        change = { range: { start, end }, text: "" };
        state.typed--;
        if (state.typed === 0) typing.delete(relative);
      }
      const nextVersion = version.get(relative)! + 1;
      version.set(relative, nextVersion);
      documents.set(relative, TextDocument.update(document, [change], nextVersion));
      await session.change(relative, nextVersion, [change]);
    };

    let localExists = false;
    const toggleModuleOnDisk = async () => {
      const path = session.path(COMING_AND_GOING);
      if (localExists) rmSync(path);
      else writeFileSync(path, "DEBUG = True\nSECURE_SSL_REDIRECT = False\n");
      localExists = !localExists;
      await session.changedOnDisk(
        COMING_AND_GOING,
        localExists ? FileChangeType.Created : FileChangeType.Deleted,
      );
    };

    const samples: { edits: number; rssKilobytes: number }[] = [
      { edits: 0, rssKilobytes: rssKilobytes(pid) },
    ];
    const sampleEvery = Math.max(100, Math.round(EDITS / 40));
    const warmUpEdits = Math.max(100, Math.round(EDITS / 10));
    let warmUpRss: number | undefined;
    for (let count = 1; count <= EDITS; count++) {
      await edit();
      if (next() < 0.55) sendSomeRequest();
      if (count % 97 === 0) await toggleModuleOnDisk();
      while (inFlight.length > MAX_IN_FLIGHT) await inFlight.shift();
      if (count % sampleEvery === 0 || count === EDITS) {
        samples.push({ edits: count, rssKilobytes: rssKilobytes(pid) });
        if (warmUpRss === undefined && count >= warmUpEdits) warmUpRss = samples.at(-1)!.rssKilobytes;
      }
    }
    await Promise.all(inFlight.splice(0));

    // The final state on disk too, so that a fresh server reads the same files.
    for (const [relative, document] of documents) writeFileSync(session.path(relative), document.getText());
    const fresh = await ServerSession.start(folder);
    const freshStatus = () =>
      fresh.connection.sendRequest<StatusResult>(STATUS_REQUEST, { uri: fresh.uri("mysite/settings.py") });
    await eventually(
      "the fresh server's first analysis",
      async () => (await freshStatus()).state === "ready",
      30_000,
    );
    let lastMismatch = "";
    await eventually(
      "the long session's diagnostics to equal a fresh server's on the final files",
      () => {
        const long = JSON.stringify(snapshot(session.diagnostics), null, 1);
        const expected = JSON.stringify(snapshot(fresh.diagnostics), null, 1);
        lastMismatch = `long session:\n${long}\nfresh server:\n${expected}`;
        return long === expected && expected !== "{}";
      },
      30_000,
    ).catch((error: Error) => {
      // The final files, to reproduce the mismatch with a fresh server by hand.
      const kept = join(ROOT, "test-results", "long-session-final");
      for (const [relative, document] of documents) {
        mkdirSync(join(kept, relative, ".."), { recursive: true });
        writeFileSync(join(kept, relative), document.getText());
      }
      const freshLog = fresh.logs.map((log) => log.message).join("\n");
      throw new Error(
        `${error.message} (final files in ${kept})\n${lastMismatch}\nfresh server's log:\n${freshLog}\n${fresh.errorOutput}`,
      );
    });

    const finalRss = rssKilobytes(pid);
    samples.push({ edits: EDITS, rssKilobytes: finalRss });
    mkdirSync(join(ROOT, "test-results"), { recursive: true });
    const report = { edits: EDITS, seed: SEED, ...tally, otherErrors: tally.otherErrors.length, samples };
    writeFileSync(
      join(ROOT, "test-results", "long-session-rss.json"),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    const curve = samples
      .map((sample) => `${sample.edits}:${Math.round(sample.rssKilobytes / 1024)}MB`)
      .join(" ");
    console.log(
      `long session: ${EDITS} edits, ${tally.requests} requests (${tally.cancelRequested} cancelled by the client, ${tally.cancelledByServer} answered RequestCancelled), RSS ${curve}`,
    );

    assert.deepEqual(tally.otherErrors, [], "requests answered with an unexpected error");
    assert.equal(tally.answered, tally.requests);
    assert.ok(warmUpRss !== undefined);
    assert.ok(
      finalRss < 3 * warmUpRss,
      `RSS grew from ${warmUpRss} kB after warm-up to ${finalRss} kB (more than 3 times)`,
    );

    // shutdown, then exit: status 0.
    await session.connection.sendRequest(ShutdownRequest.type);
    const exited = new Promise<number | null>((resolve) =>
      session.child.once("exit", (code) => resolve(code)),
    );
    await session.connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
  });
});
