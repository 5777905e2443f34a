// The editor can tell "no problems" from "nothing could be checked": the language status request
// lists, per production profile, the settings whose value could not be evaluated, with the reason,
// the place and the checks that could not decide.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, it } from "node:test";
import { STATUS_REQUEST, type StatusResult } from "../../common/src/protocol";
import { ServerSession } from "./harness";

describe("what could not be evaluated, in the editor", () => {
  let folder: string | undefined;
  afterEach(async () => {
    await ServerSession.disposeAll();
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  });

  it("the status lists the unknown settings with reason, place and checks", async () => {
    folder = mkdtempSync(join(tmpdir(), "django-deploy-coverage-"));
    mkdirSync(join(folder, "mysite"));
    writeFileSync(
      join(folder, "manage.py"),
      'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
    );
    writeFileSync(join(folder, "mysite", "__init__.py"), "");
    writeFileSync(
      join(folder, "mysite", "settings.py"),
      "from mysite.plugins import middleware\nMIDDLEWARE = middleware()\nDEBUG = False\nfrom shoplib.defaults import *\n",
    );
    const session = await ServerSession.start(folder);
    await session.open("mysite/settings.py");
    await session.waitForDiagnostics("mysite/settings.py", () => true, "the first analysis");
    let status: StatusResult | undefined;
    for (let attempt = 0; attempt < 50 && status?.state !== "ready"; attempt++) {
      status = await session.connection.sendRequest<StatusResult>(STATUS_REQUEST, {
        uri: session.uri("mysite/settings.py"),
      });
      if (status.state !== "ready") await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const coverage = status?.coverage?.find((entry) => entry.profile === "mysite.settings");
    const middleware = coverage?.unknownSettings.find((setting) => setting.name === "MIDDLEWARE");
    assert.ok(middleware, JSON.stringify(status));
    assert.match(middleware.reason, /middleware/);
    assert.equal(middleware.where, "mysite/settings.py:2");
    assert.ok(middleware.checks.includes("security.W001"));
    assert.deepEqual(
      coverage?.unreadImports.map((entry) => [entry.module, entry.where]),
      [["shoplib.defaults", "mysite/settings.py:4"]],
    );
  });
});
