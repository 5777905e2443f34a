// Issue 14 in a real VS Code: a fix that edits another file says so and shows it, a fix on an
// inherited value clears base.py for every profile, fix all on save works in a module the user
// picked, messages are short and path-free, and the language status says what is checked.
import * as assert from "node:assert/strict";
import { suite, suiteSetup, teardown, test } from "mocha";
import * as vscode from "vscode";
import type { DjangoDeployApi } from "../../../client/src/extension";
import {
  BASE,
  EXTENSION_ID,
  PRODUCTION,
  SOURCE,
  activateExtension,
  codeOf,
  findDiagnostic,
  open,
  readWorkspaceFile,
  remove,
  restore,
  setSetting,
  uriOf,
  waitFor,
  waitForCodes,
  waitForNoCode,
  workspaceFolder,
} from "./helpers";

const STAGING = "shop/settings/staging.py";
const SERVER = "shop/settings/server.py";
const FIX_ALL = "source.fixAll.djangoDeploy";
const ENV_FILE = ".env.production";

async function quickFixes(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return (
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    )) ?? []
  ).filter((action) => action.title !== undefined);
}

/** Applies a code action as the light bulb does: its edit, then its command. */
async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.equal(await vscode.workspace.applyEdit(action.edit), true, action.title);
  if (action.command)
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

async function writeFile(relativePath: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uriOf(relativePath), new TextEncoder().encode(text));
}

suite("the editor experience (issue 14)", () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await setSetting("djangoDeploy.profiles", undefined).catch(() => undefined);
    await setSetting("editor.codeActionsOnSave", undefined).catch(() => undefined);
    await restore(PRODUCTION);
    await restore(BASE);
    await remove(STAGING, SERVER, ".env.example", ENV_FILE);
    await waitForCodes(BASE, ["security.W020"]);
  });

  test("a fix from base.py that edits production.py (not open) names it, opens it and selects the placeholder", async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    const base = await open(BASE);
    await waitForCodes(BASE, ["security.W020"]);
    const hosts = findDiagnostic(BASE, "security.W020");
    const actions = await quickFixes(base.document.uri, hosts);
    const titles = actions.map((action) => action.title);
    const fix = actions.find((action) => action.title.startsWith("Set ALLOWED_HOSTS"));
    assert.ok(fix, titles.join(" | "));
    assert.match(fix.title, / in shop\/settings\/production\.py at line \d+/);
    assert.match(fix.title, /⚠ /, "an unsafe fix says what else it means");
    assert.ok(
      !vscode.window.visibleTextEditors.some((editor) => editor.document.uri.path.endsWith(PRODUCTION)),
      "production.py is not open before the fix",
    );
    await apply(fix);
    const editor = await waitFor("production.py to be the active editor", () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.path.endsWith(PRODUCTION) ? active : undefined;
    });
    // The value the user must supply is selected, ready to be typed over; it is no plausible host.
    assert.equal(editor.document.getText(editor.selection), "<your host name>");
    assert.doesNotMatch(editor.document.getText(), /example\.com/);
    assert.ok(titles.includes("Show documentation for security.W020"), titles.join(" | "));
  });

  test("the fix on an inherited value fixes every production profile, and base.py has no W020 left", async () => {
    await writeFile(STAGING, "from .base import *  # noqa: F401,F403\n\nDEBUG = False\n");
    await setSetting("djangoDeploy.profiles", [
      { settings: "shop.settings.production" },
      { settings: "shop.settings.staging" },
    ]);
    const base = await open(BASE);
    await waitFor("one W020 in base.py for both profiles", () => {
      const found = vscode.languages
        .getDiagnostics(base.document.uri)
        .filter((diagnostic) => diagnostic.source === SOURCE && codeOf(diagnostic) === "security.W020");
      return (
        found.length === 1 &&
        found[0]!.relatedInformation?.some((item) => /staging/.test(item.message)) &&
        found[0]
      );
    });
    const hosts = findDiagnostic(BASE, "security.W020");
    const fix = (await quickFixes(base.document.uri, hosts)).find((action) =>
      action.title.startsWith("Read ALLOWED_HOSTS"),
    );
    assert.ok(fix, "Read ALLOWED_HOSTS from the environment is offered");
    assert.match(fix.title, /production\.py/);
    assert.match(fix.title, /staging\.py/);
    await apply(fix);
    await waitForNoCode(BASE, "security.W020");
    // The documents the fix changed hold the change (VS Code saves files a refactoring opened, or
    // the user does): both profile modules read the hosts from the environment.
    for (const file of [STAGING, PRODUCTION]) {
      const document = await vscode.workspace.openTextDocument(uriOf(file));
      assert.match(document.getText(), /DJANGO_ALLOWED_HOSTS/, file);
      if (document.isDirty) await document.save();
      await waitFor(`${file} on disk`, () => /DJANGO_ALLOWED_HOSTS/.test(readWorkspaceFile(file) ?? ""));
    }
  });

  test("fix all on save changes a production module the user picked, whatever its name", async () => {
    await writeFile(SERVER, "from .base import *  # noqa: F401,F403\n\nDEBUG = True\n");
    await setSetting("djangoDeploy.profiles", [{ settings: "shop.settings.server" }]);
    const editor = await open(SERVER);
    await waitForCodes(SERVER, ["security.W018"]);
    await setSetting("editor.codeActionsOnSave", { [FIX_ALL]: "explicit" });
    const edit = new vscode.WorkspaceEdit();
    edit.insert(editor.document.uri, new vscode.Position(editor.document.lineCount, 0), "\n");
    await vscode.workspace.applyEdit(edit);
    await editor.document.save();
    await waitFor("DEBUG = False on disk after saving server.py", () =>
      /^DEBUG = False$/m.test(readWorkspaceFile(SERVER) ?? ""),
    );
    await waitForNoCode(SERVER, "security.W018");
  });

  test("every message is one short sentence without an absolute path, and so is its related information", async () => {
    await open(PRODUCTION);
    await waitForCodes(BASE, ["security.W020"]);
    const root = workspaceFolder().uri.fsPath;
    const ours = vscode.languages
      .getDiagnostics()
      .flatMap(([, diagnostics]) => diagnostics.filter((diagnostic) => diagnostic.source === SOURCE));
    assert.ok(ours.length >= 4);
    for (const diagnostic of ours) {
      assert.ok(diagnostic.message.length <= 100, `${diagnostic.message.length}: ${diagnostic.message}`);
      assert.ok(!diagnostic.message.includes(root), diagnostic.message);
      for (const related of diagnostic.relatedInformation ?? [])
        assert.ok(!related.message.includes(root), related.message);
    }
    // The explanation comes first in related information, at the diagnostic's own place.
    const hosts = findDiagnostic(BASE, "security.W020");
    assert.match(hosts.relatedInformation?.[0]?.message ?? "", /400 Bad Request/);
  });

  test("a value the profile's .env file decides is reported on that file's line, with the settings line related", async () => {
    await writeFile(
      SERVER,
      'from .base import *  # noqa: F401,F403\nimport environ\n\nenv = environ.Env()\nDEBUG = env.bool("DJANGO_DEBUG", default=False)\n',
    );
    await writeFile(ENV_FILE, "# production\nDJANGO_DEBUG=on\n");
    await setSetting("djangoDeploy.profiles", [{ settings: "shop.settings.server", envFile: ENV_FILE }]);
    await waitForCodes(ENV_FILE, ["security.W018"]);
    const debug = findDiagnostic(ENV_FILE, "security.W018");
    assert.equal(debug.range.start.line, 1);
    assert.equal(debug.range.start.character, 0);
    const related = (debug.relatedInformation ?? []).map(
      (item) => `${vscode.workspace.asRelativePath(item.location.uri)}:${item.location.range.start.line}`,
    );
    assert.ok(related.includes(`${SERVER}:4`), related.join(", "));
  });

  test("no two diagnostics of one file start at one place unless their IDs and their fixes differ", async () => {
    await open(PRODUCTION);
    await waitForCodes(BASE, ["security.W020"]);
    // Unset settings are anchored at the middleware they configure: W004 and W008 share a place.
    let sharedPlaces = 0;
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
      const ours = diagnostics.filter((diagnostic) => diagnostic.source === SOURCE);
      const byStart = new Map<string, vscode.Diagnostic[]>();
      for (const diagnostic of ours) {
        const key = `${diagnostic.range.start.line}:${diagnostic.range.start.character}`;
        byStart.set(key, [...(byStart.get(key) ?? []), diagnostic]);
      }
      for (const [start, together] of byStart) {
        if (together.length < 2) continue;
        sharedPlaces++;
        const where = `${vscode.workspace.asRelativePath(uri)}:${start}`;
        const codes = together.map(codeOf);
        assert.equal(new Set(codes).size, codes.length, `${where}: ${codes.join(", ")}`);
        // The same fix is never offered twice in the menu of that place.
        const titles = (await quickFixes(uri, together[0]!))
          .filter((action) => !/^Silence |^Show documentation/.test(action.title))
          .map((action) => action.title);
        assert.equal(new Set(titles).size, titles.length, `${where}: ${titles.join(" | ")}`);
      }
    }
    assert.ok(sharedPlaces > 0, "the fixture has places with several findings");
  });

  test("the language status names the production settings and the Django version with its source", async () => {
    await open(PRODUCTION);
    const api = vscode.extensions.getExtension<DjangoDeployApi>(EXTENSION_ID)!.exports;
    const status = await waitFor("the language status after the first analysis", () => {
      const snapshot = api.languageStatus();
      return !snapshot.busy && snapshot.profile.startsWith("Production") ? snapshot : undefined;
    });
    assert.equal(status.profile, "Production: shop.settings.production");
    assert.equal(status.version, "Django 5.2");
    assert.equal(status.versionDetail, "assumed: no version in the project's requirements");
    assert.ok(!(status.profileDetail ?? "").includes(workspaceFolder().uri.fsPath));
  });

  test("the unsafe fixes of base.py are offered together behind the refactor preview", async () => {
    const base = await open(BASE);
    await waitForCodes(BASE, ["security.W020", "deploy.W001"]);
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>(
        "vscode.executeCodeActionProvider",
        base.document.uri,
        new vscode.Range(0, 0, base.document.lineCount, 0),
        "source",
      )) ?? [];
    const unsafe = actions.find((action) => action.kind?.value === "source.djangoDeploy.fixAllUnsafe");
    assert.ok(unsafe, actions.map((action) => `${action.kind?.value}: ${action.title}`).join(" | "));
    assert.match(unsafe.title, /including unsafe fixes \(preview\)/);
    const edited = unsafe.edit?.entries().map(([uri]) => vscode.workspace.asRelativePath(uri)) ?? [];
    // Every fix is in it, in whichever file it edits (the profile module overrides base.py's values).
    assert.ok(edited.includes(PRODUCTION), edited.join(", "));
  });
});
