// Temporary folders for tests: each is made under the OS temp folder with a `django-deploy-` prefix
// and remembered, so that the test file's `after` hook (or, when a test file ends without running
// it, the process's exit) removes it. scripts/run-tests.mjs counts the `django-deploy-*` folders
// left in the run's temp folder and fails the run when any remain.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PREFIX = "django-deploy-";
const created = new Set<string>();

/** A new empty folder named `django-deploy-<name>-XXXXXX`, removed by `removeTemporaryFolders`. */
export function temporaryFolder(name: string): string {
  const folder = mkdtempSync(join(tmpdir(), `${PREFIX}${name}-`));
  created.add(folder);
  return folder;
}

/** Removes every folder `temporaryFolder` made in this process so far. */
export function removeTemporaryFolders(): void {
  for (const folder of created) rmSync(folder, { recursive: true, force: true });
  created.clear();
}

// The last resort: a file that fails before its `after` hook runs still leaves nothing behind.
process.on("exit", removeTemporaryFolders);
