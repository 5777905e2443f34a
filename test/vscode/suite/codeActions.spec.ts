// Quick fixes and fix all, through VS Code's own code action machinery.
import * as assert from "node:assert/strict";
import { suite, suiteSetup, teardown, test } from "mocha";
import * as vscode from "vscode";
import {
  BASE,
  PRODUCTION,
  activateExtension,
  findDiagnostic,
  fixtureText,
  open,
  readWorkspaceFile,
  restore,
  setSetting,
  waitFor,
  waitForCodes,
  waitForNoCode,
} from "./helpers";

const FIX_ALL = "source.fixAll.djangoDeploy";

async function codeActions(
  uri: vscode.Uri,
  range: vscode.Range,
  kind?: string,
): Promise<vscode.CodeAction[]> {
  return (
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      uri,
      range,
      kind,
    )) ?? []
  ).filter((action) => action.title !== undefined);
}

/** The edits an action makes, as "path:line:character-line:character → text", sorted. */
function editsOf(action: vscode.CodeAction): string[] {
  return (action.edit?.entries() ?? [])
    .flatMap(([uri, edits]) =>
      edits.map(
        (edit) =>
          `${vscode.workspace.asRelativePath(uri)}:${edit.range.start.line}:${edit.range.start.character}-${edit.range.end.line}:${edit.range.end.character} → ${edit.newText}`,
      ),
    )
    .sort();
}

suite("code actions", () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await setSetting("editor.codeActionsOnSave", undefined).catch(() => undefined);
    await restore(PRODUCTION);
    await restore(BASE);
    await waitForCodes(PRODUCTION, ["security.W018"]);
  });

  test("the quick fix Set DEBUG = False applies and security.W018 goes away", async () => {
    const editor = await open(PRODUCTION);
    await waitForCodes(PRODUCTION, ["security.W018", "deploy.W003"]);
    // Opening the file makes the server analyse it again and publish anew: asked while VS Code swaps
    // the diagnostics, the menu can be empty for a moment, so the menu is asked for until it is there.
    let actions: vscode.CodeAction[] = [];
    const fix = await waitFor("the quick fix Set DEBUG = False", async () => {
      const debug = findDiagnostic(PRODUCTION, "security.W018");
      actions = await codeActions(editor.document.uri, debug.range, vscode.CodeActionKind.QuickFix.value);
      return actions.find((action) => action.title === "Set DEBUG = False");
    }).catch(() => undefined);
    assert.ok(fix, `titles: ${actions.map((action) => action.title).join(" | ")}`);
    // production.py is read by production only, so this fix is safe and preferred.
    assert.equal(fix.isPreferred, true);
    assert.ok(actions.some((action) => action.title === "Silence security.W018 in SILENCED_SYSTEM_CHECKS"));
    assert.ok(fix.edit, "the fix carries its edit");
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.match(editor.document.getText(), /^DEBUG = False$/m);
    await waitForNoCode(PRODUCTION, "security.W018");
    // The other finding stays.
    await waitForCodes(PRODUCTION, ["deploy.W003"]);
  });

  test("fix all (source.fixAll.djangoDeploy) takes the safe fixes only", async () => {
    const editor = await open(PRODUCTION);
    const diagnostics = await waitForCodes(PRODUCTION, ["security.W018", "deploy.W003"]);
    await waitForCodes(BASE, ["deploy.W001", "security.W020"]);
    const uri = editor.document.uri;
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);

    const fixAll = (await codeActions(uri, whole, FIX_ALL)).filter(
      (action) => action.kind?.value === FIX_ALL,
    );
    assert.equal(fixAll.length, 1, `fix all actions: ${fixAll.map((action) => action.title).join(" | ")}`);
    const edits = editsOf(fixAll[0]!);
    // Every edit of fix all is an edit of a preferred (safe) quick fix of a diagnostic in this file.
    const preferred = new Set<string>();
    const unsafe = new Set<string>();
    for (const diagnostic of diagnostics) {
      for (const action of await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) {
        if (action.title.startsWith("Silence")) continue;
        for (const edit of editsOf(action)) (action.isPreferred ? preferred : unsafe).add(edit);
      }
    }
    assert.ok(edits.length > 0);
    for (const edit of edits) assert.ok(preferred.has(edit), `fix all edit ${edit} is a safe fix`);
    for (const edit of unsafe) assert.ok(!edits.includes(edit), `fix all leaves the unsafe ${edit}`);
    assert.ok(
      edits.some((edit) => edit.startsWith(`${PRODUCTION}:5:`) && edit.endsWith("→ False")),
      edits.join("\n"),
    );
    assert.ok(
      edits.every((edit) => edit.startsWith(`${PRODUCTION}:`)),
      "fix all stays in the file",
    );

    // As a user would run it: on save, through editor.codeActionsOnSave.
    await setSetting("editor.codeActionsOnSave", { [FIX_ALL]: "explicit" });
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(editor.document.lineCount, 0), "\n");
    await vscode.workspace.applyEdit(edit);
    await editor.document.save();
    await waitFor("DEBUG = False on disk after saving", () =>
      /^DEBUG = False$/m.test(readWorkspaceFile(PRODUCTION) ?? ""),
    );
    await waitForNoCode(PRODUCTION, "security.W018");
    // The unsafe fixes were not applied: base.py is untouched and keeps its findings.
    assert.equal(readWorkspaceFile(BASE), fixtureText(BASE));
    await waitForCodes(BASE, ["deploy.W001", "security.W020"]);
    assert.match(readWorkspaceFile(PRODUCTION) ?? "", /^SESSION_COOKIE_SECURE = /m);
  });
});
