// The server collects V8's young generation in idle time when it is filling (server/src/lsp/
// youngGeneration.ts): the rule with a stand-in collector, and V8's own gc() and heap statistics in a
// Node child started with the server's options (SERVER_EXEC_ARGV, which expose gc()).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, it } from "node:test";
import { SERVER_EXEC_ARGV } from "../../../common/src/serverProcess";
import {
  COLLECT_WHEN_FULLER_THAN,
  exposedCollector,
  idleYoungGenerationCollection,
  type GarbageCollect,
} from "../../../server/src/lsp/youngGeneration";

describe("collecting the young generation in idle time", () => {
  it("collects only a young generation fuller than the threshold, and only the young one", () => {
    const asked: unknown[] = [];
    const collect: GarbageCollect = (options) => asked.push(options);
    let fullness = COLLECT_WHEN_FULLER_THAN / 2;
    const idle = idleYoungGenerationCollection(collect, () => fullness)!;
    idle();
    assert.deepEqual(asked, [], "a young generation with room left is not collected");
    fullness = (COLLECT_WHEN_FULLER_THAN + 1) / 2;
    idle();
    assert.deepEqual(asked, [{ type: "minor" }]);
  });

  it("does nothing in a process without gc()", () => {
    // The test runner is started without --expose-gc, like a server started by hand.
    assert.equal(exposedCollector(), undefined);
    assert.equal(idleYoungGenerationCollection(), undefined);
  });

  it("empties the young generation in a process started with the server's options", () => {
    const module = pathToFileURL(join(__dirname, "../../../server/src/lsp/youngGeneration.ts")).href;
    const script = `
      // tsx hands the TypeScript module over as CommonJS: its exports are the default export's.
      const imported = await import(${JSON.stringify(module)});
      const { exposedCollector, youngGenerationFullness, idleYoungGenerationCollection } = imported.default ?? imported;
      // Garbage by the time it is collected, as most of what an analysis allocates is.
      let made = [];
      for (let index = 0; index < 60_000; index++) made.push({ index, text: "x" + index });
      const count = made.length;
      made = undefined;
      const before = youngGenerationFullness();
      idleYoungGenerationCollection()();
      const after = youngGenerationFullness();
      process.stdout.write(JSON.stringify({ exposed: typeof exposedCollector(), before, after, count }));
    `;
    const child = spawnSync(
      process.execPath,
      [...SERVER_EXEC_ARGV, "--import", "tsx", "--input-type=module", "-e", script],
      { encoding: "utf8" },
    );
    assert.equal(child.status, 0, child.stderr);
    const result = JSON.parse(child.stdout) as { exposed: string; before: number; after: number };
    assert.equal(result.exposed, "function");
    assert.ok(
      result.before > COLLECT_WHEN_FULLER_THAN && result.before <= 1,
      `fullness after allocating: ${result.before}`,
    );
    assert.ok(result.after < result.before / 2, `fullness ${result.before} → ${result.after}`);
  });
});
