// The module's statements in the typed syntax view, from its top-level nodes, and the cache that keeps
// them for the next version of an edited document: a keystroke changes one statement, and the others
// are found by their position (or, after a larger change, by their text) and taken over, moved where
// their node moved. Separate from the conversion itself (toAst.ts), which converts one node at a time
// and knows nothing of versions.
import type { SyntaxNode } from "@lezer/common";
import type { Statement } from "./ast";
import { containsSyntaxError } from "./astWalking";
import { Converter } from "./toAst";

/** A top-level node of the parse and the offset its positions need (non-zero in re-parsed slices). */
export interface PlacedNode {
  node: SyntaxNode;
  offset: number;
}

/** Statements as converted from one top-level node, and where that node started then. */
interface Converted {
  from: number;
  statements: readonly Statement[];
}

/** A top-level node of one version whose statements may be taken over, and where it stood. */
interface CacheEntry {
  /** The parser's node type and the column the node starts at. */
  type: number;
  column: number;
  /** The node's start and end in the version's text. */
  from: number;
  to: number;
  /**
   * The statements where they stand in this version (moved copies, once the node has moved), and as
   * first converted when that was elsewhere: a node that goes back there (an edit undone, a
   * character deleted and typed again) gets them back, the same objects.
   */
  converted: Converted;
  first?: Converted;
}

/**
 * The view of one version of a module's top-level statements, kept for the next version: a
 * keystroke changes one statement, and the others need not be converted again. Only statements
 * without damage are kept, and a node takes over an entry only where its text is the entry's: the
 * same text from the start of its line to its end, the same type and column. So an entry is what
 * converting the same text would give, at the position it had then (lezer reads an undamaged
 * statement the same wherever it stands).
 *
 * Where the text did not change (before the first changed character, and after the last, moved by
 * the change in length), a node finds its entry by its position, without comparing text: a node
 * entirely in that part with the same extent as an entry has the entry's text. Nodes in the changed
 * part are converted; when that part holds many nodes (a paste, a whole text replaced), they are
 * also looked up by their text, as they may have stood elsewhere before.
 */
export class StatementCache {
  /** The entries in the order of the text. */
  readonly entries: CacheEntry[] = [];
  private byText: Map<string, CacheEntry> | undefined;

  /** `text` is the version whose positions the entries give. */
  constructor(readonly text: string) {}

  /** The entry for the node at `from`…`to` with `key` as its text from its line start, found by text. */
  entryWithText(key: string): CacheEntry | undefined {
    if (!this.byText) {
      this.byText = new Map();
      for (const entry of this.entries) {
        const lineStart = this.text.lastIndexOf("\n", entry.from - 1) + 1;
        this.byText.set(this.text.slice(lineStart, entry.to), entry);
      }
    }
    return this.byText.get(key);
  }
}

/** What changed between the previous version's text and this one: the lengths kept at each end. */
export interface UnchangedEnds {
  prefix: number;
  suffix: number;
}

/**
 * The entry of `entry`'s node now at `from`…`to`, for the next version: `entry` itself where the node
 * has not moved; else with the statements that stood there already (the same objects, which later
 * steps recognise by identity), or a copy moved there.
 */
function placed(entry: CacheEntry, from: number, to: number): CacheEntry {
  const { converted, first } = entry;
  if (converted.from === from) return entry.from === from ? entry : { ...entry, from, to };
  if (first?.from === from) return { type: entry.type, column: entry.column, from, to, converted: first };
  const delta = from - converted.from;
  return {
    type: entry.type,
    column: entry.column,
    from,
    to,
    converted: { from, statements: converted.statements.map((statement) => moved(statement, delta)) },
    first: first ?? converted,
  };
}

/** Nodes in the changed part of a text past which its nodes are looked up by their text too. */
const CHANGED_NODES_LOOKED_UP = 8;

/**
 * The module's statements in the view, from its top-level nodes (comments are left out). For a
 * document that is edited, `versions` takes over what the previous version converted (with what
 * changed since, `unchanged`) and receives what the next version may take over.
 */
export function moduleBody(
  text: string,
  nodes: readonly PlacedNode[],
  versions?: {
    previous?: StatementCache;
    next: StatementCache;
    unchanged?: UnchangedEnds;
    /**
     * Whether this version's tree holds an error node between two offsets of the module's own tree.
     * The same text at the same place can be read with an error in one version and without it in
     * another (lezer's error recovery depends on text elsewhere), and only conversions without
     * errors are kept: a node that holds one now is converted again.
     */
    errorWithin?: (from: number, to: number) => boolean;
  },
): Statement[] {
  const converter = new Converter(text);
  const body: Statement[] = [];
  if (!versions) {
    for (const { node, offset } of nodes) {
      converter.offset = offset;
      converter.statement(node, body);
    }
    return body;
  }
  const { previous, next: cache } = versions;
  const unchanged = previous && (versions.unchanged ?? unchangedEnds(previous.text, text));
  // The unchanged end of this text starts at `suffixStart`; there a position is `delta` past the previous one.
  const delta = previous ? text.length - previous.text.length : 0;
  const suffixStart = unchanged ? text.length - unchanged.suffix : text.length;
  const previousEntries = previous?.entries ?? [];
  let cursor = 0;
  let changedNodes = 0;
  const converted: Statement[] = [];
  // Where the next node that is not a comment starts, for each node: a compound statement's reading
  // depends on the text after it up to there (a badly indented line after a block ends the block's
  // last body with an error), so such a node counts as unchanged only if that text is unchanged too.
  const nextStarts: number[] = new Array<number>(nodes.length);
  let nextStart = text.length;
  for (let index = nodes.length - 1; index >= 0; index--) {
    nextStarts[index] = nextStart;
    const placedNode = nodes[index]!;
    if (placedNode.node.name !== "Comment") nextStart = placedNode.node.from + placedNode.offset;
  }
  for (const [index, { node, offset }] of nodes.entries()) {
    if (node.name === "Comment") continue;
    const from = node.from + offset;
    if (node.type.isError) {
      converter.offset = offset;
      converter.statement(node, body);
      continue;
    }
    const to = node.to + offset;
    const type = node.type.id;
    let lineStart = -1;
    let entry: CacheEntry | undefined;
    if (unchanged) {
      // Where the previous version's node would start if the text from its line start is unchanged.
      lineStart = text.lastIndexOf("\n", from - 1) + 1;
      const before =
        to <= unchanged.prefix && (!endsWithBlock(node) || nextStarts[index]! < unchanged.prefix);
      const after = lineStart >= suffixStart;
      if (before || after) {
        const previousFrom = after ? from - delta : from;
        while (cursor < previousEntries.length && previousEntries[cursor]!.from < previousFrom) cursor++;
        const candidate = previousEntries[cursor];
        if (
          candidate &&
          candidate.from === previousFrom &&
          candidate.to === (after ? to - delta : to) &&
          candidate.type === type &&
          candidate.column === from - lineStart
        )
          entry = candidate;
      } else if (++changedNodes > CHANGED_NODES_LOOKED_UP) {
        const found = previous!.entryWithText(text.slice(lineStart, to));
        if (found && found.type === type && found.column === from - lineStart) entry = found;
      }
    }
    if (entry && (offset !== 0 ? hasErrorNode(node) : versions.errorWithin?.(from, to))) entry = undefined;
    if (entry) {
      const here = placed(entry, from, to);
      for (const statement of here.converted.statements) body.push(statement);
      cache.entries.push(here);
      continue;
    }
    converter.offset = offset;
    converted.length = 0;
    converter.statement(node, converted);
    for (const statement of converted) body.push(statement);
    if (!converted.some(containsSyntaxError)) {
      if (lineStart < 0) lineStart = text.lastIndexOf("\n", from - 1) + 1;
      cache.entries.push({
        type,
        column: from - lineStart,
        from,
        to,
        converted: { from, statements: [...converted] },
      });
    }
  }
  return body;
}

/** Compound statements: the indentation of the line after them decides whether their last body holds an error. */
const BLOCK_STATEMENTS = new Set([
  "IfStatement",
  "WhileStatement",
  "ForStatement",
  "TryStatement",
  "WithStatement",
  "FunctionDefinition",
  "ClassDefinition",
  "DecoratedStatement",
  "MatchStatement",
]);

function endsWithBlock(node: SyntaxNode): boolean {
  return BLOCK_STATEMENTS.has(node.name);
}

/** The lengths `a` and `b` have in common at their start and (after that) at their end. */
export function unchangedEnds(a: string, b: string): UnchangedEnds {
  const length = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < length && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < length - prefix &&
    a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)
  )
    suffix++;
  return { prefix, suffix };
}

/**
 * A copy of a node (and everything in it) `delta` characters further on. Each object is copied whole
 * (`{ ...node }` keeps its shape, where adding its properties one by one walked V8's shape tree for
 * every property), then its parts and positions are replaced.
 */
function moved<T extends object>(node: T, delta: number): T {
  if (Array.isArray(node)) {
    const copy: unknown[] = new Array(node.length);
    for (let index = 0; index < node.length; index++) {
      const item: unknown = node[index];
      copy[index] = typeof item === "object" && item !== null ? moved(item, delta) : item;
    }
    return copy as T;
  }
  const copy = { ...node } as Record<string, unknown>;
  for (const key in copy) {
    const value = copy[key];
    if (typeof value === "object" && value !== null) copy[key] = moved(value, delta);
    else if (typeof value === "number" && (key === "from" || key === "to")) copy[key] = value + delta;
  }
  return copy as T;
}

/** Whether `node` or a node below it is an error node (for the few nodes of repaired slices). */
function hasErrorNode(node: SyntaxNode): boolean {
  if (node.type.isError) return true;
  for (let child = node.firstChild; child; child = child.nextSibling) if (hasErrorNode(child)) return true;
  return false;
}
