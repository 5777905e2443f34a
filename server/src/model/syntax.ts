// Small helpers over lezer nodes, for the evaluator. Children have no field names in lezer, so
// they are matched by node type name.
import type { SyntaxNode } from "@lezer/common";
import type { ParsedModule } from "../python/parse";
import type { SourceSpan } from "./location";

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
    const start = from + this.offset;
    const end = to + this.offset;
    return { file: this.file, from: start, to: end, range: this.module.lineIndex.rangeOf(start, end) };
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
