// Small helpers over lezer nodes, for the evaluator. Children have no field names in lezer, so
// they are matched by node type name.
import type { SyntaxNode } from "@lezer/common";
import type { ParsedModule } from "./parse";
import type { LineIndex } from "./lineIndex";
import type { Range, SourceSpan } from "./location";

/** A node together with the module it belongs to and its offset (non-zero in re-parsed slices). */
export class NodeContext {
  constructor(
    readonly module: ParsedModule,
    readonly file: string,
    readonly offset: number,
  ) {}

  text(node: SyntaxNode): string {
    return this.module.text.slice(node.from + this.offset, node.to + this.offset);
  }

  span(node: SyntaxNode): SourceSpan {
    return this.spanOf(node.from, node.to);
  }

  spanOf(from: number, to: number): SourceSpan {
    return new LazySpan(this.file, from + this.offset, to + this.offset, this.module.lineIndex);
  }
}

/** A span whose line/character range is computed when first read: most spans are never reported. */
class LazySpan implements SourceSpan {
  private computed: Range | undefined;

  constructor(
    readonly file: string,
    readonly from: number,
    readonly to: number,
    private readonly lines: LineIndex,
  ) {}

  get range(): Range {
    this.computed ??= this.lines.rangeOf(this.from, this.to);
    return this.computed;
  }

  toJSON(): { file: string; from: number; to: number; range: Range } {
    return { file: this.file, from: this.from, to: this.to, range: this.range };
  }
}

export function children(node: SyntaxNode): SyntaxNode[] {
  const result: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) result.push(child);
  return result;
}

/** Children that carry meaning: no punctuation, no comments. */
export function meaningfulChildren(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter((child) => !isPunctuation(child.name) && child.name !== "Comment");
}

const PUNCTUATION = new Set(["(", ")", "[", "]", "{", "}", ",", ":", ".", ";"]);

export function isPunctuation(name: string): boolean {
  return PUNCTUATION.has(name);
}

/** Whether a subtree contains a parse error. */
export function hasError(node: SyntaxNode): boolean {
  if (node.type.isError) return true;
  for (let child = node.firstChild; child; child = child.nextSibling) if (hasError(child)) return true;
  return false;
}

export function findDeep(node: SyntaxNode, name: string): SyntaxNode | undefined {
  for (const child of children(node)) {
    if (child.name === name) return child;
    if (child.name === "FunctionDefinition" || child.name === "ClassDefinition") return findDeep(child, name);
  }
  return undefined;
}

/** Whether running a try body could raise: anything beyond assignments of literal-only expressions. */
export function mayRaise(body: SyntaxNode): boolean {
  for (const statement of children(body)) {
    if ([":", "Comment", "PassStatement"].includes(statement.name)) continue;
    if (statement.name !== "AssignStatement") return true;
    let risky = false;
    const visit = (node: SyntaxNode) => {
      if (
        ["CallExpression", "MemberExpression", "VariableName", "BinaryExpression"].includes(node.name) &&
        node !== children(statement)[0]
      )
        risky = true;
      for (const child of children(node)) visit(child);
    };
    children(statement).slice(1).forEach(visit);
    if (risky) return true;
  }
  return false;
}
