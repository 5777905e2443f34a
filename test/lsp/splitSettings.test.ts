// Split settings over the real server: production.py is open, base.py is not; a change to base.py on
// disk reaches the production profile's diagnostics.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, it } from "node:test";
import { FileChangeType, type Diagnostic } from "vscode-languageserver-protocol/node";
import { PRODUCTION_FACTS_REQUEST, type ProductionFacts } from "../../common/src/protocol";
import { ServerSession } from "./harness";

const BASE = "config/settings/base.py";
const PRODUCTION = "config/settings/production.py";
const has = (code: string) => (diagnostics: Diagnostic[]) =>
  diagnostics.some((diagnostic) => diagnostic.code === code);

function splitProject(): string {
  const folder = mkdtempSync(join(tmpdir(), "django-deploy-lsp-split-"));
  mkdirSync(join(folder, "config", "settings"), { recursive: true });
  writeFileSync(
    join(folder, "manage.py"),
    'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n',
  );
  writeFileSync(join(folder, "config", "__init__.py"), "");
  writeFileSync(join(folder, "config", "settings", "__init__.py"), "");
  writeFileSync(join(folder, "config", "settings", "local.py"), "from .base import *\nDEBUG = True\n");
  writeFileSync(join(folder, BASE), "DEBUG = False\nALLOWED_HOSTS = ['example.com']\n");
  writeFileSync(
    join(folder, PRODUCTION),
    "import os\nfrom .base import *\n\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
  );
  return folder;
}

describe("split settings", () => {
  let session: ServerSession | undefined;
  let folder: string | undefined;
  afterEach(async () => {
    await session?.dispose();
    session = undefined;
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it("a change to base.py on disk, not open, updates the production profile's diagnostics", async () => {
    folder = splitProject();
    session = await ServerSession.start(folder);
    await session.open(PRODUCTION);
    // Nothing wrong with DEBUG yet: base.py turns it off and production inherits that.
    await session.waitForDiagnostics(PRODUCTION, (list) => has("security.W001")(list), "the first analysis");
    assert.equal(has("security.W018")(session.diagnostics.get(session.uri(BASE)) ?? []), false);

    writeFileSync(join(folder, BASE), "DEBUG = True\nALLOWED_HOSTS = ['example.com']\n");
    await session.changedOnDisk(BASE, FileChangeType.Changed);
    const base = await session.waitForDiagnostics(
      BASE,
      has("security.W018"),
      "W018 in base.py after the change on disk",
    );
    const debug = base.find((diagnostic) => diagnostic.code === "security.W018")!;
    assert.equal(debug.range.start.line, 0);
    assert.ok(
      debug.relatedInformation?.some((related) => related.location.uri === session!.uri(PRODUCTION)),
      "the related information names the production module",
    );

    // The local (development) profile also sets DEBUG = True, but only production is checked.
    const local = session.diagnostics.get(session.uri("config/settings/local.py")) ?? [];
    assert.deepEqual(local, []);
  });

  it("answers the scaffold with the production profile the diagnostics check, not manage.py's", async () => {
    folder = splitProject();
    session = await ServerSession.start(folder);
    await session.open(PRODUCTION);
    await session.waitForDiagnostics(PRODUCTION, has("security.W001"), "the first analysis");
    const facts = await session.connection.sendRequest<ProductionFacts | null>(PRODUCTION_FACTS_REQUEST, {
      projectFolder: folder,
    });
    assert.equal(facts?.settingsModule, "config.settings.production");
    assert.match(facts?.settingsReason ?? "", /production profile the checks use/);
    // A folder no workspace folder holds is not the server's to answer.
    const outside = await session.connection.sendRequest<ProductionFacts | null>(PRODUCTION_FACTS_REQUEST, {
      projectFolder: tmpdir(),
    });
    assert.equal(outside, null);
  });
});
