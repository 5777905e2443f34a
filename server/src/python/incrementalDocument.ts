// An edited document: each version re-parses with the fragments of the previous version's tree, and
// reads as the same text parsed afresh (parse.ts), which the editor and the command line must agree on.
import type { SyntaxNode, Tree } from "@lezer/common";
import { TreeFragment } from "@lezer/common";
import { parser } from "@lezer/python";
import { firstErrorNode } from "./errorNodes";
import { type BracketScan, scanBrackets } from "./nesting";
import { ParsedModule } from "./parse";

/**
 * The parser for documents being edited, with buffers of at most 128 entries (lezer's default is
 * 1,024). Lezer keeps runs of small nodes in flat buffers and reuses a buffer only whole: a keystroke
 * parsed again the buffer around it, about 70 lines of settings. With smaller buffers a keystroke in
 * a 1,000-line module parses about a sixth as much (lezer alone: 1.6 → 0.27 ms in the middle of the
 * module); the tree takes about 0.8 MB more for 10,000 lines, and a whole parse takes as long.
 * Modules read from disk keep the default (parse.ts), in fewer objects. The tree reads the same
 * either way: only how its nodes are stored differs.
 */
const editing = parser.configure({ bufferLength: 128 });

/** A change to a document: replace `from`…`to` of the old text with `insert`. */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/**
 * The longest text (about 1,500 lines of settings) that is parsed afresh when a version with an error
 * node follows another with one and no error-free version precedes them (see update). A longer text
 * then keeps lezer's fragments whatever they hold: lezer's defect in long modules (parse.ts) leaves
 * error nodes in many of them, and each keystroke would parse the whole module. Long texts whose tree
 * has no error node are checked as short ones are.
 */
const FRESH_PARSE_LIMIT = 50_000;

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
   * The last version whose tree had no error, while the versions since have had one: its tree, its
   * fragments moved through the changes since (without the statement before each change), and where
   * the first of those changes started. The versions after it are parsed as edits of it made in one
   * step.
   */
  private lastValid: { tree: Tree; fragments: readonly TreeFragment[]; prefix: number } | undefined;

  constructor(text: string) {
    this.brackets = scanBrackets(text);
    const { parsedText } = this.brackets;
    this.current = new ParsedModule(text, editing.parse(parsedText), {}, parsedText);
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
    // follows, and in a long module it can leave an error node where there is none (parse.ts); in a
    // tree with an error node, what any node reads as may depend on text far after it, before or
    // after the change. So no node of a tree with an error is reused: a version that breaks the syntax
    // reuses the statements before the change from its error-free predecessor, parses from there to a
    // couple of clean top-level statements past the error (settledAfter; the rest when lezer's
    // recovery left no such statements), and reuses that predecessor's nodes after them; the versions
    // after it are read as edits of that last error-free version (lastValid), with all the changes
    // since: every node but those changed where that gives a tree with no error (the syntax is
    // mended), else the same stretch from the first change parsed again; with no such version,
    // afresh. Each is what a fresh parse of the text reads (tested against one over random edits of
    // real modules). A text past FRESH_PARSE_LIMIT whose version has an error node, with no
    // error-free version before it, keeps the fragments whatever they hold.
    const previous = this.current.tree;
    const previousError = blanked ? null : firstErrorNode(previous);
    const checked =
      text.length <= FRESH_PARSE_LIMIT || previousError === null || this.lastValid !== undefined;
    let tree: Tree;
    if (blanked) {
      tree = editing.parse(parsedText);
      this.lastValid = undefined;
    } else if (previousError === null || !checked) {
      const before = statementsBefore(previous, changes);
      const changed = before[0]?.[0] ?? prefix;
      const reusable = parseAgain(fragments, before);
      tree = editing.parse(text, reusable);
      const treeFirstError = checked ? firstErrorNode(tree) : null;
      if (treeFirstError !== null) {
        // The syntax broke here: the statements before the change are the error-free version's.
        this.lastValid = { tree: previous, fragments: reusable, prefix };
        const settled = settledAfter(tree, text, Math.max(treeFirstError, text.length - suffix));
        tree = editing.parse(text, parseAgain(reusable, [[changed, settled]]));
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
      tree = editing.parse(text, valid.fragments);
      const treeFirstError = firstErrorNode(tree);
      if (treeFirstError === null) this.lastValid = undefined;
      else {
        // Still broken: the statements before the first change are the error-free version's.
        const settled = settledAfter(tree, text, Math.max(treeFirstError, text.length - suffix));
        tree = editing.parse(text, parseAgain(valid.fragments, [[changed, settled]]));
      }
    } else tree = editing.parse(text);
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

/** Top-level statements after the one with the error that are parsed again with it (see settledAfter). */
const SETTLING_STATEMENTS = 2;

/**
 * Where a version whose syntax an edit broke may reuse the fragments again: the end of the
 * SETTLING_STATEMENTS-th top-level statement (comments not counted) after the one of `tree` (the
 * version parsed with every fragment) that holds or follows `position` (its first error and the end of
 * the change). Each of those statements must start a line and be no error: where lezer's recovery
 * left statements indented or broken (a class cut short by an unclosed bracket in a method), what a
 * fresh parse reads there may depend on text much further on, and the whole rest is parsed again
 * (Infinity).
 */
function settledAfter(tree: Tree, text: string, position: number): number {
  const clean = (node: SyntaxNode) =>
    (node.from === 0 || text.charCodeAt(node.from - 1) === 10) && !(node.type.isError && node.to > node.from);
  let node = tree.topNode.childAfter(position);
  if (!node || !clean(node)) return Infinity;
  for (let passed = 0; passed < SETTLING_STATEMENTS;) {
    node = node.nextSibling;
    if (!node) return Infinity;
    if (node.name === "Comment") continue;
    if (!clean(node)) return Infinity;
    passed++;
  }
  return node.to;
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
