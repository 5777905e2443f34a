// Runs the mocha suite of test/vscode/suite/ inside a real VS Code: code-server from the npm registry
// (installed into .cache/vscode-server/ on first use, ~2 minutes) with the extension under development,
// driven by Debian's chromium. scripts/vscode-code-server.ts does the work; this file asserts on it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSuiteInCodeServer, type RunSuiteOptions } from "../../scripts/vscode-code-server";

async function runAndReport(label: string, options: RunSuiteOptions = {}) {
  const started = Date.now();
  const result = await runSuiteInCodeServer({
    log: (line) => console.log(`# ${line}`),
    timeoutMs: 10 * 60_000,
    ...options,
  });
  console.log(result.lines.join("\n"));
  if (result.failing > 0 || result.passing === 0)
    console.log(
      `# VS Code's console during the run:\n${result.console.map((line) => `#   ${line}`).join("\n")}`,
    );
  console.log(
    `# ${label}: ${result.passing} passing, ${result.failing} failing, ${result.pending} pending, exit code ${result.exitCode}, ${Math.round((Date.now() - started) / 1000)} s in all`,
  );
  assert.ok(result.passing > 0, "mocha ran no test (no summary in the extension host's output)");
  assert.equal(result.failing, 0, "mocha reported failures; see its output above");
  assert.equal(result.exitCode, 0, "the extension host's test run exited with a failure");
  return result;
}

test("the mocha suite passes inside VS Code (code-server)", { timeout: 20 * 60_000 }, async () => {
  await runAndReport("VS Code suite");
});

test(
  "in an untrusted workspace (Restricted Mode) the extension runs in its limited mode",
  { timeout: 20 * 60_000 },
  async () => {
    const result = await runAndReport("VS Code suite, untrusted workspace", {
      untrusted: true,
      grep: "workspace trust",
    });
    // Only the trust specs ran, and each of them.
    assert.ok(
      result.lines.some((line) => /untrusted \(Restricted Mode\) and the findings appear/.test(line)),
    );
    assert.ok(!result.lines.some((line) => /^ {2}diagnostics$/.test(line)));
  },
);
