// One engine for every front end: on a project with two production profiles sharing base.py, the
// CLI's JSON and the real server's published diagnostics list the same findings; the merged W018's
// fix turns DEBUG off in both profiles; and a check that throws costs only its own findings.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "vscode-languageserver-protocol/node";
import { applyEdits, ROOT, ServerSession } from "./harness";

const CLI = join(ROOT, "dist", "cli.js");
const BASE = "shop/settings/base.py";
const PRODUCTION = "shop/settings/production.py";
const STAGING = "shop/settings/staging.py";

function twoProfileProject(): string {
  const folder = mkdtempSync(join(tmpdir(), "django-deploy-one-engine-"));
  mkdirSync(join(folder, "shop", "settings"), { recursive: true });
  writeFileSync(join(folder, "shop", "__init__.py"), "");
  writeFileSync(join(folder, "shop", "settings", "__init__.py"), "");
  writeFileSync(
    join(folder, BASE),
    'DEBUG = True\nSECRET_KEY = "dev"\nALLOWED_HOSTS = []\nMIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n',
  );
  writeFileSync(join(folder, PRODUCTION), "from .base import *\n");
  writeFileSync(join(folder, STAGING), "from .base import *\n");
  writeFileSync(join(folder, ".env"), "DJANGO_SETTINGS_MODULE=shop.settings.staging\n");
  return folder;
}

interface CliFinding {
  file: string;
  range: { start: { line: number; character: number } };
  code: string;
  profiles: string[];
}

function cliFindings(folder: string, statuses: readonly number[] = [0, 1]): CliFinding[] {
  // Paths in the output are relative to the folder the CLI runs in: run it in the project.
  const result = spawnSync(process.execPath, [CLI, "check", ".", "--format", "json"], {
    encoding: "utf8",
    cwd: folder,
  });
  assert.ok(statuses.includes(result.status!), result.stderr);
  return JSON.parse(result.stdout) as CliFinding[];
}

const key = (file: string, line: number, character: number, code: string) =>
  `${file}:${line}:${character} ${code}`;

function editorFindings(session: ServerSession, folder: string): string[] {
  const keys: string[] = [];
  for (const [uri, diagnostics] of session.diagnostics) {
    const file = fileURLToPath(uri).slice(folder.length + 1);
    for (const diagnostic of diagnostics)
      keys.push(
        key(file, diagnostic.range.start.line, diagnostic.range.start.character, String(diagnostic.code)),
      );
  }
  return keys.sort();
}

describe("one engine for the CLI and the editor", () => {
  let folder: string | undefined;
  afterEach(async () => {
    await ServerSession.disposeAll();
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  });

  it("the CLI and the server report the same findings, and the merged fix fixes both profiles", async () => {
    folder = twoProfileProject();
    const cli = cliFindings(folder);
    const debug = cli.filter((finding) => finding.code === "security.W018");
    assert.equal(debug.length, 1, "one W018 for the value both profiles inherit");
    assert.deepEqual([...debug[0]!.profiles].sort(), ["shop.settings.production", "shop.settings.staging"]);

    const session = await ServerSession.start(folder);
    await session.open(BASE);
    const expected = cli
      .map((finding) =>
        key(finding.file, finding.range.start.line, finding.range.start.character, finding.code),
      )
      .sort();
    await session.waitForDiagnostics(
      BASE,
      () => editorFindings(session, folder!).length === expected.length,
      "the server's diagnostics",
    );
    assert.deepEqual(editorFindings(session, folder), expected);

    const w018 = session.diagnostics
      .get(session.uri(BASE))!
      .find((diagnostic: Diagnostic) => diagnostic.code === "security.W018")!;
    const actions = await session.codeActions(BASE, w018.range, [w018]);
    const fix = actions.find((action) => /DEBUG = False/.test(action.title));
    assert.ok(fix?.edit?.changes, `a DEBUG fix among ${actions.map((action) => action.title).join(", ")}`);
    for (const [uri, edits] of Object.entries(fix.edit.changes)) {
      const path = fileURLToPath(uri);
      writeFileSync(path, applyEdits(readFileSync(path, "utf8"), edits));
    }
    assert.deepEqual(
      cliFindings(folder).filter((finding) => finding.code === "security.W018"),
      [],
      "no W018 left in either profile",
    );
  });

  it("a check that throws is logged once by name, and every other finding stays", async () => {
    folder = twoProfileProject();
    const session = await ServerSession.start(folder, {
      env: { DJANGO_DEPLOY_FAULT_INJECTION: "throwing-check" },
    });
    await session.open(BASE);
    const diagnostics = await session.waitForDiagnostics(
      BASE,
      (list) => list.some((diagnostic) => diagnostic.code === "security.W018"),
      "the other checks' findings",
    );
    assert.ok(diagnostics.some((diagnostic) => diagnostic.code === "security.W009"));
    await session.waitForLog(
      (log) => /Internal error in test\.E999/.test(log.message),
      "the check's error in the log",
    );
    // Another analysis (an edit) logs nothing new about the same failure.
    await session.change(BASE, 2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "\n" },
    ]);
    await session.waitForDiagnostics(
      BASE,
      (list) => list.some((diagnostic) => diagnostic.range.start.line === 1),
      "the re-analysis",
    );
    const errors = session.logs.filter((log) => /Internal error in test\.E999/.test(log.message));
    assert.equal(errors.length, 2, "once per profile, not per analysis");
  });
});

describe("one engine for a module that cannot be read", () => {
  let folder: string | undefined;
  afterEach(async () => {
    await ServerSession.disposeAll();
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  });

  it("the server reports python.E002 for a star-imported module that is not UTF-8, as the CLI does", async () => {
    folder = mkdtempSync(join(tmpdir(), "django-deploy-one-engine-unreadable-"));
    mkdirSync(join(folder, "shop", "settings"), { recursive: true });
    writeFileSync(join(folder, "shop", "__init__.py"), "");
    writeFileSync(join(folder, "shop", "settings", "__init__.py"), "");
    writeFileSync(
      join(folder, "manage.py"),
      'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.production")\n',
    );
    writeFileSync(
      join(folder, PRODUCTION),
      'from .base import *\nDEBUG = False\nALLOWED_HOSTS = ["www.example.com"]\n',
    );
    // A Latin-1 byte: the file exists, but Python (and the engine) cannot read it as UTF-8.
    writeFileSync(join(folder, BASE), Buffer.from('SECRET_KEY = "abc\xff"\n', "latin1"));
    // Status 2: unreadable input.
    const cli = cliFindings(folder, [2]).filter((finding) => finding.code === "python.E002");
    assert.deepEqual(
      cli.map((finding) => finding.file),
      [BASE],
    );
    const session = await ServerSession.start(folder);
    await session.open(PRODUCTION);
    await session.waitForDiagnostics(
      BASE,
      () => editorFindings(session, folder!).some((found) => found.endsWith(" python.E002")),
      "python.E002 in the editor",
    );
    assert.deepEqual(
      editorFindings(session, folder).filter((found) => found.endsWith(" python.E002")),
      cli.map((finding) =>
        key(finding.file, finding.range.start.line, finding.range.start.character, finding.code),
      ),
    );
  });
});
