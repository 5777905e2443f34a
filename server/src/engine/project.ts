// The engine: finds the profiles of a workspace, evaluates their modules (following the imports
// between settings modules), runs the checks and merges their findings into the one result that the
// language server, hover and the CLI all render.
import { resolve } from "node:path";
import { ALL_CHECKS } from "../checks/index";
import type { CheckContext } from "../checks/context";
import type { CheckRecord, Finding } from "../checks/types";
import { type DjangoVersion, NEWEST_LTS } from "../django/versions";
import type { Environment } from "../evaluate/expressions";
import type { ModuleState } from "../evaluate/moduleState";
import { detectDjangoVersion, type DetectedDjangoVersion } from "../project/djangoVersion";
import { parseDotenv } from "../project/dotenv";
import { sitePackagesFolders } from "../project/virtualEnvironment";
import type { ProfileDiscovery } from "../project/discovery";
import { discoverProfiles } from "../project/profiles";
import { type FileSystemHost, MAX_FILE_SIZE, type Profile } from "../project/workspace";
import { parseModule, type ParsedModule } from "../python/parse";
import { type EffectiveSetting, EffectiveSettings } from "../resolve/effectiveSettings";
import { type CachedState, ModuleLoader } from "../resolve/moduleLoader";
import type { AnalysisOptions, AnalysisResult } from "./analysis";
import { AnalysisFiles, type ModuleSource } from "./analysisFiles";
import { DiscoveryCache } from "./discoveryCache";
import { markHandledByInfrastructure } from "./handledByInfrastructure";
import { mergeFindings } from "./mergeFindings";
import { type EvaluatedProfile, ProfileChecks } from "./profileChecks";
import { WorkspaceFacts } from "./workspaceFacts";
import { syntaxErrorFindings, type UnreadableModule, unreadableModuleFindings } from "./syntaxFindings";

export interface SettingReport {
  profile: Profile;
  /** The profile's module and every module it imports. */
  chain: string[];
  setting: EffectiveSetting;
  djangoVersion: DjangoVersion;
}

export class DjangoProject {
  private readonly parseCache = new Map<string, ParsedModule>();
  /** Evaluated modules by environment key and file, so editing production.py does not re-evaluate base.py. */
  readonly stateCache = new Map<string, CachedState>();
  private readonly discovery: DiscoveryCache;
  /** The modules this analysis needed but could not read, and the profile being evaluated. */
  private unreadable = new Map<string, UnreadableModule>();
  private evaluating: Profile | undefined;
  private readonly analysisFiles: AnalysisFiles;
  /** The host as the engine reads it: through the analysis' snapshot when there is one. */
  private readonly files: FileSystemHost & ModuleSource;
  /** The version read from the dependency files; null when none was found. */
  private detectedVersion: DetectedDjangoVersion | null | undefined;

  /** The site-packages folders of the project's virtual environment (found once until files change). */
  private sitePackages: string[] | undefined;
  private readonly profileChecks: ProfileChecks;
  /** The last analysis that completed, answered again when a later one fails as a whole. */
  private lastGood: AnalysisResult | undefined;

  constructor(
    private readonly roots: readonly string[],
    private readonly host: FileSystemHost & ModuleSource,
    private options: AnalysisOptions = {},
    /** The checks to run: the registry, or a test's own list. */
    checks: readonly CheckRecord[] = ALL_CHECKS,
  ) {
    this.analysisFiles = new AnalysisFiles(roots, host, () => this.options.exclude);
    this.files = this.analysisFiles.files;
    this.discovery = new DiscoveryCache(roots, host, this.files);
    this.profileChecks = new ProfileChecks(this.analysisFiles, checks, (file) => this.module(file));
  }

  /** How many times the workspace was scanned and its profiles discovered (for tests and the log). */
  get discoveryRuns(): number {
    return this.discovery.discoveryRuns;
  }

  /** How many profiles had their checks run, not reused (for tests and the log). */
  get profilesChecked(): number {
    return this.profileChecks.profilesChecked;
  }

  setOptions(options: AnalysisOptions): void {
    if (
      options.pythonPath !== this.options.pythonPath ||
      JSON.stringify(options.exclude ?? []) !== JSON.stringify(this.options.exclude ?? [])
    )
      this.invalidate();
    // Options decide what is checked and how (the Django version, the profiles, the .env file).
    if (JSON.stringify(options) !== JSON.stringify(this.options)) this.profileChecks.clear();
    this.options = options;
  }

  /**
   * Forget what was found on disk (after files were created, deleted or changed outside the editor).
   * `contentOnly`: `file` existed before the event and still does, and only its text may differ (a
   * save: the watcher's Changed event). Which files exist is then the same, so the walks and searches
   * of the workspace, the virtual environment and the evaluated states of modules are kept: a state
   * is reused only while its module's parse and its dependencies' states are the same objects, and
   * the file's parse is dropped here. In a monorepo of 200 projects a save used to evaluate every
   * module and walk the workspace again.
   */
  invalidate(file?: string, contentOnly = false): void {
    if (file) this.parseCache.delete(file);
    else this.parseCache.clear();
    this.discovery.invalidate(file, contentOnly && file !== undefined);
    this.detectedVersion = undefined;
    if (!file || !contentOnly) {
      // Which modules exist may have changed, and with it what every import resolves to.
      this.stateCache.clear();
      this.sitePackages = undefined;
      this.analysisFiles.invalidate();
    }
    // A profile's findings are kept through a file event: they are reused only while every file and
    // search they were drawn from (compared by content now) and the profile's chain are the same.
    if (!file) this.profileChecks.clear();
  }

  /** What the walks of the workspace did not read (skipped folders past a budget, oversized files). */
  private unreadMessages(): string[] {
    return this.roots.flatMap((root) => this.host.unread?.(root) ?? []);
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
    const cached = this.discovery.cachedDiscovery();
    const key = JSON.stringify([chosen ?? null, this.options.profilesSource ?? null]);
    if (cached.discovery?.key !== key) {
      const recording = this.discovery.recordingHost(cached.read);
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
          this.discovery.getLayout(),
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
    this.analysisFiles.startSnapshot();
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
      this.analysisFiles.endSnapshot();
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
    const run = this.profileChecks.runChecksReusing(evaluated, djangoVersion, facts);
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
      this.profileChecks.checkContext(entry, version, facts),
    );
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
