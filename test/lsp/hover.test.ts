// Hover over the real server: the effective value of a setting per production profile and where it
// comes from, in a module the profile imports.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { describe, it } from "node:test";
import { HoverRequest, type MarkupContent } from "vscode-languageserver-protocol/node";
import { PROFILES_REQUEST, type ProfilesResult } from "../../common/src/protocol";
import { copyProject, hasCodes, lineOf, ServerSession, useStartProject } from "./harness";

describe("hover", () => {
  const template = useStartProject();
  let session: ServerSession | undefined;

  it("shows the effective value in each production profile and where it comes from", async () => {
    const folder = copyProject(template.dir);
    writeFileSync(`${folder}/mysite/production.py`, "from .settings import *\n\nDEBUG = False\n");
    session = await ServerSession.start(folder, {
      settings: { profiles: [{ settings: "mysite.production" }] },
    });
    const text = await session.open("mysite/settings.py");
    await session.waitForDiagnostics(
      "mysite/settings.py",
      hasCodes("security.W009"),
      "diagnostics before hovering",
    );
    const line = lineOf(text, "DEBUG = True");
    const hover = await session.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: session.uri("mysite/settings.py") },
      position: { line, character: 2 },
    });
    assert.ok(hover, "a hover on DEBUG");
    const markdown = (hover.contents as MarkupContent).value;
    assert.match(markdown, /\*\*DEBUG\*\* in production/);
    assert.match(markdown, /`mysite\.production`: `False` — mysite\/production\.py:3/);
    assert.match(markdown, /modules: mysite\/production\.py → mysite\/settings\.py/);
    assert.match(markdown, /default: `False`/);
    assert.deepEqual(hover.range, { start: { line, character: 0 }, end: { line, character: 5 } });

    const elsewhere = await session.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: session.uri("mysite/settings.py") },
      position: { line: lineOf(text, "from pathlib import Path"), character: 2 },
    });
    assert.equal(elsewhere, null, "no hover on a name that is not a setting");
  });

  it("djangoDeploy/profiles gives each production profile's chain of modules", async () => {
    const folder = copyProject(template.dir);
    writeFileSync(`${folder}/mysite/production.py`, "from .settings import *\n");
    session = await ServerSession.start(folder, {
      settings: { profiles: [{ settings: "mysite.production" }] },
    });
    // The first analysis runs once the settings have arrived.
    await session.waitForDiagnostics("mysite/settings.py", hasCodes("security.W009"), "the first analysis");
    const result = await session.connection.sendRequest<ProfilesResult>(PROFILES_REQUEST, {});
    assert.deepEqual(
      result.profiles.map((profile) => [profile.module, profile.kind, profile.chain]),
      [
        [
          "mysite.production",
          "production",
          [session.uri("mysite/production.py"), session.uri("mysite/settings.py")],
        ],
      ],
    );
  });
});
