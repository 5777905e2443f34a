// Runs the test suites with Node's own test runner (TypeScript through tsx).
// `node scripts/run-tests.mjs [suite…]`; with no suite, every suite runs, building first for the
// suites that drive the bundles in dist/.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const allSuites = ["unit", "grammar", "lsp", "cli", "oracle", "servers", "vscode"];
const needsBuild = new Set(["lsp", "cli", "oracle", "servers", "vscode"]);
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

const files = suites.flatMap((suite) => findTests(join(root, "test", suite)));
if (files.length === 0) {
  console.error("no test files found");
  process.exit(1);
}
if (suites.some((suite) => needsBuild.has(suite))) {
  const build = spawnSync(process.execPath, [join(root, "esbuild.mjs")], { stdio: "inherit", cwd: root });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-reporter", "spec", ...files.map((file) => relative(root, file))],
  { stdio: "inherit", cwd: root },
);
process.exit(result.status ?? 1);
