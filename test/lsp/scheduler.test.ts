// The analysis scheduler's timing rule: a cheap analysis starts without waiting for typing to pause,
// a slow one too after a pause, else it waits about as long as it last took, capped; a burst of
// changes is analysed once; a change that arrives during a run makes it stale before it publishes.
import assert from "node:assert/strict";
import { connect, createServer, type Socket } from "node:net";
import { join } from "node:path";
import { describe, it } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";
import {
  AnalysisCosts,
  AnalysisScheduler,
  debounceFor,
  IDLE_AFTER_MS,
  IMMEDIATE_BELOW_MS,
  MAX_DEBOUNCE_MS,
  MEASURED_BEFORE_DEBOUNCE,
} from "../../server/src/lsp/scheduler";
import { temporaryFolder } from "../temporaryFolders";

describe("adaptive debounce", () => {
  it("waits for nothing below the threshold, the expected cost above it, at most the cap", () => {
    assert.equal(debounceFor(0), 0);
    assert.equal(debounceFor(Number.NaN), 0);
    assert.equal(debounceFor(IMMEDIATE_BELOW_MS - 1), 0);
    assert.equal(debounceFor(IMMEDIATE_BELOW_MS), IMMEDIATE_BELOW_MS);
    assert.equal(debounceFor(120.4), 120);
    assert.equal(debounceFor(5_000), MAX_DEBOUNCE_MS);
  });

  it("predicts nothing from the first keystrokes, then the median of the last ones", () => {
    const costs = new AnalysisCosts();
    // The first keystrokes after a start, while V8 compiles: none of them may delay the next.
    for (let index = 1; index < MEASURED_BEFORE_DEBOUNCE; index++) {
      costs.record(90);
      assert.equal(costs.expected(), 0, `after ${index} analyses`);
    }
    costs.record(6);
    assert.equal(costs.expected(), 90, "the median of 90, 90 and 6");
    costs.record(5);
    costs.record(400);
    assert.equal(costs.expected(), 6, "one slow run among fast ones");
    costs.record(7);
    assert.equal(costs.expected(), 7, "only the last ones count");
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

describe("idle work after a run", () => {
  it("runs once the server has been quiet for IDLE_AFTER_MS after a run, and not before", async () => {
    let runEnded = 0;
    const idle: number[] = [];
    const scheduler = new AnalysisScheduler(
      async () => {
        runEnded = performance.now();
      },
      (error) => assert.fail(String(error)),
      0,
      () => idle.push(performance.now() - runEnded),
    );
    scheduler.schedule();
    while (idle.length < 1) await delay(1);
    assert.ok(idle[0]! >= IDLE_AFTER_MS - 1, `idle work ${idle[0]} ms after the run`);
    await delay(3 * IDLE_AFTER_MS);
    assert.equal(idle.length, 1, "once per run");
    scheduler.dispose();
  });

  it("gives a burst of changes no idle work until it ends", async () => {
    let idle = 0;
    const scheduler = new AnalysisScheduler(
      async (control) => {
        await control.yield();
      },
      (error) => assert.fail(String(error)),
      0,
      () => idle++,
    );
    scheduler.schedule();
    // Changes closer together than IDLE_AFTER_MS: each cancels the idle work the run before it armed.
    for (let change = 0; change < 5; change++) {
      await delay(IDLE_AFTER_MS / 4);
      scheduler.schedule();
    }
    assert.equal(idle, 0, "no idle work during the burst");
    while (idle < 1) await delay(1);
    await delay(3 * IDLE_AFTER_MS);
    assert.equal(idle, 1, "idle work once, after the last run");
    scheduler.dispose();
  });

  it("reports an exception of the idle work as the run's errors are reported", async () => {
    const errors: unknown[] = [];
    const scheduler = new AnalysisScheduler(
      async () => undefined,
      (error) => errors.push(error),
      0,
      () => {
        throw new Error("idle work failed");
      },
    );
    scheduler.schedule();
    while (errors.length < 1) await delay(1);
    assert.match(String(errors[0]), /idle work failed/);
    scheduler.dispose();
  });
});

describe("the yield between pieces of work", () => {
  it("dispatches a change that arrived over a socket during a synchronous analysis before the run looks at the generation", async () => {
    // The protocol library over a real socket: it reads in the event loop's poll phase, decodes and
    // dispatches from immediates, which a timer of 0 ms after a long synchronous analysis outruns.
    const path = join(temporaryFolder("scheduler"), "socket");
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    const accepted = new Promise<Socket>((resolve) => server.once("connection", resolve));
    const client = connect(path);
    await new Promise<void>((resolve) => client.once("connect", resolve));
    const socket = await accepted;
    const connection = createMessageConnection(
      new StreamMessageReader(socket),
      new StreamMessageWriter(socket),
    );
    const stale: boolean[] = [];
    let sendDuringRun = true;
    const scheduler = new AnalysisScheduler(
      async (control) => {
        if (sendDuringRun) {
          sendDuringRun = false;
          const body = JSON.stringify({ jsonrpc: "2.0", method: "change" });
          client.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        }
        await control.yield();
        stale.push(control.isStale());
      },
      (error) => assert.fail(String(error)),
    );
    connection.onNotification("change", () => scheduler.schedule());
    connection.listen();
    try {
      scheduler.schedule();
      while (stale.length < 2) await delay(1);
      assert.deepEqual(stale, [true, false]);
    } finally {
      scheduler.dispose();
      connection.dispose();
      client.destroy();
      socket.destroy();
      server.close();
    }
  });
});
