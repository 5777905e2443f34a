// Walks a module's statements in order, as Python would run them at import, and records for every
// name the value it ends with and the statement that decided it. Branches whose condition is not
// known are all walked and their results merged into OneOf values. This file dispatches each
// statement, defines functions and namespace classes, and saves and resumes the checkpoints of an
// edited module; control flow is in controlFlow.ts and imports in moduleImports.ts, the classes it
// extends.
import type { ClassDef, FunctionDef, Statement } from "../python/ast";
import { containsSyntaxError } from "../python/astWalking";
import type { ParsedModule } from "../python/parse";
import { BindingTable } from "./branches";
import type { Environment, Scope } from "./expressions";
import {
  type Checkpoint,
  CHECKPOINT_INTERVAL,
  type EvaluationCheckpoints,
  markScope,
  rebindFunctions,
  RecordingResolver,
  type ResumePoint,
  resumePoint,
} from "./checkpoints";
import type { Binding, ModuleState, RuntimeValue } from "./moduleState";
import type { FunctionDefinition } from "./functions";
import { ImportEvaluator } from "./moduleImports";
import { unknown, type UnknownValue } from "./values";

/** Follows imports of other modules; the default follows none (every imported name is Unknown). */
export interface ImportResolver {
  /**
   * The state of the module a star import names, the reason it cannot be followed, or "missing"
   * when no such module exists in the workspace (a relative import then raises ImportError).
   */
  starImport(module: string, fromFile: string): ModuleState | UnknownValue | "missing";
  /**
   * One name from another module (a submodule of a package comes back as a symbol carrying its
   * state), or "missing" as above.
   */
  importName(module: string, name: string, fromFile: string): RuntimeValue | "missing";
  /** A whole module (`import a.b as c`), when it is in the workspace. */
  importModule?(module: string, fromFile: string): ModuleState | UnknownValue | "missing";
  /**
   * Whether a file or folder exists, for `Path(…).exists()` guards: known for paths in the
   * workspace (with the path as the user reads it), undefined for any other path.
   */
  pathExists?(path: string): { exists: boolean; display: string } | undefined;
  /**
   * The files a django-split-settings pattern names (`components/*.py`, relative to `fromFile`'s
   * folder), sorted, each parsed, recorded as what `fromFile` depends on.
   */
  includeFiles?(pattern: string, fromFile: string): { file: string; module: ParsedModule }[];
}

export const noImports: ImportResolver = {
  starImport: (module) => unknown(`may be set by \`from ${module} import *\`, which is not followed`),
  importName: (module, name) =>
    module.startsWith(".") ? unknown(`imported from ${module}.${name}, which is not followed`) : "missing",
};

export function evaluateModule(
  module: ParsedModule,
  file: string,
  resolver: ImportResolver = noImports,
  environment?: Environment,
): ModuleState {
  const evaluator = new ModuleEvaluator(module, file, resolver, environment);
  return evaluator.run();
}

/** A module's state, with the checkpoints the evaluation of its next version may resume from. */
export interface ModuleEvaluation {
  state: ModuleState;
  checkpoints: EvaluationCheckpoints;
}

/**
 * Evaluates a module as evaluateModule does, resuming from the latest of `previous`'s checkpoints
 * that still holds (see checkpoints.ts), and saving checkpoints for the next version.
 */
export function evaluateModuleWithCheckpoints(
  module: ParsedModule,
  file: string,
  resolver: ImportResolver = noImports,
  environment?: Environment,
  previous?: EvaluationCheckpoints,
): ModuleEvaluation {
  const resume = resumePoint(previous, module, file, environment, resolver);
  const recorder = new RecordingResolver(resolver);
  if (resume) for (const call of resume.calls) recorder.calls.push(call);
  const evaluator = new ModuleEvaluator(module, file, recorder, environment);
  return evaluator.runWithCheckpoints(recorder, environment, resume);
}

class ModuleEvaluator extends ImportEvaluator {
  /** The module's own table of names: the state's between top-level statements. */
  private root = this.state.bindings;
  /** Marks the functions this module's evaluations define, shared with the evaluations resumed from them. */
  private lineage: object = {};

  run(): ModuleState {
    for (const statement of this.module.body) this.statement(statement);
    return this.result();
  }

  runWithCheckpoints(
    recorder: RecordingResolver,
    environment: Environment | undefined,
    resume: ResumePoint | undefined,
  ): ModuleEvaluation {
    const entries: Checkpoint[] = [];
    let start = 0;
    let versions: readonly object[] = [this.module.lineIndex];
    if (resume) {
      start = this.restore(resume);
      const kept = resume.previous.entries.slice(0, resume.index + 1);
      for (const entry of kept) entries.push(entry);
      const resumed = kept[kept.length - 1]!.versions;
      versions = resumed.includes(this.module.lineIndex) ? resumed : [...resumed, this.module.lineIndex];
    }
    const body = this.module.body;
    for (let index = start; index < body.length; index++) {
      if (index > start && index % CHECKPOINT_INTERVAL === 0 && this.state.bindings === this.root)
        entries.push(this.checkpoint(index, recorder, versions));
      this.statement(body[index]!);
    }
    return {
      state: this.result(),
      checkpoints: {
        file: this.file,
        module: this.module,
        body,
        text: this.module.text,
        environment,
        calls: recorder.calls,
        imports: this.imports,
        syntaxErrors: this.syntaxErrors,
        unfollowed: this.unfollowed,
        entries,
        lineage: this.lineage,
      },
    };
  }

  /** What the evaluator carries before statement `index` (see checkpoints.ts). */
  private checkpoint(index: number, recorder: RecordingResolver, versions: readonly object[]): Checkpoint {
    // Most intervals set no assumption and no prefix: they share one empty map.
    let assumptions: ReadonlyMap<string, string> = NOTHING_CHANGED;
    if (this.changedAssumptions.size > 0) {
      const changed = new Map<string, string>();
      for (const name of this.changedAssumptions) changed.set(name, this.assumptions.get(name)!);
      this.changedAssumptions = new Set();
      assumptions = changed;
    }
    let unknownPrefixes: ReadonlyMap<string, UnknownValue> = NOTHING_CHANGED;
    if (this.changedUnknownPrefixes.size > 0) {
      const changed = new Map<string, UnknownValue>();
      for (const prefix of this.changedUnknownPrefixes)
        changed.set(prefix, this.unknownPrefixes.get(prefix)!);
      this.changedUnknownPrefixes = new Set();
      unknownPrefixes = changed;
    }
    return {
      statement: index,
      textEnd: this.module.body[index - 1]!.to,
      calls: recorder.calls.length,
      bindings: this.root.changesSinceCheckpoint(),
      fallback: this.state.fallback,
      assumptions,
      unknownPrefixes,
      imports: this.imports.length,
      syntaxErrors: this.syntaxErrors.length,
      unfollowed: this.unfollowed.length,
      lastImportEnd: this.lastImportEnd,
      raised: this.raised,
      stopped: this.stopped,
      environment: this.environment,
      unrolledIterations: this.unrolledIterations,
      versions,
    };
  }

  /** Takes over what the evaluator carried at the resume point's checkpoint; its statement's index. */
  private restore({ previous, index }: ResumePoint): number {
    this.lineage = previous.lineage;
    const own = new Map<string, Binding | undefined>();
    for (let at = 0; at <= index; at++) {
      const entry = previous.entries[at]!;
      for (const [name, binding] of entry.bindings) own.set(name, binding);
      for (const [name, assumption] of entry.assumptions) this.assumptions.set(name, assumption);
      for (const [prefix, value] of entry.unknownPrefixes) this.unknownPrefixes.set(prefix, value);
    }
    const checkpoint = previous.entries[index]!;
    rebindFunctions(own, this.lineage, (environment) => this.globals(environment), this.source);
    this.root = new BindingTable(undefined, own);
    this.root.changesSinceCheckpoint();
    this.state = { bindings: this.root, fallback: checkpoint.fallback };
    for (let at = 0; at < checkpoint.imports; at++) this.imports.push(previous.imports[at]!);
    for (let at = 0; at < checkpoint.syntaxErrors; at++) this.syntaxErrors.push(previous.syntaxErrors[at]!);
    for (let at = 0; at < checkpoint.unfollowed; at++) this.unfollowed.push(previous.unfollowed[at]!);
    this.lastImportEnd = checkpoint.lastImportEnd;
    this.raised = checkpoint.raised;
    this.stopped = checkpoint.stopped;
    this.environment = checkpoint.environment;
    this.unrolledIterations = checkpoint.unrolledIterations;
    return checkpoint.statement;
  }

  /** The globals of a function defined in this module: its names as they are when it runs. */
  private globals(environment: Environment | undefined): Scope {
    return markScope({ ...this.scope(), environment }, this.lineage);
  }

  private result(): ModuleState {
    return {
      file: this.file,
      bindings: this.state.bindings.all(),
      fallback: this.state.fallback,
      assumptions: this.assumptions,
      ...(this.unknownPrefixes.size > 0 ? { unknownPrefixes: this.unknownPrefixes } : {}),
      ...(this.unfollowed.length > 0 ? { unfollowedStarImports: this.unfollowed } : {}),
      imports: this.imports,
      syntaxErrors: this.syntaxErrors,
      lastStatementEnd: this.module.end,
      lastImportEnd: this.lastImportEnd,
    };
  }

  protected statement(node: Statement): void {
    if (this.stopped) return;
    switch (node.kind) {
      case "Error":
        this.syntaxErrors.push(this.source.span(node));
        return;
      case "Assign":
      case "AnnAssign":
        return this.assignment(node);
      case "AugAssign":
        return this.update(node);
      case "ExpressionStatement":
        if (this.splitSettingsInclude(node.value)) return;
        return this.expressionStatement(node);
      case "Import":
      case "ImportFrom":
        return this.importStatement(node);
      case "If":
        return this.ifStatement(node);
      case "Try":
        return this.tryStatement(node);
      case "With":
        return this.body(node.body);
      case "FunctionDef":
      case "ClassDef": {
        if (node.kind === "FunctionDef" && this.followableFunction(node)) {
          this.defineFunction(node);
          return;
        }
        if (node.kind === "ClassDef" && this.namespaceClass(node)) return;
        // A function behind a decorator the engine does not know is not followed.
        // A decorated class has always been described as a function and not looked into.
        const isClass = node.kind === "ClassDef" && node.decorators.length === 0;
        if (node.name.name !== "")
          this.bind(
            node.name.name,
            unknown(`${node.name.name} is a ${isClass ? "class" : "function"}`),
            this.origin(node, node.name, undefined),
          );
        if (containsSyntaxError(node)) this.syntaxErrors.push(this.source.span(node));
        if (node.kind === "ClassDef" && isClass && this.isConfigurationClass(node)) {
          this.makeEverythingUnknown(
            "the module uses class-based settings (django-configurations): the values are attributes of the class DJANGO_CONFIGURATION names, which the engine does not evaluate",
          );
        }
        return;
      }
      case "For":
        if (this.unrollLoop(node)) return;
        return this.loop([...node.body, ...node.orelse]);
      case "While":
        return this.loop([...node.body, ...node.orelse]);
      case "Delete":
        for (const target of node.targets)
          if (target.kind === "Name" && !target.parens) this.state.bindings.set(target.id, undefined);
          else this.deleteItem(target, node);
        return;
      default:
        if (node.syntaxErrors) this.syntaxErrors.push(this.source.span(node));
    }
  }

  /**
   * A class with no base and no decorator, used as a namespace: its plain attributes and its static
   * methods are followed (`INSTALLED_APPS, MIDDLEWARE = Setup.settings(INSTALLED_APPS, MIDDLEWARE)`).
   * False for any other class.
   */
  private namespaceClass(node: ClassDef): boolean {
    const plain = node.bases.every((base) => base.kind === "Name" && base.id === "object");
    if (!plain || node.keywords.length > 0 || node.decorators.length > 0 || containsSyntaxError(node))
      return false;
    const members = new Map<string, RuntimeValue>();
    const evaluator = this.expressions();
    for (const statement of node.body) {
      if (
        statement.kind === "Assign" &&
        statement.targets.length === 1 &&
        statement.targets[0]!.kind === "Name"
      )
        members.set(statement.targets[0]!.id, evaluator.evaluate(statement.value));
      else if (statement.kind === "FunctionDef") {
        const isStatic = statement.decorators.some(
          (decorator) => this.source.written(decorator) === "staticmethod",
        );
        members.set(
          statement.name.name,
          isStatic && this.followableFunction({ ...statement, decorators: [] })
            ? {
                kind: "symbol",
                qualifiedName: `${node.name.name}.${statement.name.name}`,
                function: this.definition(statement),
              }
            : unknown(`${node.name.name}.${statement.name.name} is a method the engine does not follow`),
        );
      }
    }
    this.bind(
      node.name.name,
      { kind: "symbol", qualifiedName: node.name.name, members },
      this.origin(node, node.name, undefined),
    );
    return true;
  }

  /** A function the engine can run where it is called: not async, no decorator but a cache. */
  private followableFunction(node: FunctionDef): boolean {
    if (node.isAsync || containsSyntaxError(node)) return false;
    return node.decorators.every((decorator) =>
      /^(functools\.)?(lru_cache|cache)(\(\))?$/.test(this.source.written(decorator)),
    );
  }

  /** `def name(…)`: the function, its parameter defaults evaluated now, as Python does. */
  private defineFunction(node: FunctionDef): void {
    this.bind(
      node.name.name,
      { kind: "symbol", qualifiedName: node.name.name, function: this.definition(node) },
      this.origin(node, node.name, undefined),
    );
  }

  private definition(node: FunctionDef): FunctionDefinition {
    const evaluator = this.expressions();
    const defaults = new Map<string, RuntimeValue>();
    for (const parameter of node.parameters)
      if (parameter.default) defaults.set(parameter.name.name, evaluator.evaluate(parameter.default));
    return { node, source: this.source, defaults, globals: markScope(this.scope(), this.lineage) };
  }
}

const NOTHING_CHANGED: ReadonlyMap<string, never> = new Map<string, never>();
