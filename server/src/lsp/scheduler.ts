// When to analyse. An analysis that costs a few milliseconds starts as soon as the messages already
// received have been handled, so a squiggle follows a keystroke within a frame. An analysis measured
// to be slow starts at once too after a pause in typing (a lone keystroke waits for nothing), but a
// change that follows another within its expected duration waits for typing to pause that long (at
// most MAX_DEBOUNCE_MS): a synchronous analysis holds up every message behind it, and one started on
// every keystroke of a fast typist would be out of date before it finished. Every change bumps a
// generation; a run that sees the generation move on while it works throws its results away,
// because a newer run is already due.

import { milliseconds } from "./clock";

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

/** How many analyses of a folder after its first are measured before their cost may delay one. */
export const MEASURED_BEFORE_DEBOUNCE = 3;

/**
 * The costs of a folder's last analyses after its first (which parses and evaluates everything and
 * says little about the next keystroke), newest last, and what they predict for the next one.
 */
export class AnalysisCosts {
  private readonly recent: number[] = [];

  record(milliseconds: number): void {
    this.recent.push(milliseconds);
    if (this.recent.length > MEASURED_BEFORE_DEBOUNCE) this.recent.shift();
  }

  /**
   * The median of the last MEASURED_BEFORE_DEBOUNCE analyses, so that one slow run (a garbage
   * collection) does not make the next keystroke wait; 0 until that many were measured. The first
   * keystrokes after a start run while V8 is still compiling the engine's hot paths, and each of them
   * can cost ten times what the same keystroke costs later: measured by one of them, a module
   * analysed in 5 ms made the next keystroke wait 87 ms for a pause in typing.
   */
  expected(): number {
    if (this.recent.length < MEASURED_BEFORE_DEBOUNCE) return 0;
    return [...this.recent].sort((a, b) => a - b)[Math.floor(this.recent.length / 2)]!;
  }
}

/**
 * Turns of the event loop that let the protocol library handle what has arrived: it reads the input
 * in the poll phase, decodes each message from a setImmediate and dispatches it from another, each
 * queued behind ours, so that the third of our turns comes after the dispatch (a fourth is a margin). A turn costs
 * microseconds when nothing is waiting; a timer of 0 ms costs a millisecond or more, and in the turn
 * after a long synchronous analysis it fires before the input is even read.
 */
const TURNS_TO_DISPATCH = 4;

/** Calls `then` once the messages that arrived by now have been dispatched (see TURNS_TO_DISPATCH). */
function afterReceivedMessages(then: () => void): { cancel(): void } {
  let turns = 0;
  const turn = () => {
    if (++turns < TURNS_TO_DISPATCH) immediate = setImmediate(turn);
    else then();
  };
  let immediate = setImmediate(turn);
  return { cancel: () => clearImmediate(immediate) };
}

/**
 * How long the server must have been without a change after a run before `whenIdle` is called. A
 * fast typist's keystrokes come about 100 ms apart; a burst of changes sent together (a paste, an
 * undo, the benchmark's back-to-back edits) leaves no gap this long and gets no idle work.
 */
export const IDLE_AFTER_MS = 20;

export class AnalysisScheduler {
  private generation = 0;
  private timer: { cancel(): void } | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the last change arrived (milliseconds()), to tell a burst of typing from a lone change. */
  private lastChange = Number.NEGATIVE_INFINITY;

  /**
   * @param quietTime the milliseconds to wait after a change before analysing: a number, or a
   *   function asked at every change (the language server passes one derived from how long the last
   *   analyses took, through debounceFor).
   * @param whenIdle called once a run has finished and IDLE_AFTER_MS have passed without a change:
   *   work that would delay a keystroke's analysis if it came in the middle of one.
   */
  constructor(
    private readonly run: (control: RunControl) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly quietTime: number | (() => number) = 0,
    private readonly whenIdle?: () => void,
  ) {}

  /**
   * Notes a change and (re)starts the quiet period: none for a cheap analysis or after a pause as
   * long as the quiet time, else the quiet time.
   */
  schedule(): void {
    this.generation++;
    this.timer?.cancel();
    this.cancelIdle();
    const now = milliseconds();
    const sinceLastChange = now - this.lastChange;
    this.lastChange = now;
    const quiet = typeof this.quietTime === "number" ? this.quietTime : this.quietTime();
    const wait = sinceLastChange >= quiet ? 0 : quiet;
    const start = () => {
      this.timer = undefined;
      void this.start();
    };
    // Even without a quiet time, not a direct start: the changes and requests already received are
    // handled first, so a burst that arrived together is analysed once.
    if (wait > 0) {
      const timer = setTimeout(start, wait);
      this.timer = { cancel: () => clearTimeout(timer) };
    } else {
      this.timer = afterReceivedMessages(start);
    }
  }

  dispose(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.cancelIdle();
    this.generation++;
  }

  private cancelIdle(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  /** After a run that no change has overtaken: `whenIdle` once the server has been quiet long enough. */
  private afterRun(generation: number): void {
    const whenIdle = this.whenIdle;
    if (!whenIdle || generation !== this.generation) return;
    this.cancelIdle();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (generation !== this.generation) return;
      try {
        whenIdle();
      } catch (error) {
        this.onError(error);
      }
    }, IDLE_AFTER_MS);
    // A process that has nothing else to do may exit without it.
    this.idleTimer.unref?.();
  }

  private async start(): Promise<void> {
    const generation = this.generation;
    const control: RunControl = {
      isStale: () => generation !== this.generation,
      // The messages that arrived during a piece of work are dispatched before the run looks at the
      // generation again.
      yield: () => new Promise((resolve) => afterReceivedMessages(resolve)),
    };
    try {
      await this.run(control);
    } catch (error) {
      this.onError(error);
    }
    this.afterRun(generation);
  }
}
