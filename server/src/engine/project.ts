// The engine: finds the profiles of a workspace, evaluates their modules (following the imports
// between settings modules), runs the checks and merges their findings into the one result that the
// language server, hover and the CLI all render.
import { basename, resolve } from "node:path";
import { ALL_CHECKS } from "../checks/index";
import type { CheckContext } from "../checks/context";
import type { CheckRecord, Finding } from "../checks/types";
import { type DjangoVersion, NEWEST_LTS } from "../django/versions";
import type { Environment } from "../evaluate/expressions";
import type { ModuleState } from "../evaluate/moduleState";
import { detectDjangoVersion, type DetectedDjangoVersion } from "../project/djangoVersion";
import { parseDotenv } from "../project/dotenv";
import { exclusionMatcher } from "../project/exclusions";
import { sitePackagesFolders } from "../project/virtualEnvironment";
import type { ProfileDiscovery } from "../project/discovery";
import {
  discoverProfiles,
  discoveryFingerprint,
  isDedicatedProductionModule,
  isScannedFileName,
  scanWorkspace,
  type WorkspaceLayout,
} from "../project/profiles";
import { type FileSystemHost, MAX_FILE_SIZE, type Profile } from "../project/workspace";
import { parseModule, type ParsedModule } from "../python/parse";
import { type EffectiveSetting, EffectiveSettings } from "../resolve/effectiveSettings";
import { type CachedState, ModuleLoader } from "../resolve/moduleLoader";
import type { AnalysisOptions, AnalysisResult } from "./analysis";
import { markHandledByInfrastructure } from "./handledByInfrastructure";
import { mergeFindings } from "./mergeFindings";
import { type CheckRun, runChecksByProfile, runProfileChecks } from "./runChecks";
import { ReadLog, type RecordedProfileRun, WorkspaceFacts } from "./workspaceFacts";
import { syntaxErrorFindings, type UnreadableModule, unreadableModuleFindings } from "./syntaxFindings";

interface EvaluatedProfile {
  profile: Profile;
  state: ModuleState;
  settings: EffectiveSettings;
  chain: string[];
  importPath(file: string): string[] | undefined;
}

export interface SettingReport {
  profile: Profile;
  /** The profile's module and every module it imports. */
  chain: string[];
  setting: EffectiveSetting;
  djangoVersion: DjangoVersion;
}

export interface ModuleSource {
  /** A parsed module for `file` when the caller keeps one (an open document), else undefined. */
  parsed?(file: string): ParsedModule | undefined;
  /**
   * The files whose text the caller holds (open documents), which change without a file event. The
   * discovery's cached result is checked against what these files now say on every analysis.
   */
  openFiles?(): Iterable<string>;
}

/**
 * The discovery of a workspace (its layout and profiles), kept until a file it depends on changes: a
 * monorepo of 2,000 projects takes seconds to discover, and the editor analyses on every keystroke.
 */
interface RecordedRead {
  existsOnly: boolean;
  fingerprint: string | undefined;
}

interface CachedDiscovery {
  layout: WorkspaceLayout;
  discovery?: { key: string; result: ProfileDiscovery };
  /**
   * Each file the scan and the discovery read, with what they drew from it (discoveryFingerprint),
   * or only whether it exists when that is all they asked.
   */
  read: Map<string, RecordedRead>;
  /** The files open when it was made: their text may since have become the disk's again. */
  openThen: Set<string>;
}

export class DjangoProject {
  private readonly parseCache = new Map<string, ParsedModule>();
  /** Evaluated modules by environment key and file, so editing production.py does not re-evaluate base.py. */
  readonly stateCache = new Map<string, CachedState>();
  private discovered: CachedDiscovery | undefined;
  /** The modules this analysis needed but could not read, and the profile being evaluated. */
  private unreadable = new Map<string, UnreadableModule>();
  private evaluating: Profile | undefined;
  /** How many times the workspace was scanned and its profiles discovered (for tests and the log). */
  discoveryRuns = 0;
  /**
   * During one analysis each file is read once (undefined outside an analysis): the checks of every
   * profile read the workspace's deployment files, and a monorepo has thousands of profiles.
   */
  private snapshot: { texts: Map<string, string | undefined>; exists: Map<string, boolean> } | undefined;
  /** The host as the engine reads it: through the analysis' snapshot when there is one. */
  private readonly files: FileSystemHost & ModuleSource;
  private readonly fileSearches = new Map<(baseName: string) => boolean, string[]>();
  /** Every file below each workspace folder (the one walk the searches filter). */
  private readonly allFiles = new Map<string, { files: string[]; names: string[] }>();
  /** The version read from the dependency files; null when none was found. */
  private detectedVersion: DetectedDjangoVersion | null | undefined;

  /** The site-packages folders of the project's virtual environment (found once until files change). */
  private sitePackages: string[] | undefined;
  /** Each production profile's findings from the last analysis, by file and .env file (reused while they hold). */
  private profileRuns = new Map<string, RecordedProfileRun>();
  /** Earlier search results compared with today's during this analysis (see sameSearch). */
  private searchesCompared = new Map<string[], boolean>();
  /** How many profiles had their checks run, not reused (for tests and the log). */
  profilesChecked = 0;
  /** The last analysis that completed, answered again when a later one fails as a whole. */
  private lastGood: AnalysisResult | undefined;

  constructor(
    private readonly roots: readonly string[],
    private readonly host: FileSystemHost & ModuleSource,
    private options: AnalysisOptions = {},
    /** The checks to run: the registry, or a test's own list. */
    private readonly checks: readonly CheckRecord[] = ALL_CHECKS,
  ) {
    this.files = {
      readFile: (path) => {
        const snapshot = this.snapshot;
        if (!snapshot) return this.host.readFile(path);
        if (snapshot.texts.has(path)) return snapshot.texts.get(path);
        const text = this.host.readFile(path);
        snapshot.texts.set(path, text);
        return text;
      },
      exists: (path) => {
        const snapshot = this.snapshot;
        const exists = () =>
          this.host.exists ? this.host.exists(path) : this.files.readFile(path) !== undefined;
        if (!snapshot) return exists();
        let known = snapshot.exists.get(path);
        if (known === undefined) snapshot.exists.set(path, (known = exists()));
        return known;
      },
      findFiles: (root, accept) => {
        // A workspace folder is walked once for every file name (each search filters that walk):
        // the scan and the checks search it with a dozen filters.
        const excluded = exclusionMatcher(this.options.exclude);
        if (!this.roots.includes(root)) return this.host.findFiles(root, accept, excluded);
        let all = this.allFiles.get(root);
        if (!all) {
          const files = this.host.findFiles(root, () => true, excluded);
          // Each file's base name once, not once per search (a monorepo's walk finds 250,000 files).
          this.allFiles.set(root, (all = { files, names: files.map((file) => basename(file)) }));
        }
        const { files, names } = all;
        return files.filter((_, index) => accept(names[index]!));
      },
      ...(this.host.unread ? { unread: (root: string) => this.host.unread!(root) } : {}),
      parsed: (path) => this.host.parsed?.(path),
      readProblem: (path) => this.host.readProblem?.(path),
    };
  }

  setOptions(options: AnalysisOptions): void {
    if (
      options.pythonPath !== this.options.pythonPath ||
      JSON.stringify(options.exclude ?? []) !== JSON.stringify(this.options.exclude ?? [])
    )
      this.invalidate();
    // Options decide what is checked and how (the Django version, the profiles, the .env file).
    if (JSON.stringify(options) !== JSON.stringify(this.options)) this.profileRuns.clear();
    this.options = options;
  }

  /** Forget what was found on disk (after files were created, deleted or changed outside the editor). */
  invalidate(file?: string): void {
    if (file) this.parseCache.delete(file);
    else this.parseCache.clear();
    // Which modules exist may have changed, and with it what every import resolves to.
    this.stateCache.clear();
    if (!file || this.discoveryDependsOn(file)) this.discovered = undefined;
    this.sitePackages = undefined;
    this.detectedVersion = undefined;
    this.fileSearches.clear();
    this.allFiles.clear();
    // A profile's findings are kept through a file event: they are reused only while every file and
    // search they were drawn from (compared by content now) and the profile's chain are the same.
    if (!file) this.profileRuns.clear();
  }

  /**
   * Whether a file event at `file` may change the discovery: what the discovery drew from a file it
   * read changed (a saved settings module whose star imports stayed the same keeps it; a deleted one
   * does not), or the file is one the scan looks for, a Python module or a folder (created or
   * deleted, it changes which modules exist). Anything else (a template, a README) keeps it.
   */
  private discoveryDependsOn(file: string): boolean {
    if (!this.discovered) return true;
    const recorded = this.discovered.read.get(file);
    if (recorded) return this.fingerprint(file, recorded.existsOnly) !== recorded.fingerprint;
    const name = basename(file);
    return name.endsWith(".py") || !/\.[A-Za-z0-9]+$/.test(name) || isScannedFileName(name);
  }

  /**
   * The cached discovery, dropped when an open document it read now says something else to it (a
   * keystroke in a settings module's body changes no star import, so it keeps the discovery).
   */
  private cachedDiscovery(): CachedDiscovery {
    const cached = this.discovered;
    if (cached) {
      // Only the files open now or then are looked up: a monorepo's discovery read thousands.
      for (const file of new Set([...(this.host.openFiles?.() ?? []), ...cached.openThen])) {
        const recorded = cached.read.get(file);
        if (recorded && this.fingerprint(file, recorded.existsOnly) !== recorded.fingerprint) {
          this.discovered = undefined;
          break;
        }
      }
    }
    if (!this.discovered) {
      this.discoveryRuns++;
      const read = new Map<string, RecordedRead>();
      const recording = this.recordingHost(read);
      const layout = scanWorkspace(this.roots, recording);
      this.discovered = { layout, read, openThen: new Set(this.host.openFiles?.() ?? []) };
    }
    return this.discovered;
  }

  /** The engine's host, noting each file read (with what discovery draws from it) in `read`. */
  private recordingHost(read: Map<string, RecordedRead>): FileSystemHost & ModuleSource {
    const note = (path: string, existsOnly = false) => {
      const known = read.get(path);
      if (known && (existsOnly || !known.existsOnly)) return;
      read.set(path, { existsOnly, fingerprint: this.fingerprint(path, existsOnly) });
    };
    return {
      ...this.files,
      readFile: (path) => {
        note(path);
        return this.files.readFile(path);
      },
      exists: (path) => {
        note(path, true);
        return this.files.exists!(path);
      },
      parsed: (path) => {
        note(path);
        return this.files.parsed?.(path);
      },
    };
  }

  /** What discovery draws from a file: its fingerprint, or only whether it exists. */
  private fingerprint(file: string, existsOnly: boolean): string | undefined {
    return existsOnly ? String(this.files.exists!(file)) : discoveryFingerprint(file, this.files);
  }

  /** What the walks of the workspace did not read (skipped folders past a budget, oversized files). */
  private unreadMessages(): string[] {
    return this.roots.flatMap((root) => this.host.unread?.(root) ?? []);
  }

  private getLayout(): WorkspaceLayout {
    return (this.discovered ?? this.cachedDiscovery()).layout;
  }

  /** The parsed module of a file, from the caller's open documents or from disk (cached by text). */
  module(file: string): ParsedModule | undefined {
    const open = this.files.parsed?.(file);
    if (open) return open;
    const text = this.files.readFile(file);
    if (text === undefined || text.length > MAX_FILE_SIZE) {
      this.noteUnreadable(file, text);
      return undefined;
    }
    const cached = this.parseCache.get(file);
    if (cached && cached.text === text) return cached;
    const parsed = parseModule(text);
    this.parseCache.set(file, parsed);
    return parsed;
  }

  /** Records why a module that exists could not be read, for the profile being evaluated. */
  private noteUnreadable(file: string, text: string | undefined): void {
    const profile = this.evaluating;
    if (!profile) return;
    const reason =
      text !== undefined
        ? `it is larger than ${MAX_FILE_SIZE / 1024 / 1024} MB`
        : (this.files.readProblem?.(file) ?? (this.files.exists!(file) ? "it is not UTF-8 text" : undefined));
    if (!reason) return;
    let known = this.unreadable.get(file);
    if (!known) this.unreadable.set(file, (known = { reason, profiles: [] }));
    if (!known.profiles.some((other) => other.file === profile.file)) known.profiles.push(profile);
  }

  profiles(): ProfileDiscovery {
    const chosen = this.options.profiles?.map((profile) => {
      const entry = typeof profile === "string" ? { settings: profile } : profile;
      return entry.envFile ? { ...entry, envFile: resolve(this.roots[0] ?? "/", entry.envFile) } : entry;
    });
    const cached = this.cachedDiscovery();
    const key = JSON.stringify([chosen ?? null, this.options.profilesSource ?? null]);
    if (cached.discovery?.key !== key) {
      const recording = this.recordingHost(cached.read);
      const result = discoverProfiles(cached.layout, recording, chosen, this.options.profilesSource);
      result.messages.unshift(...this.unreadMessages());
      cached.discovery = { key, result };
    }
    // The cached result is shared by every analysis: each gets its own profiles and messages to change.
    const shared = cached.discovery.result;
    const discovered: ProfileDiscovery = {
      profiles: shared.profiles.map((profile) => ({ ...profile })),
      rejected: shared.rejected,
      messages: [...shared.messages],
    };
    const envFile = this.options.envFile;
    if (envFile) {
      for (const profile of discovered.profiles) {
        if (profile.kind === "production" && !profile.envFile)
          profile.envFile = resolve(this.roots[0] ?? "/", envFile);
      }
    }
    return discovered;
  }

  /** Each production profile's evaluated module, effective settings and chain of files. */
  private evaluateProfiles(messages: string[], profiles: Profile[]): EvaluatedProfile[] {
    const { version: djangoVersion } = this.djangoVersion();
    const evaluations = new Map<string, ModuleLoader>();
    const evaluated: EvaluatedProfile[] = [];
    for (const profile of profiles) {
      if (profile.kind !== "production") continue;
      // The environment's text is part of the key: cached states are only valid under the same variables.
      const key = profile.envFile ? `${profile.envFile}\0${this.files.readFile(profile.envFile) ?? ""}` : "";
      let evaluation = evaluations.get(key);
      if (!evaluation) {
        const environment = profile.envFile ? this.environment(profile.envFile, messages) : undefined;
        this.sitePackages ??= sitePackagesFolders(this.roots, this.files, this.options.pythonPath);
        evaluation = new ModuleLoader(
          this,
          this.getLayout(),
          this.files,
          messages,
          environment,
          key,
          this.sitePackages,
        );
        evaluations.set(key, evaluation);
      }
      this.evaluating = profile;
      let state: ModuleState | undefined;
      try {
        state = evaluation.evaluate(profile.file);
      } finally {
        this.evaluating = undefined;
      }
      if (!state) {
        messages.push(
          `The settings module ${profile.module} (${profile.file}) cannot be read: it is not UTF-8 text, or it is larger than ${MAX_FILE_SIZE / 1024 / 1024} MB.`,
        );
        continue;
      }
      evaluated.push({
        profile,
        state,
        settings: new EffectiveSettings(profile, state, djangoVersion),
        chain: evaluation.chain(profile.file),
        importPath: (file) => evaluation!.importPath(profile.file, file),
      });
    }
    return evaluated;
  }

  /**
   * Files of the workspace that pass `accept`, searched once per filter until files change
   * (`invalidate`): checks that read deployment files call this for every profile and analysis.
   */
  private workspaceFiles(accept: (baseName: string) => boolean): string[] {
    let files = this.fileSearches.get(accept);
    if (!files) {
      files = this.roots.flatMap((root) => this.files.findFiles(root, accept));
      this.fileSearches.set(accept, files);
    }
    return files;
  }

  /** The Django version checked against: the user's, else the project's dependency files', else the newest LTS. */
  djangoVersion(): { version: DjangoVersion; source?: string } {
    if (this.options.djangoVersion)
      return { version: this.options.djangoVersion, source: "chosen by the user" };
    if (this.detectedVersion === undefined)
      this.detectedVersion = detectDjangoVersion(this.roots, this.files) ?? null;
    return this.detectedVersion ?? { version: NEWEST_LTS };
  }

  /**
   * The whole analysis. A check that throws is isolated by runChecks; anything else that throws (the
   * evaluator, a reader of project files) makes this analysis fail as a whole, and the last good
   * result is answered again with the error, so the editor keeps its diagnostics.
   */
  analyze(): AnalysisResult {
    this.snapshot = { texts: new Map(), exists: new Map() };
    this.unreadable = new Map();
    try {
      this.lastGood = this.analyzeUnguarded();
      return this.lastGood;
    } catch (error) {
      const internal = {
        check: "engine",
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
      };
      const { version } = this.safeDjangoVersion();
      const previous: AnalysisResult = this.lastGood ?? {
        findings: [],
        profiles: [],
        rejected: [],
        chains: {},
        messages: [],
        coverage: [],
        internalErrors: [],
        djangoVersion: version,
        djangoVersionAssumed: true,
      };
      return { ...previous, internalErrors: [...previous.internalErrors, internal] };
    } finally {
      this.snapshot = undefined;
    }
  }

  private safeDjangoVersion(): { version: DjangoVersion } {
    try {
      return this.djangoVersion();
    } catch {
      return { version: this.options.djangoVersion ?? NEWEST_LTS };
    }
  }

  private analyzeUnguarded(): AnalysisResult {
    const { version: djangoVersion, source: djangoVersionSource } = this.djangoVersion();
    const { profiles, messages, rejected } = this.profiles();
    if (!djangoVersionSource) {
      messages.push(
        `No Django version was found in the project's dependency files; checking against Django ${djangoVersion}, the newest LTS release (set djangoDeploy.djangoVersion or --django-version to choose).`,
      );
    }
    const evaluated = this.evaluateProfiles(messages, profiles);
    const chains: Record<string, string[]> = {};
    for (const { profile, chain } of evaluated) chains[profile.module] = chain;
    // The workspace-wide facts the checks share (entry modules, deployment files) are worked out once.
    const facts = new WorkspaceFacts();
    const run = this.runChecksReusing(evaluated, djangoVersion, facts);
    const findings: Finding[] = [
      ...syntaxErrorFindings(evaluated, (file) => this.module(file)),
      ...unreadableModuleFindings(this.unreadable),
      ...markHandledByInfrastructure(mergeFindings(run.findings), this.options.handledByInfrastructure),
    ];
    return {
      findings,
      profiles,
      rejected,
      chains,
      messages,
      coverage: run.coverage,
      internalErrors: run.internalErrors,
      djangoVersion,
      djangoVersionSource,
      djangoVersionAssumed: djangoVersionSource === undefined,
    };
  }

  /** What the checks see of each production profile (for meta-tests of the checks, too). */
  checkContexts(): CheckContext[] {
    const { version } = this.djangoVersion();
    const facts = new WorkspaceFacts();
    return this.evaluateProfiles([], this.profiles().profiles).map((entry) =>
      this.checkContext(entry, version, facts),
    );
  }

  /**
   * Runs the checks, answering each profile's previous findings again while nothing they were drawn
   * from changed: the profile, the Django version, its chain of modules and their texts, and every
   * file and search its checks and the shared facts they used read. A keystroke in one project's
   * settings module then re-checks only the profiles whose chain holds it.
   */
  private runChecksReusing(
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
        log.texts.set(file, this.files.readFile(file));
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
    const now = this.workspaceFiles(accept);
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
      if (this.files.readFile(file) !== text) {
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

  private checkContext(
    entry: EvaluatedProfile,
    djangoVersion: DjangoVersion,
    facts: WorkspaceFacts,
  ): CheckContext {
    return {
      settings: entry.settings,
      djangoVersion,
      profile: entry.profile,
      profileModule: entry.state,
      source: (file) => {
        const text = this.files.readFile(file);
        facts.noteRead(file, text);
        return text;
      },
      workspaceFiles: (accept) => {
        const files = this.workspaceFiles(accept);
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

  /** Each production profile's chain of modules (its own file first). */
  chains(): Record<string, string[]> {
    const chains: Record<string, string[]> = {};
    for (const { profile, chain } of this.evaluateProfiles([], this.profiles().profiles))
      chains[profile.module] = chain;
    return chains;
  }

  /**
   * A profile's module evaluated with its imports followed, under the profile's environment (for
   * actions such as "Silence", which must see what the module inherits).
   */
  evaluateProfile(profile: Profile): ModuleState | undefined {
    return this.evaluateProfiles([], [{ ...profile, kind: "production" }])[0]?.state;
  }

  /**
   * What a setting is in each production profile whose chain of modules contains `file` (for hover):
   * the effective value, the binding that decided it, the chain and Django's default.
   */
  settingReport(file: string, name: string): SettingReport[] {
    const { profiles } = this.profiles();
    const reports: SettingReport[] = [];
    for (const { profile, settings, chain } of this.evaluateProfiles([], profiles)) {
      if (!chain.includes(file)) continue;
      reports.push({ profile, chain, setting: settings.get(name), djangoVersion: settings.djangoVersion });
    }
    return reports;
  }

  /** The variables a profile's `.env` file sets; problems go to the messages. */
  private environment(file: string, messages: string[]): Environment {
    const text = this.files.readFile(file);
    if (text === undefined) {
      messages.push(`The .env file ${file} cannot be read; its variables are taken as unset.`);
      return new Map();
    }
    const parsed = parseDotenv(text);
    for (const error of parsed.errors) messages.push(`${file}:${error.line + 1}: ${error.message}.`);
    return new Map(
      [...parsed.entries].map(([name, entry]) => [name, { value: entry.value, file, line: entry.line }]),
    );
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
