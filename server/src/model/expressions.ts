// Evaluates Python expressions of a settings module to values of the lattice in values.ts.
// Anything it cannot follow becomes Unknown with the reason; nothing is guessed.
import type { SyntaxNode } from "@lezer/common";
import { callEnvironmentReader, convertEnvValue, describeCallee } from "./environment";
import type { RuntimeValue, SymbolValue } from "./moduleState";
import { children, meaningfulChildren, type NodeContext } from "./syntax";
import { joinPath, normalisePath, parentPath } from "./paths";
import { parseNumberLiteral, parseStringLiteral } from "./pythonLiterals";
import {
  bool,
  dict,
  type DictEntry,
  type EnvConversion,
  type FromEnvValue,
  isKnown,
  isSequence,
  type KnownValue,
  none,
  pythonEquals,
  str,
  truthiness,
  unknown,
  type Value,
} from "./values";

export interface Scope {
  lookup(name: string): RuntimeValue;
  /** Absolute path of the module's file, for `__file__`. */
  file: string;
  /** The profile's environment: variables a `.env` file sets. */
  environment?: Environment;
}

/** Variables set for a profile, with where each is set. */
export type Environment = ReadonlyMap<string, { value: string; file: string; line: number }>;

/** Positional and keyword arguments of a call, evaluated, with their nodes. */
export interface CallArguments {
  positional: { value: RuntimeValue; node: SyntaxNode }[];
  keywords: Map<string, { value: RuntimeValue; node: SyntaxNode }>;
  /** True when `*args` or `**kwargs` make the arguments unknowable. */
  spread: boolean;
}

const symbol = (qualifiedName: string): SymbolValue => ({ kind: "symbol", qualifiedName });

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

/** Classes whose instances the engine follows: django-environ's `Env`, python-decouple's helpers. */
const INSTANCE_FACTORIES = new Set([
  "environ.Env",
  "environ.environ.Env",
  "decouple.Csv",
  "decouple.AutoConfig",
  "decouple.Config",
]);

export function asValue(value: RuntimeValue, context: string): Value {
  return value.kind === "symbol" ? unknown(`${context} is ${value.qualifiedName}, not a value`) : value;
}

export class ExpressionEvaluator {
  constructor(
    private readonly context: NodeContext,
    private readonly scope: Scope,
  ) {}

  evaluate(node: SyntaxNode): RuntimeValue {
    const value = this.evaluateInner(node);
    if (value.kind !== "symbol" && value.span === undefined)
      return { ...value, span: this.context.span(node) };
    return value;
  }

  value(node: SyntaxNode): Value {
    return asValue(this.evaluate(node), this.context.text(node));
  }

  private evaluateInner(node: SyntaxNode): RuntimeValue {
    const span = this.context.span(node);
    switch (node.name) {
      case "String":
      case "ContinuedString":
      case "FormatString":
        return this.string(node);
      case "Number": {
        const number = parseNumberLiteral(this.context.text(node));
        return number ? { kind: number.kind, value: number.value, span } : unknown("a complex number", span);
      }
      case "Boolean":
        return bool(this.context.text(node) === "True", span);
      case "None":
        return none(span);
      case "VariableName":
        return this.variable(this.context.text(node), span);
      case "ParenthesizedExpression": {
        const inner = meaningfulChildren(node);
        return inner.length === 1
          ? this.evaluate(inner[0]!)
          : unknown("an expression the engine does not follow", span);
      }
      case "ArrayExpression":
      case "TupleExpression":
      case "SetExpression":
        return this.sequence(node);
      case "DictionaryExpression":
        return this.dictionary(node);
      case "BinaryExpression":
        return this.binary(node);
      case "UnaryExpression":
        return this.unary(node);
      case "ConditionalExpression":
        return this.conditional(node);
      case "MemberExpression":
        return this.member(node);
      case "CallExpression":
        return this.call(node);
      default:
        return unknown(`${describeNode(node.name)} is not evaluated`, span);
    }
  }

  private variable(name: string, span: ReturnType<NodeContext["span"]>): RuntimeValue {
    if (name === "__file__") return { kind: "path", value: normalisePath(this.scope.file), span };
    const value = this.scope.lookup(name);
    // A value keeps the place it was written; a reference to it is reported where it is used.
    return value.kind === "symbol" ? value : { ...value, span };
  }

  private string(node: SyntaxNode): Value {
    const span = this.context.span(node);
    const parts = node.name === "ContinuedString" ? meaningfulChildren(node) : [node];
    let result = "";
    for (const part of parts) {
      if (part.name === "FormatString") {
        const formatted = this.formatString(part);
        if (formatted.kind !== "str") return formatted;
        result += formatted.value;
      } else {
        const literal = parseStringLiteral(this.context.text(part));
        if (literal === undefined) return unknown("a bytes literal", span);
        result += literal;
      }
    }
    return str(result, span);
  }

  private formatString(node: SyntaxNode): Value {
    const span = this.context.span(node);
    const text = this.context.text(node);
    const prefix = /^[rRfF]{1,2}/.exec(text)?.[0] ?? "";
    const raw = prefix.toLowerCase().includes("r");
    const quote = /^('''|"""|'|")/.exec(text.slice(prefix.length))?.[0] ?? '"';
    const bodyStart = node.from + prefix.length + quote.length;
    const bodyEnd = node.to - quote.length;
    let result = "";
    let position = bodyStart;
    const literal = (from: number, to: number) => {
      const piece = this.context.module.text.slice(from + this.context.offset, to + this.context.offset);
      const unescaped = raw ? piece : parseStringLiteral(`"${piece.replace(/"/g, '\\"')}"`);
      return (unescaped ?? piece).replace(/\{\{/g, "{").replace(/\}\}/g, "}");
    };
    for (const child of children(node)) {
      if (child.name !== "FormatReplacement") continue;
      result += literal(position, child.from);
      const inner = meaningfulChildren(child).filter((part) => part.name !== "{" && part.name !== "}");
      if (inner.length !== 1) return unknown("an f-string with a conversion or format spec", span);
      const value = this.value(inner[0]!);
      const rendered = pythonStr(value);
      if (rendered === undefined)
        return unknown(`an f-string whose part ${this.context.text(inner[0]!)} is not known`, span);
      result += rendered;
      position = child.to;
    }
    result += literal(position, Math.max(position, bodyEnd));
    return str(result, span);
  }

  private sequence(node: SyntaxNode): Value {
    const span = this.context.span(node);
    const kind = node.name === "ArrayExpression" ? "list" : node.name === "TupleExpression" ? "tuple" : "set";
    const items: Value[] = [];
    const parts = meaningfulChildren(node);
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]!;
      if (part.name === "*") {
        const spread = parts[++index];
        const value = spread ? this.value(spread) : unknown("a bare *", span);
        if (!isSequence(value))
          return unknown(`unpacks ${spread ? this.context.text(spread) : "*"}, which is not known`, span);
        items.push(...value.items);
      } else if (part.name === "for" || part.name === "async") {
        return unknown("a comprehension", span);
      } else {
        items.push(this.value(part));
      }
    }
    return { kind, items, span };
  }

  private dictionary(node: SyntaxNode): Value {
    const span = this.context.span(node);
    const entries: DictEntry[] = [];
    const parts = children(node).filter((child) => !["{", "}", ",", "Comment"].includes(child.name));
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]!;
      if (part.name === "for") return unknown("a dict comprehension", span);
      if (part.name === "**") {
        const spread = parts[++index];
        const value = spread ? this.value(spread) : undefined;
        if (!value || value.kind !== "dict") return unknown("unpacks a dict that is not known", span);
        for (const entry of value.entries) setEntry(entries, entry.key, entry.value);
        continue;
      }
      const colon = parts[index + 1];
      const valueNode = parts[index + 2];
      if (!colon || colon.name !== ":" || !valueNode) return unknown("a dict the engine cannot read", span);
      setEntry(entries, this.value(part), this.value(valueNode));
      index += 2;
    }
    return dict(entries, span);
  }

  private binary(node: SyntaxNode): RuntimeValue {
    const span = this.context.span(node);
    const parts = children(node).filter((child) => child.name !== "Comment");
    if (parts.length !== 3 && !(parts.length === 4 && ["not", "is"].includes(parts[1]!.name))) {
      return unknown("an expression the engine does not follow", span);
    }
    const operatorNodes = parts.slice(1, -1);
    const operator = operatorNodes.map((part) => this.context.text(part)).join(" ");
    const left = this.value(parts[0]!);
    const rightNode = parts[parts.length - 1]!;
    if (operator === "and" || operator === "or") {
      const truth = truthiness(left);
      if (truth === undefined) {
        if (left.kind === "env")
          return convertEnvValue(left, { kind: "other", description: operator }, () => undefined, span);
        return unknown(`${operator} on a value that is not known`, span);
      }
      return operator === "and"
        ? truth
          ? this.value(rightNode)
          : left
        : truth
          ? left
          : this.value(rightNode);
    }
    const right = this.value(rightNode);
    return binaryOperation(operator, left, right, span);
  }

  private unary(node: SyntaxNode): Value {
    const span = this.context.span(node);
    const parts = meaningfulChildren(node);
    const operator = parts[0] ? this.context.text(parts[0]) : "";
    const operand = parts[1] ? this.value(parts[1]) : unknown("nothing", span);
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

  private conditional(node: SyntaxNode): Value {
    const span = this.context.span(node);
    const parts = meaningfulChildren(node).filter((part) => part.name !== "if" && part.name !== "else");
    if (parts.length !== 3) return unknown("a conditional expression the engine cannot read", span);
    const condition = this.value(parts[1]!);
    const truth = condition.kind === "env" ? undefined : truthiness(condition);
    if (truth === true) return this.value(parts[0]!);
    if (truth === false) return this.value(parts[2]!);
    return { kind: "oneOf", options: [this.value(parts[0]!), this.value(parts[2]!)], span };
  }

  private member(node: SyntaxNode): RuntimeValue {
    const span = this.context.span(node);
    const parts = children(node);
    const objectNode = parts[0]!;
    if (parts[1]?.name === "[") {
      const indexNodes = parts.slice(2, -1).filter((part) => part.name !== ",");
      const target = this.evaluate(objectNode);
      if (indexNodes.length !== 1) return unknown("a slice", span);
      const index = this.value(indexNodes[0]!);
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
    const property = parts[parts.length - 1]!;
    const name = this.context.text(property);
    const target = this.evaluate(objectNode);
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
      if (name === "name") return str(target.value.split("/").pop() ?? "", span);
    }
    return { kind: "symbol", qualifiedName: `<value>.${name}`, receiver: target };
  }

  arguments(argumentList: SyntaxNode | undefined): CallArguments {
    const result: CallArguments = { positional: [], keywords: new Map(), spread: false };
    if (!argumentList) return result;
    const parts = children(argumentList).filter((child) => !["(", ")", ",", "Comment"].includes(child.name));
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]!;
      if (part.name === "*" || part.name === "**") {
        result.spread = true;
        index++;
        continue;
      }
      if (part.name === "VariableName" && parts[index + 1]?.name === "AssignOp" && parts[index + 2]) {
        const valueNode = parts[index + 2]!;
        result.keywords.set(this.context.text(part), { value: this.evaluate(valueNode), node: valueNode });
        index += 2;
        continue;
      }
      if (parts[index + 1]?.name === "for") return { ...result, spread: true };
      result.positional.push({ value: this.evaluate(part), node: part });
    }
    return result;
  }

  private call(node: SyntaxNode): RuntimeValue {
    const span = this.context.span(node);
    const parts = children(node);
    const calleeNode = parts[0]!;
    const argumentList = parts.find((part) => part.name === "ArgList");
    const callee = this.evaluate(calleeNode);
    if (callee.kind !== "symbol")
      return unknown(`calls ${this.context.text(calleeNode)}, which is not known`, span);
    const args = this.arguments(argumentList);
    const receiver = callee.receiver;
    if (receiver !== undefined)
      return methodCall(receiver, callee.qualifiedName.slice("<value>.".length), args, span, this.context);
    return functionCall(callee, args, span, this.context, this.scope.environment);
  }
}

function setEntry(entries: DictEntry[], key: Value, value: Value): void {
  const existing = entries.findIndex((entry) => pythonEquals(entry.key, key) === true);
  if (existing >= 0) entries[existing] = { key: entries[existing]!.key, value };
  else entries.push({ key, value });
}

function describeNode(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return `a ${words}`;
}

/** Python's `str()` of a known value, for f-strings and `str(...)`. */
export function pythonStr(value: Value): string | undefined {
  switch (value.kind) {
    case "str":
    case "path":
      return value.value;
    case "int":
      return String(value.value);
    case "float":
      return Number.isInteger(value.value) ? `${value.value}.0` : String(value.value);
    case "bool":
      return value.value ? "True" : "False";
    case "none":
      return "None";
    default:
      return undefined;
  }
}

function subscript(target: RuntimeValue, index: Value, span: ReturnType<NodeContext["span"]>): Value {
  if (target.kind === "symbol") return unknown(`an item of ${target.qualifiedName}`, span);
  if (target.kind === "dict") {
    if (!isKnown(index)) return unknown("a dict item whose key is not known", span);
    const found = target.entries.find((entry) => pythonEquals(entry.key, index) === true);
    return found ? found.value : unknown("a dict item that is not there", span);
  }
  if ((target.kind === "list" || target.kind === "tuple") && index.kind === "int") {
    const position = index.value < 0 ? target.items.length + index.value : index.value;
    const item = target.items[position];
    return item ?? unknown("an item past the end", span);
  }
  if (target.kind === "str" && index.kind === "int") {
    const char = target.value.at(index.value);
    return char === undefined ? unknown("a character past the end", span) : str(char, span);
  }
  return unknown("an item of a value that is not known", span);
}

export function binaryOperation(
  operator: string,
  left: Value,
  right: Value,
  span: ReturnType<NodeContext["span"]>,
): Value {
  if (left.kind === "env" || right.kind === "env") {
    const env = (left.kind === "env" ? left : right) as FromEnvValue;
    const other = left.kind === "env" ? right : left;
    const comparison =
      ["==", "!=", "in", "not in"].includes(operator) && left.kind === "env" && isKnown(other);
    const conversion = comparison
      ? {
          kind: "compare" as const,
          operator: operator as "==" | "!=" | "in" | "not in",
          operand: other,
          convertedFirst: env.conversion,
        }
      : { kind: "other" as const, description: `${operator} ${isKnown(other) ? "a literal" : "a value"}` };
    return convertEnvValue(
      env,
      conversion,
      (value) => {
        const result =
          left.kind === "env"
            ? binaryOperation(operator, value, right, span)
            : binaryOperation(operator, left, value, span);
        return isKnown(result) ? result : undefined;
      },
      span,
    );
  }
  if (left.kind === "oneOf" || right.kind === "oneOf") {
    const lefts = left.kind === "oneOf" ? left.options : [left];
    const rights = right.kind === "oneOf" ? right.options : [right];
    if (lefts.length * rights.length > 16) return unknown("too many combinations", span);
    return {
      kind: "oneOf",
      options: lefts.flatMap((l) => rights.map((r) => binaryOperation(operator, l, r, span))),
      span,
    };
  }
  if (!isKnown(left) || !isKnown(right)) {
    const culprit = !isKnown(left) ? left : right;
    return culprit.kind === "unknown"
      ? { ...culprit, span }
      : unknown("an operation on a value that is not known", span);
  }
  switch (operator) {
    case "==":
    case "!=": {
      const equal = pythonEquals(left, right);
      return equal === undefined
        ? unknown("a comparison", span)
        : bool(operator === "==" ? equal : !equal, span);
    }
    case "is":
    case "is not": {
      if (right.kind === "none" || left.kind === "none" || right.kind === "bool" || left.kind === "bool") {
        const same = left.kind === right.kind && pythonEquals(left, right) === true;
        return bool(operator === "is" ? same : !same, span);
      }
      return unknown("an identity comparison", span);
    }
    case "in":
    case "not in": {
      const contained = containment(left, right);
      return contained === undefined
        ? unknown("a membership test", span)
        : bool(operator === "in" ? contained : !contained, span);
    }
    case "+":
      return add(left, right, span);
    case "/":
      if (left.kind === "path" && (right.kind === "str" || right.kind === "path")) {
        return { kind: "path", value: joinPath(left.value, right.value), span };
      }
      if (isNumber(left) && isNumber(right) && right.value !== 0)
        return { kind: "float", value: left.value / right.value, span };
      return unknown("a division", span);
    case "*":
      if (isNumber(left) && isNumber(right)) {
        return {
          kind: left.kind === "int" && right.kind === "int" ? "int" : "float",
          value: left.value * right.value,
          span,
        };
      }
      if ((left.kind === "str" || isSequence(left)) && right.kind === "int")
        return repeat(left, right.value, span);
      return unknown("a multiplication", span);
    case "-":
      if (isNumber(left) && isNumber(right)) {
        return {
          kind: left.kind === "int" && right.kind === "int" ? "int" : "float",
          value: left.value - right.value,
          span,
        };
      }
      return unknown("a subtraction", span);
    case "//":
      if (left.kind === "int" && right.kind === "int" && right.value !== 0)
        return { kind: "int", value: Math.floor(left.value / right.value), span };
      return unknown("a floor division", span);
    case "**":
      if (left.kind === "int" && right.kind === "int" && right.value >= 0)
        return { kind: "int", value: left.value ** right.value, span };
      return unknown("a power", span);
    case "|":
      if (left.kind === "dict" && right.kind === "dict") {
        const entries = [...left.entries];
        for (const entry of right.entries) setEntry(entries, entry.key, entry.value);
        return dict(entries, span);
      }
      return unknown("a union", span);
    case "<":
    case "<=":
    case ">":
    case ">=":
      if (isNumber(left) && isNumber(right)) {
        const a = left.value;
        const b = right.value;
        const result =
          operator === "<" ? a < b : operator === "<=" ? a <= b : operator === ">" ? a > b : a >= b;
        return bool(result, span);
      }
      return unknown("an ordering comparison", span);
    default:
      return unknown(`the ${operator} operator`, span);
  }
}

function isNumber(value: Value): value is KnownValue & { kind: "int" | "float" | "bool"; value: number } {
  return value.kind === "int" || value.kind === "float";
}

function add(left: KnownValue, right: KnownValue, span: ReturnType<NodeContext["span"]>): Value {
  if (left.kind === "str" && right.kind === "str") return str(left.value + right.value, span);
  if (isNumber(left) && isNumber(right)) {
    return {
      kind: left.kind === "int" && right.kind === "int" ? "int" : "float",
      value: left.value + right.value,
      span,
    };
  }
  if ((left.kind === "list" && right.kind === "list") || (left.kind === "tuple" && right.kind === "tuple")) {
    return { kind: left.kind, items: [...left.items, ...right.items], span };
  }
  return unknown(`adds a ${right.kind} to a ${left.kind}`, span);
}

function repeat(value: KnownValue, times: number, span: ReturnType<NodeContext["span"]>): Value {
  if (times > 10_000) return unknown("a very long repetition", span);
  if (value.kind === "str") return str(value.value.repeat(Math.max(0, times)), span);
  if (isSequence(value))
    return {
      kind: value.kind,
      items: Array.from({ length: Math.max(0, times) }, () => value.items).flat(),
      span,
    };
  return unknown("a repetition", span);
}

function containment(item: KnownValue, container: KnownValue): boolean | undefined {
  if (container.kind === "str") return item.kind === "str" ? container.value.includes(item.value) : undefined;
  if (isSequence(container)) {
    let undecided = false;
    for (const candidate of container.items) {
      const equal = pythonEquals(item, candidate);
      if (equal === true) return true;
      if (equal === undefined) undecided = true;
    }
    return undecided ? undefined : false;
  }
  if (container.kind === "dict") {
    let undecided = false;
    for (const entry of container.entries) {
      const equal = pythonEquals(item, entry.key);
      if (equal === true) return true;
      if (equal === undefined) undecided = true;
    }
    return undecided ? undefined : false;
  }
  return undefined;
}

/** Methods of known values (`"a,b".split(",")`, `Path.resolve()`) and of values read from the environment. */
function methodCall(
  receiver: RuntimeValue,
  method: string,
  args: CallArguments,
  span: ReturnType<NodeContext["span"]>,
  context: NodeContext,
): RuntimeValue {
  if (receiver.kind === "symbol") return unknown(`calls ${method} on ${receiver.qualifiedName}`, span);
  const firstArgument = args.positional[0] ? asValue(args.positional[0].value, "argument") : undefined;
  const apply = (value: Value): Value | undefined => {
    const result = knownMethod(value, method, firstArgument, args, span);
    return result && isKnown(result) ? result : undefined;
  };
  if (receiver.kind === "env") {
    // Case and white-space changes keep a string a string: such a value still needs converting.
    const keepsString =
      ["lower", "upper", "strip", "casefold"].includes(method) && receiver.conversion.kind === "str";
    const conversion: EnvConversion =
      method === "split"
        ? { kind: "list" }
        : keepsString
          ? { kind: "str" }
          : { kind: "other", description: `.${method}()` };
    return convertEnvValue(receiver, conversion, apply, span);
  }
  const result = knownMethod(receiver, method, firstArgument, args, span);
  void context;
  return result ?? unknown(`calls .${method}()`, span);
}

function knownMethod(
  value: Value,
  method: string,
  argument: Value | undefined,
  args: CallArguments,
  span: ReturnType<NodeContext["span"]>,
): Value | undefined {
  if (value.kind === "str") {
    switch (method) {
      case "lower":
      case "casefold":
        return str(value.value.toLowerCase(), span);
      case "upper":
        return str(value.value.toUpperCase(), span);
      case "strip":
        return argument ? undefined : str(value.value.trim(), span);
      case "split": {
        if (argument === undefined || argument.kind === "none") {
          const pieces = value.value.split(/\s+/).filter((piece) => piece.length > 0);
          return { kind: "list", items: pieces.map((piece) => str(piece)), span };
        }
        if (argument.kind === "str" && argument.value.length > 0 && args.positional.length === 1) {
          return { kind: "list", items: value.value.split(argument.value).map((piece) => str(piece)), span };
        }
        return undefined;
      }
      case "startswith":
        return argument?.kind === "str" ? bool(value.value.startsWith(argument.value), span) : undefined;
      case "endswith":
        return argument?.kind === "str" ? bool(value.value.endsWith(argument.value), span) : undefined;
      default:
        return undefined;
    }
  }
  if (value.kind === "path") {
    switch (method) {
      case "resolve":
      case "absolute":
      case "expanduser":
        return { kind: "path", value: value.value, span };
      case "joinpath":
        return argument && (argument.kind === "str" || argument.kind === "path")
          ? { kind: "path", value: joinPath(value.value, argument.value), span }
          : undefined;
      default:
        return undefined;
    }
  }
  if (value.kind === "dict" && method === "get" && argument && isKnown(argument)) {
    const found = value.entries.find((entry) => pythonEquals(entry.key, argument) === true);
    const fallback = args.positional[1] ? asValue(args.positional[1].value, "default") : none(span);
    return found ? found.value : fallback;
  }
  return undefined;
}

/** Calls of known functions: the environment readers, `Path`, `os.path.*`, and the builtins. */
function functionCall(
  callee: SymbolValue,
  args: CallArguments,
  span: ReturnType<NodeContext["span"]>,
  context: NodeContext,
  environment: Environment | undefined,
): RuntimeValue {
  const name = callee.qualifiedName;
  const environmentRead = callEnvironmentReader(name, args, span, undefined, callee, environment);
  if (environmentRead) return environmentRead;
  if (INSTANCE_FACTORIES.has(name)) return symbol(`${name}()`);
  const values = args.positional.map((argument) => asValue(argument.value, context.text(argument.node)));
  switch (name) {
    case "pathlib.Path":
    case "pathlib.PurePath":
    case "pathlib.PosixPath": {
      if (values.length === 0) return { kind: "path", value: ".", span };
      let result: string | undefined;
      for (const value of values) {
        if (value.kind !== "str" && value.kind !== "path")
          return unknown("a path built from values that are not known", span);
        result = result === undefined ? normalisePath(value.value) : joinPath(result, value.value);
      }
      return { kind: "path", value: result!, span };
    }
    case "os.path.join": {
      let result: string | undefined;
      for (const value of values) {
        if (value.kind !== "str" && value.kind !== "path")
          return unknown("os.path.join of values that are not known", span);
        result =
          result === undefined
            ? value.value
            : value.value.startsWith("/")
              ? value.value
              : `${result.replace(/\/$/, "")}/${value.value}`;
      }
      return result === undefined ? unknown("os.path.join()", span) : str(result, span);
    }
    case "os.path.dirname":
    case "os.path.abspath":
    case "os.path.realpath":
    case "os.path.normpath":
    case "os.path.basename": {
      const value = values[0];
      if (!value || (value.kind !== "str" && value.kind !== "path"))
        return unknown(`${name} of a value that is not known`, span);
      const text = value.value;
      if (name === "os.path.dirname") return str(parentPath(text), span);
      if (name === "os.path.basename") return str(text.split("/").pop() ?? "", span);
      return str(normalisePath(text), span);
    }
    case "str":
    case "int":
    case "float":
    case "bool":
    case "list":
    case "tuple":
    case "set":
      return builtinConversion(name, values[0], span);
    case "dict": {
      if (values.length > 0)
        return values[0]!.kind === "dict"
          ? { ...values[0]!, span }
          : unknown("dict() of a value that is not known", span);
      return dict(
        [...args.keywords].map(([key, argument]) => ({ key: str(key), value: asValue(argument.value, key) })),
        span,
      );
    }
    default:
      return unknown(`calls ${describeCallee(name)}`, span);
  }
}

function builtinConversion(
  name: string,
  value: Value | undefined,
  span: ReturnType<NodeContext["span"]>,
): Value {
  if (value === undefined) {
    const empty: Record<string, Value> = {
      str: str("", span),
      int: { kind: "int", value: 0, span },
      float: { kind: "float", value: 0, span },
      bool: bool(false, span),
      list: { kind: "list", items: [], span },
      tuple: { kind: "tuple", items: [], span },
      set: { kind: "set", items: [], span },
    };
    return empty[name] ?? unknown(`${name}()`, span);
  }
  if (value.kind === "env") {
    const conversion = (["str", "int", "float", "bool", "list", "tuple"] as const).find(
      (kind) => kind === name,
    );
    return convertEnvValue(
      value,
      conversion ? { kind: conversion } : { kind: "other", description: `${name}()` },
      (inner) => {
        const converted = builtinConversion(name, inner, span);
        return isKnown(converted) ? converted : undefined;
      },
      span,
    );
  }
  if (!isKnown(value))
    return value.kind === "unknown"
      ? { ...value, span }
      : unknown(`${name}() of a value that is not known`, span);
  switch (name) {
    case "str": {
      const text = pythonStr(value);
      return text === undefined ? unknown("str() of a container", span) : str(text, span);
    }
    case "bool": {
      const truth = truthiness(value);
      return truth === undefined ? unknown("bool() of a value that is not known", span) : bool(truth, span);
    }
    case "int":
      if (value.kind === "int") return { ...value, span };
      if (value.kind === "bool") return { kind: "int", value: value.value ? 1 : 0, span };
      if (value.kind === "float") return { kind: "int", value: Math.trunc(value.value), span };
      if (value.kind === "str" && /^\s*[-+]?\d+\s*$/.test(value.value))
        return { kind: "int", value: Number(value.value), span };
      return unknown(
        `int() of ${value.kind === "str" ? `'${value.value}', which fails` : "a value it cannot convert"}`,
        span,
      );
    case "float":
      if (value.kind === "int" || value.kind === "float") return { kind: "float", value: value.value, span };
      if (value.kind === "str" && value.value.trim() !== "" && !Number.isNaN(Number(value.value)))
        return { kind: "float", value: Number(value.value), span };
      return unknown("float() of a value it cannot convert", span);
    default: {
      const items = isSequence(value)
        ? value.items
        : value.kind === "str"
          ? [...value.value].map((char) => str(char))
          : value.kind === "dict"
            ? value.entries.map((entry) => entry.key)
            : undefined;
      if (!items) return unknown(`${name}() of a value that is not a sequence`, span);
      return { kind: name as "list" | "tuple" | "set", items: [...items], span };
    }
  }
}
