// What the checks read during an analysis, kept so that the next analysis can reuse a profile's
// findings while everything they were drawn from is unchanged (DjangoProject.runChecksReusing), and
// the workspace-wide facts the profiles' checks share within one analysis.
import type { ProfileRun } from "./runChecks";

/** What a profile's checks, or a shared fact, read: each file's text then, and each search's result. */
export class ReadLog {
  readonly texts = new Map<string, string | undefined>();
  readonly searches = new Map<(baseName: string) => boolean, string[]>();
  /** The shared facts it used, by what each of them read. */
  readonly facts = new Set<ReadLog>();
}

/**
 * The facts about the whole workspace that the checks of every profile share during one analysis
 * (context.shared): each is computed by the first profile that asks. What each fact and each
 * profile's checks read is logged, so that a later analysis can tell whether a profile's findings
 * still hold.
 */
export class WorkspaceFacts {
  private readonly facts = new Map<object, { fact: unknown; log: ReadLog }>();
  /** The logs being written: the profile being checked, then the facts being computed for it. */
  private readonly active: ReadLog[] = [];

  get<Fact>(key: object, compute: () => Fact): Fact {
    let entry = this.facts.get(key);
    if (!entry) {
      const log = new ReadLog();
      entry = { fact: this.recording(log, compute), log };
      this.facts.set(key, entry);
    }
    this.active.at(-1)?.facts.add(entry.log);
    return entry.fact as Fact;
  }

  /** Runs `run` with what it reads (directly, not through a fact already computed) logged in `log`. */
  recording<Result>(log: ReadLog, run: () => Result): Result {
    this.active.push(log);
    try {
      return run();
    } finally {
      this.active.pop();
    }
  }

  noteRead(file: string, text: string | undefined): void {
    const log = this.active.at(-1);
    if (log && !log.texts.has(file)) log.texts.set(file, text);
  }

  noteSearch(accept: (baseName: string) => boolean, files: string[]): void {
    const log = this.active.at(-1);
    if (log && !log.searches.has(accept)) log.searches.set(accept, files);
  }
}

/** A profile's findings from an earlier analysis, with what they were drawn from. */
export interface RecordedProfileRun {
  /** The profile, the Django version and the profile's chain of modules. */
  key: string;
  log: ReadLog;
  run: ProfileRun;
}
