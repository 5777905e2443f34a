// Evaluates Python expressions of a settings module to values of the lattice in values.ts.
// Anything it cannot follow becomes Unknown with the reason; nothing is guessed.
import type { SyntaxNode } from "@lezer/common";
import { functionCall, methodCall, symbol } from "./calls";
import { callEnvironmentReader, convertEnvValue } from "./environmentReads";
import type { SourceSpan } from "../python/location";
import { asValue, type RuntimeValue } from "./moduleState";
import { binaryOperation, pythonStr, setEntry, subscript } from "./operators";
import { normalisePath, parentPath } from "./paths";
import { parseNumberLiteral, parseStringLiteral } from "../python/literals";
import { children, meaningfulChildren, type NodeContext } from "../python/syntax";
import { bool, dict, type DictEntry, isSequence, none, str, truthiness, unknown, type Value } from "./values";

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

  private variable(name: string, span: SourceSpan): RuntimeValue {
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
      return methodCall(receiver, callee.qualifiedName.slice("<value>.".length), args, span);
    return functionCall(callee, args, span, this.context, this.scope.environment);
  }
}

function describeNode(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return `a ${words}`;
}
