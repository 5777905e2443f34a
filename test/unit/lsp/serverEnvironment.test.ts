// The server's process starts without NODE_EXTRA_CA_CERTS (common/src/serverProcess.ts), which Node
// would read and parse at every start. The extension hands SERVER_ENVIRONMENT to vscode-languageclient,
// which copies the editor's environment and then each of these entries over it, undefined included,
// and forks the server with the result: this runs that merge and a real Node child.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { SERVER_ENVIRONMENT } from "../../../common/src/serverProcess";

describe("the language server's environment", () => {
  it("leaves NODE_EXTRA_CA_CERTS out and keeps everything else", () => {
    const editor: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_EXTRA_CA_CERTS: "/nonexistent/ca.pem",
      DD_KEPT: "yes",
    };
    // vscode-languageclient's merge for a forked server (getEnvironment in its node/main.js).
    const merged: NodeJS.ProcessEnv = Object.create(null) as NodeJS.ProcessEnv;
    for (const key of Object.keys(editor)) merged[key] = editor[key];
    for (const key of Object.keys(SERVER_ENVIRONMENT)) merged[key] = SERVER_ENVIRONMENT[key];
    const child = spawnSync(
      process.execPath,
      [
        "-e",
        "process.stdout.write(JSON.stringify([process.env.NODE_EXTRA_CA_CERTS ?? null, process.env.DD_KEPT]))",
      ],
      { env: merged, encoding: "utf8" },
    );
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(JSON.parse(child.stdout), [null, "yes"]);
  });
});
