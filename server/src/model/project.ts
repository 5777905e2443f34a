// The engine: finds the profiles of a workspace, evaluates their modules (following the imports
// between settings modules), runs the checks and returns the findings. Used by the language server
// and the CLI alike.
import { resolve } from "node:path";
import { runChecks } from "../checks/run";
import { type DjangoVersion, NEWEST_LTS, type Finding } from "../checks/types";
import { parseModule, type ParsedModule } from "../python/parse";
import { type EffectiveSetting, EffectiveSettings } from "./effective";
import { evaluateModule, type ImportResolver } from "./evaluate";
import type { ModuleState, RuntimeValue } from "./moduleState";
import { resolveModule, resolveRelativeModule } from "./modules";
import {
  discoverProfiles,
  isDedicatedProductionModule,
  scanWorkspace,
  type WorkspaceLayout,
} from "./profiles";
import { detectDjangoVersion, type DetectedDjangoVersion } from "./djangoVersion";
import { parseDotenv } from "./dotenv";
import type { Environment } from "./expressions";
import { unknown, type UnknownValue } from "./values";
import type { AnalysisOptions, AnalysisResult, FileSystemHost, Profile } from "./workspace";

/** Files above this size are not analysed: no settings module is that large. */
export const MAX_FILE_SIZE = 10 * 1024 * 1024;

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
}

/** An evaluated module kept between analyses: valid while its text and its imports' states are the same. */
interface CachedState {
  parsed: ParsedModule;
  state: ModuleState;
  dependencies: Map<string, ModuleState>;
}

export class DjangoProject {
  private readonly parseCache = new Map<string, ParsedModule>();
  /** Evaluated modules by environment key and file, so editing production.py does not re-evaluate base.py. */
  readonly stateCache = new Map<string, CachedState>();
  private layout: WorkspaceLayout | undefined;
  private readonly fileSearches = new Map<(baseName: string) => boolean, string[]>();
  /** The version read from the dependency files; null when none was found. */
  private detectedVersion: DetectedDjangoVersion | null | undefined;

  constructor(
    private readonly roots: readonly string[],
    private readonly host: FileSystemHost & ModuleSource,
    private options: AnalysisOptions = {},
  ) {}

  setOptions(options: AnalysisOptions): void {
    this.options = options;
  }

  /** Forget what was found on disk (after files were created, deleted or changed outside the editor). */
  invalidate(file?: string): void {
    if (file) this.parseCache.delete(file);
    else this.parseCache.clear();
    // Which modules exist may have changed, and with it what every import resolves to.
    this.stateCache.clear();
    this.layout = undefined;
    this.detectedVersion = undefined;
    this.fileSearches.clear();
  }

  private getLayout(): WorkspaceLayout {
    this.layout ??= scanWorkspace(this.roots, this.host);
    return this.layout;
  }

  /** The parsed module of a file, from the caller's open documents or from disk (cached by text). */
  module(file: string): ParsedModule | undefined {
    const open = this.host.parsed?.(file);
    if (open) return open;
    const text = this.host.readFile(file);
    if (text === undefined || text.length > MAX_FILE_SIZE) return undefined;
    const cached = this.parseCache.get(file);
    if (cached && cached.text === text) return cached;
    const parsed = parseModule(text);
    this.parseCache.set(file, parsed);
    return parsed;
  }

  profiles(): { profiles: Profile[]; messages: string[] } {
    const chosen = this.options.profiles?.map((profile) => {
      const entry = typeof profile === "string" ? { settings: profile } : profile;
      return entry.envFile ? { ...entry, envFile: resolve(this.roots[0] ?? "/", entry.envFile) } : entry;
    });
    const discovered = discoverProfiles(this.getLayout(), this.host, chosen, this.options.profilesSource);
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
    const evaluations = new Map<string, Evaluation>();
    const evaluated: EvaluatedProfile[] = [];
    for (const profile of profiles) {
      if (profile.kind !== "production") continue;
      // The environment's text is part of the key: cached states are only valid under the same variables.
      const key = profile.envFile ? `${profile.envFile}\0${this.host.readFile(profile.envFile) ?? ""}` : "";
      let evaluation = evaluations.get(key);
      if (!evaluation) {
        const environment = profile.envFile ? this.environment(profile.envFile, messages) : undefined;
        evaluation = new Evaluation(this, this.getLayout(), this.host, messages, environment, key);
        evaluations.set(key, evaluation);
      }
      const state = evaluation.evaluate(profile.file);
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
      files = this.roots.flatMap((root) => this.host.findFiles(root, accept));
      this.fileSearches.set(accept, files);
    }
    return files;
  }

  /** The Django version checked against: the user's, else the project's dependency files', else the newest LTS. */
  djangoVersion(): { version: DjangoVersion; source?: string } {
    if (this.options.djangoVersion)
      return { version: this.options.djangoVersion, source: "chosen by the user" };
    if (this.detectedVersion === undefined)
      this.detectedVersion = detectDjangoVersion(this.roots, this.host) ?? null;
    return this.detectedVersion ?? { version: NEWEST_LTS };
  }

  analyze(): AnalysisResult {
    const { version: djangoVersion, source: djangoVersionSource } = this.djangoVersion();
    const { profiles, messages } = this.profiles();
    if (!djangoVersionSource) {
      messages.push(
        `No Django version was found in the project's dependency files; checking against Django ${djangoVersion}, the newest LTS release (set djangoDeploy.djangoVersion or --django-version to choose).`,
      );
    }
    const findings: Finding[] = [];
    const chains: Record<string, string[]> = {};
    for (const { profile, state, settings, chain, importPath } of this.evaluateProfiles(messages, profiles)) {
      chains[profile.module] = chain;
      findings.push(
        ...runChecks({
          settings,
          djangoVersion,
          profile,
          profileModule: state,
          source: (file) => this.host.readFile(file),
          workspaceFiles: (accept) => this.workspaceFiles(accept),
          dedicatedToProduction: isDedicatedProductionModule(profile.module),
          importPath,
        }),
      );
    }
    return {
      findings,
      profiles,
      chains,
      messages,
      djangoVersion,
      djangoVersionSource,
      djangoVersionAssumed: djangoVersionSource === undefined,
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
    const text = this.host.readFile(file);
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
 * One analysis under one environment: module states evaluated once each, import cycles detected,
 * and the files each module depends on recorded.
 */
class Evaluation implements ImportResolver {
  private readonly states = new Map<string, ModuleState>();
  private readonly inProgress: string[] = [];
  private readonly dependencies = new Map<string, Set<string>>();
  private readonly located = new Map<string, string | undefined>();

  constructor(
    private readonly project: DjangoProject,
    private readonly layout: WorkspaceLayout,
    private readonly host: FileSystemHost,
    private readonly messages: string[],
    private readonly environment?: Environment,
    private readonly environmentKey = "",
  ) {}

  evaluate(file: string): ModuleState | undefined {
    const known = this.states.get(file);
    if (known) return known;
    const module = this.project.module(file);
    if (!module) return undefined;
    const cacheKey = `${this.environmentKey}\0${file}`;
    const cached = this.project.stateCache.get(cacheKey);
    if (cached && cached.parsed === module && !this.inProgress.includes(file)) {
      this.inProgress.push(file);
      let fresh = true;
      try {
        for (const [dependency, state] of cached.dependencies) {
          if (this.inProgress.includes(dependency) || this.evaluate(dependency) !== state) {
            fresh = false;
            break;
          }
        }
      } finally {
        this.inProgress.pop();
      }
      if (fresh) {
        this.states.set(file, cached.state);
        this.dependencies.set(file, new Set(cached.dependencies.keys()));
        return cached.state;
      }
    }
    this.inProgress.push(file);
    try {
      this.dependencies.delete(file);
      const state = evaluateModule(module, file, this, this.environment);
      this.states.set(file, state);
      const dependencies = new Map<string, ModuleState>();
      let complete = true;
      for (const dependency of this.dependencies.get(file) ?? []) {
        const dependencyState = this.states.get(dependency);
        if (dependencyState) dependencies.set(dependency, dependencyState);
        else complete = false; // part of a cycle: not cached
      }
      if (complete) this.project.stateCache.set(cacheKey, { parsed: module, state, dependencies });
      return state;
    } finally {
      this.inProgress.pop();
    }
  }

  /** The shortest chain of imports from `from` to `to` (both included), or undefined. */
  importPath(from: string, to: string): string[] | undefined {
    const previous = new Map<string, string>([[from, from]]);
    const queue = [from];
    while (queue.length > 0) {
      const current = queue.shift()!;
      if (current === to) {
        const path = [to];
        while (path[0] !== from) path.unshift(previous.get(path[0]!)!);
        return path;
      }
      for (const next of this.dependencies.get(current) ?? []) {
        if (!previous.has(next)) {
          previous.set(next, current);
          queue.push(next);
        }
      }
    }
    return undefined;
  }

  /** `file` and every module it imports, directly or not, in the order first reached. */
  chain(file: string): string[] {
    const order: string[] = [];
    const visit = (current: string) => {
      if (order.includes(current)) return;
      order.push(current);
      for (const dependency of this.dependencies.get(current) ?? []) visit(dependency);
    };
    visit(file);
    return order;
  }

  private locate(module: string, fromFile: string): string | undefined {
    const key = module.startsWith(".") ? `${fromFile}\0${module}` : module;
    if (this.located.has(key)) return this.located.get(key);
    const file = module.startsWith(".")
      ? resolveRelativeModule(module, fromFile, this.host)
      : resolveModule(module, this.layout.sourceRoots, this.host);
    this.located.set(key, file);
    return file;
  }

  private load(module: string, fromFile: string): ModuleState | UnknownValue | "missing" {
    const file = this.locate(module, fromFile);
    if (!file) return "missing";
    let dependencies = this.dependencies.get(fromFile);
    if (!dependencies) this.dependencies.set(fromFile, (dependencies = new Set()));
    dependencies.add(file);
    if (this.inProgress.includes(file)) {
      const cycle = [...this.inProgress.slice(this.inProgress.indexOf(file)), file].join(" → ");
      const message = `Import cycle between settings modules: ${cycle}.`;
      if (!this.messages.includes(message)) this.messages.push(message);
      return unknown(`part of an import cycle (${cycle})`);
    }
    return this.evaluate(file) ?? unknown(`${module} cannot be read`);
  }

  starImport(module: string, fromFile: string): ModuleState | UnknownValue | "missing" {
    return this.load(module, fromFile);
  }

  importModule(module: string, fromFile: string): ModuleState | UnknownValue | "missing" {
    return this.load(module, fromFile);
  }

  importName(module: string, name: string, fromFile: string): RuntimeValue | "missing" {
    const state = this.load(module, fromFile);
    const submodule = module.endsWith(".") ? `${module}${name}` : `${module}.${name}`;
    if (state === "missing") {
      // `from . import base` where the package has no __init__.py of its own (a namespace package).
      const inner = this.load(submodule, fromFile);
      return inner === "missing" || "kind" in inner
        ? inner
        : { kind: "symbol", qualifiedName: submodule, module: inner };
    }
    if ("kind" in state) return state;
    const binding = state.bindings.get(name);
    if (binding) return binding.value;
    const inner = this.load(submodule, fromFile);
    if (inner !== "missing" && !("kind" in inner))
      return { kind: "symbol", qualifiedName: submodule, module: inner };
    return state.fallback ?? unknown(`${module} does not define ${name}`);
  }
}
