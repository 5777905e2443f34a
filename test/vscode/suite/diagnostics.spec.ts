// The language server's findings for the fixture's production settings, where they are decided, and
// none for the development settings module.
import * as assert from "node:assert/strict";
import { suite, suiteSetup, test } from "mocha";
import * as vscode from "vscode";
import {
  BASE,
  DEV,
  PRODUCTION,
  activateExtension,
  codesOf,
  diagnosticsOf,
  findDiagnostic,
  lineStartingWith,
  markdownOf,
  open,
  uriOf,
  waitFor,
  waitForCodes,
} from "./helpers";

suite("diagnostics", () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test("production.py gets DEBUG on (security.W018) and a string read as a boolean (deploy.W003)", async () => {
    const editor = await open(PRODUCTION);
    await waitForCodes(PRODUCTION, ["security.W018", "deploy.W003"]);
    const debug = findDiagnostic(PRODUCTION, "security.W018");
    assert.equal(debug.range.start.line, lineStartingWith(editor.document, "DEBUG = True"));
    assert.equal(debug.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(debug.message, /DEBUG is on in production/);
    // The check ID links to its documentation page.
    assert.equal(typeof debug.code, "object");
    const target = (debug.code as { target: vscode.Uri }).target;
    assert.match(target.toString(), /security\.W018/);
    const cookie = findDiagnostic(PRODUCTION, "deploy.W003");
    assert.equal(cookie.range.start.line, lineStartingWith(editor.document, "SESSION_COOKIE_SECURE ="));
  });

  test("base.py, never opened, gets the findings it decides for production", async () => {
    await waitForCodes(BASE, ["deploy.W001", "security.W020"]);
    const document = await vscode.workspace.openTextDocument(uriOf(BASE));
    assert.equal(
      findDiagnostic(BASE, "security.W020").range.start.line,
      lineStartingWith(document, "ALLOWED_HOSTS = []"),
    );
    assert.equal(
      findDiagnostic(BASE, "deploy.W001").range.start.line,
      lineStartingWith(document, "SECRET_KEY = "),
    );
    // DEBUG = False in base.py is overridden by production.py: nothing about DEBUG here.
    assert.ok(!codesOf(BASE).includes("security.W018"), `base.py: ${codesOf(BASE).join(", ")}`);
  });

  test("the development module (dev.py, named by manage.py) gets nothing", async () => {
    await waitForCodes(PRODUCTION, ["security.W018"]);
    await open(DEV);
    // The analysis that follows opening dev.py publishes again; production keeps its findings.
    await waitForCodes(PRODUCTION, ["security.W018"]);
    assert.deepEqual(diagnosticsOf(DEV), [], `dev.py: ${codesOf(DEV).join(", ")}`);
    assert.deepEqual(diagnosticsOf("manage.py"), []);
  });

  test("hover on a setting shows its effective value in production and where it comes from", async () => {
    const editor = await open(PRODUCTION);
    await waitForCodes(PRODUCTION, ["security.W018"]);
    const line = lineStartingWith(editor.document, "DEBUG = True");
    const markdown = await waitFor("a hover on DEBUG", async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        "vscode.executeHoverProvider",
        editor.document.uri,
        new vscode.Position(line, 2),
      );
      const text = markdownOf(hovers ?? []);
      return text.includes("DEBUG") ? text : undefined;
    });
    assert.match(markdown, /\*\*DEBUG\*\* in production/);
    assert.match(markdown, /`shop\.settings\.production`: `True` — shop\/settings\/production\.py:6/);
    assert.match(markdown, /Django \d+\.\d+ default: `False`/);

    const baseDocument = await vscode.workspace.openTextDocument(uriOf(BASE));
    const hostsLine = lineStartingWith(baseDocument, "ALLOWED_HOSTS");
    const hosts = markdownOf(
      await vscode.commands.executeCommand<vscode.Hover[]>(
        "vscode.executeHoverProvider",
        baseDocument.uri,
        new vscode.Position(hostsLine, 3),
      ),
    );
    assert.match(hosts, /\*\*ALLOWED_HOSTS\*\* in production/);
    assert.match(hosts, /`\[\]`/);
  });
});
