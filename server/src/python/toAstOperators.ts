// The operators of the conversion from lezer's tree to the typed syntax view: binary operators,
// comparison chains, unary operators, and `not`/`and`/`or` regrouped with Python's precedence (lezer
// gives `not` a precedence of its own). Separate from the other expressions because this regrouping
// is where the view's shape departs most from lezer's tree.
import type { SyntaxNode } from "@lezer/common";
import type { BinaryOperator, CompareOperator, Expression, UnaryOperator } from "./ast";
import { LiteralConverter } from "./toAstLiterals";
import { MAX_EXPRESSION_DEPTH } from "./toAstNodes";

export const BINARY_OPERATORS = new Set<string>([
  "+",
  "-",
  "*",
  "@",
  "/",
  "//",
  "%",
  "**",
  "<<",
  ">>",
  "|",
  "^",
  "&",
]);
const COMPARE_OPERATORS = new Set<string>(["==", "!=", "<", "<=", ">", ">="]);

export abstract class OperatorConverter extends LiteralConverter {
  /** `a and b`, `a or b` or `not a`, as lezer writes them (before regrouping). */
  protected isBooleanNode(node: SyntaxNode): boolean {
    const parts = this.children(node);
    if (node.name === "UnaryExpression") return parts.length === 2 && this.source(parts[0]!) === "not";
    if (node.name !== "BinaryExpression" || parts.length !== 3) return false;
    const operator = this.source(parts[1]!);
    return operator === "and" || operator === "or";
  }

  /**
   * A chain of `not`, `and` and `or`, regrouped with Python's precedence (or < and < not).
   * @lezer/python gives `not` the lowest precedence of the three: it parses `not A and B` as
   * `not (A and B)`, which Python reads as `(not A) and B`. So the chain is read flat, as the
   * keywords and the operands between them (a parenthesized operand stays one operand), and grouped
   * again here.
   */
  protected booleanExpression(node: SyntaxNode): Expression {
    type Token =
      { kind: "not"; from: number } | { kind: "and" | "or" } | { kind: "operand"; node: SyntaxNode };
    const tokens: Token[] = [];
    const flatten = (part: SyntaxNode): void => {
      if (!this.isBooleanNode(part)) {
        tokens.push({ kind: "operand", node: part });
        return;
      }
      const parts = this.children(part);
      if (part.name === "UnaryExpression") {
        tokens.push({ kind: "not", from: this.from(parts[0]!) });
        flatten(parts[1]!);
        return;
      }
      flatten(parts[0]!);
      tokens.push({ kind: this.source(parts[1]!) as "and" | "or" });
      flatten(parts[2]!);
    };
    flatten(node);
    // Each grouped expression keeps the span of its source, parentheses of its operands included
    // (CPython's spans for `(A or B) or C` start at the parenthesis).
    type Grouped = { expression: Expression; from: number; to: number };
    let index = 0;
    const chain = (operator: "and" | "or", operand: () => Grouped): Grouped => {
      const values = [operand()];
      while (tokens[index]?.kind === operator) {
        index++;
        values.push(operand());
      }
      if (values.length === 1) return values[0]!;
      const from = values[0]!.from;
      const to = values[values.length - 1]!.to;
      const expressions = values.map((value) => value.expression);
      return { expression: { kind: "BoolOp", op: operator, values: expressions, from, to }, from, to };
    };
    const negation = (): Grouped => {
      // `not not … x`: the operand first, then the negations around it, without recursing once
      // per `not` (20,000 of them overflowed the stack), and no deeper than any expression may be.
      const negations: number[] = [];
      while (tokens[index]?.kind === "not") negations.push((tokens[index++] as { from: number }).from);
      const token = tokens[index++];
      let grouped: Grouped =
        token?.kind === "operand"
          ? { expression: this.expression(token.node), from: this.from(token.node), to: this.to(token.node) }
          : { expression: this.damaged(node), from: this.from(node), to: this.to(node) };
      if (negations.length > 0 && this.expressionDepth + negations.length > MAX_EXPRESSION_DEPTH)
        return {
          expression: this.tooDeep(negations[0]!, grouped.to),
          from: negations[0]!,
          to: grouped.to,
        };
      for (let position = negations.length - 1; position >= 0; position--) {
        const from = negations[position]!;
        const expression: Expression = {
          kind: "UnaryOp",
          op: "not",
          operand: grouped.expression,
          from,
          to: grouped.to,
        };
        grouped = { expression, from, to: grouped.to };
      }
      return grouped;
    };
    const result = chain("or", () => chain("and", negation)).expression;
    return index === tokens.length ? result : this.damaged(node);
  }

  protected binary(node: SyntaxNode): Expression {
    const span = this.span(node);
    const parts = this.children(node);
    if (parts.length < 3 || parts.length > 4) return this.damaged(node);
    const operatorNodes = parts.slice(1, -1);
    const operator = operatorNodes.map((part) => this.source(part)).join(" ");
    const left = this.expression(parts[0]!);
    const right = this.expression(parts[parts.length - 1]!);
    if (operatorNodes.length === 1 && (operator === "and" || operator === "or")) {
      // `a or b or c` is one BoolOp, as in CPython (not when the left one is in parentheses).
      const values =
        left.kind === "BoolOp" && left.op === operator && !left.parens
          ? [...left.values, right]
          : [left, right];
      return { kind: "BoolOp", op: operator, values, from: span.from, to: span.to };
    }
    if (isCompareOperator(operatorNodes, operator)) {
      const op = operator as CompareOperator;
      if (left.kind === "Compare" && !left.parens)
        return {
          kind: "Compare",
          left: left.left,
          ops: [...left.ops, op],
          comparators: [...left.comparators, right],
          from: span.from,
          to: span.to,
        };
      return { kind: "Compare", left, ops: [op], comparators: [right], from: span.from, to: span.to };
    }
    if (operatorNodes.length === 1 && BINARY_OPERATORS.has(operator))
      return { kind: "BinOp", left, op: operator as BinaryOperator, right, from: span.from, to: span.to };
    return this.damaged(node);
  }

  protected unary(node: SyntaxNode): Expression {
    const span = this.span(node);
    const parts = this.children(node);
    const operator = parts[0] ? this.source(parts[0]) : "";
    if (parts.length !== 2 || !["not", "-", "+", "~"].includes(operator)) return this.damaged(node);
    return {
      kind: "UnaryOp",
      op: operator as UnaryOperator,
      operand: this.expression(parts[1]!),
      from: span.from,
      to: span.to,
    };
  }
}

function isCompareOperator(operatorNodes: SyntaxNode[], operator: string): boolean {
  if (operatorNodes.length === 2) return operator === "not in" || operator === "is not";
  const name = operatorNodes[0]!.name;
  return (name === "CompareOp" && COMPARE_OPERATORS.has(operator)) || name === "in" || name === "is";
}
