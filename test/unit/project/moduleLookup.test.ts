// The discovery's lookups that a monorepo makes thousands of times: the source roots nearest a file
// (produced lazily from a tree of the roots) and a file's dotted module name (found by the file's own
// folders). Both are compared with the plain definitions on random workspaces: every root's distance
// computed and sorted, every root tried longest first.
import assert from "node:assert/strict";
import { test } from "node:test";
import { nearestRootsOrdering } from "../../../server/src/project/nearestRoots";
import { moduleNameOf } from "../../../server/src/project/moduleFiles";
import { sourceRootsNearest } from "../../../server/src/project/sourceRoots";

/** A small deterministic generator, so a failure can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const NAMES = ["a", "b", "src", "app", "config", "1x", "settings"];

function randomFolder(next: () => number, maxDepth: number): string {
  const depth = Math.floor(next() * maxDepth);
  let folder = "/w";
  for (let level = 0; level < depth; level++) folder += `/${NAMES[Math.floor(next() * NAMES.length)]}`;
  return folder;
}

/** The definition: every root tried, the longest first. */
function moduleNameByEveryRoot(file: string, roots: readonly string[]): string | undefined {
  for (const root of [...roots].sort((a, b) => b.length - a.length)) {
    const prefix = root.endsWith("/") ? root : `${root}/`;
    if (!file.startsWith(prefix)) continue;
    const relative = file
      .slice(prefix.length)
      .replace(/\.py$/, "")
      .replace(/\/__init__$/, "");
    if (relative.split("/").every((part) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(part)))
      return relative.split("/").join(".");
  }
  return undefined;
}

test("the nearest source roots come in the order of their distance, ties in the roots' order", () => {
  for (let seed = 1; seed <= 300; seed++) {
    const next = random(seed);
    const roots = [
      ...new Set(Array.from({ length: 1 + Math.floor(next() * 12) }, () => randomFolder(next, 5))),
    ];
    const nearest = nearestRootsOrdering(roots);
    for (let probe = 0; probe < 10; probe++) {
      const file = `${randomFolder(next, 6)}/module.py`;
      assert.deepEqual([...nearest(file)], sourceRootsNearest(roots, file), `seed ${seed}, ${file}`);
    }
  }
});

test("the nearest source roots of a file outside every root, and of the file system's root", () => {
  const roots = ["/", "/w/p1", "/w/p2/src", "/x"];
  const nearest = nearestRootsOrdering(roots);
  for (const file of ["/elsewhere/deep/m.py", "/m.py", "/w/p2/src/pkg/m.py", "/w/p1/m.py"])
    assert.deepEqual([...nearest(file)], sourceRootsNearest(roots, file), file);
  assert.deepEqual([...nearest("/w/p1/m.py")], ["/w/p1", "/", "/w/p2/src", "/x"]);
});

test("a file's module name is the one the innermost root that makes it a dotted name gives", () => {
  for (let seed = 1; seed <= 300; seed++) {
    const next = random(seed);
    const roots = Array.from({ length: 1 + Math.floor(next() * 8) }, () => randomFolder(next, 4));
    if (next() < 0.2) roots.push("/");
    for (let probe = 0; probe < 10; probe++) {
      const name = next() < 0.2 ? "__init__.py" : next() < 0.1 ? "1bad.py" : "module.py";
      const file = `${randomFolder(next, 6)}/${name}`;
      assert.equal(moduleNameOf(file, roots), moduleNameByEveryRoot(file, roots), `seed ${seed}, ${file}`);
    }
  }
  assert.equal(moduleNameOf("/w/src/site/settings.py", ["/w", "/w/src"]), "site.settings");
  assert.equal(moduleNameOf("/w/1x/site/settings.py", ["/w", "/w/1x"]), "site.settings");
  assert.equal(moduleNameOf("/w/1x/site/settings.py", ["/w"]), undefined);
});
