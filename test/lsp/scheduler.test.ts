// The analysis scheduler's timing rule: a cheap analysis starts without waiting for typing to pause,
// a slow one too after a pause, else it waits about as long as it last took, capped; a burst of
// changes is analysed once.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import {
  AnalysisScheduler,
  debounceFor,
  IMMEDIATE_BELOW_MS,
  MAX_DEBOUNCE_MS,
} from "../../server/src/lsp/scheduler";

describe("adaptive debounce", () => {
  it("waits for nothing below the threshold, the expected cost above it, at most the cap", () => {
    assert.equal(debounceFor(0), 0);
    assert.equal(debounceFor(Number.NaN), 0);
    assert.equal(debounceFor(IMMEDIATE_BELOW_MS - 1), 0);
    assert.equal(debounceFor(IMMEDIATE_BELOW_MS), IMMEDIATE_BELOW_MS);
    assert.equal(debounceFor(120.4), 120);
    assert.equal(debounceFor(5_000), MAX_DEBOUNCE_MS);
  });

  it("asks for the quiet time at every change, and analyses a burst that arrived together once", async () => {
    let asked = 0;
    let runs = 0;
    const scheduler = new AnalysisScheduler(
      async () => {
        runs++;
      },
      (error) => assert.fail(String(error)),
      () => {
        asked++;
        return 0;
      },
    );
    for (let index = 0; index < 5; index++) scheduler.schedule();
    assert.equal(asked, 5);
    while (runs < 1) await delay(1);
    await delay(20);
    assert.equal(runs, 1);
    scheduler.dispose();
  });

  it("starts a slow analysis at once after a pause, and holds back one that follows a change within the quiet time", async () => {
    let runs = 0;
    const scheduler = new AnalysisScheduler(
      async () => {
        runs++;
      },
      (error) => assert.fail(String(error)),
      () => 200,
    );
    scheduler.schedule();
    while (runs < 1) await delay(1);
    // A second change right after the first is typing: it waits for the quiet time.
    scheduler.schedule();
    await delay(50);
    assert.equal(runs, 1, "no run before the quiet time");
    while (runs < 2) await delay(5);
    scheduler.dispose();
  });
});
