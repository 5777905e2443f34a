// What a Django developer meets in the editor (issue 14), over the real server: fixes that land in
// another file say so and reveal it, fixes on an inherited value fix every profile, unsafe fixes say
// what else they change, fix all says why it does nothing and offers the unsafe fixes behind a
// preview, messages are short with the why apart, hover explains, the status and the settings view.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import {
  FileChangeType,
  HoverRequest,
  type CodeAction,
  type Diagnostic,
  type MarkupContent,
} from "vscode-languageserver-protocol/node";
import {
  EFFECTIVE_SETTINGS_REQUEST,
  FIX_ALL_KIND,
  FIX_ALL_UNSAFE_KIND,
  REVEAL_COMMAND,
  SHOW_DOCUMENTATION_COMMAND,
  STATUS_REQUEST,
  type EffectiveSettingsResult,
  type RevealArguments,
  type StatusResult,
} from "../../common/src/protocol";
import {
  applyEdits,
  copyProject,
  editsFor,
  hasCodes,
  lineOf,
  messageOf,
  ServerSession,
  temporaryFolder,
  urisOf,
  useStartProject,
} from "./harness";

const BASE = "shop/settings/base.py";
const PRODUCTION = "shop/settings/production.py";
const STAGING = "shop/settings/staging.py";
const WHOLE_FILE = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

/** A fresh startproject split into base / production / staging / local, as the project. */
function splitProject(): string {
  const folder = temporaryFolder("lsp-split");
  const files: Record<string, string> = {
    "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.local")\n',
    "shop/__init__.py": "",
    "shop/wsgi.py":
      'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.production")\n',
    "shop/settings/__init__.py": "",
    [BASE]: [
      "import os",
      "",
      'SECRET_KEY = "django-insecure-0123456789abcdefghijklmnopqrstuvwxyz0123456789"',
      "DEBUG = False",
      "ALLOWED_HOSTS = []",
      'INSTALLED_APPS = ["django.contrib.sessions"]',
      "",
    ].join("\n"),
    [PRODUCTION]: 'from .base import *  # noqa\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n',
    [STAGING]: 'from .base import *  # noqa\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n',
    "shop/settings/local.py": "from .base import *  # noqa\n\nDEBUG = True\n",
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

const profiles = {
  profiles: [{ settings: "shop.settings.production" }, { settings: "shop.settings.staging" }],
};
const find = (diagnostics: Diagnostic[], code: string) =>
  diagnostics.find((diagnostic) => diagnostic.code === code);

function revealOf(action: CodeAction): RevealArguments | undefined {
  return action.command?.command === REVEAL_COMMAND
    ? (action.command.arguments?.[0] as RevealArguments)
    : undefined;
}

/** The text a range covers. */
function textAt(text: string, range: RevealArguments["range"]): string {
  const lines = text.split("\n");
  if (range.start.line === range.end.line)
    return lines[range.start.line]!.slice(range.start.character, range.end.character);
  return [
    lines[range.start.line]!.slice(range.start.character),
    ...lines.slice(range.start.line + 1, range.end.line),
    lines[range.end.line]!.slice(0, range.end.character),
  ].join("\n");
}

describe("the editor experience (issue 14)", () => {
  const template = useStartProject();

  it("a fix on base.py that edits the profiles names them, reveals the placeholder, and clears base.py", async () => {
    const folder = splitProject();
    const session = await ServerSession.start(folder, { settings: profiles, workspaceEdit: true });
    await session.open(BASE);
    const diagnostics = await session.waitForDiagnostics(BASE, hasCodes("security.W020"), "W020 in base.py");
    // One finding for both profiles (merged by the engine), not one per profile.
    assert.equal(diagnostics.filter((diagnostic) => diagnostic.code === "security.W020").length, 1);
    const hosts = find(diagnostics, "security.W020")!;
    const actions = await session.codeActions(BASE, hosts.range, [hosts]);
    const titles = actions.map((action) => action.title).join(" | ");
    const placeholder = actions.find((action) => action.title.startsWith("Set ALLOWED_HOSTS"));
    assert.ok(placeholder, titles);
    // The title names the files it edits (relative to the folder), the line, and the consequence.
    assert.match(
      placeholder.title,
      /in shop\/settings\/production\.py, shop\/settings\/staging\.py at line 5/,
    );
    assert.match(placeholder.title, /⚠ type the real host names/);
    assert.deepEqual(urisOf(placeholder.edit).sort(), [session.uri(PRODUCTION), session.uri(STAGING)]);
    // Never a plausible real host name.
    assert.doesNotMatch(JSON.stringify(placeholder.edit), /example\.com/);
    // Snippet edits leave the placeholder as the tab stop; after the edit the client selects it.
    assert.match(JSON.stringify(placeholder.edit), /\$\{1:<your host name>\}/);
    const reveal = revealOf(placeholder);
    assert.ok(reveal, "the fix reveals its change");
    const production = applyEdits(
      readFileSync(session.path(PRODUCTION), "utf8"),
      editsFor(placeholder.edit, session.uri(PRODUCTION)),
    );
    assert.equal(reveal.uri, session.uri(PRODUCTION));
    assert.equal(textAt(production, reveal.range), "<your host name>");

    // Reading the hosts from the environment is offered too, and it fixes both profiles.
    const fromEnvironment = actions.find((action) => action.title.startsWith("Read ALLOWED_HOSTS"));
    assert.ok(fromEnvironment, titles);
    for (const file of [PRODUCTION, STAGING]) {
      const text = readFileSync(session.path(file), "utf8");
      writeFileSync(session.path(file), applyEdits(text, editsFor(fromEnvironment.edit, session.uri(file))));
      await session.changedOnDisk(file, FileChangeType.Changed);
    }
    await session.waitForDiagnostics(
      BASE,
      (list) => !list.some((diagnostic) => diagnostic.code === "security.W020"),
      "no W020 left in base.py once both profiles read the hosts",
    );
    // No documentation action is lost on the way.
    assert.ok(
      actions.some(
        (action) =>
          action.title === "Show documentation for security.W020" &&
          action.command?.command === SHOW_DOCUMENTATION_COMMAND,
      ),
    );
  });

  it("messages are short sentences without paths; the explanation comes first in related information", async () => {
    const folder = splitProject();
    const session = await ServerSession.start(folder, { settings: profiles });
    await session.open(BASE);
    const diagnostics = await session.waitForDiagnostics(BASE, hasCodes("security.W020"), "W020");
    for (const diagnostic of diagnostics) {
      const message = messageOf(diagnostic);
      assert.ok(message.length <= 100, `${message.length} characters: ${message}`);
      assert.ok(!message.includes(folder), `an absolute path in: ${message}`);
      for (const related of diagnostic.relatedInformation ?? [])
        assert.ok(!related.message.includes(folder), `an absolute path in: ${related.message}`);
      assert.match(diagnostic.codeDescription?.href ?? "", new RegExp(`${diagnostic.code}\\.md$`));
    }
    const hosts = find(diagnostics, "security.W020")!;
    const [first] = hosts.relatedInformation ?? [];
    assert.match(first!.message, /400 Bad Request/);
    assert.deepEqual(first!.location, { uri: session.uri(BASE), range: hosts.range });
    // Two production profiles: each is named and linked.
    assert.ok(
      hosts.relatedInformation?.some(
        (item) =>
          item.message === "Holds for the production profile shop.settings.staging." &&
          item.location.uri === session.uri(STAGING),
      ),
    );
  });

  it("a lone settings.py: unsafe fixes say what they break, fix all says why it does nothing and offers a preview", async () => {
    // startproject's settings.py, reduced to what matters here, so that no other check's safe fix
    // (STATIC_ROOT, …) makes fix all do something.
    const folder = temporaryFolder("lsp-lone");
    mkdirSync(join(folder, "mysite"));
    writeFileSync(
      join(folder, "manage.py"),
      'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
    );
    writeFileSync(join(folder, "mysite", "__init__.py"), "");
    writeFileSync(
      join(folder, "mysite", "settings.py"),
      '"""Django settings for mysite."""\nfrom pathlib import Path\n\nSECRET_KEY = "django-insecure-k3y"\nDEBUG = True\nALLOWED_HOSTS = []\n',
    );
    const session = await ServerSession.start(folder, { workspaceEdit: true });
    const settings = "mysite/settings.py";
    const text = await session.open(settings);
    const diagnostics = await session.waitForDiagnostics(
      settings,
      hasCodes("security.W018", "security.W009", "security.W020"),
      "the findings of the lone settings.py",
    );
    const debug = find(diagnostics, "security.W018")!;
    const actions = await session.codeActions(settings, debug.range, [debug]);
    const titles = actions.map((action) => action.title);
    // The fix people need in a one-module project: DEBUG from a variable only development sets.
    const forDevelopment = actions.find((action) => action.title.startsWith("Read DEBUG from DJANGO_DEBUG"));
    assert.ok(forDevelopment, titles.join(" | "));
    const after = applyEdits(text, editsFor(forDevelopment.edit, session.uri(settings)));
    assert.match(after, /^DEBUG = os\.environ\.get\("DJANGO_DEBUG", ""\) == "True"$/m);
    // .env.example does not exist: it is created, and the title named it.
    assert.match(JSON.stringify(forDevelopment.edit), /"kind":"create"/);
    assert.deepEqual(
      editsFor(forDevelopment.edit, session.uri(".env.example")).map((edit) => edit.newText),
      ["# Development only: production leaves it unset, so DEBUG is off there.\nDJANGO_DEBUG=True\n"],
    );
    const setFalse = titles.find((title) => title.startsWith("Set DEBUG = False"));
    assert.match(setFalse ?? "", /⚠ .*runserver/);
    const secret = find(diagnostics, "security.W009")!;
    const secretTitles = (await session.codeActions(settings, secret.range, [secret])).map((a) => a.title);
    assert.ok(
      secretTitles.some((title) =>
        /^Read SECRET_KEY .*⚠ manage\.py fails until DJANGO_SECRET_KEY is set/.test(title),
      ),
      secretTitles.join(" | "),
    );

    // Fix all: nothing is safe in a module development runs too, and the action says why.
    const fixAll = await session.codeActions(settings, WHOLE_FILE, diagnostics, ["source"]);
    const safe = fixAll.find((action) => action.kind === FIX_ALL_KIND);
    assert.ok(safe?.disabled, `fix all: ${JSON.stringify(safe)}`);
    assert.match(safe.disabled.reason, /No safe fix here/);
    const unsafe = fixAll.find((action) => action.kind === FIX_ALL_UNSAFE_KIND);
    assert.ok(unsafe?.edit?.changeAnnotations, "fix all with unsafe fixes carries change annotations");
    const annotations = Object.values(unsafe.edit.changeAnnotations);
    assert.ok(annotations.length >= 3, JSON.stringify(annotations));
    assert.ok(annotations.every((annotation) => annotation.needsConfirmation === true));
    assert.ok(annotations.some((annotation) => annotation.label.startsWith("Read DEBUG from DJANGO_DEBUG")));
    // On save (source.fixAll only), the unsafe action is never among the answers.
    const onSave = await session.codeActions(settings, WHOLE_FILE, diagnostics, ["source.fixAll"]);
    assert.ok(onSave.every((action) => action.kind !== FIX_ALL_UNSAFE_KIND));
  });

  it("fix all applies to a production module the user picked, whatever its name", async () => {
    const folder = copyProject(template.dir);
    writeFileSync(`${folder}/mysite/server.py`, "from .settings import *  # noqa\n\nDEBUG = True\n");
    const session = await ServerSession.start(folder, {
      settings: { profiles: [{ settings: "mysite.server" }] },
    });
    const text = await session.open("mysite/server.py");
    const diagnostics = await session.waitForDiagnostics(
      "mysite/server.py",
      hasCodes("security.W018"),
      "W018 in server.py",
    );
    const [fixAll] = await session.codeActions("mysite/server.py", WHOLE_FILE, diagnostics, [FIX_ALL_KIND]);
    assert.ok(fixAll && !fixAll.disabled, JSON.stringify(fixAll));
    const after = applyEdits(text, editsFor(fixAll.edit, session.uri("mysite/server.py")));
    assert.match(after, /^DEBUG = False$/m);
  });

  it("hover explains the finding under the cursor and a check ID in SILENCED_SYSTEM_CHECKS", async () => {
    const folder = copyProject(template.dir);
    const settingsPath = `${folder}/mysite/settings.py`;
    writeFileSync(
      settingsPath,
      `${readFileSync(settingsPath, "utf8")}\nSILENCED_SYSTEM_CHECKS = ["security.W004", "admin.E408"]\n`,
    );
    const session = await ServerSession.start(folder);
    const text = await session.open("mysite/settings.py");
    const diagnostics = await session.waitForDiagnostics(
      "mysite/settings.py",
      hasCodes("security.W018"),
      "W018",
    );
    const debug = find(diagnostics, "security.W018")!;
    const hover = async (line: number, character: number) =>
      (
        (
          await session.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri: session.uri("mysite/settings.py") },
            position: { line, character },
          })
        )?.contents as MarkupContent | undefined
      )?.value ?? "";
    const onFinding = await hover(debug.range.start.line, debug.range.start.character + 1);
    assert.match(onFinding, /\*\*security\.W018\*\*: DEBUG is on in production\./);
    assert.match(onFinding, /Error pages show source code/);
    assert.match(onFinding, /\[Documentation for security\.W018\]\(.*security\.W018\.md\)/);
    assert.ok(!onFinding.includes(folder));

    const line = lineOf(text, "SILENCED_SYSTEM_CHECKS");
    const column = text.split("\n")[line]!.indexOf("security.W004") + 3;
    const onId = await hover(line, column);
    assert.match(onId, /\*\*security\.W004\*\*: SECURE_HSTS_SECONDS is not set/);
    assert.match(onId, /security\.W004\.md/);
    const other = await hover(line, text.split("\n")[line]!.indexOf("admin.E408") + 2);
    assert.match(other, /Django system check that Django Deploy does not run/);
  });

  it("the status names the profiles and the Django version with its source; the settings view lists values", async () => {
    const folder = splitProject();
    writeFileSync(join(folder, "requirements.txt"), "Django==4.2.11\n");
    const session = await ServerSession.start(folder, { settings: profiles });
    await session.open(PRODUCTION);
    await session.waitForDiagnostics(BASE, hasCodes("security.W020"), "the first analysis");
    const status = await session.connection.sendRequest<StatusResult>(STATUS_REQUEST, {
      uri: session.uri(PRODUCTION),
    });
    assert.equal(status.state, "ready");
    assert.deepEqual(
      status.profiles.map((profile) => [profile.module, profile.path]),
      [
        ["shop.settings.production", "shop/settings/production.py"],
        ["shop.settings.staging", "shop/settings/staging.py"],
      ],
    );
    assert.equal(status.djangoVersion, "4.2");
    assert.match(status.djangoVersionSource ?? "", /requirements\.txt/);
    assert.ok(!status.djangoVersionSource?.includes(folder));
    assert.equal(status.inProduction, true);

    const view = await session.connection.sendRequest<EffectiveSettingsResult>(
      EFFECTIVE_SETTINGS_REQUEST,
      {},
    );
    const production = view.profiles.find((profile) => profile.module === "shop.settings.production");
    const hosts = production?.settings.find((setting) => setting.name === "ALLOWED_HOSTS");
    assert.deepEqual(hosts && { value: hosts.value, origin: hosts.origin, findings: hosts.findings }, {
      value: "[]",
      origin: "shop/settings/base.py:5",
      findings: ["security.W020"],
    });
    const key = production?.settings.find((setting) => setting.name === "SECRET_KEY");
    assert.equal(key?.value, "env DJANGO_SECRET_KEY (required)");
    assert.equal(key?.location?.uri, session.uri(PRODUCTION));
  });

  it("logs each analysis once, at debug level, without absolute paths; the profiles line once", async () => {
    const folder = splitProject();
    const session = await ServerSession.start(folder, { settings: { ...profiles, logLevel: "debug" } });
    await session.open(PRODUCTION);
    await session.waitForDiagnostics(BASE, hasCodes("security.W020"), "the first analysis");
    await session.change(PRODUCTION, 2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "# edited\n" },
    ]);
    const analyses = () => session.logs.filter((log) => log.message.startsWith("Analysed "));
    for (const deadline = Date.now() + 10_000; analyses().length < 2 && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(analyses().length >= 2, "one line for each of the two analyses");
    assert.match(
      analyses()[0]!.message,
      /^Analysed mysite in [\d.]+ ms: \d+ findings for shop\.settings\.production, shop\.settings\.staging \(Django \d\.\d\)\.$/,
    );
    assert.ok(
      analyses().every((log) => log.type === 4),
      "analysis lines are debug (log) messages",
    );
    const profileLines = session.logs.filter((log) => log.message.startsWith("Settings modules in "));
    assert.equal(profileLines.length, 1);
    for (const log of session.logs)
      assert.ok(!log.message.includes(folder), `an absolute path in the log: ${log.message}`);
  });
});
