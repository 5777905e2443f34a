// Runs the same mocha suite (test/vscode/suite/) in a desktop VS Code with @vscode/test-electron, for
// developers whose machines can download VS Code from Microsoft (these CI machines cannot; `npm test`
// runs the suite in code-server instead, see scripts/vscode-code-server.ts).
//
//   npm run build && npx tsx scripts/vscode-desktop.ts [VERSION]     # VERSION: "stable" by default
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runTests } from "@vscode/test-electron";
import { buildSuite } from "./vscode-build";
import { FIXTURE } from "./vscode-code-server";

const ROOT = resolve(import.meta.dirname, "..");

async function main(): Promise<number> {
  const extensionTestsPath = await buildSuite();
  const parent = mkdtempSync(join(tmpdir(), "django-deploy-desktop-"));
  const workspace = join(parent, "shop");
  cpSync(FIXTURE, workspace, { recursive: true });
  try {
    return await runTests({
      version: process.argv[2] ?? "stable",
      extensionDevelopmentPath: ROOT,
      extensionTestsPath,
      launchArgs: [
        workspace,
        "--disable-extensions",
        "--disable-workspace-trust",
        "--skip-welcome",
        "--skip-release-notes",
        "--user-data-dir",
        join(parent, "user-data"),
      ],
    });
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
