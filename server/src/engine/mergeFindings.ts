// One finding per problem, whatever the front end: the same finding reached through several production
// profiles (a value decided in a base module they share, a `.env` file both read) becomes one finding
// that names every profile, and its fixes are combined so that applying one fixes it for all of them.
import type { Applicability, Finding, Fix, RelatedLocation, TextEdit } from "../checks/types";
import { comparePositions, type Range } from "../python/location";

const SAFETY: Record<Applicability, number> = { safe: 0, unsafe: 1, displayOnly: 2 };

/**
 * Each finding's group key, made once: the findings of a profile whose inputs did not change are the
 * same objects in the next analysis (a keystroke in one project of hundreds reuses the others').
 */
const groupKeys = new WeakMap<Finding, string>();

function groupKey(finding: Finding): string {
  let key = groupKeys.get(finding);
  if (key === undefined) {
    const { start, end } = finding.location.range;
    key = [
      finding.location.file,
      finding.code,
      start.line,
      start.character,
      end.line,
      end.character,
      finding.message,
    ].join("\0");
    groupKeys.set(finding, key);
  }
  return key;
}

export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = groupKey(finding);
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return [...groups.values()].map((group) => (group.length === 1 ? group[0]! : merge(group)));
}

function merge(group: Finding[]): Finding {
  const first = group[0]!;
  // Sets beside the lists: in a workspace of many projects a group can hold thousands of findings.
  const profiles = new Set<string>();
  const related: RelatedLocation[] = [];
  const relatedSeen = new Set<string>();
  for (const finding of group) {
    for (const profile of finding.profiles) profiles.add(profile);
    for (const item of finding.related) {
      const key = `${item.file}\0${item.message}`;
      if (relatedSeen.has(key)) continue;
      relatedSeen.add(key);
      related.push(item);
    }
  }
  return { ...first, profiles: [...profiles], related, fixes: combineFixes(group) };
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
    const seen = new Set<string>();
    const byFile = new Map<string, TextEdit[]>();
    let collides = false;
    for (const { fix } of entries) {
      for (const edit of fix.edits) {
        const key = editKey(edit);
        if (seen.has(key)) continue;
        seen.add(key);
        const inFile = byFile.get(edit.file) ?? [];
        if (!collides && inFile.some((known) => overlaps(known.range, edit.range))) collides = true;
        inFile.push(edit);
        byFile.set(edit.file, inFile);
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

/** Two edits with the same key are the same edit (the same text for the same range of a file). */
function editKey(edit: TextEdit): string {
  const { start, end } = edit.range;
  return [edit.file, start.line, start.character, end.line, end.character, edit.newText].join("\0");
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
