// The benchmark harness of the programs (bench/process.ts) run once on tiny inputs, so that it cannot
// rot between the runs that take figures: every part runs (the real server over stdio, the CLI beside
// Django's check and `node -e 0`, the bundle sizes) and writes well-formed results. No timing is
// asserted: figures from a shared machine say nothing.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import type { Figure } from "../../bench/figures";

const ROOT = join(import.meta.dirname, "..", "..");

describe("benchmark harness, smoke run", () => {
  const output = mkdtempSync(join(tmpdir(), "django-deploy-bench-smoke-"));
  after(() => rmSync(output, { recursive: true, force: true }));

  it("measures every part once and writes the results with the date, machine, Node version and command", async () => {
    // Asynchronously: the other server tests of this process keep their event loop.
    await promisify(execFile)(process.execPath, ["--import", "tsx", join(ROOT, "bench", "process.ts")], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, BENCH_SMOKE: "1", BENCH_OUTPUT: output },
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const results = JSON.parse(readFileSync(join(output, "process-results.json"), "utf8")) as {
      command: string;
      date: string;
      machine: string;
      smoke: boolean;
      notes: string[];
      figures: Figure[];
    };
    assert.equal(results.smoke, true);
    assert.match(results.command, /bench\/process\.ts/);
    assert.ok(!Number.isNaN(Date.parse(results.date)), results.date);
    assert.match(results.machine, /^\d+ cores \(.+\), .* Node v\d+/);
    for (const figure of results.figures) {
      for (const value of [figure.p50, figure.p95, figure.min, figure.max])
        assert.ok(Number.isFinite(value) && value >= 0, `${figure.name}: ${value}`);
      assert.ok(
        figure.min <= figure.p50 && figure.p50 <= figure.p95 && figure.p95 <= figure.max,
        figure.name,
      );
      assert.ok(figure.runs >= 1, figure.name);
    }
    const names = results.figures.map((figure) => figure.name);
    const expected = [
      /^bundle size: dist\/cli\.js$/,
      /^bundle size: dist\/server-main\.js$/,
      /^`node -e 0`/,
      /^CLI `check` on /,
      /^CLI ÷ `node -e 0`/,
      /^server start → first diagnostics, startproject settings\.py/,
      /^keystroke → diagnostics, 100-line settings\.py/,
      /^edit in base\.py → diagnostics of production\.py, 3-module star-import chain$/,
    ];
    // Django's own check runs where Debian's Django is installed, as in CI and here.
    if (!results.notes.some((note) => note.includes("has no Django")))
      expected.push(/^Django's check ÷ CLI, wall/);
    for (const pattern of expected)
      assert.ok(
        names.some((name) => pattern.test(name)),
        `no figure matches ${pattern}:\n${names.join("\n")}`,
      );
    const markdown = readFileSync(join(output, "process-results.md"), "utf8");
    assert.match(markdown, /^- date: \d{4}-\d\d-\d\dT/m);
    assert.match(markdown, /^- machine: \d+ cores/m);
    assert.match(markdown, /^\| figure \| p50 \| p95 \| min – max \| runs \|$/m);
    assert.equal(markdown.match(/^\| (?!figure|---).*\|$/gm)?.length, results.figures.length);
  });
});
