// Runs the test suites with Node's own test runner (TypeScript through tsx).
// `node scripts/run-tests.mjs [suite…]`; with no suite, every suite runs, building first for the
// suites that drive the bundles in dist/. Test files are found anew on every run: any
// `*.test.ts` under test/<suite>/ (outside fixtures/) belongs to that suite.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const allSuites = ["unit", "grammar", "lsp", "cli", "oracle", "servers", "vscode"];
const needsBuild = new Set(["lsp", "cli", "oracle", "servers", "vscode"]);
// Suites whose files all run in one Node process (scripts/run-test-files.mjs), because starting
// Node and tsx once per file cost more than most files' tests take. unit and grammar call our code
// in process. lsp starts a language server per test, but each file's hooks (useStartProject) end
// every server its tests started, so nothing outlives its file. The others keep a process per
// file (`node --test`): servers and vscode leave WSGI/ASGI servers, Apache or an editor to a
// process-exit handler as a last resort, and cli and oracle are one file each.
const sharedProcess = new Set(["unit", "grammar", "lsp"]);
const requested = process.argv.slice(2);
const suites = requested.length > 0 ? requested : allSuites;

for (const suite of suites) {
  if (!allSuites.includes(suite)) {
    console.error(`unknown suite ${suite}; choose from ${allSuites.join(", ")}`);
    process.exit(2);
  }
}

function findTests(directory) {
  if (!existsSync(directory)) return [];
  const found = [];
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    if (name === "fixtures" || name === "node_modules") continue;
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (name.endsWith(".test.ts")) found.push(path);
  }
  return found;
}

const filesOf = (group) =>
  group.flatMap((suite) => findTests(join(root, "test", suite))).map((file) => relative(root, file));
const sharedFiles = filesOf(suites.filter((suite) => sharedProcess.has(suite)));
const separateFiles = filesOf(suites.filter((suite) => !sharedProcess.has(suite)));
if (sharedFiles.length + separateFiles.length === 0) {
  console.error("no test files found");
  process.exit(1);
}
if (suites.some((suite) => needsBuild.has(suite))) {
  const build = spawnSync(process.execPath, [join(root, "esbuild.mjs")], { stdio: "inherit", cwd: root });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The run's own temp folder (TMPDIR of every test process, so os.tmpdir() in a test is inside it):
// after the run, any `django-deploy-*` folder still in it was made by a test that did not clean up
// after itself (test/temporaryFolders.ts and the lsp harness remove theirs). A folder of its own, not
// a before/after listing of the system's temp folder, because other runs may share that one.
const runTemp = mkdtempSync(join(tmpdir(), "dd-tests-"));
const testEnvironment = { ...process.env, TMPDIR: runTemp, TEMP: runTemp, TMP: runTemp };
const node = (args) =>
  spawnSync(process.execPath, args, { stdio: "inherit", cwd: root, env: testEnvironment }).status ?? 1;
// Both groups run even when the first fails, so that one run shows every failure.
const statuses = [];
if (sharedFiles.length > 0)
  statuses.push(
    node(["--import", "tsx", "--test-reporter", "spec", "scripts/run-test-files.mjs", ...sharedFiles]),
  );
if (separateFiles.length > 0)
  statuses.push(node(["--import", "tsx", "--test", "--test-reporter", "spec", ...separateFiles]));
const leftovers = readdirSync(runTemp).filter((name) => name.startsWith("django-deploy-"));
rmSync(runTemp, { recursive: true, force: true });
if (leftovers.length > 0) {
  console.error(
    `\n${leftovers.length} temporary folder(s) left behind by the tests (each test removes what it makes; see test/temporaryFolders.ts):\n  ${leftovers.sort().join("\n  ")}`,
  );
  statuses.push(1);
}
process.exit(statuses.find((status) => status !== 0) ?? 0);
