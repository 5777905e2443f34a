// One analysis of a workspace's settings modules under one environment: each module evaluated
// once, imports between them followed and recorded, cycles reported, and evaluated modules reused
// from earlier analyses while their text and their imports' states are unchanged (and otherwise
// evaluated again from the last checkpoint that still holds: evaluate/checkpoints.ts).
import { basename, dirname, join } from "node:path";
import type { ParsedModule } from "../python/parse";
import { evaluateModuleWithCheckpoints, type ImportResolver } from "../evaluate/moduleEvaluator";
import type { EvaluationCheckpoints } from "../evaluate/checkpoints";
import type { Environment } from "../evaluate/expressions";
import type { ModuleState, RuntimeValue } from "../evaluate/moduleState";
import { resolveModule, resolveRelativeModule } from "../project/moduleFiles";
import type { WorkspaceLayout } from "../project/profiles";
import { unknown, type UnknownValue } from "../evaluate/values";
import type { FileSystemHost } from "../project/workspace";

export /** An evaluated module kept between analyses: valid while its text and its imports' states are the same. */
interface CachedState {
  parsed: ParsedModule;
  state: ModuleState;
  dependencies: Map<string, ModuleState>;
  /** Where the evaluation of the module's next version (or of this one under new imports) may resume. */
  checkpoints?: EvaluationCheckpoints;
}

/** What an evaluation needs from the project: parsed modules and the cache of evaluated ones. */
export interface ModuleProvider {
  module(file: string): ParsedModule | undefined;
  readonly stateCache: Map<string, CachedState>;
}

/**
 * The longest chain of settings modules importing one another that is followed. Each import is a
 * nested evaluation, so a longer chain (5,000 modules each `from .next import *`) overflowed the
 * stack; Python itself gives up on such a chain with a RecursionError long before. Real settings
 * chain a handful of modules.
 */
export const MAX_IMPORT_DEPTH = 100;

/**
 * One analysis under one environment: module states evaluated once each, import cycles detected,
 * and the files each module depends on recorded.
 */
export class ModuleLoader implements ImportResolver {
  private readonly states = new Map<string, ModuleState>();
  private readonly inProgress: string[] = [];
  private readonly dependencies = new Map<string, Set<string>>();
  private readonly located = new Map<string, string | undefined>();

  constructor(
    private readonly project: ModuleProvider,
    private readonly layout: WorkspaceLayout,
    private readonly host: FileSystemHost,
    private readonly messages: string[],
    private readonly environment?: Environment,
    private readonly environmentKey = "",
    /** The project's virtual environment's site-packages, where third-party modules are read. */
    private readonly sitePackages: readonly string[] = [],
  ) {}

  pathExists(path: string): { exists: boolean; display: string } | undefined {
    const root = this.layout.roots.find(
      (candidate) => path === candidate || path.startsWith(`${candidate}/`),
    );
    if (!root) return undefined;
    const exists = this.host.exists ? this.host.exists(path) : this.host.readFile(path) !== undefined;
    return { exists, display: path.slice(root.length + 1) || "." };
  }

  includeFiles(pattern: string, fromFile: string): { file: string; module: ParsedModule }[] {
    const target = join(dirname(fromFile), pattern);
    const folder = dirname(target);
    const name = basename(target);
    const matcher = new RegExp(
      `^${name
        .replace(/[.+^${}()|\\]/g, "\\$&")
        .replace(/\*/g, "[^/]*")
        .replace(/\?/g, "[^/]")}$`,
    );
    const files =
      name.includes("*") || name.includes("?")
        ? this.host
            .findFiles(folder, (candidate) => matcher.test(candidate))
            .filter((file) => dirname(file) === folder)
        : [target];
    const included: { file: string; module: ParsedModule }[] = [];
    for (const file of [...files].sort()) {
      const module = this.project.module(file);
      if (!module) continue;
      let dependencies = this.dependencies.get(fromFile);
      if (!dependencies) this.dependencies.set(fromFile, (dependencies = new Set()));
      dependencies.add(file);
      this.dependencyVersion++;
      included.push({ file, module });
    }
    return included;
  }

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
          if (
            this.inProgress.length >= MAX_IMPORT_DEPTH ||
            this.inProgress.includes(dependency) ||
            this.evaluate(dependency) !== state
          ) {
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
        this.dependencyVersion++;
        return cached.state;
      }
    }
    this.inProgress.push(file);
    try {
      this.dependencies.delete(file);
      this.dependencyVersion++;
      const { state, checkpoints } = evaluateModuleWithCheckpoints(
        module,
        file,
        this,
        this.environment,
        cached?.checkpoints,
      );
      this.states.set(file, state);
      const dependencies = new Map<string, ModuleState>();
      let complete = true;
      for (const dependency of this.dependencies.get(file) ?? []) {
        const dependencyState = this.states.get(dependency);
        if (dependencyState) dependencies.set(dependency, dependencyState);
        else complete = false; // part of a cycle: not cached
      }
      if (complete)
        this.project.stateCache.set(cacheKey, { parsed: module, state, dependencies, checkpoints });
      return state;
    } finally {
      this.inProgress.pop();
    }
  }

  /** The shortest chain of imports from `from` to `to` (both included), or undefined. */
  importPath(from: string, to: string): string[] | undefined {
    const previous = this.reached(from);
    if (!previous.has(to)) return undefined;
    const path = [to];
    while (path[0] !== from) path.unshift(previous.get(path[0]!)!);
    return path;
  }

  /**
   * Every module `from` reaches, each with the module it is first imported from (breadth first).
   * Kept while the imports stay the same: checks ask for a path to each file of the workspace.
   */
  private reached(from: string): Map<string, string> {
    const version = this.dependencyVersion;
    if (this.reachedCache?.version !== version) this.reachedCache = { version, from: new Map() };
    const known = this.reachedCache.from.get(from);
    if (known) return known;
    const previous = new Map<string, string>([[from, from]]);
    const queue = [from];
    for (let index = 0; index < queue.length; index++)
      for (const next of this.dependencies.get(queue[index]!) ?? [])
        if (!previous.has(next)) {
          previous.set(next, queue[index]!);
          queue.push(next);
        }
    this.reachedCache.from.set(from, previous);
    return previous;
  }

  private reachedCache: { version: number; from: Map<string, Map<string, string>> } | undefined;
  /** Counts the changes to the recorded imports, so that what was reached is worked out again. */
  private dependencyVersion = 0;

  /** `file` and every module it imports, directly or not, in the order first reached. */
  chain(file: string): string[] {
    // Depth first, in the order imports were made, with a stack of its own (a chain of thousands of
    // modules would overflow the call stack).
    const order: string[] = [];
    const seen = new Set<string>();
    const stack = [file];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (seen.has(current)) continue;
      seen.add(current);
      order.push(current);
      const dependencies = [...(this.dependencies.get(current) ?? [])];
      for (let index = dependencies.length - 1; index >= 0; index--)
        if (!seen.has(dependencies[index]!)) stack.push(dependencies[index]!);
    }
    return order;
  }

  private locate(module: string, fromFile: string): string | undefined {
    const key = module.startsWith(".") ? `${fromFile}\0${module}` : module;
    if (this.located.has(key)) return this.located.get(key);
    const file = module.startsWith(".")
      ? resolveRelativeModule(module, fromFile, this.host)
      : (resolveModule(module, this.layout.sourceRoots, this.host) ??
        resolveModule(module, this.sitePackages, this.host));
    this.located.set(key, file);
    return file;
  }

  private load(module: string, fromFile: string): ModuleState | UnknownValue | "missing" {
    const file = this.locate(module, fromFile);
    if (!file) return "missing";
    let dependencies = this.dependencies.get(fromFile);
    if (!dependencies) this.dependencies.set(fromFile, (dependencies = new Set()));
    dependencies.add(file);
    this.dependencyVersion++;
    if (this.inProgress.includes(file)) {
      const cycle = [...this.inProgress.slice(this.inProgress.indexOf(file)), file].join(" → ");
      const message = `Import cycle between settings modules: ${cycle}.`;
      if (!this.messages.includes(message)) this.messages.push(message);
      return unknown(`part of an import cycle (${cycle})`);
    }
    if (this.inProgress.length >= MAX_IMPORT_DEPTH && !this.states.has(file)) {
      const message = `Settings modules import one another more than ${MAX_IMPORT_DEPTH} deep (${this.inProgress[0]} → … → ${fromFile} → ${file}): the imports past that depth are not followed.`;
      if (!this.messages.includes(message)) this.messages.push(message);
      return unknown(`imported more than ${MAX_IMPORT_DEPTH} modules deep: too deep to follow`);
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
