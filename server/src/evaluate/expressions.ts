// Evaluates Python expressions of a settings module to values of the lattice in values.ts.
// Anything it cannot follow becomes Unknown with the reason; nothing is guessed. Here: the scope
// an expression runs in, calls and comprehensions; the forms whose value follows from their parts
// (displays, names, operators, attributes, items) are in expressionForms.ts.
import type { Call, DictComp, Expression, ListComp } from "../python/ast";
import { functionCall } from "./calls";
import { ExpressionForms } from "./expressionForms";
import { methodCall } from "./methodCalls";
import { type CallBudget, callFunction, newBudget } from "./functions";
import { convertEnvValue } from "./environmentReads";
import type { SourceSpan } from "../python/location";
import { asValue, type RuntimeValue, type SymbolValue } from "./moduleState";
import { binaryOperation, setEntry } from "./operators";
import { changeEachOption, mutateWithCall, MUTATING_METHODS } from "./mutations";
import { normalisePath } from "./paths";
import { iterate } from "./functions";
import {
  assumedTruth,
  bool,
  dict,
  type DictEntry,
  isKnown,
  none,
  str,
  unknown,
  unpackedItems,
  type Value,
} from "./values";
import { bounded } from "./valueBounds";

export interface Scope {
  lookup(name: string): RuntimeValue;
  /** Absolute path of the module's file, for `__file__`. */
  file: string;
  /** The profile's environment: variables a `.env` file sets. */
  environment?: Environment;
  /** The work left to calls of the project's functions (a new budget per call made at module level). */
  budget?: CallBudget;
  /** One name from another module, as the module's own `from … import name` would get it. */
  importName?(module: string, name: string): RuntimeValue | "missing";
  /** Binds a name where the expression runs, for `name := value`; absent where nothing may be bound. */
  assign?(name: string, value: RuntimeValue, span: SourceSpan): void;
  /**
   * Rebinds a name whose value an expression changed in place (`last = X.pop()`), or that a function
   * of the project changes in a way the engine does not follow; absent where nothing may change.
   */
  changeInPlace?(name: string, value: RuntimeValue, span: SourceSpan): void;
  /** What is left of the work of the comprehension being evaluated, shared by those nested in it. */
  comprehensionWork?: { remaining: number };
  /** Whether a path in the workspace exists (see ImportResolver.pathExists). */
  pathExists?(path: string): { exists: boolean; display: string } | undefined;
}

/** The most items a comprehension may produce before the engine stops following it. */
const MAX_COMPREHENSION_ITEMS = 1_000;
/** The most items a comprehension and the comprehensions nested in it may go through together. */
const MAX_COMPREHENSION_WORK = 10_000;

/** Binds a loop or comprehension target (`x`, `k, v`) to an item; false when it cannot. */
export function bindTarget(
  target: Expression,
  item: RuntimeValue,
  locals: Map<string, RuntimeValue>,
): boolean {
  if (target.kind === "Name") {
    locals.set(target.id, item);
    return true;
  }
  if (target.kind === "Tuple" || target.kind === "List") {
    const items = item.kind !== "symbol" ? unpackedItems(item, target.elts.length) : undefined;
    return target.elts.every((element, index) =>
      bindTarget(element, items ? items[index]! : unknown("unpacked from a value that is not known"), locals),
    );
  }
  return false;
}

/** Variables set for a profile, with where each is set. */
export type Environment = ReadonlyMap<string, { value: string; file: string; line: number }>;

/** Positional and keyword arguments of a call, evaluated, with their expressions. */
export interface CallArguments {
  positional: { value: RuntimeValue; node: Expression }[];
  keywords: Map<string, { value: RuntimeValue; node: Expression }>;
  /** True when `*args` or `**kwargs` make the arguments unknowable. */
  spread: boolean;
}

/**
 * How expressions the engine does not evaluate are described in their Unknown's reason. The wording
 * is the one the evaluator used when it named lezer's node types ("a array comprehension
 * expression"), kept so that this change of the evaluator's input changes no result.
 */
const NOT_EVALUATED: Partial<Record<Expression["kind"], string>> = {
  Lambda: "a lambda expression",
  ListComp: "a array comprehension expression",
  SetComp: "a set comprehension expression",
  GeneratorExp: "a comprehension expression",
  DictComp: "a dictionary comprehension expression",
  NamedExpr: "a named expression",
  Error: "a part the parser could not read",
};

export class ExpressionEvaluator extends ExpressionForms {
  evaluate(node: Expression): RuntimeValue {
    const value = bounded(this.evaluateInner(node));
    if (value.kind !== "symbol" && value.span === undefined)
      return { ...value, span: this.source.span(node) };
    return value;
  }

  value(node: Expression): Value {
    const value = this.evaluate(node);
    return value.kind === "symbol" ? asValue(value, this.source.written(node)) : value;
  }

  private evaluateInner(node: Expression): RuntimeValue {
    // The node's span is made only where this method uses it: most kinds make their own.
    switch (node.kind) {
      case "Constant": {
        const span = this.source.span(node);
        switch (node.type) {
          case "str":
            return str(node.value, span);
          case "int":
          case "float":
            return { kind: node.type, value: node.value, span };
          case "bool":
            return bool(node.value, span);
          case "None":
            return none(span);
          case "bytes":
            return unknown("a bytes literal", span);
          case "complex":
            return unknown("a complex number", span);
          case "Ellipsis":
            return unknown("a ellipsis is not evaluated", span);
        }
        break;
      }
      case "JoinedStr":
        return this.joinedString(node);
      case "Name":
        return this.variable(node);
      case "List":
      case "Tuple":
      case "Set":
        return this.sequence(node);
      case "Dict":
        return this.dictionary(node);
      case "BinOp":
        return binaryOperation(
          node.op,
          this.value(node.left),
          this.value(node.right),
          this.source.span(node),
        );
      case "BoolOp":
        return this.booleanOperation(node);
      case "Compare":
        return this.comparison(node);
      case "UnaryOp":
        return this.unary(node);
      case "IfExp":
        return this.conditional(node);
      case "Attribute":
        return this.attribute(node);
      case "Subscript":
        return this.subscript(node);
      case "Call":
        return this.call(node);
      case "Starred":
        return unknown("an expression the engine does not follow", this.source.span(node));
      case "ListComp":
      case "GeneratorExp":
      case "DictComp":
        return this.comprehension(node);
      case "NamedExpr": {
        const value = this.evaluate(node.value);
        this.scope.assign?.(node.target.id, value, this.source.span(node.target));
        return value;
      }
      case "Unsupported":
        return unknown(`${node.description} is not evaluated`, this.source.span(node));
    }
    return unknown(`${NOT_EVALUATED[node.kind] ?? "an expression"} is not evaluated`, this.source.span(node));
  }

  /**
   * `[f(x) for x in items if cond]` (and the set, generator and dict forms) over values whose items
   * are known: each item bound in a scope of its own, as Python does.
   */
  private comprehension(node: ListComp | DictComp): Value {
    const span = this.source.span(node);
    const first = node.generators[0];
    // The first iterable is evaluated where the comprehension is written, as Python does.
    const firstItems = first && !first.isAsync ? this.value(first.iter) : undefined;
    if (firstItems?.kind === "env") {
      // `[x.strip() for x in os.environ.get("HOSTS", "a, b").split(",")]`: what the default becomes.
      return convertEnvValue(
        firstItems,
        { kind: "other", description: "a comprehension" },
        (fallback) => {
          const made = this.comprehensionOver(node, fallback, span);
          return isKnown(made) ? made : undefined;
        },
        span,
      );
    }
    return this.comprehensionOver(node, firstItems, span);
  }

  /** The comprehension's value when its first iterable is `firstItems`. */
  private comprehensionOver(
    node: ListComp | DictComp,
    firstItems: Value | undefined,
    span: SourceSpan,
  ): Value {
    const results: Value[] = [];
    const entries: DictEntry[] = [];
    // Comprehensions nested in this one share its work: each is bounded in items, but four nested
    // over range(200) would run the innermost 1,600,000,000 times.
    const work = this.scope.comprehensionWork ?? { remaining: MAX_COMPREHENSION_WORK };
    const outer: Scope = { ...this.scope, comprehensionWork: work };
    // One scope, one map of names and one evaluator per run of a clause, not per item: each item
    // rebinds every name of the clause's target in the same map before anything reads it, and a
    // nested clause copies the map, so what each expression sees is what a scope per item would give.
    const scopeOver = (locals: Map<string, RuntimeValue>): ExpressionEvaluator =>
      new ExpressionEvaluator(this.source, {
        ...outer,
        lookup: (name) => locals.get(name) ?? outer.lookup(name),
      });
    const run = (
      generator: number,
      inner: ExpressionEvaluator,
      locals: Map<string, RuntimeValue>,
    ): string | undefined => {
      const clause = node.generators[generator];
      if (!clause) {
        if (node.kind === "DictComp") setEntry(entries, inner.value(node.key), inner.value(node.value));
        else results.push(inner.value(node.elt));
        return results.length + entries.length > MAX_COMPREHENSION_ITEMS ? "too many items" : undefined;
      }
      if (clause.isAsync) return "an async comprehension";
      const items = iterate(generator === 0 && firstItems ? firstItems : inner.value(clause.iter));
      if (!items) return "a comprehension over values that are not known";
      const bound = new Map(locals);
      const itemEvaluator = scopeOver(bound);
      for (const item of items) {
        if (--work.remaining < 0) return "a comprehension that runs too many times to follow";
        if (!bindTarget(clause.target, item, bound))
          return "a comprehension target the engine does not follow";
        let keep: boolean | undefined = true;
        for (const test of clause.ifs) {
          const { truth } = assumedTruth(itemEvaluator.value(test));
          if (truth !== true) keep = truth;
          if (truth !== true) break;
        }
        if (keep === undefined) return "a comprehension whose condition is not known";
        if (!keep) continue;
        const failed = run(generator + 1, itemEvaluator, bound);
        if (failed) return failed;
      }
      return undefined;
    };
    const noNames = new Map<string, RuntimeValue>();
    const failed = run(0, scopeOver(noNames), noNames);
    if (failed) return unknown(failed, span);
    if (node.kind === "DictComp") return dict(entries, span);
    const kind = node.kind === "SetComp" ? "set" : node.kind === "GeneratorExp" ? "tuple" : "list";
    return { kind, items: results, span };
  }

  /**
   * `Path(…).exists()`, `os.path.isfile(…)` and the like on a path in the workspace: what the
   * repository holds, which production is assumed to have too. A file that is not in the repository
   * could be created on the server, so the value says what it assumes.
   */
  private existence(callee: SymbolValue, args: CallArguments, span: SourceSpan): Value | undefined {
    const method = callee.qualifiedName.slice("<value>.".length);
    const onPath =
      callee.receiver?.kind === "path" &&
      ["exists", "is_file", "is_dir"].includes(method) &&
      args.positional.length === 0
        ? callee.receiver.value
        : undefined;
    const first = args.positional[0]?.value;
    const onFunction =
      ["os.path.exists", "os.path.isfile", "os.path.isdir"].includes(callee.qualifiedName) &&
      args.positional.length === 1 &&
      (first?.kind === "str" || first?.kind === "path")
        ? first.value
        : undefined;
    const path = onPath ?? onFunction;
    if (path === undefined || !path.startsWith("/")) return undefined;
    const found = this.scope.pathExists?.(normalisePath(path));
    if (!found) return unknown(`whether ${path} exists on the server`, span);
    return {
      ...bool(found.exists, span),
      assumption: found.exists
        ? `${found.display} exists in production as it does in the repository`
        : `${found.display}, which is not in the repository, is not created on the server`,
    };
  }

  arguments(call: Call): CallArguments {
    const result: CallArguments = { positional: [], keywords: new Map(), spread: false };
    for (const argument of call.args) {
      // `*args` of a known list or tuple passes its items (`os.path.join(ROOT, *parts)`); of
      // anything else it makes the arguments unknowable. A generator (`tuple(x for x in y)`) is
      // the tuple of its items, which is what the functions that consume it see.
      if (argument.kind === "Starred") {
        const spread = this.evaluate(argument.value);
        if (spread.kind === "list" || spread.kind === "tuple")
          for (const item of spread.items) result.positional.push({ value: item, node: argument.value });
        else result.spread = true;
      } else result.positional.push({ value: this.evaluate(argument), node: argument });
    }
    for (const keyword of call.keywords) {
      if (keyword.arg !== undefined) {
        result.keywords.set(keyword.arg.name, { value: this.evaluate(keyword.value), node: keyword.value });
        continue;
      }
      // `**options` of a known dict with string keys passes its entries as keywords.
      const spread = this.evaluate(keyword.value);
      if (spread.kind === "dict" && spread.entries.every((entry) => entry.key.kind === "str"))
        for (const entry of spread.entries)
          result.keywords.set((entry.key as { value: string }).value, {
            value: entry.value,
            node: keyword.value,
          });
      else result.spread = true;
    }
    return result;
  }

  private call(node: Call): RuntimeValue {
    const span = this.source.span(node);
    const callee = this.evaluate(node.func);
    if (callee.kind !== "symbol")
      return unknown(`calls ${this.source.written(node.func)}, which is not known`, span);
    const args = this.arguments(node);
    if (callee.function) return callFunction(callee.function, args, span, this.scope.budget ?? newBudget());
    const existence = this.existence(callee, args, span);
    if (existence) return existence;
    const receiver = callee.receiver;
    if (receiver !== undefined) {
      const method = callee.qualifiedName.slice("<value>.".length);
      const result = methodCall(receiver, method, args, span);
      if (MUTATING_METHODS.has(method)) this.changedByMethod(node, receiver, method, args, span);
      return result;
    }
    return functionCall(callee, args, span, this.source, this.scope.environment);
  }

  /**
   * `last = X.pop()`: an in-place change inside an expression changes the name too (it was left as
   * it was). A change through an item (`X["a"].pop()`) is not followed: the name becomes Unknown.
   */
  private changedByMethod(
    node: Call,
    receiver: RuntimeValue,
    method: string,
    args: CallArguments,
    span: SourceSpan,
  ): void {
    if (!this.scope.changeInPlace || node.func.kind !== "Attribute") return;
    let root: Expression = node.func.value;
    while (root.kind === "Subscript" && !root.parens) root = root.value;
    if (root.kind !== "Name" || root.parens) return;
    if (receiver.kind === "symbol" || receiver.kind === "unknown") return;
    const reason = `changed by .${method}() in a way the engine does not follow`;
    if (root !== node.func.value) {
      this.scope.changeInPlace(root.id, unknown(reason, span), span);
      return;
    }
    const changed = changeEachOption(receiver, (option) =>
      option.kind === "symbol" ? undefined : mutateWithCall(option, method, args, span),
    );
    this.scope.changeInPlace(root.id, changed ?? unknown(reason, span), span);
  }
}
