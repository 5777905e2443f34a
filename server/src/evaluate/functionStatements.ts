// The statements of a project function's body (functions.ts), run path by path on the call's frame
// (functionFrame.ts): assignments, `if`, `for`, `try`, `with`, `del`, imports, `global`, early
// `return` and calls made for what they change. Kept apart from the frame, which binds parameters
// and follows the module names the call changes.
import type { ExceptHandler, Expression, Statement } from "../python/ast";
import { ExpressionEvaluator, type Scope } from "./expressions";
import { FunctionFrame, GiveUp, type Outcome, type Path } from "./functionFrame";
import { iterate } from "./functions";
import { asValue, type RuntimeValue } from "./moduleState";
import { augmented, getItem, mutateWithCall, MUTATING_METHODS, setItem } from "./mutations";
import { assumedTruth, none, unknown, unpackedItems, type Value } from "./values";

const MAX_PATHS = 32;
const MAX_ITERATIONS = 200;

export class Interpreter extends FunctionFrame {
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
