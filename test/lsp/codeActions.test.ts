// Code actions of the real server: quick fixes rebuilt from Diagnostic.data, "Silence <ID>", and
// source.fixAll.djangoDeploy with safe fixes only. Every edit is applied to the test's own copy of
// the text and sent back as an incremental change, as an editor would.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, it } from "node:test";
import { CodeActionKind, type Diagnostic, type TextEdit } from "vscode-languageserver-protocol/node";
import {
  applyEdits,
  asContentChanges,
  codes,
  codesWithout,
  copyProject,
  editsFor,
  fixesOf,
  hasCodes,
  lineOf,
  ServerSession,
  STARTPROJECT_CODES,
  useStartProject,
} from "./harness";

const SETTINGS = "mysite/settings.py";
const FIX_ALL = "source.fixAll.djangoDeploy";
const has = (code: string) => (diagnostics: Diagnostic[]) =>
  diagnostics.some((diagnostic) => diagnostic.code === code);
const find = (diagnostics: Diagnostic[], code: string) =>
  diagnostics.find((diagnostic) => diagnostic.code === code)!;
/** Every edit must be one of a safe fix's edits, as declared in the diagnostics' data. */
function assertOnlySafe(edits: TextEdit[], diagnostics: Diagnostic[]): void {
  const safe = diagnostics
    .flatMap(fixesOf)
    .filter((fix) => fix.applicability === "safe")
    .flatMap((fix) => fix.edits.map((edit) => JSON.stringify({ range: edit.range, newText: edit.newText })));
  for (const edit of edits)
    assert.ok(
      safe.includes(JSON.stringify({ range: edit.range, newText: edit.newText })),
      `unsafe edit ${JSON.stringify(edit)}`,
    );
}

const WHOLE_FILE = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

describe("code actions", () => {
  const template = useStartProject();
  let session: ServerSession | undefined;

  it("offers Set DEBUG = False for W018; applying it removes W018 and keeps the others", async () => {
    session = await ServerSession.start(copyProject(template.dir));
    let text = await session.open(SETTINGS);
    const diagnostics = await session.waitForDiagnostics(
      SETTINGS,
      hasCodes(...STARTPROJECT_CODES),
      "the findings of startproject",
    );
    const debug = find(diagnostics, "security.W018");
    const expectedAfter = codesWithout(diagnostics, "security.W018");

    const actions = await session.codeActions(SETTINGS, debug.range, [debug]);
    const fix = actions.find((action) => action.title.startsWith("Set DEBUG = False"));
    assert.ok(fix, `titles: ${actions.map((action) => action.title).join(" | ")}`);
    // Unsafe here, and the title says what else it changes.
    assert.match(fix.title, /^Set DEBUG = False ⚠ .*runserver/);
    assert.equal(fix.kind, CodeActionKind.QuickFix);
    // settings.py is not only for production, so turning DEBUG off is not a safe fix here.
    assert.notEqual(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [debug]);
    const edits = editsFor(fix.edit, session.uri(SETTINGS));
    assert.equal(edits.length, 1);

    text = applyEdits(text, edits);
    assert.equal(text.split("\n")[lineOf(text, "DEBUG = ")], "DEBUG = False");
    await session.change(SETTINGS, 2, asContentChanges(edits));
    const after = await session.waitForDiagnostics(
      SETTINGS,
      (list) => !has("security.W018")(list),
      "W018 to go after the fix",
    );
    assert.deepEqual(codes(after), expectedAfter);
  });

  it("silences a check in SILENCED_SYSTEM_CHECKS; after the edit the diagnostic is gone", async () => {
    session = await ServerSession.start(copyProject(template.dir));
    let text = await session.open(SETTINGS);
    const diagnostics = await session.waitForDiagnostics(
      SETTINGS,
      hasCodes(...STARTPROJECT_CODES),
      "the findings of startproject",
    );
    const hosts = find(diagnostics, "security.W020");
    const expectedAfter = codesWithout(diagnostics, "security.W020");

    const actions = await session.codeActions(SETTINGS, hosts.range, [hosts], [CodeActionKind.QuickFix]);
    const silence = actions.find(
      (action) => action.title === "Silence security.W020 in SILENCED_SYSTEM_CHECKS",
    );
    assert.ok(silence, `titles: ${actions.map((action) => action.title).join(" | ")}`);
    assert.notEqual(silence.isPreferred, true);
    const edits = editsFor(silence.edit, session.uri(SETTINGS));
    text = applyEdits(text, edits);
    assert.match(text, /^SILENCED_SYSTEM_CHECKS = \["security\.W020"\]$/m);

    await session.change(SETTINGS, 2, asContentChanges(edits));
    const after = await session.waitForDiagnostics(
      SETTINGS,
      (list) => !has("security.W020")(list),
      "W020 to go once silenced",
    );
    assert.deepEqual(codes(after), expectedAfter);

    // A second ID is added to the same list, not a second assignment.
    const debug = find(after, "security.W018");
    const second = (await session.codeActions(SETTINGS, debug.range, [debug])).find((action) =>
      action.title.startsWith("Silence security.W018"),
    );
    assert.ok(second);
    text = applyEdits(text, editsFor(second.edit, session.uri(SETTINGS)));
    assert.match(text, /^SILENCED_SYSTEM_CHECKS = \["security\.W020", "security\.W018"\]$/m);
    assert.equal(text.match(/SILENCED_SYSTEM_CHECKS =/g)?.length, 1);
  });

  it("silences in the profile module, extending a list the base module defines", async () => {
    const folder = copyProject(template.dir);
    const settingsPath = `${folder}/${SETTINGS}`;
    writeFileSync(
      settingsPath,
      readFileSync(settingsPath, "utf8").replace(
        "DEBUG = True",
        'DEBUG = True\nSILENCED_SYSTEM_CHECKS = ["security.W009"]',
      ),
    );
    const production = "mysite/production.py";
    writeFileSync(`${folder}/${production}`, "from .settings import *\n");
    session = await ServerSession.start(folder, {
      settings: { profiles: [{ settings: "mysite.production" }] },
    });
    let text = await session.open(production);
    const diagnostics = await session.waitForDiagnostics(
      SETTINGS,
      has("security.W020"),
      "W020 in the closed settings.py",
    );
    assert.equal(has("security.W009")(diagnostics), false);
    const hosts = find(diagnostics, "security.W020");
    const expectedAfter = codesWithout(diagnostics, "security.W020");

    const actions = await session.codeActions(SETTINGS, hosts.range, [hosts]);
    const silence = actions.find(
      (action) => action.title === "Silence security.W020 in SILENCED_SYSTEM_CHECKS",
    );
    assert.ok(silence, `titles: ${actions.map((action) => action.title).join(" | ")}`);
    // The edit goes into the profile module, not the file the diagnostic is in.
    assert.deepEqual(Object.keys(silence.edit?.changes ?? {}), [session.uri(production)]);
    const edits = editsFor(silence.edit, session.uri(production));
    text = applyEdits(text, edits);
    assert.match(text, /^SILENCED_SYSTEM_CHECKS = \[\*SILENCED_SYSTEM_CHECKS, "security\.W020"\]$/m);
    await session.change(production, 2, asContentChanges(edits));
    const after = await session.waitForDiagnostics(
      SETTINGS,
      (list) => !has("security.W020")(list),
      "W020 to go once silenced",
    );
    assert.deepEqual(codes(after), expectedAfter);
  });

  it("answers quickfix requests without source actions, and fix-all only when asked for", async () => {
    session = await ServerSession.start(copyProject(template.dir));
    await session.open(SETTINGS);
    const diagnostics = await session.waitForDiagnostics(
      SETTINGS,
      hasCodes(...STARTPROJECT_CODES),
      "the findings of startproject",
    );
    const all = await session.codeActions(SETTINGS, WHOLE_FILE, diagnostics);
    assert.ok(all.length > 0);
    assert.ok(all.every((action) => action.kind === CodeActionKind.QuickFix));
    // The fixes startproject's settings.py gets for these checks are unsafe (a module shared with
    // development may not be rewritten in bulk); fix all must take none of them.
    const fixAll = await session.codeActions(SETTINGS, WHOLE_FILE, diagnostics, [FIX_ALL]);
    const fixAllEdits = fixAll.flatMap((action) => editsFor(action.edit, session!.uri(SETTINGS)));
    assertOnlySafe(fixAllEdits, diagnostics);
    for (const code of STARTPROJECT_CODES) {
      assert.ok(
        fixesOf(find(diagnostics, code)).every((fix) => fix.applicability !== "safe"),
        code,
      );
    }
    // A diagnostic from another tool, or with data the server does not recognise, gets nothing and breaks nothing.
    const foreign = { ...diagnostics[0]!, source: "Pylance", data: { fixes: "nonsense" } };
    const garbled = { ...diagnostics[0]!, data: { version: 99 } };
    assert.deepEqual(await session.codeActions(SETTINGS, WHOLE_FILE, [foreign]), []);
    const titles = (await session.codeActions(SETTINGS, WHOLE_FILE, [garbled])).map((action) => action.title);
    assert.deepEqual(titles, []);
  });

  it("fix all applies safe fixes only, in a module dedicated to production", async () => {
    const folder = copyProject(template.dir);
    writeFileSync(
      `${folder}/mysite/production.py`,
      "from .settings import *\n\nDEBUG = True\nALLOWED_HOSTS = []\nSECRET_KEY = 'django-insecure-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdef'\n",
    );
    session = await ServerSession.start(folder, {
      settings: { profiles: [{ settings: "mysite.production" }] },
    });
    const production = "mysite/production.py";
    let text = await session.open(production);
    const diagnostics = await session.waitForDiagnostics(
      production,
      (list) => has("security.W018")(list) && has("security.W020")(list) && has("security.W009")(list),
      "W018, W020 and W009 in production.py",
    );

    // Quick fixes: the safe one is preferred, the unsafe ones are not.
    const debug = find(diagnostics, "security.W018");
    const debugFix = (await session.codeActions(production, debug.range, [debug])).find(
      (action) => action.title === "Set DEBUG = False",
    );
    assert.equal(debugFix?.isPreferred, true);
    const hosts = find(diagnostics, "security.W020");
    const hostsFixes = (await session.codeActions(production, hosts.range, [hosts])).filter(
      (action) => !action.title.startsWith("Silence"),
    );
    assert.ok(hostsFixes.length > 0);
    assert.ok(hostsFixes.every((action) => action.isPreferred !== true));

    const [fixAll, ...more] = await session.codeActions(production, WHOLE_FILE, diagnostics, [FIX_ALL]);
    assert.equal(more.length, 0);
    assert.ok(fixAll);
    assert.equal(fixAll.kind, FIX_ALL);
    assert.deepEqual(Object.keys(fixAll.edit?.changes ?? {}), [session.uri(production)]);
    const edits = editsFor(fixAll.edit, session.uri(production));
    // The safe DEBUG fix is in; the unsafe ALLOWED_HOSTS and SECRET_KEY fixes, which need the user, are not.
    assertOnlySafe(edits, diagnostics);
    assert.ok(
      edits.some((edit) => edit.newText === "False" && edit.range.start.line === debug.range.start.line),
    );
    for (const code of ["security.W020", "security.W009"]) {
      assert.ok(fixesOf(find(diagnostics, code)).length > 0, `${code} has fixes`);
      assert.ok(
        fixesOf(find(diagnostics, code)).every((fix) => fix.applicability !== "safe"),
        `${code} fixes are unsafe`,
      );
    }
    text = applyEdits(text, edits);
    assert.match(text, /^DEBUG = False$/m);
    await session.change(production, 2, asContentChanges(edits));
    const after = await session.waitForDiagnostics(
      production,
      (list) => !has("security.W018")(list),
      "W018 to go after fix all",
    );
    assert.ok(has("security.W020")(after));
    // Nothing safe is left.
    const again = await session.codeActions(production, WHOLE_FILE, after, ["source.fixAll"]);
    assertOnlySafe(
      again.flatMap((action) => editsFor(action.edit, session!.uri(production))),
      after,
    );
    assert.ok(
      !again.some((action) =>
        editsFor(action.edit, session!.uri(production)).some((edit) => edit.newText === "False"),
      ),
    );
  });

  it("drops quick fixes computed for an older version of the document, but still offers to silence", async () => {
    session = await ServerSession.start(copyProject(template.dir));
    const text = await session.open(SETTINGS);
    const diagnostics = await session.waitForDiagnostics(
      SETTINGS,
      hasCodes(...STARTPROJECT_CODES),
      "the findings of startproject",
    );
    const debug = find(diagnostics, "security.W018");
    // Insert a comment line at the top: the W018 edit in the old diagnostic's data would now land on the wrong line.
    await session.change(SETTINGS, 2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "# edited\n" },
    ]);
    const titles = (await session.codeActions(SETTINGS, debug.range, [debug])).map((action) => action.title);
    assert.deepEqual(titles, [
      "Silence security.W018 in SILENCED_SYSTEM_CHECKS",
      "Show documentation for security.W018",
    ]);
    const moved = await session.waitForDiagnostics(
      SETTINGS,
      (list) => find(list, "security.W018")?.range.start.line === lineOf(text, "DEBUG = True") + 1,
      "W018 one line further down",
    );
    const fresh = await session.codeActions(SETTINGS, find(moved, "security.W018").range, [
      find(moved, "security.W018"),
    ]);
    assert.ok(fresh.some((action) => action.title.startsWith("Set DEBUG = False")));
  });
});
