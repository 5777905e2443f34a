// The real server over stdio shows no secret: on the fixture test/fixtures/secrets (a production
// `.env` file and settings full of secrets, each with "do-not-print" in it), nothing it sends has one:
// diagnostics with their related information and data, a hover on every name of every line, code
// action titles and edits, the language status, the settings view, and its log and standard error.
import assert from "node:assert/strict";
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { HoverRequest, type Diagnostic, type MarkupContent } from "vscode-languageserver-protocol/node";
import {
  EFFECTIVE_SETTINGS_REQUEST,
  STATUS_REQUEST,
  type EffectiveSettingsResult,
  type StatusResult,
} from "../../common/src/protocol";
import { temporaryFolder } from "../temporaryFolders";
import { hasCodes, lineOf, ROOT, ServerSession } from "./harness";

/** The mark of every secret of the fixture; nothing else in it (paths included) contains it. */
const SECRET_MARK = /do-not-print/;

function assertNoSecret(value: unknown, where: string): void {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const at = text.search(SECRET_MARK);
  assert.equal(at, -1, `${where} shows a secret: …${text.slice(Math.max(0, at - 80), at + 40)}…`);
}

describe("secrets in the editor", () => {
  const folders: string[] = [];
  after(async () => {
    await ServerSession.disposeAll();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it("no diagnostic, hover, code action, status, settings view or log line shows one", async () => {
    const folder = temporaryFolder("secrets");
    folders.push(folder);
    cpSync(join(ROOT, "test", "fixtures", "secrets"), folder, { recursive: true });
    const session = await ServerSession.start(folder, {
      settings: {
        profiles: [{ settings: "mysite.settings", envFile: ".env.production" }],
        logLevel: "debug",
      },
    });
    const settingsText = await session.open("mysite/settings.py");
    const settingsDiagnostics = await session.waitForDiagnostics(
      "mysite/settings.py",
      hasCodes("security.W025", "deploy.W005"),
      "the findings of the settings module",
    );
    const environmentDiagnostics = await session.waitForDiagnostics(
      ".env.production",
      hasCodes("security.W009", "security.W012"),
      "the weak key's finding on the .env file",
    );

    // Diagnostics: messages, related information, data (the fixes' edits).
    assertNoSecret(settingsDiagnostics, "the diagnostics of settings.py");
    assertNoSecret(environmentDiagnostics, "the diagnostics of .env.production");
    const weakKey = environmentDiagnostics.find((diagnostic) => diagnostic.code === "security.W009")!;
    assert.match(String(weakKey.message), /starts with 'django-insecure-'/);

    // Hover on every name of every line of both files.
    const hovers: string[] = [];
    const files: [string, string][] = [
      ["mysite/settings.py", settingsText],
      [".env.production", await session.open(".env.production")],
    ];
    for (const [file, text] of files) {
      const lines = text.split("\n");
      for (let line = 0; line < lines.length; line++) {
        for (const match of lines[line]!.matchAll(/\w+/g)) {
          const hover = await session.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri: session.uri(file) },
            position: { line, character: match.index },
          });
          if (!hover) continue;
          const markdown = (hover.contents as MarkupContent).value;
          assertNoSecret(markdown, `the hover on ${match[0]} (${file}:${line + 1})`);
          hovers.push(markdown);
        }
      }
    }
    const hoverOn = (name: string) =>
      hovers.find((markdown) => markdown.includes(`**${name}** in production`)) ?? "";
    // Secrets: where they come from, not what they are.
    assert.match(hoverOn("SECRET_KEY"), /`DJANGO_SECRET_KEY` \(set in \S*\.env\.production, value hidden\)/);
    assert.match(hoverOn("EMAIL_HOST_PASSWORD"), /`<hidden>`/);
    assert.match(hoverOn("CACHES"), /\{'default': \{'OPTIONS': \{'PASSWORD': <hidden>\}/);
    assert.match(hoverOn("CELERY_BROKER_URL"), /amqp:\/\/guest:\*\*\*\*@rabbit:5672\/\//);
    // Harmless values read from the .env file are shown.
    assert.match(hoverOn("DEBUG"), /`DJANGO_DEBUG` \(set to `False`/);
    assert.match(hoverOn("ALLOWED_HOSTS"), /set to `example\.com,www\.example\.com`/);
    assert.match(hoverOn("CELERY_RESULT_BACKEND"), /set to `redis:\/\/:\*\*\*\*@redis\.internal:6379\/0`/);
    assert.match(hoverOn("DATABASES"), /\{'replica': \{'PASSWORD': <hidden>, 'ENGINE'/);

    // Code actions on every diagnostic: titles and edits.
    const all: [string, Diagnostic[]][] = [
      ["mysite/settings.py", settingsDiagnostics],
      [".env.production", environmentDiagnostics],
    ];
    let titles = 0;
    for (const [file, diagnostics] of all) {
      for (const diagnostic of diagnostics) {
        const actions = await session.codeActions(file, diagnostic.range, [diagnostic]);
        for (const action of actions) assertNoSecret(action, `the code action "${action.title}"`);
        titles += actions.length;
      }
    }
    assert.ok(titles > 0, "the findings have code actions");

    // The language status (coverage) and the settings view.
    const status = await session.connection.sendRequest<StatusResult>(STATUS_REQUEST, {
      uri: session.uri("mysite/settings.py"),
    });
    assertNoSecret(status, "the language status");
    const hsts = status.coverage?.[0]?.unknownSettings.find(
      (setting) => setting.name === "SECURE_HSTS_SECONDS",
    );
    assert.match(hsts?.reason ?? "", /'<hidden>' is not an integer/);
    const view = await session.connection.sendRequest<EffectiveSettingsResult>(
      EFFECTIVE_SETTINGS_REQUEST,
      {},
    );
    assertNoSecret(view, "the settings view");
    const debug = view.profiles[0]?.settings.find((setting) => setting.name === "DEBUG");
    assert.equal(debug?.value, "env DJANGO_DEBUG (set to 'False')");

    // The log (at debug level) and the standard error: the malformed lines by their place only.
    await session.waitForLog(
      (log) => /\.env\.production:13: the line has no "="/.test(log.message),
      "the malformed line in the log",
    );
    assertNoSecret(session.logs, "the log");
    assertNoSecret(session.errorOutput, "the standard error");
    assert.ok(lineOf(settingsText, "SECRET_KEY =") >= 0);
  });
});
