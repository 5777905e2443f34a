// The base of the conversion from lezer's tree to the typed syntax view: reading nodes (absolute
// positions, children without comments), recording damage, comma-separated lists and parameter lists,
// and the depth bound every expression passes. The conversion is a chain of classes, each extending
// the one below it: this one, the literals (toAstLiterals.ts), the operators (toAstOperators.ts), the
// other expressions (toAstExpressions.ts) and the statements (toAstCompound.ts, toAst.ts); each part
// is a file of its own, and all of them reach these helpers.
import type { SyntaxNode } from "@lezer/common";
import type { Expression, Identifier, Parameter, ParameterKind, Span, Tuple } from "./ast";

/**
 * The deepest expression converted (CPython's parser gives up near 200 nested brackets, and settings
 * nest a few levels).
 */
export const MAX_EXPRESSION_DEPTH = 400;

export abstract class NodeConverter {
  offset = 0;
  /** Damaged places found while converting; each statement takes those recorded since it began. */
  protected errors: Span[] = [];

  constructor(protected readonly text: string) {}

  // --- helpers -------------------------------------------------------------------------------

  protected from(node: SyntaxNode): number {
    return node.from + this.offset;
  }

  protected to(node: SyntaxNode): number {
    return node.to + this.offset;
  }

  protected span(node: SyntaxNode): Span {
    return { from: node.from + this.offset, to: node.to + this.offset };
  }

  protected source(node: SyntaxNode): string {
    return this.text.slice(node.from + this.offset, node.to + this.offset);
  }

  protected identifier(node: SyntaxNode): Identifier {
    return { name: this.source(node), from: this.from(node), to: this.to(node) };
  }

  protected recordError(span: Span): void {
    this.errors.push(span);
  }

  /** Children without comments; error children are recorded as damage of the current statement. */
  protected children(node: SyntaxNode): SyntaxNode[] {
    const result: SyntaxNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.type.isError) this.recordError(this.span(child));
      else if (child.name === "Comment") continue;
      result.push(child);
    }
    return result;
  }

  /**
   * Subtrees whose damage was recorded whole, by position and type: a damaged expression inside a
   * damaged expression is scanned once, not once per enclosing level (quadratic in deep nesting).
   */
  private readonly scannedSubtrees = new Set<string>();

  private subtreeKey(from: number, to: number, type: number): string {
    return `${from + this.offset}:${to + this.offset}:${type}`;
  }

  /** Records the damage inside a subtree that is not converted node by node. */
  protected recordErrorsWithin(node: SyntaxNode): void {
    const key = this.subtreeKey(node.from, node.to, node.type.id);
    if (this.scannedSubtrees.has(key)) return;
    this.scannedSubtrees.add(key);
    const cursor = node.cursor();
    if (!cursor.firstChild()) return;
    let depth = 1;
    for (;;) {
      if (cursor.type.isError)
        this.recordError({ from: cursor.from + this.offset, to: cursor.to + this.offset });
      const scanned = this.scannedSubtrees.has(this.subtreeKey(cursor.from, cursor.to, cursor.type.id));
      if (!scanned && cursor.firstChild()) {
        depth++;
        continue;
      }
      while (!cursor.nextSibling()) {
        if (depth === 1) return;
        cursor.parent();
        depth--;
      }
    }
  }

  protected errorExpression(from: number, to: number): Expression {
    return { kind: "Error", from, to };
  }

  /** The expression of a TypeDef node (`: int` or `-> int`). */
  protected typeAnnotation(node: SyntaxNode): Expression {
    const parts = this.children(node).filter((part) => part.name !== ":");
    return this.listItem(parts, this.span(node));
  }

  /** Parameters of a def (inside its parentheses) or a lambda. */
  protected parameters(parts: SyntaxNode[]): Parameter[] {
    const inner = parts.filter((part) => part.name !== "(" && part.name !== ")");
    const parameters: Parameter[] = [];
    let kind: ParameterKind = "positional";
    // Lezer leaves the positional-only marker `/` out of the tree: it shows as text between commas.
    let positionalOnly = 0;
    let previousEnd = parts[0]?.name === "(" ? parts[0].to : (inner[0]?.from ?? 0);
    const slashBefore = (offset: number) =>
      this.text.slice(previousEnd + this.offset, offset + this.offset).includes("/");
    for (const group of this.splitByCommas(inner)) {
      if (slashBefore(group[0]!.from)) positionalOnly = parameters.length;
      previousEnd = group[group.length - 1]!.to;
      const first = group[0]!;
      let cursor = 0;
      let parameterKind: ParameterKind = kind;
      if (first.name === "*" || first.name === "**") {
        parameterKind = first.name === "*" ? "*args" : "**kwargs";
        cursor = 1;
        if (first.name === "*") kind = "keyword-only";
      }
      const nameNode = group[cursor];
      // A bare `*` only makes the parameters after it keyword-only.
      if (!nameNode || nameNode.name !== "VariableName") continue;
      const annotationNode = group[cursor + 1]?.name === "TypeDef" ? group[cursor + 1] : undefined;
      const assignIndex = group.findIndex((part) => part.name === "AssignOp");
      const last = group[group.length - 1]!;
      const defaultValue =
        assignIndex >= 0
          ? this.listItem(group.slice(assignIndex + 1), this.span(group[assignIndex]!))
          : undefined;
      parameters.push({
        name: this.identifier(nameNode),
        kind: parameterKind,
        ...(annotationNode ? { annotation: this.typeAnnotation(annotationNode) } : {}),
        ...(defaultValue ? { default: defaultValue } : {}),
        from: this.from(first),
        to: this.to(last),
      });
    }
    const closing = parts[parts.length - 1];
    if (closing?.name === ")" && slashBefore(closing.from)) positionalOnly = parameters.length;
    if (positionalOnly === 0) return parameters;
    return parameters.map((parameter, index) =>
      index < positionalOnly ? { ...parameter, kind: "positional-only" } : parameter,
    );
  }

  // --- expressions ---------------------------------------------------------------------------

  /** Splits nodes at commas (not those of a comprehension's target, between `for` and `in`). */
  protected splitByCommas(nodes: SyntaxNode[]): SyntaxNode[][] {
    const groups: SyntaxNode[][] = [[]];
    let inTarget = false;
    for (const node of nodes) {
      if (node.name === "for") inTarget = true;
      else if (node.name === "in") inTarget = false;
      if (node.name === "," && !inTarget) groups.push([]);
      else groups[groups.length - 1]!.push(node);
    }
    return groups.filter((group) => group.length > 0);
  }

  /**
   * The items of a comma-separated list. A damaged place is an item of its own (`[1, 2⚠` has three
   * items, the last an Error), unless it stands for the value after `=`, `:`, `*` or `**`.
   */
  protected items(nodes: SyntaxNode[]): SyntaxNode[][] {
    const items: SyntaxNode[][] = [];
    for (const group of this.splitByCommas(nodes)) {
      let current: SyntaxNode[] = [];
      for (const node of group) {
        const previous = current[current.length - 1]?.name;
        const awaitsValue =
          previous === "AssignOp" || previous === ":" || previous === "*" || previous === "**";
        if (node.type.isError && !awaitsValue) {
          if (current.length > 0) items.push(current);
          items.push([node]);
          current = [];
        } else {
          current.push(node);
        }
      }
      if (current.length > 0) items.push(current);
    }
    return items;
  }

  /**
   * A comma-separated list as one expression: the single item, or a tuple without parentheses
   * (`1, 2,` spans from the first item to the trailing comma, as in CPython). `missing` is where an
   * absent expression is reported.
   */
  protected expressionList(nodes: SyntaxNode[], missing: Span): Expression {
    if (nodes.length === 1 && !nodes[0]!.type.isError) return this.expression(nodes[0]!);
    if (!hasComma(nodes)) return this.listItem(nodes, { from: missing.to, to: missing.to });
    const elts = this.items(nodes).map((group) => this.listItem(group));
    const tuple: Tuple = {
      kind: "Tuple",
      elts,
      parenthesized: false,
      from: this.from(nodes[0]!),
      to: this.to(nodes[nodes.length - 1]!),
    };
    return tuple;
  }

  /** One item of a list: an expression, `*expression`, or damage. */
  protected listItem(nodes: SyntaxNode[], missing?: Span): Expression {
    if (nodes.length === 1 && !nodes[0]!.type.isError && nodes[0]!.name !== "*" && nodes[0]!.name !== "**")
      return this.expression(nodes[0]!);
    const meaningful = nodes.filter((node) => !node.type.isError);
    if (meaningful.length === 0 || nodes[0]!.type.isError) {
      const at = nodes[0] ? this.span(nodes[0]) : (missing ?? { from: 0, to: 0 });
      if (nodes.length === 0) this.recordError(at);
      return this.errorExpression(
        at.from,
        nodes[nodes.length - 1] ? this.to(nodes[nodes.length - 1]!) : at.to,
      );
    }
    const first = meaningful[0]!;
    if ((first.name === "*" || first.name === "**") && meaningful.length === 2) {
      const value = this.expression(meaningful[1]!);
      return { kind: "Starred", value, from: this.from(first), to: value.parens?.to ?? value.to };
    }
    if (meaningful.length === 1) return this.expression(first);
    return this.errorExpression(this.from(nodes[0]!), this.to(nodes[nodes.length - 1]!));
  }

  /** How many expressions enclose the one being converted. */
  protected expressionDepth = 0;

  /**
   * One expression of the view. Conversion recurses once per level of the tree, and so do the
   * evaluator and everything that walks the view after it: past MAX_EXPRESSION_DEPTH levels the rest
   * is an Unsupported expression (Unknown to the evaluator), so no input can overflow the stack.
   */
  expression(node: SyntaxNode): Expression {
    if (this.expressionDepth >= MAX_EXPRESSION_DEPTH) return this.tooDeep(this.from(node), this.to(node));
    this.expressionDepth++;
    try {
      return this.convertExpression(node);
    } finally {
      this.expressionDepth--;
    }
  }

  protected tooDeep(from: number, to: number): Expression {
    return {
      kind: "Unsupported",
      description: `an expression nested more than ${MAX_EXPRESSION_DEPTH} levels deep, too deep to follow`,
      from,
      to,
    };
  }

  /** A node that does not have the shape its name promises: damage, with every error inside recorded. */
  protected damaged(node: SyntaxNode): Expression {
    if (node.type.isError) this.recordError(this.span(node));
    else this.recordErrorsWithin(node);
    return { kind: "Error", ...this.span(node) };
  }

  /** Converts one expression node; expression() calls it within the depth bound. */
  protected abstract convertExpression(node: SyntaxNode): Expression;
}

function hasComma(nodes: SyntaxNode[]): boolean {
  for (const node of nodes) if (node.name === ",") return true;
  return false;
}
