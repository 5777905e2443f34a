// Runs many test files in this one Node process, as `node --test` would run each in its own.
// `node --import tsx --test-reporter spec scripts/run-test-files.mjs <file>…` (run-tests.mjs builds
// that command). node:test gathers the tests of every module imported into a process, so starting
// Node and tsx once instead of once per file saves about a second per file.
//
// Each file is imported inside a suite named after its path, for two reasons: hooks that a file
// registers at its top level (before, after, beforeEach, afterEach) then apply to that file's tests
// only, as they did when the file had a process to itself; and a file that fails to load (a syntax
// error, an exception at import) fails its own suite instead of the whole run. A failing test still
// sets the exit code of the process to 1, which run-tests.mjs passes on.
import { relative, resolve } from "node:path";
import { describe } from "node:test";
import { pathToFileURL } from "node:url";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node --import tsx scripts/run-test-files.mjs <test file>…");
  process.exit(2);
}

for (const file of files) {
  const path = resolve(file);
  // The suite's function imports the file: node:test registers the tests that the import declares
  // as children of the suite, and waits for the import before running them.
  describe(relative(process.cwd(), path), async () => {
    await import(pathToFileURL(path).href);
  });
}
