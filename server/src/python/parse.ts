// Parses Python with @lezer/python, incrementally, and hands the evaluator the module's statements
// in the parser-independent view of ast.ts (built by toAst.ts). Only server/src/python/ knows the parser.
//
// @lezer/lr forces a reduction after a long run of left-associative reductions when only one parse
// stack is alive; with the Python grammar this drops an error node every few hundred top-level
// statements of a long file and loses the statement next to it (../shared/notes/python-parser.md).
// Each such place is parsed again on its own, a few statements either side, which the defect cannot
// reach, and those statements replace the damaged ones.
import type { SyntaxNode, Tree } from "@lezer/common";
import { TreeFragment } from "@lezer/common";
import { parser } from "@lezer/python";
import type { Statement as SyntaxStatement } from "./ast";
import { LineIndex } from "./lineIndex";
import { type BracketScan, scanBrackets, textToParse } from "./nesting";
import { moduleBody, StatementCache, type UnchangedEnds } from "./toAst";

/** A top-level statement; `offset` is added to the node's positions (non-zero for re-parsed slices). */
export interface Statement {
  node: SyntaxNode;
  offset: number;
}

/** A change to a document: replace `from`…`to` of the old text with `insert`. */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/** How many top-level statements either side of a damaged place are parsed again. */
const REPAIR_CONTEXT = 2;

/**
 * The longest text whose version with a syntax error is parsed afresh (about 1,500 lines of
 * settings): below it a fresh parse costs about a millisecond or two per keystroke.
 */
const FRESH_PARSE_LIMIT = 50_000;

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

  /**
   * Where the tree's error nodes start, in document order, and the furthest any of them up to each
   * one reaches; found on first use.
   */
  private errorNodes: { starts: number[]; reaches: number[] } | undefined;

  /** Whether the tree holds an error node that overlaps `from`…`to` or stands empty inside it. */
  errorWithin(from: number, to: number): boolean {
    if (!this.errorNodes) {
      const starts: number[] = [];
      const reaches: number[] = [];
      const cursor = this.tree.cursor();
      do {
        if (cursor.type.isError) {
          starts.push(cursor.from);
          reaches.push(Math.max(cursor.to, reaches[reaches.length - 1] ?? 0));
        }
      } while (cursor.next());
      this.errorNodes = { starts, reaches };
    }
    const { starts, reaches } = this.errorNodes;
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

/**
 * A document that is edited: every change re-parses with the fragments of the previous tree, so an
 * edit costs time in proportion to what it touched, not to the file's size.
 */
export class IncrementalDocument {
  private fragments: readonly TreeFragment[];
  private current: ParsedModule;
  /** The current text's scan for brackets nested past the limit, which the next version's resumes. */
  private brackets: BracketScan;
  /**
   * Where the current tree's first error node starts (null: it has none), when known: found by a walk
   * of the tree up to it, kept from the update that walked it.
   */
  private currentFirstError: number | null | undefined;
  /**
   * The last version whose tree had no error, while the versions since have had one: its tree, its
   * fragments moved through the changes since (without the statement before each change), and where
   * the first of those changes started. The versions after it are parsed as edits of it made in one
   * step.
   */
  private lastValid: { tree: Tree; fragments: readonly TreeFragment[]; prefix: number } | undefined;

  constructor(text: string) {
    this.brackets = scanBrackets(text);
    const { parsedText } = this.brackets;
    this.current = new ParsedModule(text, parser.parse(parsedText), {}, parsedText);
    this.fragments = TreeFragment.addTree(this.current.tree);
  }

  get module(): ParsedModule {
    return this.current;
  }

  /** Applies changes given in order, each in the coordinates of the text the previous one produced. */
  update(changes: readonly TextChange[]): ParsedModule {
    const since = this.current.text;
    let text = since;
    let fragments = this.fragments;
    // The text kept at each end through all the changes: before the first changed character, and
    // after the last (each change keeps what follows it, and what the changes before it kept).
    let prefix = text.length;
    let suffix = text.length;
    for (const change of changes) {
      text = text.slice(0, change.from) + change.insert + text.slice(change.to);
      const moved = [
        { fromA: change.from, toA: change.to, fromB: change.from, toB: change.from + change.insert.length },
      ];
      fragments = TreeFragment.applyChanges(fragments, moved);
      if (this.lastValid)
        this.lastValid.fragments = TreeFragment.applyChanges(this.lastValid.fragments, moved);
      prefix = Math.min(prefix, change.from);
      suffix = Math.min(suffix, text.length - change.from - change.insert.length);
    }
    this.brackets = scanBrackets(text, { scan: this.brackets, prefix, suffix });
    const { parsedText } = this.brackets;
    // Fragments are only valid for the text they were parsed from: when brackets were blanked in this
    // version or the previous one, the unchanged stretches may differ, so the text is parsed afresh.
    const blanked = parsedText !== text || this.current.parsedText !== this.current.text;
    // Lezer reuses a node of the previous tree that ends before the change, but where a compound
    // statement ends is decided by the next line indented less than its body, which may lie past
    // comment lines and past the change: the last top-level statement that starts before the change
    // is parsed again whole (statementsBefore).
    //
    // Lezer recovers from a syntax error by keeping several readings alive and choosing one by what
    // follows, and in a long module it can leave an error node where there is none (see above); in a
    // tree with an error node, what any node reads as may depend on text far after it, before or
    // after the change. So no node of a tree with an error is reused: a version that breaks the syntax
    // reuses the statements before the change from its error-free predecessor and parses the rest; the
    // versions after it are read as edits of that last error-free version (lastValid), with all the
    // changes since: every node but those changed where that gives a tree with no error (the syntax is
    // mended), else the statements before the first change; with no such version, afresh. Each is what
    // a fresh parse of the text reads (tested against one over random edits of real modules). Past
    // FRESH_PARSE_LIMIT the error checks cost too much per keystroke, and long texts keep the fragments
    // whatever they hold.
    const checked = text.length <= FRESH_PARSE_LIMIT;
    const previous = this.current.tree;
    const previousError = checked && !blanked ? (this.currentFirstError ??= firstError(previous)) : null;
    let tree: Tree;
    let treeFirstError: number | null | undefined;
    if (blanked) {
      tree = parser.parse(parsedText);
      this.lastValid = undefined;
    } else if (previousError === null) {
      const before = statementsBefore(previous, changes);
      const changed = before[0]?.[0] ?? prefix;
      const reusable = parseAgain(fragments, before);
      tree = parser.parse(text, reusable);
      treeFirstError = checked ? firstError(tree) : undefined;
      if (treeFirstError != null) {
        // The syntax broke here: the statements before the change are the error-free version's.
        this.lastValid = { tree: previous, fragments: reusable, prefix };
        tree = parser.parse(text, parseAgain(fragments, [[changed, Infinity]]));
        treeFirstError = undefined;
      } else this.lastValid = undefined;
    } else if (this.lastValid) {
      // Read as an edit of the last error-free version, with every change since, and the statement
      // before each change parsed again: found in the previous version's tree, and for a change
      // where the text before it is still that version's, in that version's tree too.
      const valid = this.lastValid;
      const before = statementsBefore(previous, changes);
      if (prefix <= valid.prefix) before.push([statementStart(valid.tree, prefix), prefix]);
      valid.fragments = parseAgain(valid.fragments, before);
      valid.prefix = Math.min(valid.prefix, prefix);
      const changed = Math.min(statementStart(valid.tree, valid.prefix), ...before.map(([from]) => from));
      tree = parser.parse(text, valid.fragments);
      treeFirstError = firstError(tree);
      if (treeFirstError === null) this.lastValid = undefined;
      else {
        // Still broken: the statements before the first change are the error-free version's.
        tree = parser.parse(text, parseAgain(valid.fragments, [[changed, Infinity]]));
        treeFirstError = undefined;
      }
    } else tree = parser.parse(text);
    this.currentFirstError = treeFirstError;
    this.current = new ParsedModule(
      text,
      tree,
      // Statements converted from a blanked text are not what the same text converts to elsewhere.
      blanked ? {} : { previous: this.current.reusableStatements(), unchanged: { since, prefix, suffix } },
      parsedText,
    );
    this.fragments = blanked ? TreeFragment.addTree(tree) : TreeFragment.addTree(tree, fragments);
    return this.current;
  }

  /** Replaces the whole text (used when a change cannot be expressed as ranges). */
  replace(text: string): ParsedModule {
    return this.update([{ from: 0, to: this.current.text.length, insert: text }]);
  }
}

/** Where the tree's first error node starts, or null when it has none (walks the tree up to it). */
function firstError(tree: Tree): number | null {
  const cursor = tree.cursor();
  do if (cursor.type.isError) return cursor.from;
  while (cursor.next());
  return null;
}

/**
 * Where the last top-level statement of `tree` that starts before `position` starts (0 if none).
 * Comments after it are passed over: a comment indented as a body is no statement of its own, and
 * the statement's end may lie past it.
 */
function statementStart(tree: Tree, position: number): number {
  let node = tree.topNode.childBefore(position);
  while (node?.name === "Comment" && node.prevSibling) node = node.prevSibling;
  return node?.from ?? 0;
}

/**
 * For each change, the stretch from the start of the last top-level statement of `tree` (the
 * version the changes were made to) before it up to it, in the coordinates of the text after all the
 * changes, first change first. Each change is given in the coordinates of the text the changes before
 * it produced: its place is taken back to `tree`'s text, and the statement's start forward again.
 */
function statementsBefore(tree: Tree, changes: readonly TextChange[]): [number, number][] {
  const back = (position: number, upTo: number) => {
    for (let index = upTo - 1; index >= 0; index--) {
      const { from, to, insert } = changes[index]!;
      if (position >= from + insert.length) position -= insert.length - (to - from);
      else if (position > from) position = from;
    }
    return position;
  };
  const forward = (position: number) => {
    for (const { from, to, insert } of changes) {
      if (position >= to) position += insert.length - (to - from);
      else if (position > from) position = from;
    }
    return position;
  };
  const stretches = changes.map((change, index): [number, number] => {
    const at = back(change.from, index);
    return [forward(statementStart(tree, at)), forward(at)];
  });
  return stretches.sort((a, b) => a[0] - b[0]);
}

/**
 * The fragments without what lies in the given stretches of the new text (`Infinity`: to the end),
 * as TreeFragment.applyChanges leaves them for changes there, so those stretches are parsed again.
 */
function parseAgain(
  fragments: readonly TreeFragment[],
  stretches: readonly [number, number][],
): readonly TreeFragment[] {
  const end = fragments.reduce((furthest, fragment) => Math.max(furthest, fragment.to), 0);
  const ranges: { fromA: number; toA: number; fromB: number; toB: number }[] = [];
  for (const [from, to] of [...stretches].sort((a, b) => a[0] - b[0])) {
    const upTo = Math.min(to, end);
    if (from >= upTo) continue;
    const last = ranges[ranges.length - 1];
    if (last && from <= last.toA) last.toA = last.toB = Math.max(last.toA, upTo);
    else ranges.push({ fromA: from, toA: upTo, fromB: from, toB: upTo });
  }
  return ranges.length === 0 ? fragments : TreeFragment.applyChanges(fragments, ranges);
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
