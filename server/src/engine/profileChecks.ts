// Running the checks on each evaluated production profile: what the checks see of a profile (its
// CheckContext), and the reuse of a profile's findings from the last analysis while nothing they were
// drawn from changed. Apart from DjangoProject, which evaluates the profiles, because the reuse keeps
// its own record of what each profile's checks read.
import type { CheckContext } from "../checks/context";
import type { CheckRecord } from "../checks/types";
import type { DjangoVersion } from "../django/versions";
import type { ModuleState } from "../evaluate/moduleState";
import { isDedicatedProductionModule } from "../project/profileNames";
import type { Profile } from "../project/workspace";
import type { ParsedModule } from "../python/parse";
import type { EffectiveSettings } from "../resolve/effectiveSettings";
import type { AnalysisFiles } from "./analysisFiles";
import { type CheckRun, runChecksByProfile, runProfileChecks } from "./runChecks";
import { ReadLog, type RecordedProfileRun, type WorkspaceFacts } from "./workspaceFacts";

export interface EvaluatedProfile {
  profile: Profile;
  state: ModuleState;
  settings: EffectiveSettings;
  chain: string[];
  importPath(file: string): string[] | undefined;
}

export class ProfileChecks {
  /** Each production profile's findings from the last analysis, by file and .env file (reused while they hold). */
  private profileRuns = new Map<string, RecordedProfileRun>();
  /** Earlier search results compared with today's during this analysis (see sameSearch). */
  private searchesCompared = new Map<string[], boolean>();
  /** How many profiles had their checks run, not reused (for tests and the log). */
  profilesChecked = 0;

  constructor(
    private readonly analysisFiles: AnalysisFiles,
    /** The checks to run: the registry, or a test's own list. */
    private readonly checks: readonly CheckRecord[],
    /** The parsed module of a file (DjangoProject.module). */
    private readonly module: (file: string) => ParsedModule | undefined,
  ) {}

  /** Forgets every profile's findings: nothing of the last analysis is reused. */
  clear(): void {
    this.profileRuns.clear();
  }

  /**
   * Runs the checks, answering each profile's previous findings again while nothing they were drawn
   * from changed: the profile, the Django version, its chain of modules and their texts, and every
   * file and search its checks and the shared facts they used read. A keystroke in one project's
   * settings module then re-checks only the profiles whose chain holds it.
   */
  runChecksReusing(
    evaluated: EvaluatedProfile[],
    djangoVersion: DjangoVersion,
    facts: WorkspaceFacts,
  ): CheckRun {
    const contexts = evaluated.map((entry) => this.checkContext(entry, djangoVersion, facts));
    const entries = new Map(contexts.map((context, index) => [context, evaluated[index]!]));
    const identity = (profile: Profile) => `${profile.file}\0${profile.envFile ?? ""}`;
    if (new Set(evaluated.map((entry) => identity(entry.profile))).size !== evaluated.length) {
      // Two profiles of one file and .env file (chosen twice) are checked every time.
      this.profileRuns.clear();
      this.profilesChecked += contexts.length;
      return runChecksByProfile(contexts, this.checks);
    }
    this.searchesCompared = new Map();
    const previous = this.profileRuns;
    const current = new Map<string, RecordedProfileRun>();
    const valid = new Map<ReadLog, boolean>();
    const run = runChecksByProfile(contexts, this.checks, (context) => {
      const entry = entries.get(context)!;
      const key = JSON.stringify([entry.profile, djangoVersion, entry.chain]);
      const known = previous.get(identity(entry.profile));
      if (known && known.key === key && this.stillHolds(known.log, valid)) {
        current.set(identity(entry.profile), known);
        return known.run;
      }
      this.profilesChecked++;
      const log = new ReadLog();
      // The chain's texts decide the settings the checks read.
      for (const file of [...entry.chain, ...(entry.profile.envFile ? [entry.profile.envFile] : [])])
        log.texts.set(file, this.analysisFiles.files.readFile(file));
      const profileRun = facts.recording(log, () => runProfileChecks(context, this.checks));
      current.set(identity(entry.profile), { key, log, run: profileRun });
      return profileRun;
    });
    this.profileRuns = current;
    return run;
  }

  /**
   * Whether a search finds the same files as when `files` was its result: the same array until a
   * file event, then compared once per analysis by content (a saved file changes no search).
   */
  private sameSearch(accept: (baseName: string) => boolean, files: string[]): boolean {
    const now = this.analysisFiles.workspaceFiles(accept);
    if (now === files) return true;
    let same = this.searchesCompared.get(files);
    if (same === undefined) {
      same = now.length === files.length && now.every((file, index) => file === files[index]);
      this.searchesCompared.set(files, same);
    }
    return same;
  }

  /** Whether every file a log (and the facts it used) read has the same text, and every search the same files. */
  private stillHolds(log: ReadLog, valid: Map<ReadLog, boolean>): boolean {
    const known = valid.get(log);
    if (known !== undefined) return known;
    let holds = true;
    for (const [file, text] of log.texts)
      if (this.analysisFiles.files.readFile(file) !== text) {
        holds = false;
        break;
      }
    if (holds)
      for (const [accept, files] of log.searches)
        if (!this.sameSearch(accept, files)) {
          holds = false;
          break;
        }
    if (holds) for (const fact of log.facts) if (!(holds = this.stillHolds(fact, valid))) break;
    valid.set(log, holds);
    return holds;
  }

  checkContext(entry: EvaluatedProfile, djangoVersion: DjangoVersion, facts: WorkspaceFacts): CheckContext {
    return {
      settings: entry.settings,
      djangoVersion,
      profile: entry.profile,
      profileModule: entry.state,
      source: (file) => {
        const text = this.analysisFiles.files.readFile(file);
        facts.noteRead(file, text);
        return text;
      },
      workspaceFiles: (accept) => {
        const files = this.analysisFiles.workspaceFiles(accept);
        facts.noteSearch(accept, files);
        return files;
      },
      dedicatedToProduction: isDedicatedToProduction(entry.profile),
      importPath: entry.importPath,
      chain: entry.chain,
      shared: (key, compute) => facts.get(key, compute),
      parsed: (file) => this.module(file),
    };
  }
}

/**
 * Whether a profile's module serves production only, so fixes that would break development are safe
 * in it: its name says production (`production.py`, `prod.py`, `live.py`), or the user chose it as a
 * production profile, or a deployment runs with it, unless manage.py (development's entry) defaults
 * to the same module.
 */
export function isDedicatedToProduction(profile: Profile): boolean {
  if (isDedicatedProductionModule(profile.module)) return true;
  const evidence = profile.evidence ?? [];
  const developmentUsesIt = evidence.some(
    (item) =>
      item.kind === "development" || (item.kind === "default" && /(^|[\\/])manage\.py$/.test(item.file)),
  );
  return !developmentUsesIt && evidence.some((item) => item.kind === "chosen" || item.kind === "runtime");
}
