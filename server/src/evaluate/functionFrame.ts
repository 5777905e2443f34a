// What a call of a project function (functions.ts) keeps while it runs: the definition, the work
// left, its parameters bound from the call, and the names of its module it changes (each path works
// on its own copy, written back after the call). Kept apart from the statements the call runs
// (functionStatements.ts), which build on it.
import type { Span, Statement } from "../python/ast";
import type { SourceSpan } from "../python/location";
import type { CallArguments } from "./expressions";
import type { CallBudget, FunctionDefinition } from "./functions";
import { asValue, type RuntimeValue } from "./moduleState";
import { looksLikeProjectModule } from "./projectModules";
import { pythonEquals, unknown, type Value } from "./values";

export class GiveUp extends Error {}

/** A way through the function's body: its local variables, and whether it left a loop early. */
export interface Path {
  locals: Map<string, RuntimeValue>;
  flow?: "break" | "continue";
}

export interface Outcome {
  /** Paths that go on after the statements run. */
  paths: Path[];
  /** Values returned on the way. */
  returned: Value[];
}

/** One value of several returned ones (a OneOf when they differ). */
export function merge(values: Value[]): Value {
  const options: Value[] = [];
  for (const value of values)
    for (const option of value.kind === "oneOf" ? value.options : [value])
      if (!options.some((known) => known === option || pythonEquals(known, option) === true))
        options.push(option);
  return options.length === 1 ? options[0]! : { kind: "oneOf", options };
}

export abstract class FunctionFrame {
  /**
   * Names of the module the function changes (`global DEBUG`, `MIDDLEWARE.append(…)`, `X["a"] = 1`):
   * each path works on its own copy, kept among its locals, and after the call the module's name
   * gets what the paths leave (several values: a OneOf), with the first place it was changed.
   */
  protected readonly tracked = new Map<string, Span | SourceSpan>();
  /** The locals of each path at a `return`, for the module names it changed on the way. */
  protected readonly exits: Map<string, RuntimeValue>[] = [];

  constructor(
    protected readonly definition: FunctionDefinition,
    protected readonly budget: CallBudget,
  ) {}

  /** Starts following a module name on `locals`: its value now, changed from here on. */
  protected trackGlobal(name: string, locals: Map<string, RuntimeValue>, at: Span | SourceSpan): boolean {
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

  /** Whether `statements` import a library (not a module of the project the engine can read). */
  protected importsLibrary(statements: readonly Statement[]): boolean {
    return statements.some((statement) => {
      if (statement.kind === "Import") return true;
      if (statement.kind !== "ImportFrom" || statement.level > 0 || statement.names === "*") return false;
      // Not found here and not named like the project's own: a library this machine lacks.
      const first = statement.names[0];
      const resolved = first && this.definition.globals.importName?.(statement.module, first.name);
      return (resolved === undefined || resolved === "missing") && !looksLikeProjectModule(statement.module);
    });
  }
}
