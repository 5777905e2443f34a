// One finding per problem, whatever the front end: the same finding reached through several production
// profiles (a value decided in a base module they share, a `.env` file both read) becomes one finding
// that names every profile, and its fixes are combined so that applying one fixes it for all of them.
import type { Applicability, Finding, Fix, RelatedLocation, TextEdit } from "../checks/types";
import { comparePositions, type Range } from "../python/location";

const SAFETY: Record<Applicability, number> = { safe: 0, unsafe: 1, displayOnly: 2 };

export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const { start, end } = finding.location.range;
    const key = [
      finding.location.file,
      finding.code,
      start.line,
      start.character,
      end.line,
      end.character,
      finding.message,
    ].join("\0");
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return [...groups.values()].map((group) => (group.length === 1 ? group[0]! : merge(group)));
}

function merge(group: Finding[]): Finding {
  const first = group[0]!;
  const profiles: string[] = [];
  const related: RelatedLocation[] = [];
  for (const finding of group) {
    for (const profile of finding.profiles) if (!profiles.includes(profile)) profiles.push(profile);
    for (const item of finding.related)
      if (!related.some((known) => known.file === item.file && known.message === item.message))
        related.push(item);
  }
  return { ...first, profiles, related, fixes: combineFixes(group) };
}

/**
 * Fixes with the same title do the same thing in each profile: they become one fix carrying every
 * profile's edits (an edit they share is kept once), as unsafe as the least safe of them. When two
 * profiles' edits would collide (different text for the same place), the fixes stay apart, each
 * titled with its profile.
 */
function combineFixes(group: Finding[]): Fix[] {
  const byTitle = new Map<string, { fix: Fix; profile: string }[]>();
  for (const finding of group) {
    for (const fix of finding.fixes) {
      const list = byTitle.get(fix.title);
      const entry = { fix, profile: finding.profiles.join(", ") };
      if (list) list.push(entry);
      else byTitle.set(fix.title, [entry]);
    }
  }
  const fixes: Fix[] = [];
  for (const [title, entries] of byTitle) {
    const edits: TextEdit[] = [];
    let collides = false;
    for (const { fix } of entries) {
      for (const edit of fix.edits) {
        if (edits.some((known) => sameEdit(known, edit))) continue;
        if (edits.some((known) => known.file === edit.file && overlaps(known.range, edit.range)))
          collides = true;
        edits.push(edit);
      }
    }
    if (collides) {
      for (const { fix, profile } of entries) fixes.push({ ...fix, title: `${fix.title} (${profile})` });
      continue;
    }
    const applicability = entries
      .map(({ fix }) => fix.applicability)
      .reduce((worst, next) => (SAFETY[next] > SAFETY[worst] ? next : worst));
    const consequence = entries.find(({ fix }) => fix.consequence !== undefined)?.fix.consequence;
    fixes.push({ title, applicability, edits, ...(consequence === undefined ? {} : { consequence }) });
  }
  return fixes;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return (
    a.file === b.file &&
    a.newText === b.newText &&
    comparePositions(a.range.start, b.range.start) === 0 &&
    comparePositions(a.range.end, b.range.end) === 0
  );
}

/**
 * Whether two edits cannot both be applied: their ranges share text, or they insert at the same
 * place (the order of the two insertions would be arbitrary), or one inserts inside the other's range.
 */
export function overlaps(a: Range, b: Range): boolean {
  if (comparePositions(a.start, b.start) === 0) return true;
  const aEmpty = comparePositions(a.start, a.end) === 0;
  const bEmpty = comparePositions(b.start, b.end) === 0;
  if (aEmpty) return comparePositions(b.start, a.start) < 0 && comparePositions(a.start, b.end) < 0;
  if (bEmpty) return comparePositions(a.start, b.start) < 0 && comparePositions(b.start, a.end) < 0;
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}
