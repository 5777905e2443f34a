// The mocha suite that runs inside VS Code's extension host, in @vscode/test-electron's format:
// VS Code loads this module (its bundle, dist/test/vscode/index.js) as `extensionTestsPath` and
// calls `run()`; the returned promise decides the exit code. The same bundle runs in a desktop VS Code
// (scripts/vscode-desktop.ts) and in code-server (scripts/vscode-code-server.ts).
import { readdirSync } from "node:fs";
import * as path from "node:path";
import Mocha from "mocha";
import { MOCHA_LINE_MARK } from "./output";

/** Marks every line the reporter prints, so a runner can pick mocha's output out of VS Code's console. */
function markReporterOutput(): void {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog = (format?: unknown, ...args: unknown[]) => {
    if (typeof format === "string") console.log(`${MOCHA_LINE_MARK}${format}`, ...args);
    else if (format === undefined) console.log(MOCHA_LINE_MARK);
    else console.log(MOCHA_LINE_MARK, format, ...args);
  };
}

export async function run(): Promise<void> {
  markReporterOutput();
  // The runner may narrow the run (DJANGO_DEPLOY_SUITE_GREP, a mocha grep) through the extension
  // host's environment.
  const grep = process.env.DJANGO_DEPLOY_SUITE_GREP;
  const mocha = new Mocha({
    ui: "tdd",
    color: false,
    reporter: "spec",
    timeout: 120_000,
    ...(grep ? { grep } : {}),
  });
  // Each spec is bundled on its own next to this file; mocha loads them in name order.
  const specs = readdirSync(__dirname)
    .filter((name) => name.endsWith(".spec.js"))
    .sort();
  for (const spec of specs) mocha.addFile(path.join(__dirname, spec));
  if (specs.length === 0) throw new Error(`no *.spec.js files next to ${__filename}`);
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) =>
      failures > 0 ? reject(new Error(`${failures} of the Django Deploy tests failed.`)) : resolve(),
    );
  });
}
