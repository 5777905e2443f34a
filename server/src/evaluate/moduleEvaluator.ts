// Walks a module's statements in order, as Python would run them at import, and records for every
// name the value it ends with and the statement that decided it. Branches whose condition is not
// known are all walked and their results merged into OneOf values.
import type {
  ClassDef,
  Expression,
  For,
  FunctionDef,
  If,
  Import,
  ImportFrom,
  Statement,
  Try,
} from "../python/ast";
import { childExpressions, containsSyntaxError } from "../python/astWalking";
import type { ParsedModule } from "../python/parse";
import { SourceFile } from "../python/sourceFile";
import { BindingTable, mergeStates, type State } from "./branches";
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
import type { SourceSpan } from "../python/location";
import type { Binding, ModuleState, RuntimeValue, SymbolValue } from "./moduleState";
import { bindTarget } from "./expressions";
import { type FunctionDefinition, iterate } from "./functions";
import { looksLikeProjectModule } from "./projectModules";
import { StatementEvaluator } from "./statements";
import { assumedNames } from "./assignedNames";
import { SPLIT_SETTINGS_OPTIONAL } from "./calls";
import { assumedTruth, dictGet, isSequence, unknown, type UnknownValue } from "./values";

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

class ModuleEvaluator extends StatementEvaluator {
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

  private statement(node: Statement): void {
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
   * django-split-settings' `include("components/base.py", "components/*.py", optional("local.py"))`:
   * each file (sorted, for a pattern) runs in this module's namespace, as the library runs it. A
   * file that is missing raises IOError unless it is `optional()`. Relative to the file that
   * includes it. True when the statement was such a call.
   */
  private splitSettingsInclude(expression: Expression): boolean {
    if (expression.kind !== "Call") return false;
    const evaluator = this.expressions();
    const callee = evaluator.evaluate(expression.func);
    if (callee.kind !== "symbol" || callee.qualifiedName !== "split_settings.tools.include") return false;
    const patterns: { pattern: string; optional: boolean }[] = [];
    for (const argument of expression.args) {
      // `include(*FILES)` with a tuple of names, `optional(…)` among them.
      const value = evaluator.value(argument.kind === "Starred" ? argument.value : argument);
      const items = argument.kind === "Starred" && isSequence(value) ? value.items : [value];
      for (const item of items) {
        const optional = item.kind === "dict" ? dictGet(item, SPLIT_SETTINGS_OPTIONAL) : undefined;
        // A name built from the environment (`"environments/{0}.py".format(ENV)`) under the same
        // assumption as everywhere: the variable's default, or what the profile's .env file sets.
        const written = optional ?? item;
        const pattern = written.kind === "env" && written.default ? written.default : written;
        if (written.kind === "env" && !written.setBy && !this.assumptions.has("*"))
          this.setAssumption("*", `${written.variable} is unset in production (it picks the files included)`);
        if (pattern.kind !== "str" || !this.resolver.includeFiles) {
          this.dynamicWrite(`include(${this.source.written(argument)}) names files the engine cannot tell`);
          return true;
        }
        patterns.push({ pattern: pattern.value, optional: optional !== undefined });
      }
    }
    for (const { pattern, optional } of patterns) {
      const including = this.source;
      const files = this.resolver.includeFiles!(pattern, including.file);
      if (files.length === 0 && !optional) {
        this.raise(`include() finds no file ${pattern}`);
        return true;
      }
      for (const { file, module } of files) {
        this.source = new SourceFile(module, file);
        try {
          this.body(module.body);
        } finally {
          this.source = including;
        }
      }
    }
    return true;
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

  private importStatement(node: Import | ImportFrom): void {
    if (node.syntaxErrors) this.syntaxErrors.push(this.source.span(node));
    const span = this.source.span(node);
    if (this.conditionalDepth === 0) this.lastImportEnd = Math.max(this.lastImportEnd, span.to);
    const conditional = this.conditionalDepth > 0;
    if (node.kind === "ImportFrom") {
      const module = node.module;
      if (node.names === "*") {
        this.imports.push({ module, names: "*", span, conditional });
        this.starImport(module, span);
        return;
      }
      const imported: { name: string; local: string }[] = [];
      for (const alias of node.names) {
        const name = alias.name;
        const local = alias.asname?.name ?? name;
        imported.push({ name, local });
        const resolved = this.resolver.importName(module, name, this.file);
        if (resolved === "missing" && module.startsWith(".")) {
          this.raise(`${module} is not in the workspace`);
          continue;
        }
        const value: RuntimeValue =
          resolved === "missing" ? { kind: "symbol", qualifiedName: `${module}.${name}` } : resolved;
        this.bind(local, value, { statement: span, target: span });
      }
      this.imports.push({ module, names: imported, span, conditional });
      return;
    }
    // `import a.b.c` binds `a`; `import a.b as c` binds `c` to a.b.
    for (const alias of node.names) {
      const dotted = alias.name;
      if (alias.asname) {
        const local = alias.asname.name;
        this.bind(local, this.moduleSymbol(dotted), { statement: span, target: span });
        this.imports.push({ module: dotted, names: [{ name: dotted, local }], span, conditional });
        continue;
      }
      const head = dotted.split(".")[0]!;
      this.bind(head, { kind: "symbol", qualifiedName: head }, { statement: span, target: span });
      this.imports.push({ module: dotted, names: [{ name: dotted, local: head }], span, conditional });
    }
  }

  /** `import a.b as c`: a symbol that carries the module's state when it is in the workspace. */
  private moduleSymbol(dotted: string): SymbolValue {
    const state = this.resolver.importModule?.(dotted, this.file);
    if (state && state !== "missing" && !("kind" in state))
      return { kind: "symbol", qualifiedName: dotted, module: state };
    return { kind: "symbol", qualifiedName: dotted };
  }

  /**
   * An import that fails: inside `try` the handlers take over; elsewhere Django would not start, so
   * nothing after it runs and every name is unknown.
   */
  private raise(reason: string): void {
    this.raised = true;
    if (this.tryDepth === 0) {
      this.makeEverythingUnknown(`the module fails to import: ${reason}`);
      // In a branch that may not run, what follows still runs on the other ways through.
      if (this.conditionalDepth === 0) this.stopped = true;
    }
  }

  private starImport(module: string, span: SourceSpan): void {
    const resolved = this.resolver.starImport(module, this.file);
    if (resolved === "missing" && (module.startsWith(".") || looksLikeProjectModule(module))) {
      // The project's own module (local settings, secrets) that the repository does not hold: an
      // ImportError, handled by a surrounding `try` or stopping the module, as in production.
      this.raise(`${module} is not in the workspace`);
      return;
    }
    if (resolved === "missing") {
      // A library neither the project nor its virtual environment holds: its defaults are taken to
      // set none of Django's own settings (libraries name theirs with their own prefix), and the
      // import is listed so the user can see what was not read.
      this.unfollowed.push({ module, span });
      return;
    }
    const imported = resolved;
    if ("kind" in imported) {
      // Anything set before may be replaced, and anything not set may come from there.
      for (const binding of this.state.bindings.all().values()) {
        if (isSettingName(binding.name))
          this.state.bindings.set(binding.name, { ...binding, value: imported });
      }
      this.state.fallback = imported;
      return;
    }
    for (const binding of imported.bindings.values()) {
      if (binding.name.startsWith("_")) continue;
      this.state.bindings.set(binding.name, binding);
      const assumption = imported.assumptions.get(binding.name);
      if (assumption) this.setAssumption(binding.name, assumption);
    }
    const everything = imported.assumptions.get("*");
    if (everything && !this.assumptions.has("*")) this.setAssumption("*", everything);
    if (imported.fallback) this.state.fallback = imported.fallback;
    for (const [prefix, value] of imported.unknownPrefixes ?? []) this.setUnknownPrefix(prefix, value);
    this.unfollowed.push(...(imported.unfollowedStarImports ?? []));
    void span;
  }

  private body(statements: readonly Statement[]): void {
    for (const statement of statements) this.statement(statement);
  }

  private ifStatement(node: If): void {
    for (const error of node.syntaxErrors ?? []) this.syntaxErrors.push(this.source.span(error));
    // Clauses in order, `elif`s included; `condition` is undefined for `else`. A clause without a
    // body (half-typed) is left out.
    const clauses: { condition?: Expression; body: readonly Statement[] }[] = [];
    let clause: If | undefined = node;
    while (clause) {
      if (clause.body.length > 0) clauses.push({ condition: clause.test, body: clause.body });
      const next: Statement | undefined = clause.orelse[0];
      if (clause.orelse.length === 1 && next?.kind === "If" && next.elif) {
        clause = next;
      } else {
        if (clause.orelse.length > 0) clauses.push({ body: clause.orelse });
        clause = undefined;
      }
    }
    const evaluator = this.expressions();
    const possible: (readonly Statement[])[] = [];
    let decided = false;
    for (const clause of clauses) {
      if (!clause.condition) {
        possible.push(clause.body);
        decided = true;
        break;
      }
      // A condition on the environment is decided by the same assumption the findings rest on (the
      // variable is unset, so its default applies; a `.env` file named for the profile sets it), as
      // Django decides it when it starts in that environment. What every clause sets or leaves unset
      // then rests on the assumption, which findings about those names say.
      const { truth, assumption } = assumedTruth(evaluator.value(clause.condition));
      if (assumption)
        for (const name of assumedNames(clauses.flatMap((entry) => entry.body)))
          if (!this.assumptions.has(name)) this.setAssumption(name, assumption);
      if (truth === false) continue;
      possible.push(clause.body);
      if (truth === true) {
        decided = true;
        break;
      }
    }
    this.branches(possible, !decided);
  }

  /** Runs each body from the current state and merges; `includeNone` adds the path that runs none. */
  private branches(bodies: (readonly Statement[])[], includeNone: boolean): void {
    if (bodies.length === 1 && !includeNone) {
      this.body(bodies[0]!);
      return;
    }
    const before = this.state;
    const outcomes: State[] = [];
    this.conditionalDepth++;
    for (const body of bodies) {
      this.state = { bindings: new BindingTable(before.bindings), fallback: before.fallback };
      this.body(body);
      outcomes.push(this.state);
    }
    this.conditionalDepth--;
    if (includeNone) outcomes.push(before);
    this.state = mergeStates(before, outcomes);
  }

  private tryStatement(node: Try): void {
    const handlers = node.handlers.map((handler) => handler.body);
    if (node.body.length > 0 && handlers.length > 0 && !mayRaise(node.body)) {
      // Plain assignments of literals cannot fail: the handlers never run.
      this.body(node.body);
      this.body(node.orelse);
    } else if (node.body.length > 0) {
      const before = this.state;
      this.conditionalDepth++;
      this.tryDepth++;
      const raisedBefore = this.raised;
      this.raised = false;
      this.state = { bindings: new BindingTable(before.bindings), fallback: before.fallback };
      this.body(node.body);
      const bodyRaised = this.raised;
      this.raised = raisedBefore;
      this.tryDepth--;
      if (!bodyRaised) this.body(node.orelse);
      const succeeded = this.state;
      // A body that certainly raises (an import of a module not in the workspace) leaves only the handlers.
      const outcomes = bodyRaised && handlers.length > 0 ? [] : [succeeded];
      for (const handler of handlers) {
        this.state = { bindings: new BindingTable(before.bindings), fallback: before.fallback };
        this.body(handler);
        outcomes.push(this.state);
      }
      this.conditionalDepth--;
      this.state = mergeStates(before, handlers.length > 0 ? outcomes : [succeeded]);
    }
    this.body(node.finalbody);
  }

  /**
   * A `for` loop over values the engine knows (a list, a dict's items, `range(3)`), with no `break`
   * or `continue`: run once per item, as Python does, up to a bound.
   */
  /** Iterations of loops run item by item so far (see MAX_UNROLLED_ITERATIONS). */
  private unrolledIterations = 0;

  private unrollLoop(node: For): boolean {
    if (node.isAsync || hasLoopControl(node.body)) return false;
    const items = iterate(this.expressions().value(node.iter));
    if (!items || items.length > MAX_LOOP_ITERATIONS) return false;
    // Nested loops multiply: three levels of range(200) are 8,000,000 runs of the innermost body.
    // Past the module's budget a loop is run once, and what it changes is Unknown.
    if (this.unrolledIterations + items.length > MAX_UNROLLED_ITERATIONS) return false;
    this.unrolledIterations += items.length;
    const span = this.source.span(node);
    for (const item of items) {
      const bound = new Map<string, RuntimeValue>();
      if (!bindTarget(node.target, item, bound)) return false;
      for (const [name, value] of bound) this.bind(name, value, { statement: span, target: span });
      this.body(node.body);
    }
    this.body(node.orelse);
    return true;
  }

  /** Runs a loop's statements (its body and its `else`) once; what they change depends on how often it runs. */
  private loop(statements: readonly Statement[]): void {
    const before = this.state;
    this.state = { bindings: new BindingTable(before.bindings), fallback: before.fallback };
    this.conditionalDepth++;
    this.body(statements);
    this.conditionalDepth--;
    const loop = this.state;
    for (const name of [...loop.bindings.changedNames()]) {
      const binding = loop.bindings.get(name);
      if (binding) loop.bindings.set(name, { ...binding, value: unknown(`${name} is changed in a loop`) });
    }
    this.state = mergeStates(before, [loop]);
  }
}

/**
 * Whether running a try body could raise: anything beyond assignments whose values (and targets
 * after the first) have no names, attribute or item accesses, calls or operators.
 */
function mayRaise(body: readonly Statement[]): boolean {
  for (const statement of body) {
    if (statement.kind === "Pass") continue;
    if (statement.kind !== "Assign" && statement.kind !== "AnnAssign") return true;
    const [first, ...otherTargets] = statement.kind === "Assign" ? statement.targets : [statement.target];
    // The first target's first name is what the statement assigns; the rest is looked at.
    const looked: Expression[] = [...otherTargets];
    if (first && first.kind === "Tuple" && !first.parenthesized && !first.parens) {
      const [head, ...tail] = first.elts;
      if (head?.kind === "Starred") looked.push(head.value);
      looked.push(...tail);
    }
    if (statement.kind === "AnnAssign") looked.push(statement.annotation);
    if (statement.value) looked.push(statement.value);
    if (looked.some(isRisky)) return true;
  }
  return false;
}

const RISKY_KINDS = new Set<Expression["kind"]>([
  "Call",
  "Attribute",
  "Subscript",
  "Name",
  "BinOp",
  "BoolOp",
  "Compare",
]);

function isRisky(expression: Expression): boolean {
  if (RISKY_KINDS.has(expression.kind)) return true;
  if (expression.kind === "Lambda" && expression.parameters.length > 0) return true;
  return childExpressions(expression).some(isRisky);
}

const NOTHING_CHANGED: ReadonlyMap<string, never> = new Map<string, never>();

/** The most items a module-level loop is run for, item by item. */
const MAX_LOOP_ITERATIONS = 200;
/** The most loop iterations run item by item in one module, nested loops included. */
const MAX_UNROLLED_ITERATIONS = 5_000;

/** Whether a loop body leaves or skips iterations (`break`/`continue` outside nested loops). */
function hasLoopControl(statements: readonly Statement[]): boolean {
  return statements.some((statement) => {
    if (statement.kind === "Break" || statement.kind === "Continue") return true;
    if (statement.kind === "If") return hasLoopControl(statement.body) || hasLoopControl(statement.orelse);
    if (statement.kind === "Try")
      return (
        hasLoopControl(statement.body) ||
        statement.handlers.some((handler) => hasLoopControl(handler.body)) ||
        hasLoopControl(statement.orelse) ||
        hasLoopControl(statement.finalbody)
      );
    if (statement.kind === "With") return hasLoopControl(statement.body);
    return false;
  });
}

export function isSettingName(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name);
}
