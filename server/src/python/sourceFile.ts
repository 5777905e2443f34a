// A parsed module as one file on disk: the SourceSpans of nodes of the syntax view (ast.ts) and the
// text they were written as.
import type { Expression, Span } from "./ast";
import type { LineIndex } from "./lineIndex";
import type { Range, SourceSpan } from "./location";
import type { ParsedModule } from "./parse";

export class SourceFile {
  constructor(
    readonly module: ParsedModule,
    readonly file: string,
  ) {}

  span(node: Span): SourceSpan {
    return new LazySpan(this.file, node.from, node.to, this.module.lineIndex);
  }

  spanOf(from: number, to: number): SourceSpan {
    return new LazySpan(this.file, from, to, this.module.lineIndex);
  }

  /** The text of a span. */
  text(node: Span): string {
    return this.module.text.slice(node.from, node.to);
  }

  /** An expression as written, with the parentheses that only group it. */
  written(expression: Expression): string {
    return this.text(expression.parens ?? expression);
  }

  /** The span of an expression as written, with the parentheses that only group it. */
  writtenSpan(expression: Expression): SourceSpan {
    return this.span(expression.parens ?? expression);
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
