// The engine: finds the profiles of a workspace, evaluates their modules (following the imports
// between settings modules), runs the checks and returns the findings. Used by the language server
// and the CLI alike.
import { runChecks } from "../checks/run";
import { NEWEST_LTS, type Finding } from "../checks/types";
import { parseModule, type ParsedModule } from "../python/parse";
import { EffectiveSettings } from "./effective";
import { evaluateModule, type ImportResolver } from "./evaluate";
import type { ModuleState, RuntimeValue } from "./moduleState";
import { resolveModule, resolveRelativeModule } from "./modules";
import {
  discoverProfiles,
  isDedicatedProductionModule,
  scanWorkspace,
  type WorkspaceLayout,
} from "./profiles";
import { unknown, type UnknownValue } from "./values";
import type { AnalysisOptions, AnalysisResult, FileSystemHost, Profile } from "./workspace";

/** Files above this size are not analysed: no settings module is that large. */
export const MAX_FILE_SIZE = 10 * 1024 * 1024;

export interface ModuleSource {
  /** A parsed module for `file` when the caller keeps one (an open document), else undefined. */
  parsed?(file: string): ParsedModule | undefined;
}

export class DjangoProject {
  private readonly parseCache = new Map<string, ParsedModule>();
  private layout: WorkspaceLayout | undefined;

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
    this.layout = undefined;
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
    return discoverProfiles(this.getLayout(), this.host, this.options.profiles, this.options.profilesSource);
  }

  analyze(): AnalysisResult {
    const djangoVersion = this.options.djangoVersion ?? NEWEST_LTS;
    const { profiles, messages } = this.profiles();
    const findings: Finding[] = [];
    const evaluation = new Evaluation(this, this.getLayout(), this.host, messages);
    for (const profile of profiles) {
      if (profile.kind !== "production") continue;
      const state = evaluation.evaluate(profile.file);
      if (!state) {
        messages.push(
          `The settings module ${profile.module} (${profile.file}) cannot be read: it is not UTF-8 text, or it is larger than ${MAX_FILE_SIZE / 1024 / 1024} MB.`,
        );
        continue;
      }
      const settings = new EffectiveSettings(profile, state, djangoVersion);
      findings.push(
        ...runChecks({
          settings,
          djangoVersion,
          profile,
          profileModule: state,
          source: (file) => this.host.readFile(file),
          workspaceFiles: (accept) => this.roots.flatMap((root) => this.host.findFiles(root, accept)),
          dedicatedToProduction: isDedicatedProductionModule(profile.module),
        }),
      );
    }
    return {
      findings,
      profiles,
      messages,
      djangoVersion,
      djangoVersionAssumed: this.options.djangoVersion === undefined,
    };
  }
}

/** One analysis: module states evaluated once each, with import cycles detected. */
class Evaluation implements ImportResolver {
  private readonly states = new Map<string, ModuleState>();
  private readonly inProgress: string[] = [];

  constructor(
    private readonly project: DjangoProject,
    private readonly layout: WorkspaceLayout,
    private readonly host: FileSystemHost,
    private readonly messages: string[],
  ) {}

  evaluate(file: string): ModuleState | undefined {
    const cached = this.states.get(file);
    if (cached) return cached;
    const module = this.project.module(file);
    if (!module) return undefined;
    this.inProgress.push(file);
    try {
      const state = evaluateModule(module, file, this);
      this.states.set(file, state);
      return state;
    } finally {
      this.inProgress.pop();
    }
  }

  private locate(module: string, fromFile: string): string | undefined {
    return module.startsWith(".")
      ? resolveRelativeModule(module, fromFile, this.host)
      : resolveModule(module, this.layout.sourceRoots, this.host);
  }

  private load(module: string, fromFile: string): ModuleState | UnknownValue | "missing" {
    const file = this.locate(module, fromFile);
    if (!file) return "missing";
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

  importName(module: string, name: string, fromFile: string): RuntimeValue | "missing" {
    const state = this.load(module, fromFile);
    if (state === "missing") return "missing";
    if ("kind" in state) return state;
    const binding = state.bindings.get(name);
    if (binding) return binding.value;
    return state.fallback ?? unknown(`${module} does not define ${name}`);
  }
}
