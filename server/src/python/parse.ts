// Parses Python with @lezer/python (each version of an edited document: incrementalDocument.ts) and
// hands the evaluator the module's statements in the parser-independent view of ast.ts (built by
// toAst.ts). Only server/src/python/ knows the parser.
//
// @lezer/lr forces a reduction after a long run of left-associative reductions when only one parse
// stack is alive; with the Python grammar this drops an error node every few hundred top-level
// statements of a long file and loses the statement next to it (../shared/notes/python-parser.md).
// Each such place is parsed again on its own, a few statements either side, which the defect cannot
// reach, and those statements replace the damaged ones.
import type { SyntaxNode, Tree } from "@lezer/common";
import { parser } from "@lezer/python";
import type { Statement as SyntaxStatement } from "./ast";
import { errorNodes } from "./errorNodes";
import { LineIndex } from "./lineIndex";
import { textToParse } from "./nesting";
import { moduleBody, StatementCache, type UnchangedEnds } from "./statementCache";

/** A top-level statement; `offset` is added to the node's positions (non-zero for re-parsed slices). */
export interface Statement {
  node: SyntaxNode;
  offset: number;
}

/** How many top-level statements either side of a damaged place are parsed again. */
const REPAIR_CONTEXT = 2;

export class ParsedModule {
  readonly lineIndex: LineIndex;
  private statementList: Statement[] | undefined;
  private bodyStatements: readonly SyntaxStatement[] | undefined;

  /**
   * `versions` is given for a version of an edited document (IncrementalDocument): the statements
   * the previous version converted, which this one takes over where unchanged, and what changed
   * since the text `unchanged` was measured from.
   */
  constructor(
    readonly text: string,
    readonly tree: Tree,
    private readonly versions?: {
      previous?: StatementCache;
      unchanged?: UnchangedEnds & { since: string };
    },
    /** The text the parser read: `text`, with brackets nested past CPython's limit blanked (nesting.ts). */
    readonly parsedText: string = text,
  ) {
    this.lineIndex = new LineIndex(text);
  }

  /** The module's top-level statements in order, with damaged places repaired. */
  get statements(): Statement[] {
    this.statementList ??= collectStatements(this.parsedText, this.tree);
    return this.statementList;
  }

  /** The module's statements in the typed view of ast.ts, with absolute spans; built on first use. */
  get body(): readonly SyntaxStatement[] {
    if (!this.bodyStatements) {
      if (this.versions) {
        const next = new StatementCache(this.text);
        const { previous, unchanged } = this.versions;
        this.bodyStatements = moduleBody(this.text, this.statements, {
          previous,
          next,
          // What changed is known from the edit when the previous statements are those of the text
          // the edit was made to (a version whose view was never built hands over its predecessor's).
          unchanged: previous && unchanged?.since === previous.text ? unchanged : undefined,
          errorWithin: (from, to) => this.errorWithin(from, to),
        });
        // The next version takes over this one's statements, and the previous version's are let go.
        this.versions.previous = next;
        this.versions.unchanged = undefined;
      } else {
        this.bodyStatements = moduleBody(this.text, this.statements);
      }
    }
    return this.bodyStatements;
  }

  /** Whether the tree holds an error node that overlaps `from`…`to` or stands empty inside it. */
  errorWithin(from: number, to: number): boolean {
    const { starts, reaches } = errorNodes(this.tree);
    if (starts.length === 0) return false;
    // The first error node starting at `from` or later, and whether one before it reaches into the range.
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle]! < from) low = middle + 1;
      else high = middle;
    }
    if (low < starts.length && starts[low]! <= to) return true;
    return low > 0 && reaches[low - 1]! > from;
  }

  /** Offset after the module's last top-level statement or comment (0 for an empty module). */
  get end(): number {
    const last = this.statements[this.statements.length - 1];
    return last ? last.node.to + last.offset : 0;
  }

  /** What the next version of an edited document may take over (the latest statements converted). */
  reusableStatements(): StatementCache | undefined {
    return this.versions?.previous;
  }

  /** Node text, taking a statement's offset into account. */
  textOf(node: SyntaxNode, offset = 0): string {
    return this.text.slice(node.from + offset, node.to + offset);
  }
}

export function parseModule(text: string): ParsedModule {
  const parsedText = textToParse(text);
  return new ParsedModule(text, parser.parse(parsedText), undefined, parsedText);
}

function topLevelNodes(tree: Tree): SyntaxNode[] {
  const nodes: SyntaxNode[] = [];
  for (let child = tree.topNode.firstChild; child; child = child.nextSibling) nodes.push(child);
  return nodes;
}

function collectStatements(text: string, tree: Tree): Statement[] {
  const nodes = topLevelNodes(tree);
  const damaged: number[] = [];
  nodes.forEach((node, index) => {
    if (node.type.isError) damaged.push(index);
  });
  if (damaged.length === 0) return nodes.map((node) => ({ node, offset: 0 }));

  // A slice must start where a line starts: a trailing comment belongs to the statement before it.
  // For each node, the index of the first node on its line, found in one pass: a long line of
  // garbage holds thousands of error nodes, and walking back from each was quadratic.
  const firstOnLine: number[] = [];
  nodes.forEach((node, index) => {
    firstOnLine.push(index === 0 || startsLine(text, node.from) ? index : firstOnLine[index - 1]!);
  });

  // Merge the neighbourhoods of damaged places into runs of node indices [first, last].
  const runs: [number, number][] = [];
  for (const index of damaged) {
    const first = firstOnLine[Math.max(0, index - REPAIR_CONTEXT)]!;
    const last = Math.min(nodes.length - 1, index + REPAIR_CONTEXT);
    const previous = runs[runs.length - 1];
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else runs.push([first, last]);
  }

  const statements: Statement[] = [];
  let next = 0;
  for (const [first, last] of runs) {
    for (; next < first; next++) statements.push({ node: nodes[next]!, offset: 0 });
    const from = nodes[first]!.from;
    const to = nodes[last]!.to;
    const slice = parser.parse(text.slice(from, to));
    for (const node of topLevelNodes(slice)) statements.push({ node, offset: from });
    next = last + 1;
  }
  for (; next < nodes.length; next++) statements.push({ node: nodes[next]!, offset: 0 });
  return statements;
}

/** Whether only blanks stand between the line's start and `offset` (looks back no further than the first other character). */
function startsLine(text: string, offset: number): boolean {
  for (let position = offset - 1; position >= 0; position--) {
    const character = text.charCodeAt(position);
    if (character === 10) return true;
    // Space, tab, form feed, carriage return and the other characters trim() removes on one line.
    if (!/\s/.test(text[position]!)) return false;
  }
  return true;
}
