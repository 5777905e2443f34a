// errorNodes reads a tree's error nodes from its subtrees and buffers, keeping what each holds for the
// next version's tree, which lezer builds from the same objects where an edit left them alone. Every
// version must list what a cursor visiting every node finds: the same starts in the same order.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Tree, TreeFragment } from "@lezer/common";
import { parser } from "@lezer/python";
import { errorNodes, firstErrorNode } from "../../../server/src/python/errorNodes";
import { generateSettingsModule } from "../../helpers/generateSettings";

function walked(tree: Tree): { starts: number[]; reaches: number[] } {
  const starts: number[] = [];
  const reaches: number[] = [];
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) {
      starts.push(cursor.from);
      reaches.push(Math.max(cursor.to, reaches[reaches.length - 1] ?? 0));
    }
  } while (cursor.next());
  return { starts, reaches };
}

/** A small deterministic generator (the same sequence on every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const PIECES = ["(", ")", ":", "\n", "x", " ", "'", "def ", "    ", "[", "]", "="];

describe("errorNodes", () => {
  it("finds nothing in a module without errors, and every error node of one with them", () => {
    assert.deepEqual(errorNodes(parser.parse("DEBUG = True\nX = [1, 2]\n")), { starts: [], reaches: [] });
    const broken = parser.parse("A = (1,\nB = 2\ndef f(:\n    pass\nC = ]\n");
    const expected = walked(broken);
    assert.ok(expected.starts.length >= 2, "the example must hold several error nodes");
    assert.deepEqual(errorNodes(broken), expected);
    assert.equal(firstErrorNode(broken), expected.starts[0]);
  });

  for (const bufferLength of [1024, 64]) {
    it(`agrees with a walk of every node over 300 edits that break and mend a module (buffers of ${bufferLength})`, () => {
      const configured = parser.configure({ bufferLength });
      const next = random(bufferLength);
      let text = generateSettingsModule(300, 3);
      let tree = configured.parse(text);
      let fragments = TreeFragment.addTree(tree);
      let withErrors = 0;
      for (let step = 0; step < 300; step++) {
        const from = Math.floor(next() * text.length);
        const deleting = next() < 0.4 && from < text.length;
        const insert = deleting ? "" : PIECES[Math.floor(next() * PIECES.length)]!;
        const to = deleting ? from + 1 : from;
        text = text.slice(0, from) + insert + text.slice(to);
        fragments = TreeFragment.applyChanges(fragments, [
          { fromA: from, toA: to, fromB: from, toB: from + insert.length },
        ]);
        tree = configured.parse(text, fragments);
        fragments = TreeFragment.addTree(tree, fragments);
        const expected = walked(tree);
        if (expected.starts.length > 0) withErrors++;
        assert.deepEqual(errorNodes(tree), expected, `step ${step}`);
      }
      assert.ok(withErrors > 100, `most versions should hold an error (${withErrors} did)`);
    });
  }
});
