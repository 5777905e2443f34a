// When to analyse. An analysis that costs a few milliseconds starts as soon as the messages already
// received have been handled, so a squiggle follows a keystroke within a frame. An analysis measured
// to be slow starts at once too after a pause in typing (a lone keystroke waits for nothing), but a
// change that follows another within its expected duration waits for typing to pause that long (at
// most MAX_DEBOUNCE_MS): a synchronous analysis holds up every message behind it, and one started on
// every keystroke of a fast typist would be out of date before it finished. Every change bumps a
// generation; a run that sees the generation move on while it works throws its results away,
// because a newer run is already due.
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";

/** An analysis expected to take less than this starts at once, without waiting for typing to pause. */
export const IMMEDIATE_BELOW_MS = 50;
/** The longest quiet time waited for before a slow analysis. */
export const MAX_DEBOUNCE_MS = 250;

export interface RunControl {
  /** True once a newer change has arrived: the run's results are out of date. */
  isStale(): boolean;
  /** Lets queued messages (a newer change, a request) through between two pieces of work. */
  yield(): Promise<void>;
}

/**
 * The quiet time to wait before analysing, given what the next analysis is expected to cost: none
 * when it is cheap, else the expected cost itself (typing faster than the analysis runs is
 * gathered into one run), capped at MAX_DEBOUNCE_MS.
 */
export function debounceFor(expectedMs: number): number {
  if (!(expectedMs >= IMMEDIATE_BELOW_MS)) return 0;
  return Math.min(MAX_DEBOUNCE_MS, Math.round(expectedMs));
}

export class AnalysisScheduler {
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  /** When the last change arrived (performance.now()), to tell a burst of typing from a lone change. */
  private lastChange = Number.NEGATIVE_INFINITY;

  /**
   * @param quietTime the milliseconds to wait after a change before analysing: a number, or a
   *   function asked at every change (the language server passes one derived from how long the last
   *   analyses took, through debounceFor).
   */
  constructor(
    private readonly run: (control: RunControl) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly quietTime: number | (() => number) = 0,
  ) {}

  /**
   * Notes a change and (re)starts the quiet period: none for a cheap analysis or after a pause as
   * long as the quiet time, else the quiet time.
   */
  schedule(): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    const now = performance.now();
    const sinceLastChange = now - this.lastChange;
    this.lastChange = now;
    const quiet = typeof this.quietTime === "number" ? this.quietTime : this.quietTime();
    const wait = sinceLastChange >= quiet ? 0 : quiet;
    // Even without a quiet time, a timer rather than a direct start: the changes and requests already
    // received are handled first (the protocol library dispatches each from its own setImmediate),
    // so a burst that arrived together is analysed once.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.start();
    }, wait);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.generation++;
  }

  private async start(): Promise<void> {
    const generation = this.generation;
    const control: RunControl = {
      isStale: () => generation !== this.generation,
      // A timer rather than setImmediate: the protocol library dispatches each received message from
      // its own setImmediate, which must get its turn before the run looks at the generation again.
      yield: async () => {
        await delay(0);
      },
    };
    try {
      await this.run(control);
    } catch (error) {
      this.onError(error);
    }
  }
}
