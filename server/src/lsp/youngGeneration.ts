// Collecting V8's young generation while the user is not typing, instead of in the middle of a
// keystroke's analysis.
//
// A keystroke's analysis of a 1,000-line module allocates about 3 MB, and most of what the previous
// keystroke's analysis built is still alive when the next collection comes: a collection of the
// young generation (a scavenge) copies it, about 1.2 MB, which took 5–7 ms on the benchmark's
// machine. V8 starts one when the young generation is 80 % full, as a task that runs at the next turn
// of the event loop: after every fourth keystroke or so, between the analysis and its diagnostics.
// Collected while the server is idle instead, the young generation never fills during an analysis
// typed at a human pace. A burst of changes leaves no idle time, and V8 collects as it always did.
//
// This needs Node's --expose-gc (SERVER_EXEC_ARGV); a server started without it does nothing here.
import { getHeapSpaceStatistics } from "node:v8";

/**
 * Collect when the young generation is at least this full. Two keystrokes of a 1,000-line module
 * (6 MB of a 16 MB semi-space) pass it, so that with the third the space is far from V8's own 80 %:
 * collecting after every keystroke would copy the live results each time for nothing.
 */
export const COLLECT_WHEN_FULLER_THAN = 0.3;

/** V8's gc() as --expose-gc defines it, with the option of a young-generation collection only. */
export type GarbageCollect = (options: { type: "minor" | "major"; execution?: "sync" | "async" }) => void;

/** The gc() that --expose-gc defines, or undefined without the option. */
export function exposedCollector(): GarbageCollect | undefined {
  const gc = (globalThis as { gc?: unknown }).gc;
  return typeof gc === "function" ? (gc as GarbageCollect) : undefined;
}

/**
 * How full the young generation is, from 0 to 1 (V8's "new_space"; 0 when V8 does not say): what is
 * used of what may be allocated before a collection. (Its space_size counts both semi-spaces, of which
 * only one is allocated in.)
 */
export function youngGenerationFullness(): number {
  for (const space of getHeapSpaceStatistics())
    if (space.space_name === "new_space") {
      const capacity = space.space_used_size + space.space_available_size;
      return capacity > 0 ? space.space_used_size / capacity : 0;
    }
  return 0;
}

/**
 * A function that collects the young generation when it is fuller than COLLECT_WHEN_FULLER_THAN, for
 * the scheduler's idle time; undefined without a collector.
 */
export function idleYoungGenerationCollection(
  collect: GarbageCollect | undefined = exposedCollector(),
  fullness: () => number = youngGenerationFullness,
): (() => void) | undefined {
  if (!collect) return undefined;
  return () => {
    if (fullness() > COLLECT_WHEN_FULLER_THAN) collect({ type: "minor" });
  };
}
