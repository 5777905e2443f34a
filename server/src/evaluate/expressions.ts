// Evaluates Python expressions of a settings module to values of the lattice in values.ts.
// Anything it cannot follow becomes Unknown with the reason; nothing is guessed.
import type {
  Attribute,
  BoolOp,
  Call,
  Compare,
  Dict,
  Expression,
  IfExp,
  JoinedStr,
  List,
  ListComp,
  DictComp,
  Name,
  Set as SetDisplay,
  Subscript,
  Tuple,
  UnaryOp,
} from "../python/ast";
import { functionCall, symbol } from "./calls";
import { methodCall } from "./methodCalls";
import { type CallBudget, callFunction, newBudget } from "./functions";
import { callEnvironmentReader, convertEnvValue } from "./environmentReads";
import type { SourceSpan } from "../python/location";
import { asValue, type RuntimeValue, type SymbolValue } from "./moduleState";
import { binaryOperation, entryAdder, pythonStr, setEntry, sliceOf, subscript } from "./operators";
import { changeEachOption, mutateWithCall, MUTATING_METHODS } from "./mutations";
import { normalisePath, parentPath } from "./paths";
import type { SourceFile } from "../python/sourceFile";
import { iterate } from "./functions";
import {
  assumedTruth,
  bool,
  dict,
  type DictEntry,
  isKnown,
  isSequence,
  none,
  str,
  truthiness,
  unknown,
  unpackedItems,
  type Value,
} from "./values";
import { bounded, MAX_STRING_LENGTH, MAX_VALUE_ITEMS } from "./valueBounds";

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

/** Library constants settings use as values: Django 6.0's `django.utils.csp.CSP` source keywords. */
const LIBRARY_CONSTANTS: Record<string, string> = {
  "django.utils.csp.CSP.NONCE": "<CSP_NONCE_SENTINEL>",
  "django.utils.csp.CSP.NONE": "'none'",
  "django.utils.csp.CSP.REPORT_SAMPLE": "'report-sample'",
  "django.utils.csp.CSP.SELF": "'self'",
  "django.utils.csp.CSP.STRICT_DYNAMIC": "'strict-dynamic'",
  "django.utils.csp.CSP.UNSAFE_EVAL": "'unsafe-eval'",
  "django.utils.csp.CSP.UNSAFE_HASHES": "'unsafe-hashes'",
  "django.utils.csp.CSP.UNSAFE_INLINE": "'unsafe-inline'",
  "django.utils.csp.CSP.WASM_UNSAFE_EVAL": "'wasm-unsafe-eval'",
};

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

/**
 * `{ ...value, span }`. A spread of values of many shapes is slow (V8 copies them property by
 * property), and a name is looked up for every item of a comprehension: a scalar with only its kind,
 * value and perhaps a span (as str(), int() and the like build them) is built directly, with its
 * properties in the same order.
 */
function placedAt(value: Value, span: SourceSpan): Value {
  if (value.kind === "str" || value.kind === "int" || value.kind === "float" || value.kind === "bool") {
    let keys = 0;
    let order = true;
    for (const key in value) order &&= key === SCALAR_KEYS[keys++];
    // Values made without a place (the items of `range(…)`) have no span key; the spread adds it last.
    if (order && (keys === 3 || keys === 2)) return { kind: value.kind, value: value.value, span } as Value;
  }
  return { ...value, span };
}

const SCALAR_KEYS = ["kind", "value", "span"];

export class ExpressionEvaluator {
  constructor(
    private readonly source: SourceFile,
    private readonly scope: Scope,
  ) {}

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

  private variable(node: Name): RuntimeValue {
    const name = node.id;
    if (name === "__file__")
      return { kind: "path", value: normalisePath(this.scope.file), span: this.source.span(node) };
    const value = this.scope.lookup(name);
    // A value keeps the place it was written; a reference to it is reported where it is used.
    return value.kind === "symbol" ? value : placedAt(value, this.source.span(node));
  }

  /** An f-string (possibly concatenated with plain strings) whose parts are all known becomes a str. */
  private joinedString(node: JoinedStr): Value {
    // With implicit concatenation, a part that is not known is reported at the f-string it is in.
    const pieceOf = (part: Expression) =>
      this.source.span(node.pieces?.find((piece) => piece.from <= part.from && part.to <= piece.to) ?? node);
    let result = "";
    for (const part of node.values) {
      if (part.kind === "Constant") {
        result += part.value;
        continue;
      }
      if (part.conversion || part.formatSpec || (part.value.kind === "Tuple" && !part.value.parenthesized))
        return unknown("an f-string with a conversion or format spec", pieceOf(part));
      const rendered = pythonStr(this.value(part.value));
      if (rendered === undefined)
        return unknown(
          `an f-string whose part ${this.source.written(part.value)} is not known`,
          pieceOf(part),
        );
      result += rendered;
      if (result.length > MAX_STRING_LENGTH)
        return unknown(
          `a string longer than ${MAX_STRING_LENGTH.toLocaleString("en")} characters, too large to follow`,
          this.source.span(node),
        );
    }
    return str(result, this.source.span(node));
  }

  private sequence(node: List | Tuple | SetDisplay): Value {
    const span = this.source.span(node);
    const kind = node.kind === "List" ? "list" : node.kind === "Tuple" ? "tuple" : "set";
    const items: Value[] = [];
    // A display with more items than any value may hold is not evaluated item by item.
    if (node.elts.length > MAX_VALUE_ITEMS)
      return unknown(
        `a value of more than ${MAX_VALUE_ITEMS.toLocaleString("en")} items, too large to follow`,
        span,
      );
    for (const element of node.elts) {
      if (element.kind === "Starred") {
        const value = this.value(element.value);
        if (!isSequence(value))
          return unknown(`unpacks ${this.source.written(element.value)}, which is not known`, span);
        for (const item of value.items) items.push(item);
      } else {
        items.push(this.value(element));
      }
    }
    return { kind, items, span };
  }

  private dictionary(node: Dict): Value {
    const span = this.source.span(node);
    const entries: DictEntry[] = [];
    const add = entryAdder(entries);
    for (const entry of node.entries) {
      if (entry.key === null) {
        const value = this.value(entry.value);
        if (value.kind !== "dict") return unknown("unpacks a dict that is not known", span);
        for (const inner of value.entries) add(inner.key, inner.value);
        continue;
      }
      add(this.value(entry.key), this.value(entry.value));
    }
    return dict(entries, span);
  }

  /**
   * `a or b or c`, from the left: each step sees the result of the steps before it, spanning from
   * the first operand to the step's right operand.
   */
  private booleanOperation(node: BoolOp): Value {
    const first = node.values[0]!;
    let result = this.value(first);
    for (let index = 1; index < node.values.length; index++) {
      const right = node.values[index]!;
      const span = this.source.spanOf((first.parens ?? first).from, (right.parens ?? right).to);
      const truth = truthiness(result);
      if (truth === undefined) {
        const other = result.kind === "env" ? this.value(right) : undefined;
        const fallback = result.kind === "env" ? result.default : undefined;
        const fallbackTruth = fallback && isKnown(fallback) ? truthiness(fallback) : undefined;
        if (
          other?.kind === "env" &&
          fallbackTruth !== undefined &&
          (node.op === "and" ? fallbackTruth : !fallbackTruth)
        ) {
          // `os.environ.get("A") or os.environ.get("B", "x")`: what A is under the environment
          // assumption hands the value over to the second read, which keeps its own variable.
          result = { ...other, span };
        } else if (result.kind === "env" && other) {
          // `os.environ.get("X") or "False"`: what the default becomes decides between the two.
          result = convertEnvValue(
            result,
            { kind: "other", description: node.op },
            (value) => {
              const own = truthiness(value);
              if (own === undefined) return undefined;
              const chosen = (node.op === "and" ? own : !own) ? other : value;
              return isKnown(chosen) ? chosen : undefined;
            },
            span,
          );
        } else result = unknown(`${node.op} on a value that is not known`, span);
      } else if (node.op === "and" ? truth : !truth) {
        result = this.value(right);
      }
      if (result.span === undefined && index < node.values.length - 1) result = { ...result, span };
    }
    return result;
  }

  /** `a < b < c` compares from the left, each step's result with the next operand. */
  private comparison(node: Compare): Value {
    const first = node.left;
    let result = this.value(first);
    node.ops.forEach((operator, index) => {
      const right = node.comparators[index]!;
      const span = this.source.spanOf((first.parens ?? first).from, (right.parens ?? right).to);
      result = binaryOperation(operator, result, this.value(right), span);
      if (result.span === undefined && index < node.ops.length - 1) result = { ...result, span };
    });
    return result;
  }

  private unary(node: UnaryOp): Value {
    const span = this.source.span(node);
    const operator = node.op;
    const operand = this.value(node.operand);
    if (operator === "not") {
      if (operand.kind === "env") {
        return convertEnvValue(
          operand,
          { kind: "other", description: "not" },
          (value) => {
            const truth = truthiness(value);
            return truth === undefined ? undefined : bool(!truth);
          },
          span,
        );
      }
      const truth = truthiness(operand);
      return truth === undefined ? unknown("not of a value that is not known", span) : bool(!truth, span);
    }
    if ((operator === "-" || operator === "+") && (operand.kind === "int" || operand.kind === "float")) {
      return { kind: operand.kind, value: operator === "-" ? -operand.value : operand.value, span };
    }
    return unknown(`${operator} on a value that is not known`, span);
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

  private conditional(node: IfExp): Value {
    const span = this.source.span(node);
    const { truth, assumption } = assumedTruth(this.value(node.test));
    if (truth !== undefined) {
      const chosen = this.value(truth ? node.body : node.orelse);
      return assumption && !chosen.assumption ? { ...chosen, assumption } : chosen;
    }
    return { kind: "oneOf", options: [this.value(node.body), this.value(node.orelse)], span };
  }

  private subscript(node: Subscript): RuntimeValue {
    const span = this.source.span(node);
    const target = this.evaluate(node.value);
    const slice = node.slice;
    const wholeSlice = slice.kind === "Slice" && !slice.lower && !slice.upper && !slice.step;
    if (slice.kind === "Slice" && target.kind !== "symbol") {
      const bound = (expression: Expression | undefined) => (expression ? this.value(expression) : none());
      return sliceOf(target, bound(slice.lower), bound(slice.upper), bound(slice.step), span);
    }
    if ((slice.kind === "Slice" && !wholeSlice) || (slice.kind === "Tuple" && !slice.parenthesized))
      return unknown("a slice", span);
    // `X[:]` has always been read as an item whose key is not known (and other slices as "a slice").
    const index = wholeSlice ? unknown("a : is not evaluated", this.source.span(slice)) : this.value(slice);
    if (target.kind === "symbol") {
      if (target.qualifiedName === "os.environ") {
        const name = index.kind === "str" ? index.value : undefined;
        if (name === undefined) return unknown("an environment variable whose name is not known", span);
        const read = callEnvironmentReader(
          "os.environ[]",
          { positional: [], keywords: new Map(), spread: false },
          span,
          name,
          undefined,
          this.scope.environment,
        );
        return read ?? unknown("an environment read", span);
      }
      return unknown(`an item of ${target.qualifiedName}`, span);
    }
    return subscript(target, index, span);
  }

  private attribute(node: Attribute): RuntimeValue {
    const span = this.source.span(node);
    const name = node.attr.name;
    const target = this.evaluate(node.value);
    if (target.kind === "symbol" && target.members) {
      return target.members.get(name) ?? unknown(`${target.qualifiedName} has no attribute ${name}`, span);
    }
    if (target.kind === "symbol" && target.module) {
      const binding = target.module.bindings.get(name);
      if (binding) return binding.value;
      return target.module.fallback ?? unknown(`${target.qualifiedName} does not define ${name}`, span);
    }
    if (target.kind === "symbol") {
      const constant = LIBRARY_CONSTANTS[`${target.qualifiedName}.${name}`];
      if (constant !== undefined) return str(constant, span);
      return symbol(`${target.qualifiedName}.${name}`);
    }
    if (target.kind === "path") {
      if (name === "parent") return { kind: "path", value: parentPath(target.value), span };
      if (name === "parents") {
        // `Path(__file__).resolve().parents[1]`: every ancestor, the nearest first, up to the root.
        const ancestors: Value[] = [];
        for (let path = target.value; parentPath(path) !== path; path = parentPath(path))
          ancestors.push({ kind: "path", value: parentPath(path), span });
        return { kind: "tuple", items: ancestors, span };
      }
      if (name === "name") return str(target.value.split("/").pop() ?? "", span);
    }
    return { kind: "symbol", qualifiedName: `<value>.${name}`, receiver: target };
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
