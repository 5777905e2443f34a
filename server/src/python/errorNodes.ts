// Where a lezer tree's error nodes are, found without walking the whole tree again for each version of
// an edited document. Lezer builds a version's tree from the previous version's subtrees and buffers,
// the same objects, wherever the edit left them alone; what each of those holds is kept here with the
// object (positions relative to its start), so a version costs a walk of what was parsed anew and of
// the path down to it, not of the module. A tree cursor visiting every node was three walks of a whole
// 10,000-line module per keystroke (the document's, the statements' and the syntax error's).
import { type Tree, TreeBuffer } from "@lezer/common";

/** A tree's error nodes in document order (a parent before its children), and how far each reaches. */
export interface ErrorNodes {
  /** Where each error node starts. */
  readonly starts: readonly number[];
  /** The furthest end of this error node and every one before it. */
  readonly reaches: readonly number[];
}

/** Error spans of a subtree or buffer, relative to its start: from, to, from, to, … */
type Spans = readonly number[];

const NONE: Spans = [];

/** What each subtree and buffer holds; reused subtrees of the next version are found here. */
const known = new WeakMap<Tree | TreeBuffer, Spans>();

/** What the whole tree holds, for each tree asked about. */
const whole = new WeakMap<Tree, ErrorNodes>();

/** The error nodes of `tree` (the parser's own nodes: lezer's error type, empty ones included). */
export function errorNodes(tree: Tree): ErrorNodes {
  let found = whole.get(tree);
  if (!found) {
    const spans = spansOfTree(tree);
    const starts: number[] = [];
    const reaches: number[] = [];
    for (let index = 0; index < spans.length; index += 2) {
      starts.push(spans[index]!);
      reaches.push(Math.max(spans[index + 1]!, reaches[reaches.length - 1] ?? 0));
    }
    found = { starts, reaches };
    whole.set(tree, found);
  }
  return found;
}

/** Where the tree's first error node starts, or null when it has none. */
export function firstErrorNode(tree: Tree): number | null {
  return errorNodes(tree).starts[0] ?? null;
}

function spansOfTree(tree: Tree): Spans {
  const cached = known.get(tree);
  if (cached) return cached;
  let spans: number[] | undefined;
  if (tree.type.isError) spans = [0, tree.length];
  const { children, positions } = tree;
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    const inner = child instanceof TreeBuffer ? spansOfBuffer(child) : spansOfTree(child);
    if (inner.length === 0) continue;
    spans ??= [];
    const at = positions[index]!;
    for (const position of inner) spans.push(position + at);
  }
  const result = spans ?? NONE;
  known.set(tree, result);
  return result;
}

/** A buffer holds (type, start, end, index after its children) for each node, parents first. */
function spansOfBuffer(buffer: TreeBuffer): Spans {
  const cached = known.get(buffer);
  if (cached) return cached;
  const { types } = buffer.set;
  const content = buffer.buffer;
  let spans: number[] | undefined;
  for (let index = 0; index < content.length; index += 4) {
    if (types[content[index]!]!.isError) (spans ??= []).push(content[index + 1]!, content[index + 2]!);
  }
  const result = spans ?? NONE;
  known.set(buffer, result);
  return result;
}
