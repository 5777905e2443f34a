// The source roots of a workspace ordered by their distance from a file, nearest first, for the
// discovery to resolve each named module where Python would find it. Apart from discovery.ts because
// the ordering is a tree walk of its own, made fast for monorepos with thousands of source roots.
import { dirname } from "node:path";

/** A folder of the tree of source roots: the roots at it, and those below it by how many levels down. */
interface RootFolder {
  children: Map<string, RootFolder>;
  /** Indexes (in the source roots' order) of the roots `levels` folders below this one, by `levels`. */
  below: number[][];
}

/**
 * sourceRootsNearest (sourceRoots.ts) for many files of one workspace: for a file, the source roots by
 * their distance from its folder (steps up to the folder they share, then down to the root), ties in
 * the source roots' order, produced nearest first and only as far as the caller reads. A monorepo has
 * thousands of source roots and thousands of files naming modules, and a module is usually found in
 * the nearest root: ordering every root for every folder made discovery quadratic in time and memory.
 * The roots are kept as a tree of folders; the roots at distance d from a folder F are, for each
 * ancestor A of F (k steps up), those d - k levels below A but not below A's child towards F.
 */
export function nearestRootsOrdering(sourceRoots: readonly string[]): (file: string) => Iterable<string> {
  const partsOf = (path: string) => path.split("/").filter((part) => part !== "");
  const rootParts = sourceRoots.map(partsOf);
  const top: RootFolder = { children: new Map(), below: [] };
  let deepest = 0;
  rootParts.forEach((parts, index) => {
    deepest = Math.max(deepest, parts.length);
    let folder = top;
    (folder.below[parts.length] ??= []).push(index);
    parts.forEach((part, depth) => {
      let child = folder.children.get(part);
      if (!child) folder.children.set(part, (child = { children: new Map(), below: [] }));
      folder = child;
      (folder.below[parts.length - depth - 1] ??= []).push(index);
    });
  });
  return function* (file) {
    const from = partsOf(dirname(file));
    // The folders of the tree along the file's folder: path[a] is its ancestor a levels below the top.
    const path: RootFolder[] = [top];
    for (const part of from) {
      const next = path.at(-1)!.children.get(part);
      if (!next) break;
      path.push(next);
    }
    const farthest = from.length + deepest;
    for (let distance = 0; distance <= farthest; distance++) {
      const bucket: number[] = [];
      for (let shared = Math.max(0, from.length - distance); shared < path.length; shared++) {
        const levels = distance - (from.length - shared);
        for (const index of path[shared]!.below[levels] ?? []) {
          // Below the child towards the file, the root shares one more folder with it: nearer.
          if (shared < from.length && levels > 0 && rootParts[index]![shared] === from[shared]) continue;
          bucket.push(index);
        }
      }
      bucket.sort((a, b) => a - b);
      for (const index of bucket) yield sourceRoots[index]!;
    }
  };
}
