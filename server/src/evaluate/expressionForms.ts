// The forms of expression whose value follows from the values of their parts: displays (lists,
// tuples, sets, dicts), f-strings, names, boolean, comparison, unary and conditional operators,
// attributes and items. ExpressionEvaluator (expressions.ts) builds on them with what runs code:
// calls, and comprehensions, which evaluate in scopes of their own.
import type {
  Attribute,
  BoolOp,
  Compare,
  Dict,
  Expression,
  IfExp,
  JoinedStr,
  List,
  Name,
  Set as SetDisplay,
  Subscript,
  Tuple,
  UnaryOp,
} from "../python/ast";
import { symbol } from "./calls";
import { callEnvironmentReader, convertEnvValue } from "./environmentReads";
import type { Scope } from "./expressions";
import type { SourceSpan } from "../python/location";
import type { RuntimeValue } from "./moduleState";
import { binaryOperation, entryAdder, pythonStr, sliceOf, subscript } from "./operators";
import { normalisePath, parentPath } from "./paths";
import type { SourceFile } from "../python/sourceFile";
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
  type Value,
} from "./values";
import { MAX_STRING_LENGTH, MAX_VALUE_ITEMS } from "./valueBounds";

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

export abstract class ExpressionForms {
  constructor(
    protected readonly source: SourceFile,
    protected readonly scope: Scope,
  ) {}

  /** The expression's value; a module, function or class stays a symbol (see ExpressionEvaluator). */
  abstract evaluate(node: Expression): RuntimeValue;

  /** The expression's value as a value of the lattice (a symbol becomes Unknown, see asValue). */
  abstract value(node: Expression): Value;

  protected variable(node: Name): RuntimeValue {
    const name = node.id;
    if (name === "__file__")
      return { kind: "path", value: normalisePath(this.scope.file), span: this.source.span(node) };
    const value = this.scope.lookup(name);
    // A value keeps the place it was written; a reference to it is reported where it is used.
    return value.kind === "symbol" ? value : placedAt(value, this.source.span(node));
  }

  /** An f-string (possibly concatenated with plain strings) whose parts are all known becomes a str. */
  protected joinedString(node: JoinedStr): Value {
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

  protected sequence(node: List | Tuple | SetDisplay): Value {
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

  protected dictionary(node: Dict): Value {
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
  protected booleanOperation(node: BoolOp): Value {
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
  protected comparison(node: Compare): Value {
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

  protected unary(node: UnaryOp): Value {
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

  protected conditional(node: IfExp): Value {
    const span = this.source.span(node);
    const { truth, assumption } = assumedTruth(this.value(node.test));
    if (truth !== undefined) {
      const chosen = this.value(truth ? node.body : node.orelse);
      return assumption && !chosen.assumption ? { ...chosen, assumption } : chosen;
    }
    return { kind: "oneOf", options: [this.value(node.body), this.value(node.orelse)], span };
  }

  protected subscript(node: Subscript): RuntimeValue {
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

  protected attribute(node: Attribute): RuntimeValue {
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
}
