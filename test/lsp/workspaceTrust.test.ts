// Workspace trust in the real server: told the workspace is untrusted (initializationOptions, as the
// VS Code client sends it), it ignores djangoDeploy.pythonPath and every profile's envFile, with a log
// line; trusted, it reads an envFile inside the folder but never one outside it. In no case does it
// run anything: pythonPath names a script that would leave a marker file if it ever ran.
import assert from "node:assert/strict";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { copyProject, ServerSession, temporaryFolder, useStartProject } from "./harness";

const SECRET = "k7Qz-9xW_3pL".repeat(5);
const has = (code: string) => (list: { code?: string | number }[]) => list.some((item) => item.code === code);

describe("workspace trust in the server", () => {
  const template = useStartProject();

  /** A startproject whose SECRET_KEY comes from the environment, a .env file with a strong one, and a probe interpreter. */
  function project(): { folder: string; marker: string; python: string } {
    const folder = copyProject(template.dir);
    const settings = join(folder, "mysite", "settings.py");
    writeFileSync(
      settings,
      readFileSync(settings, "utf8").replace(
        /^SECRET_KEY = .*$/m,
        "import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'django-insecure-x')",
      ),
    );
    writeFileSync(join(folder, ".env.production"), `DJANGO_SECRET_KEY=${SECRET}\n`);
    const marker = join(folder, "INTERPRETER-RAN");
    const python = join(folder, "fake-python");
    writeFileSync(python, `#!/bin/sh\necho "$@" >> ${JSON.stringify(marker)}\n`);
    chmodSync(python, 0o755);
    return { folder, marker, python };
  }

  it("untrusted: pythonPath and the envFile are ignored with a log line, and nothing runs", async () => {
    const { folder, marker, python } = project();
    const session = await ServerSession.start(folder, {
      initializationOptions: { workspaceTrusted: false },
      settings: {
        pythonPath: python,
        profiles: [{ settings: "mysite.settings", envFile: ".env.production" }],
      },
    });
    // The weak default key stays: the .env file was not read.
    await session.waitForDiagnostics(
      "mysite/settings.py",
      (list) => has("security.W018")(list) && has("security.W009")(list),
      "the diagnostics without the envFile",
    );
    await session.waitForLog(
      (log) => /envFile \.env\.production is not read: the workspace is not trusted/.test(log.message),
      "the log line about the envFile",
    );
    await session.waitForLog(
      (log) => /pythonPath is ignored: the workspace is not trusted/.test(log.message),
      "the log line about pythonPath",
    );
    await session.dispose();
    assert.equal(existsSync(marker), false, "the interpreter named by pythonPath ran");
  });

  it("trusted: the envFile inside the folder is read, and still nothing runs", async () => {
    const { folder, marker, python } = project();
    const session = await ServerSession.start(folder, {
      initializationOptions: { workspaceTrusted: true },
      settings: {
        pythonPath: python,
        profiles: [{ settings: "mysite.settings", envFile: ".env.production" }],
      },
    });
    await session.waitForDiagnostics(
      "mysite/settings.py",
      (list) => has("security.W018")(list) && !has("security.W009")(list),
      "the diagnostics with the envFile's strong key",
    );
    await session.dispose();
    assert.equal(existsSync(marker), false, "the interpreter named by pythonPath ran");
  });

  it("trusted: an envFile outside the workspace folder is not read, and the log says why", async () => {
    const { folder } = project();
    const outside = join(temporaryFolder("lsp-outside"), "production.env");
    writeFileSync(outside, `DJANGO_SECRET_KEY=${SECRET}\n`);
    const session = await ServerSession.start(folder, {
      settings: { profiles: [{ settings: "mysite.settings", envFile: outside }] },
    });
    await session.waitForLog(
      (log) => log.message.includes(`the envFile ${outside} is outside the workspace folder`),
      "the log line about the envFile outside the folder",
    );
    await session.waitForDiagnostics(
      "mysite/settings.py",
      (list) => has("security.W018")(list) && has("security.W009")(list),
      "the diagnostics without the outside envFile",
    );
  });
});
