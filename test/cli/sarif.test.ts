// `--format sarif`: valid SARIF 2.1.0 by Microsoft's SARIF Multitool (its SARIF rules and GitHub's
// ingestion rules), shaped as GitHub code scanning's upload requires, and a snapshot for the
// two-profile fixture (UPDATE_SNAPSHOTS=1 rewrites it after a deliberate change).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, it } from "node:test";
import { temporaryFolder } from "../temporaryFolders";
import { format, resolveConfig } from "prettier";
import type * as Sarif from "sarif";
import { fixtures, runCli, startproject } from "./run";

// The package's main module is only the path of the Multitool binary for this platform.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const multitool = require("@microsoft/sarif-multitool") as string;
const snapshotFile = join(fixtures, "two-profiles.sarif.json");

function sarifOf(cwd: string, ...args: string[]): Sarif.Log {
  const result = runCli(["check", ".", "--format", "sarif", ...args], { cwd });
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  return JSON.parse(result.stdout) as Sarif.Log;
}

/**
 * The Multitool's verdict on each log, in one run (it takes a few seconds to start): its errors and
 * warnings (its notes are advice such as "add code snippets").
 */
function validate(logs: Sarif.Log[]): string[][] {
  const folder = temporaryFolder("sarif");
  const inputs = logs.map((log, index) => {
    const input = join(folder, `log${index}.sarif`);
    writeFileSync(input, JSON.stringify(log, null, 2));
    return input;
  });
  const output = join(folder, "validation.sarif");
  const run = spawnSync(
    multitool,
    [
      "validate",
      ...inputs,
      "--output",
      output,
      "--rule-kind",
      "Sarif;Gh;Ghas",
      "--level",
      "Error;Warning",
      "--log",
      "ForceOverwrite",
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  assert.ok(existsSync(output), run.stdout);
  const verdict = JSON.parse(readFileSync(output, "utf8")) as Sarif.Log;
  const failures = (verdict.runs[0]!.invocations ?? []).flatMap((invocation) =>
    (invocation.toolExecutionNotifications ?? []).filter((notification) => notification.level === "error"),
  );
  assert.deepEqual(
    failures.map((notification) => notification.message.text),
    [],
  );
  return inputs.map((input) =>
    (verdict.runs[0]!.results ?? [])
      .filter((result) => result.level === "error" || result.level === "warning")
      .filter((result) =>
        decodeURIComponent(result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "").endsWith(
          basename(input),
        ),
      )
      .map(
        (result) => `${result.ruleId}: ${result.message.text ?? JSON.stringify(result.message.arguments)}`,
      ),
  );
}

describe("django-deploy check --format sarif", () => {
  it("is valid SARIF 2.1.0 with GitHub's rules, for a startproject and for two profiles", () => {
    const project = startproject();
    const logs = [sarifOf(project), sarifOf(join(fixtures, "two-profiles"))];
    // The Multitool does find problems: a result without a message is refused.
    const broken = structuredClone(logs[0]!);
    delete (broken.runs[0]!.results![0]!.message as { text?: string }).text;
    const [startprojectProblems, twoProfilesProblems, brokenProblems] = validate([...logs, broken]);
    assert.deepEqual(startprojectProblems, []);
    assert.deepEqual(twoProfilesProblems, []);
    assert.ok(brokenProblems!.length > 0);
  });

  it("is what GitHub's upload takes: relative URIs under %SRCROOT%, fingerprints that survive edits above", () => {
    const project = temporaryFolder("sarif-project");
    cpSync(join(fixtures, "two-profiles"), project, { recursive: true });
    const log = sarifOf(project);
    const [run] = log.runs;
    assert.equal(log.version, "2.1.0");
    assert.equal(run!.originalUriBaseIds!["%SRCROOT%"]!.uri, `file://${project}/`);
    const fingerprints = (sarif: Sarif.Log) =>
      sarif.runs[0]!.results!.map(
        (result) => `${result.ruleId} ${result.partialFingerprints!["djangoDeployFinding/v1"]}`,
      ).sort();
    for (const result of run!.results!) {
      const location = result.locations![0]!.physicalLocation!;
      assert.equal(location.artifactLocation!.uriBaseId, "%SRCROOT%");
      assert.match(location.artifactLocation!.uri!, /^shop\/settings\/[a-z]+\.py$|^[A-Za-z.]+$/);
      assert.ok(location.region!.startLine! >= 1);
      assert.equal(run!.tool.driver.rules![result.ruleIndex!]!.id, result.ruleId);
    }
    // Lines added above every finding move them, but not their fingerprints.
    for (const module of ["base", "production", "staging"]) {
      const file = join(project, "shop", "settings", `${module}.py`);
      writeFileSync(file, `# Reviewed.\n\n${readFileSync(file, "utf8")}`);
    }
    const moved = sarifOf(project);
    assert.notDeepEqual(
      moved.runs[0]!.results!.map((result) => result.locations![0]!.physicalLocation!.region!.startLine),
      run!.results!.map((result) => result.locations![0]!.physicalLocation!.region!.startLine),
    );
    assert.deepEqual(fingerprints(moved), fingerprints(log));
  });

  it("rules link their pages and say their fixability; results carry safe and unsafe fixes, not display-only ones", () => {
    const log = sarifOf(join(fixtures, "two-profiles"));
    const rules = log.runs[0]!.tool.driver.rules!;
    const debug = rules.find((rule) => rule.id === "security.W018")!;
    assert.equal(
      debug.helpUri,
      "https://github.com/django-deploy/django-deploy/blob/main/docs/checks/security.W018.md",
    );
    assert.equal(debug.properties!.fixability, "safe");
    const results = log.runs[0]!.results!;
    const w018 = results.find((result) => result.ruleId === "security.W018")!;
    assert.deepEqual(
      w018.fixes!.map((fix) => [fix.description!.text, fix.properties!.applicability]),
      [["Set DEBUG = False (safe fix)", "safe"]],
    );
    const replacement = w018.fixes![0]!.artifactChanges[0]!.replacements[0]!;
    assert.deepEqual(replacement.insertedContent, { text: "False" });
    assert.deepEqual(replacement.deletedRegion, { startLine: 3, startColumn: 9, endLine: 3, endColumn: 13 });
    for (const result of results)
      for (const fix of result.fixes ?? []) assert.notEqual(fix.properties!.applicability, "displayOnly");
    assert.ok(
      results.some((result) => result.fixes?.some((fix) => fix.properties!.applicability === "unsafe")),
    );
    const shared = results.find((result) => result.ruleId === "security.W009")!;
    assert.deepEqual(
      shared.relatedLocations!.map((related) => related.physicalLocation!.artifactLocation!.uri),
      ["shop/settings/production.py", "shop/settings/staging.py"],
    );
  });

  it("matches the snapshot for two production profiles (notifications: profiles and why, what was not evaluated)", async () => {
    const log = sarifOf(join(fixtures, "two-profiles"), "--select", "security");
    const run = log.runs[0]!;
    const used = new Set(run.results!.map((result) => result.ruleId));
    const normalized = {
      ...log,
      runs: [
        {
          ...run,
          tool: {
            driver: {
              ...run.tool.driver,
              version: "<version>",
              semanticVersion: "<version>",
              // Only the rules the results use: every new check would otherwise change the snapshot.
              rules: run.tool.driver.rules!.filter((rule) => used.has(rule.id)),
            },
          },
          originalUriBaseIds: { "%SRCROOT%": { uri: "file:///<fixture>/" } },
          results: run.results!.map((result) => ({ ...result, ruleIndex: "<index>" })),
        },
      ],
    };
    // Formatted as Prettier would, so that `npm run check` accepts the snapshot file as it is.
    const text = await format(JSON.stringify(normalized), {
      ...(await resolveConfig(snapshotFile)),
      filepath: snapshotFile,
    });
    if (process.env.UPDATE_SNAPSHOTS === "1") writeFileSync(snapshotFile, text);
    assert.equal(
      text,
      readFileSync(snapshotFile, "utf8"),
      "run with UPDATE_SNAPSHOTS=1 after a deliberate change",
    );
    const notifications = run.invocations![0]!.toolExecutionNotifications!;
    const texts = notifications.map(
      (notification) => `${notification.descriptor!.id}: ${notification.message.text}`,
    );
    assert.ok(
      texts.some((text) =>
        text.startsWith(
          "profile-checked: Checked shop.settings.production as production: ENV DJANGO_SETTINGS_MODULE",
        ),
      ),
    );
    assert.ok(
      texts.some((text) =>
        text.startsWith(
          "profile-checked: Checked shop.settings.staging as production: web process in Procfile",
        ),
      ),
    );
    assert.ok(
      texts.some((text) =>
        text.startsWith("profile-not-checked: Not checked: shop.settings.dev (development)"),
      ),
    );
    assert.ok(
      texts.some((text) =>
        text.startsWith(
          "setting-not-evaluated: SESSION_COOKIE_SECURE could not be evaluated in shop.settings.production",
        ),
      ),
    );
  });
});
