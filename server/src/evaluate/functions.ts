// Functions written in the project (`def env_bool(name, default): …`), evaluated where they are
// called, as Python would run them: parameters bound from the call (positional, keyword, defaults
// evaluated when the function was defined), local variables, `if`/`elif`/`else` (a condition on the
// environment decided by the same assumption as everywhere else, an unknown one followed both ways),
// early `return`, `for` over known values, nested calls, and reads of the environment inside. A path
// that raises is one production does not take (the site would not start), so it is left out; when
// every path raises, what the call gives is Unknown. The work is bounded: call depth, statements run,
// paths followed and loop iterations. Anything the interpreter does not follow makes the call Unknown,
// with the reason.
import type { ExceptHandler, Expression, FunctionDef, Span, Statement } from "../python/ast";
import type { SourceSpan } from "../python/location";
import type { SourceFile } from "../python/sourceFile";
import { type CallArguments, ExpressionEvaluator, type Scope } from "./expressions";
import { asValue, type RuntimeValue } from "./moduleState";
import { augmented, getItem, mutateWithCall, MUTATING_METHODS, setItem } from "./mutations";
import { looksLikeProjectModule } from "./projectModules";
import {
  assumedTruth,
  isSequence,
  none,
  pythonEquals,
  str,
  unknown,
  unpackedItems,
  type Value,
} from "./values";

/** A function of the project: its definition, where it was written and the module it sees. */
export interface FunctionDefinition {
  node: FunctionDef;
  source: SourceFile;
  /** Parameter defaults, evaluated when the function was defined (as Python does). */
  defaults: Map<string, RuntimeValue>;
  /** The defining module's names, looked up when the function runs (Python's globals). */
  globals: Scope;
}

/** How much work calls may do, shared by the calls a call makes. */
export interface CallBudget {
  depth: number;
  steps: { remaining: number };
}

const MAX_DEPTH = 8;
const MAX_STEPS = 20_000;
const MAX_PATHS = 32;
const MAX_ITERATIONS = 200;

export function newBudget(): CallBudget {
  return { depth: 0, steps: { remaining: MAX_STEPS } };
}

class GiveUp extends Error {}

/** A way through the function's body: its local variables, and whether it left a loop early. */
interface Path {
  locals: Map<string, RuntimeValue>;
  flow?: "break" | "continue";
}

interface Outcome {
  /** Paths that go on after the statements run. */
  paths: Path[];
  /** Values returned on the way. */
  returned: Value[];
}

/** Calls a function of the project; what it gives, or Unknown with the reason it cannot be known. */
export function callFunction(
  definition: FunctionDefinition,
  args: CallArguments,
  callSpan: SourceSpan,
  budget: CallBudget,
): Value {
  const name = definition.node.name.name;
  if (budget.depth >= MAX_DEPTH) return unknown(`${name}() calls functions too deeply to follow`, callSpan);
  const interpreter = new Interpreter(definition, { depth: budget.depth + 1, steps: budget.steps });
  try {
    const locals = interpreter.bindParameters(args);
    const outcome = interpreter.block(definition.node.body, [{ locals }]);
    interpreter.writeBackGlobals(outcome, callSpan);
    const returned = [...outcome.returned, ...(outcome.paths.length > 0 ? [none()] : [])];
    if (returned.length === 0)
      return unknown(`${name}() raises unless production provides what it needs`, callSpan);
    const value = merge(returned);
    // Said from the call's side: which function, and why what it returns cannot be known.
    if (value.kind === "unknown" && !value.reason.startsWith(`${name}()`))
      return unknown(`${name}() returns ${value.reason}`, callSpan);
    return atCallSite(value, callSpan, definition);
  } catch (error) {
    if (error instanceof GiveUp) {
      interpreter.abandonGlobals();
      return unknown(`${name}() ${error.message}`, callSpan);
    }
    throw error;
  }
}

/** One value of several returned ones (a OneOf when they differ). */
function merge(values: Value[]): Value {
  const options: Value[] = [];
  for (const value of values)
    for (const option of value.kind === "oneOf" ? value.options : [value])
      if (!options.some((known) => known === option || pythonEquals(known, option) === true))
        options.push(option);
  return options.length === 1 ? options[0]! : { kind: "oneOf", options };
}

/**
 * A value given by a call is reported where the call is: fixes must edit the call, never the
 * function, which other settings use too. A default written inside the function is not the call's.
 */
function atCallSite(value: Value, callSpan: SourceSpan, definition: FunctionDefinition): Value {
  if (value.kind === "env") {
    const inFunction =
      value.defaultSpan &&
      value.defaultSpan.file === definition.source.file &&
      value.defaultSpan.from >= definition.node.from &&
      value.defaultSpan.to <= definition.node.to;
    const { defaultSpan, ...rest } = value;
    return { ...rest, span: callSpan, ...(defaultSpan && !inFunction ? { defaultSpan } : {}) };
  }
  return { ...value, span: callSpan };
}

class Interpreter {
  /**
   * Names of the module the function changes (`global DEBUG`, `MIDDLEWARE.append(…)`, `X["a"] = 1`):
   * each path works on its own copy, kept among its locals, and after the call the module's name
   * gets what the paths leave (several values: a OneOf), with the first place it was changed.
   */
  private readonly tracked = new Map<string, Span | SourceSpan>();
  /** The locals of each path at a `return`, for the module names it changed on the way. */
  private readonly exits: Map<string, RuntimeValue>[] = [];

  constructor(
    private readonly definition: FunctionDefinition,
    private readonly budget: CallBudget,
  ) {}

  /** Starts following a module name on `locals`: its value now, changed from here on. */
  private trackGlobal(name: string, locals: Map<string, RuntimeValue>, at: Span | SourceSpan): boolean {
    if (!this.tracked.has(name)) this.tracked.set(name, at);
    if (locals.has(name)) return true;
    const current = this.definition.globals.lookup(name);
    if (current === undefined || current.kind === "symbol") return false;
    locals.set(name, current);
    return true;
  }

  /** After the call: each changed module name gets the values the function's paths leave it. */
  writeBackGlobals(outcome: Outcome, callSpan: SourceSpan): void {
    const states = [...outcome.paths.map((path) => path.locals), ...this.exits];
    for (const name of this.tracked.keys()) {
      const before = this.definition.globals.lookup(name);
      const values = states.map((locals) => locals.get(name) ?? before);
      // Untouched on every path: the module's value stays as it is, with its own place.
      if (values.every((value) => value === before)) continue;
      const known = values.every((value) => value !== undefined && value.kind !== "symbol");
      const function_ = this.definition.node.name.name;
      const value = known
        ? merge(values as Value[])
        : unknown(`changed by ${function_}() in a way the engine does not follow`, callSpan);
      this.definition.globals.changeInPlace?.(name, value, callSpan);
    }
  }

  /** The call gave up: what it changed in the module cannot be known. */
  abandonGlobals(): void {
    for (const [name, at] of this.tracked) this.changesGlobal(name, at, false);
  }

  /**
   * The function changes a name of its module (`MIDDLEWARE.append(…)`, `SETTINGS["a"] = 1`, `global
   * DEBUG`): after the call the name is Unknown, as the engine does not follow the change, and the
   * call itself gives up (unless `giveUp` is false, for a caller that gives up with its own reason).
   */
  changesGlobal(name: string, at: Span | SourceSpan, giveUp = true): void {
    const function_ = this.definition.node.name.name;
    const span = "file" in at ? at : this.definition.source.span(at);
    this.definition.globals.changeInPlace?.(
      name,
      unknown(`changed by ${function_}(), which the engine does not follow`, span),
      span,
    );
    if (giveUp) throw new GiveUp(`changes ${name}, which is not its own, in place`);
  }

  bindParameters(args: CallArguments): Map<string, RuntimeValue> {
    if (args.spread) throw new GiveUp("is called with *args or **kwargs");
    const locals = new Map<string, RuntimeValue>();
    const positional = [...args.positional];
    const keywords = new Map(args.keywords);
    for (const parameter of this.definition.node.parameters) {
      const name = parameter.name.name;
      if (parameter.kind === "*args") {
        locals.set(name, {
          kind: "tuple",
          items: positional.splice(0).map((entry) => asValue(entry.value, name)),
        });
        continue;
      }
      if (parameter.kind === "**kwargs") {
        if (keywords.size > 0) throw new GiveUp("takes **kwargs");
        locals.set(name, { kind: "dict", entries: [] });
        continue;
      }
      const byPosition = parameter.kind !== "keyword-only" ? positional.shift() : undefined;
      const byKeyword = parameter.kind !== "positional-only" ? keywords.get(name) : undefined;
      keywords.delete(name);
      const value = byPosition?.value ?? byKeyword?.value ?? this.definition.defaults.get(name);
      if (value === undefined) throw new GiveUp(`is called without its argument ${name}`);
      locals.set(name, value);
    }
    if (positional.length > 0 || keywords.size > 0)
      throw new GiveUp("is called with arguments it does not take");
    return locals;
  }

  block(statements: readonly Statement[], paths: Path[]): Outcome {
    const returned: Value[] = [];
    let current = paths;
    for (const statement of statements) {
      const running = current.filter((path) => !path.flow);
      const stopped = current.filter((path) => path.flow);
      if (running.length === 0) break;
      const next: Path[] = [...stopped];
      for (const path of running) {
        const outcome = this.statement(statement, path);
        next.push(...outcome.paths);
        returned.push(...outcome.returned);
      }
      if (next.length > MAX_PATHS) throw new GiveUp("has too many ways through it to follow");
      current = next;
    }
    return { paths: current, returned };
  }

  private evaluator(path: Path): ExpressionEvaluator {
    const globals = this.definition.globals;
    const scope: Scope = {
      file: this.definition.source.file,
      environment: globals.environment,
      budget: this.budget,
      lookup: (name) => path.locals.get(name) ?? globals.lookup(name),
      // `if value := os.getenv(…):` binds a local of the path that evaluates it.
      assign: (name, value) => void path.locals.set(name, value),
      // `last = items.pop()` changes a local, or the path's copy of a module name.
      changeInPlace: (name, value, span) => {
        if (!path.locals.has(name) && !this.trackGlobal(name, path.locals, span))
          this.changesGlobal(name, span);
        path.locals.set(name, value);
      },
    };
    return new ExpressionEvaluator(this.definition.source, scope);
  }

  /** Whether `statements` import a library (not a module of the project the engine can read). */
  private importsLibrary(statements: readonly Statement[]): boolean {
    return statements.some((statement) => {
      if (statement.kind === "Import") return true;
      if (statement.kind !== "ImportFrom" || statement.level > 0 || statement.names === "*") return false;
      // Not found here and not named like the project's own: a library this machine lacks.
      const first = statement.names[0];
      const resolved = first && this.definition.globals.importName?.(statement.module, first.name);
      return (resolved === undefined || resolved === "missing") && !looksLikeProjectModule(statement.module);
    });
  }

  private statement(statement: Statement, path: Path): Outcome {
    if (--this.budget.steps.remaining < 0) throw new GiveUp("takes too many steps to follow");
    const same = { paths: [path], returned: [] };
    switch (statement.kind) {
      case "Pass":
      case "Assert":
        return same;
      case "Break":
      case "Continue":
        return {
          paths: [{ ...path, flow: statement.kind === "Break" ? "break" : "continue" }],
          returned: [],
        };
      case "Return": {
        const value = statement.value ? this.evaluator(path).value(statement.value) : none();
        if (this.tracked.size > 0) this.exits.push(path.locals);
        return { paths: [], returned: [value] };
      }
      case "Raise":
        return { paths: [], returned: [] };
      case "Assign":
      case "AnnAssign": {
        if (!statement.value) return same;
        const value = this.evaluator(path).evaluate(statement.value);
        const targets = statement.kind === "Assign" ? statement.targets : [statement.target];
        const locals = new Map(path.locals);
        for (const target of targets) this.assign(target, value, locals, path);
        return { paths: [{ locals }], returned: [] };
      }
      case "AugAssign": {
        if (statement.target.kind !== "Name")
          throw new GiveUp("changes something other than its own variables");
        const locals = new Map(path.locals);
        const current = this.evaluator(path).value(statement.target);
        const right = this.evaluator(path).value(statement.value);
        locals.set(
          statement.target.id,
          augmented(statement.op, current, right, this.definition.source.span(statement)),
        );
        return { paths: [{ locals }], returned: [] };
      }
      case "ExpressionStatement":
        return { paths: [this.expressionStatement(statement.value, path)], returned: [] };
      case "If":
        return this.ifStatement(statement.test, statement.body, statement.orelse, path);
      case "For":
        return this.forStatement(statement.target, statement.iter, statement.body, statement.orelse, path);
      case "Try": {
        // Production takes the way that works: the body (and its else). A handler that gives a
        // variable's value when the body read it with no default is that read's default.
        const body = this.block([...statement.body, ...statement.orelse], [path]);
        // A library imported in the body may not be installed in production (debug_toolbar, which
        // development requirements bring): the ImportError handler is a way production may take.
        const importHandlers = statement.handlers.filter(catchesImportError);
        if (importHandlers.length > 0 && this.importsLibrary(statement.body)) {
          const handled = importHandlers.map((handler) => this.block(handler.body, [path]));
          const final = this.block(statement.finalbody, [
            ...body.paths,
            ...handled.flatMap((outcome) => outcome.paths),
          ]);
          return {
            paths: final.paths,
            returned: [
              ...body.returned,
              ...handled.flatMap((outcome) => outcome.returned),
              ...final.returned,
            ],
          };
        }
        const handled = this.handlerDefault(
          statement.handlers.map((handler) => handler.body),
          path,
          body,
        );
        const final = this.block(statement.finalbody, handled.paths);
        return { paths: final.paths, returned: [...handled.returned, ...final.returned] };
      }
      case "With": {
        const locals = new Map(path.locals);
        for (const item of statement.items)
          if (item.optionalVars?.kind === "Name")
            locals.set(
              item.optionalVars.id,
              unknown(`what ${this.definition.source.written(item.contextExpr)} gives when the server runs`),
            );
        return this.block(statement.body, [{ locals }]);
      }
      case "Delete": {
        const locals = new Map(path.locals);
        for (const target of statement.targets) {
          if (target.kind === "Name") {
            locals.delete(target.id);
            continue;
          }
          // `del items[0]`: an item of a local is not followed (it was ignored, leaving the item).
          const root = rootName(target);
          if (root === undefined) throw new GiveUp("deletes something other than its own variables");
          if (!locals.has(root) && !this.trackGlobal(root, locals, statement))
            this.changesGlobal(root, statement);
          locals.set(root, unknown(`an item of ${root} is deleted, which the engine does not follow`));
        }
        return { paths: [{ locals }], returned: [] };
      }
      case "Import": {
        const locals = new Map(path.locals);
        for (const alias of statement.names)
          locals.set(alias.asname?.name ?? alias.name.split(".")[0]!, {
            kind: "symbol",
            qualifiedName: alias.asname ? alias.name : alias.name.split(".")[0]!,
          });
        return { paths: [{ locals }], returned: [] };
      }
      case "ImportFrom": {
        if (statement.names === "*") throw new GiveUp("star-imports inside");
        const locals = new Map(path.locals);
        for (const alias of statement.names) {
          const resolved = this.definition.globals.importName?.(statement.module, alias.name);
          // A module of the project that is missing raises ImportError: not a way production takes.
          if (resolved === "missing" && statement.level > 0) return { paths: [], returned: [] };
          locals.set(
            alias.asname?.name ?? alias.name,
            resolved === undefined || resolved === "missing"
              ? { kind: "symbol", qualifiedName: `${statement.module}.${alias.name}` }
              : resolved,
          );
        }
        return { paths: [{ locals }], returned: [] };
      }
      case "Global": {
        // The module's names it declares are followed on each path's copy, and written back.
        const locals = new Map(path.locals);
        for (const name of statement.names) {
          if (!this.tracked.has(name.name)) this.tracked.set(name.name, statement);
          const current = this.definition.globals.lookup(name.name);
          if (current !== undefined && !locals.has(name.name)) locals.set(name.name, current);
        }
        return { paths: [{ locals }], returned: [] };
      }
      case "FunctionDef":
      case "ClassDef": {
        const locals = new Map(path.locals);
        locals.set(statement.name.name, unknown(`${statement.name.name} is defined inside a function`));
        return { paths: [{ locals }], returned: [] };
      }
      default:
        throw new GiveUp(
          `has a ${statement.kind === "While" ? "while loop" : "statement"} the engine does not follow`,
        );
    }
  }

  /**
   * `try: return os.environ[name]` / `except KeyError: return default`: the read's default is what
   * the handler gives. Other handlers are left out: production takes the way that works.
   */
  private handlerDefault(handlers: (readonly Statement[])[], path: Path, body: Outcome): Outcome {
    if (handlers.length === 0) return body;
    const required = body.returned.filter((value) => value.kind === "env" && value.default === undefined);
    if (required.length === 0) return body;
    const fallback = this.block(handlers[0]!, [path]);
    if (fallback.returned.length !== 1 || fallback.paths.length > 0) return body;
    const value = fallback.returned[0]!;
    return {
      paths: body.paths,
      returned: body.returned.map((returned) =>
        returned.kind === "env" && returned.default === undefined
          ? { ...returned, default: value, explicitDefault: true, defaultSpan: value.span }
          : returned,
      ),
    };
  }

  private assign(
    target: Expression,
    value: RuntimeValue,
    locals: Map<string, RuntimeValue>,
    path: Path,
  ): void {
    if (target.kind === "Name") {
      locals.set(target.id, value);
      return;
    }
    if (target.kind === "Tuple" || target.kind === "List") {
      const items = value.kind !== "symbol" ? unpackedItems(value, target.elts.length) : undefined;
      target.elts.forEach((element, index) =>
        this.assign(
          element,
          items ? items[index]! : unknown("unpacked from a value that is not known"),
          locals,
          path,
        ),
      );
      return;
    }
    if (target.kind === "Subscript" && target.value.kind === "Name" && !locals.has(target.value.id))
      this.trackGlobal(target.value.id, locals, target);
    if (target.kind === "Subscript" && target.value.kind === "Name" && locals.has(target.value.id)) {
      const key = this.evaluator(path).value(target.slice);
      const updated = setItem(locals.get(target.value.id)!, [key], asValue(value, "item"));
      locals.set(target.value.id, updated ?? unknown("an item assigned into a value that is not known"));
      return;
    }
    const root = rootName(target);
    if (root !== undefined && (target.kind === "Subscript" || !locals.has(root)))
      this.changesGlobal(root, target);
    throw new GiveUp("assigns to something other than its own variables");
  }

  private expressionStatement(expression: Expression, path: Path): Path {
    if (expression.kind === "Constant") return path; // a docstring
    if (
      expression.kind === "Call" &&
      expression.func.kind === "Attribute" &&
      expression.func.value.kind === "Name"
    ) {
      const name = expression.func.value.id;
      const method = expression.func.attr.name;
      // A module name changed in place (`MIDDLEWARE.append(…)`): the path's copy is changed.
      if (MUTATING_METHODS.has(method) && !path.locals.has(name)) {
        const locals = new Map(path.locals);
        if (this.trackGlobal(name, locals, expression)) path = { ...path, locals };
      }
      if (MUTATING_METHODS.has(method) && path.locals.has(name)) {
        const evaluator = this.evaluator(path);
        const args = evaluator.arguments(expression);
        const target = getItem(path.locals.get(name)!, []);
        const changed = target
          ? mutateWithCall(target, method, args, this.definition.source.span(expression))
          : undefined;
        const locals = new Map(path.locals);
        locals.set(name, changed ?? unknown(`changed by .${method}() in a way the engine does not follow`));
        return { locals };
      }
      if (MUTATING_METHODS.has(method)) this.changesGlobal(name, expression);
    }
    if (
      expression.kind === "Call" &&
      expression.func.kind === "Name" &&
      ["setattr", "exec", "globals", "vars"].includes(expression.func.id)
    )
      throw new GiveUp(`calls ${expression.func.id}(), which the engine does not follow`);
    // Any other call is evaluated for what it might do through nested calls; its value is dropped.
    void this.evaluator(path).evaluate(expression);
    return path;
  }

  private ifStatement(
    test: Expression,
    body: readonly Statement[],
    orelse: readonly Statement[],
    path: Path,
  ): Outcome {
    const { truth } = assumedTruth(this.evaluator(path).value(test));
    if (truth === true) return this.block(body, [path]);
    if (truth === false) return this.block(orelse, [path]);
    const taken = this.block(body, [{ locals: new Map(path.locals) }]);
    const other = this.block(orelse, [{ locals: new Map(path.locals) }]);
    return { paths: [...taken.paths, ...other.paths], returned: [...taken.returned, ...other.returned] };
  }

  private forStatement(
    target: Expression,
    iter: Expression,
    body: readonly Statement[],
    orelse: readonly Statement[],
    path: Path,
  ): Outcome {
    const items = iterate(this.evaluator(path).value(iter));
    if (!items) throw new GiveUp("loops over values that are not known");
    if (items.length > MAX_ITERATIONS) throw new GiveUp(`loops more than ${MAX_ITERATIONS} times`);
    let paths: Path[] = [path];
    const returned: Value[] = [];
    const finished: Path[] = [];
    for (const item of items) {
      const running: Path[] = [];
      for (const current of paths) {
        const locals = new Map(current.locals);
        this.assign(target, item, locals, current);
        running.push({ locals });
      }
      const outcome = this.block(body, running);
      returned.push(...outcome.returned);
      finished.push(
        ...outcome.paths
          .filter((candidate) => candidate.flow === "break")
          .map((candidate) => ({ locals: candidate.locals })),
      );
      paths = outcome.paths
        .filter((candidate) => candidate.flow !== "break")
        .map((candidate) => ({ locals: candidate.locals }));
      if (paths.length === 0) break;
    }
    const afterElse = this.block(orelse, paths);
    return { paths: [...afterElse.paths, ...finished], returned: [...returned, ...afterElse.returned] };
  }
}

/** The items a `for` loop goes through, for values whose items are known. */
export function iterate(value: Value): Value[] | undefined {
  if (isSequence(value)) return value.items;
  if (value.kind === "dict") return value.entries.map((entry) => entry.key);
  if (value.kind === "str") return [...value.value].map((character) => str(character));
  return undefined;
}

/** The name an item or attribute target starts from (`X` of `X["a"][0]`), if any. */
function rootName(target: Expression): string | undefined {
  let current = target;
  while (current.kind === "Subscript" || current.kind === "Attribute") current = current.value;
  return current.kind === "Name" ? current.id : undefined;
}

/** An `except` clause that catches ImportError: bare, ImportError, ModuleNotFoundError, Exception. */
function catchesImportError(handler: ExceptHandler): boolean {
  const names = new Set(["ImportError", "ModuleNotFoundError", "Exception", "BaseException"]);
  const type = handler.type;
  if (!type) return true;
  const candidates = type.kind === "Tuple" ? type.elts : [type];
  return candidates.some((candidate) => candidate.kind === "Name" && names.has(candidate.id));
}
