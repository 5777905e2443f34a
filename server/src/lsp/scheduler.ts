// When to analyse: a burst of changes (keystrokes, saved files, settings) is followed by one analysis
// once it has been quiet for a moment. Every change bumps a generation; a run that sees the
// generation move on while it works throws its results away, because a newer run is already due.
import { setTimeout as delay } from "node:timers/promises";

/** Quiet time after the last change before analysing. */
export const DEBOUNCE_MS = 150;

export interface RunControl {
  /** True once a newer change has arrived: the run's results are out of date. */
  isStale(): boolean;
  /** Lets queued messages (a newer change, a request) through between two pieces of work. */
  yield(): Promise<void>;
}

export class AnalysisScheduler {
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: (control: RunControl) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly delay = DEBOUNCE_MS,
  ) {}

  /** Notes a change and (re)starts the quiet period. */
  schedule(): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.start();
    }, this.delay);
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
