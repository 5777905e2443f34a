// The real server over stdio on a real `startproject` project: diagnostics where Django decides the
// value, updated on every kind of change (typing, the disk, settings).
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, it } from "node:test";
import { DiagnosticSeverity, FileChangeType, type Diagnostic } from "vscode-languageserver-protocol/node";
import {
  codes,
  codesWithout,
  copyProject,
  hasCodes,
  lineOf,
  messageOf,
  ServerSession,
  STARTPROJECT_CODES,
  useStartProject,
} from "./harness";

const SETTINGS = "mysite/settings.py";
const has = (code: string) => (diagnostics: Diagnostic[]) =>
  diagnostics.some((diagnostic) => diagnostic.code === code);
const find = (diagnostics: Diagnostic[], code: string) =>
  diagnostics.find((diagnostic) => diagnostic.code === code);

describe("diagnostics", () => {
  const template = useStartProject();
  let session: ServerSession | undefined;

  it("publishes Django's and our findings at the lines that decide them when settings.py is opened", async () => {
    session = await ServerSession.start(copyProject(template.dir));
    const text = await session.open(SETTINGS);
    const diagnostics = await session.waitForDiagnostics(
      SETTINGS,
      hasCodes(...STARTPROJECT_CODES),
      "the findings of startproject",
    );

    const expectedLines: Record<string, number> = {
      "security.W018": lineOf(text, "DEBUG = True"),
      "security.W009": lineOf(text, "SECRET_KEY = "),
      "security.W020": lineOf(text, "ALLOWED_HOSTS = "),
    };
    for (const code of STARTPROJECT_CODES) {
      const diagnostic = find(diagnostics, code)!;
      assert.equal(diagnostic.range.start.line, expectedLines[code], `${code} line`);
      assert.equal(diagnostic.source, "Django Deploy");
      assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
      assert.equal(
        diagnostic.codeDescription?.href,
        `https://github.com/django-deploy/django-deploy/blob/main/docs/checks/${code}.md`,
      );
      assert.ok(diagnostic.data, `${code} carries its fixes in data`);
    }
    // One production profile: no message names it.
    for (const diagnostic of diagnostics) assert.doesNotMatch(messageOf(diagnostic), /\[profile /);
    const debug = find(diagnostics, "security.W018")!;
    const line = text.split("\n")[debug.range.start.line]!;
    assert.equal(line.slice(debug.range.start.character, debug.range.end.character), "True");
  });

  it("keeps diagnostics for the intact parts of a half-typed file, changes applied in order within one notification", async () => {
    session = await ServerSession.start(copyProject(template.dir));
    const text = await session.open(SETTINGS);
    const initial = await session.waitForDiagnostics(
      SETTINGS,
      hasCodes(...STARTPROJECT_CODES),
      "the findings before typing",
    );
    const debugLine = lineOf(text, "DEBUG = True");
    // Two changes in one notification: the second is in the coordinates of the text the first produced.
    await session.change(SETTINGS, 2, [
      {
        range: { start: { line: debugLine, character: 8 }, end: { line: debugLine, character: 12 } },
        text: "Tr",
      },
      {
        range: { start: { line: debugLine, character: 10 }, end: { line: debugLine, character: 10 } },
        text: "\nX = (",
      },
    ]);
    const diagnostics = await session.waitForDiagnostics(
      SETTINGS,
      (list) => !has("security.W018")(list),
      "W018 to go once DEBUG = Tr",
    );
    // SECRET_KEY comes before the damage and is still analysed.
    assert.ok(has("security.W009")(diagnostics), codes(diagnostics).join(", "));
    const secretLine = lineOf(text, "SECRET_KEY = ");
    assert.equal(find(diagnostics, "security.W009")!.range.start.line, secretLine);

    // Finishing the word brings W018 back at the same line.
    await session.change(SETTINGS, 3, [
      {
        range: { start: { line: debugLine, character: 10 }, end: { line: debugLine + 1, character: 5 } },
        text: "ue",
      },
    ]);
    const restored = await session.waitForDiagnostics(
      SETTINGS,
      has("security.W018"),
      "W018 back after DEBUG = True is typed again",
    );
    assert.deepEqual(codes(restored), codes(initial));
    assert.equal(find(restored, "security.W018")!.range.start.line, debugLine);
  });

  it("follows a file that is not open when it changes on disk (workspace/didChangeWatchedFiles)", async () => {
    const folder = copyProject(template.dir);
    session = await ServerSession.start(folder);
    // Nothing is open: the diagnostics of settings.py come from the disk.
    const initial = await session.waitForDiagnostics(
      SETTINGS,
      hasCodes(...STARTPROJECT_CODES),
      "diagnostics of the closed settings.py",
    );
    const path = session.path(SETTINGS);
    writeFileSync(path, readFileSync(path, "utf8").replace("DEBUG = True", "DEBUG = False"));
    await session.changedOnDisk(SETTINGS, FileChangeType.Changed);
    const diagnostics = await session.waitForDiagnostics(
      SETTINGS,
      (list) => !has("security.W018")(list),
      "W018 to go after the disk changed",
    );
    assert.deepEqual(codes(diagnostics), codesWithout(initial, "security.W018"));
  });

  it("keeps a watched file's text until its file event once the editor watches the files", async () => {
    const folder = copyProject(template.dir);
    const live = "from .settings import *\n\nALLOWED_HOSTS = ['example.com']\n";
    writeFileSync(`${folder}/mysite/live.py`, live);
    session = await ServerSession.start(folder, { settings: { profiles: [{ settings: "mysite.live" }] } });
    await session.waitForRegistration("workspace/didChangeWatchedFiles");
    await session.open("mysite/live.py");
    // settings.py is closed: DEBUG = True there comes from the disk.
    await session.waitForDiagnostics(SETTINGS, has("security.W018"), "W018 in the closed settings.py");
    const path = session.path(SETTINGS);
    writeFileSync(path, readFileSync(path, "utf8").replace("DEBUG = True", "DEBUG = False"));
    // Before the watcher reports that change, an edit elsewhere runs a new analysis (seen when live.py's
    // own finding appears), which reads settings.py as it was: the disk is not read again.
    await session.change("mysite/live.py", 2, [{ text: `${live}ALLOWED_HOSTS = []\n` }]);
    await session.waitForDiagnostics("mysite/live.py", has("security.W020"), "W020 in live.py");
    // A request's answer comes after every notification the server sent before it.
    await session.codeActions(
      SETTINGS,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      [],
    );
    assert.ok(
      has("security.W018")(session.diagnostics.get(session.uri(SETTINGS)) ?? []),
      "settings.py is read again only after its file event",
    );
    await session.changedOnDisk(SETTINGS, FileChangeType.Changed);
    await session.waitForDiagnostics(
      SETTINGS,
      (list) => !has("security.W018")(list),
      "W018 to go once the watcher reports the change",
    );
  });

  it("reports into an imported module that is not open, and names the profile when there are several", async () => {
    const folder = copyProject(template.dir);
    writeFileSync(
      `${folder}/mysite/production.py`,
      "from .settings import *\n\nALLOWED_HOSTS = ['example.com']\n",
    );
    writeFileSync(`${folder}/mysite/live.py`, "from .settings import *\n\nDEBUG = False\n");
    session = await ServerSession.start(folder, {
      settings: { profiles: [{ settings: "mysite.production" }, { settings: "mysite.live" }] },
    });
    await session.open("mysite/production.py");
    // W018 for mysite.production is decided in settings.py (closed); W020 for mysite.live too.
    const base = await session.waitForDiagnostics(
      SETTINGS,
      (list) => has("security.W018")(list) && has("security.W020")(list),
      "findings of both profiles in settings.py",
    );
    const debug = find(base, "security.W018")!;
    // The message stays short; the profile is named in the related information, leading to its module.
    assert.equal(messageOf(debug), "DEBUG is on in production.");
    const profileOf = (diagnostic: Diagnostic) =>
      diagnostic.relatedInformation?.find((item) =>
        item.message.startsWith("Holds for the production profile"),
      );
    assert.equal(profileOf(debug)?.message, "Holds for the production profile mysite.production.");
    assert.equal(profileOf(debug)?.location.uri, session.uri("mysite/production.py"));
    assert.equal(
      profileOf(find(base, "security.W020")!)?.message,
      "Holds for the production profile mysite.live.",
    );
    // Decided in settings.py, so not reported in production.py.
    const production = session.diagnostics.get(session.uri("mysite/production.py")) ?? [];
    assert.equal(has("security.W018")(production), false);
  });

  it("publishes empty diagnostics when djangoDeploy.enable is false, and again when it is back", async () => {
    session = await ServerSession.start(copyProject(template.dir));
    await session.open(SETTINGS);
    await session.waitForDiagnostics(
      SETTINGS,
      hasCodes(...STARTPROJECT_CODES),
      "the findings of startproject",
    );
    await session.changeSettings({ enable: false });
    await session.waitForDiagnostics(
      SETTINGS,
      (list) => list.length === 0,
      "empty diagnostics once disabled",
    );
    await session.changeSettings({ enable: true });
    await session.waitForDiagnostics(
      SETTINGS,
      hasCodes(...STARTPROJECT_CODES),
      "the findings once enabled again",
    );
  });

  it("logs invalid settings and still publishes diagnostics with the defaults", async () => {
    session = await ServerSession.start(copyProject(template.dir), {
      settings: { djangoVersion: "banana", logLevel: 7 },
    });
    await session.open(SETTINGS);
    const log = await session.waitForLog(
      (entry) => entry.message.includes("djangoDeploy.djangoVersion is invalid"),
      "a log of the bad djangoVersion",
    );
    assert.match(log.message, /using the default/);
    await session.waitForLog(
      (entry) => entry.message.includes("djangoDeploy.logLevel is invalid"),
      "a log of the bad logLevel",
    );
    await session.waitForDiagnostics(
      SETTINGS,
      hasCodes(...STARTPROJECT_CODES),
      "diagnostics despite bad settings",
    );
    assert.equal(session.hasExited, false);
  });

  it("logs a well-formed Django version it does not know and checks against the newest LTS", async () => {
    session = await ServerSession.start(copyProject(template.dir), { settings: { djangoVersion: "9.9" } });
    await session.waitForLog(
      (entry) => entry.message.includes("djangoDeploy.djangoVersion 9.9 is not a version"),
      "a log of the unknown version",
    );
    await session.waitForDiagnostics(
      SETTINGS,
      hasCodes(...STARTPROJECT_CODES),
      "diagnostics with the default version",
    );
  });
});
