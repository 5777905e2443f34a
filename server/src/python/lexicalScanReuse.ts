// The incremental lexical scan: the scan of an edited module reuses the scans of its recent versions,
// resuming at the last checkpoint before the change and taking the rest of a recent scan once the two
// states meet again, so that a keystroke rescans a few lines, not the module. Separate from the scanner
// itself (lexicalScan.ts), which knows nothing of versions.
import {
  scanLexically,
  type Checkpoints,
  type LexerState,
  type LexicalScan,
  type OpenBracket,
  type Resync,
} from "./lexicalScan";
import { MAX_BRACKET_DEPTH, upperBound } from "./nesting";

/** A finished scan of a text, kept so that the scan of an edited version resumes from it. */
interface RecordedScan {
  text: string;
  result: LexicalScan;
  checkpoints: Checkpoints;
  /** The most brackets open at once from each checkpoint to the end, made when first needed. */
  peaksToEnd?: number[];
  /** Where the scan started and where it took over a recent scan's rest (tests look at these). */
  resumedAt: number;
  tookOverAt?: number;
}

/** The last few scans (versions of the modules being edited, mostly). */
const recentScans: RecordedScan[] = [];
const RECENT_SCANS = 4;

/** A recent scan the edited text's scan may take the rest of, and where the two texts differ. */
interface Candidate {
  scan: RecordedScan;
  /** Characters before the first difference. */
  prefix: number;
  /** Offset in the new text where the unchanged end starts. */
  suffixStart: number;
  /** The new text's length minus the recent one's. */
  delta: number;
  /** The index of the recent scan's next checkpoint to compare with (-1 before the first). */
  cursor: number;
}

/**
 * scanLexically(text), reusing the scans of recent texts that differ from it in one place: the scan
 * resumes at the last checkpoint of the most similar one before the first changed character, and once
 * it reaches a checkpoint in the unchanged end of the text whose state matches a recent scan's state
 * there, the rest is taken from that scan, moved by the change in length. The states match when they
 * are equal, or when the new scan has the recent one's brackets and more open under them (an opening
 * bracket typed and not closed): then no line after it starts outside brackets, and the rest only
 * pushes and pops brackets above those, as it did in the recent scan. A keystroke rescans a few
 * lines, not the module, also when it opens a bracket that is never closed; the scan of the version
 * without that bracket is kept, so that deleting or closing the bracket takes that one's rest.
 */
export function scanLexicallyReusing(text: string): RecordedScan {
  const candidates: Candidate[] = [];
  for (const scan of recentScans) {
    if (scan.text === text) return scan;
    const prefix = commonPrefix(scan.text, text);
    const suffix = commonSuffix(scan.text, text, Math.min(scan.text.length, text.length) - prefix);
    // Another module's scan, or a text mostly rewritten, is no base: scanned afresh, it keeps its place.
    if (2 * (prefix + suffix) < Math.min(scan.text.length, text.length)) continue;
    candidates.push({
      scan,
      prefix,
      suffixStart: text.length - suffix,
      delta: text.length - scan.text.length,
      cursor: -1,
    });
  }
  // The most similar text's scan is the one to resume from.
  const base = candidates.reduce<Candidate | undefined>(
    (best, candidate) =>
      !best ||
      candidate.prefix + text.length - candidate.suffixStart > best.prefix + text.length - best.suffixStart
        ? candidate
        : best,
    undefined,
  );
  const checkpoints: Checkpoints = { offsets: [], blockOffsets: [], states: [], peaks: [] };
  let start: { offset: number; state: LexerState; blockOffset: number } | undefined;
  if (base) {
    const previous = base.scan.checkpoints;
    // The last checkpoint at or before the first changed character: everything before it is the same.
    const resumeAt = upperBound(previous.offsets, base.prefix) - 1;
    if (resumeAt >= 0) {
      start = {
        offset: previous.offsets[resumeAt]!,
        state: previous.states[resumeAt]!,
        blockOffset: previous.blockOffsets[resumeAt]!,
      };
      // The resumed scan records its starting checkpoint again.
      checkpoints.offsets = previous.offsets.slice(0, resumeAt);
      checkpoints.blockOffsets = previous.blockOffsets.slice(0, resumeAt);
      checkpoints.states = previous.states.slice(0, resumeAt);
      checkpoints.peaks = previous.peaks.slice(0, resumeAt);
    }
  }
  // A scan that found an error is no rest to take: the error may come from what the edit changed.
  const usable = candidates.filter((candidate) => !candidate.scan.result.error);
  let takenFrom: { candidate: Candidate; extended: boolean; at: number } | undefined;
  const resync: Resync | undefined =
    usable.length === 0
      ? undefined
      : (offset, state, blockOffset) => {
          for (const candidate of usable) {
            const known = takeRest(candidate, offset, state, blockOffset, checkpoints);
            if (known) {
              takenFrom = { candidate, extended: known.extended, at: offset };
              return known.result;
            }
          }
          return undefined;
        };
  const result = scanLexically(text, start, checkpoints, resync);
  // The edited text's scan takes the place of the one it was made from, and of the one whose rest
  // it took as it was. One whose rest it took under a bracket the edit opened stays, for the edit
  // that closes or deletes that bracket; so does one without an error when the edit made one (a scan
  // that stopped at an error has no rest to give the edit that undoes it).
  const replaced = new Set<RecordedScan>();
  const keepBase =
    (takenFrom?.extended && takenFrom.candidate === base) || (result.error && !base?.scan.result.error);
  if (base && !keepBase) replaced.add(base.scan);
  if (takenFrom && !takenFrom.extended) replaced.add(takenFrom.candidate.scan);
  for (let index = recentScans.length - 1; index >= 0; index--)
    if (replaced.has(recentScans[index]!)) recentScans.splice(index, 1);
  if (recentScans.length >= RECENT_SCANS) recentScans.pop();
  const recorded = { text, result, checkpoints, resumedAt: start?.offset ?? 0, tookOverAt: takenFrom?.at };
  recentScans.unshift(recorded);
  return recorded;
}

/**
 * The result of the new scan when its state at the checkpoint at `offset` matches the recent scan's
 * at the same place of the unchanged end (the rest of the checkpoints recorded), else undefined.
 */
function takeRest(
  candidate: Candidate,
  offset: number,
  state: LexerState,
  blockOffset: number,
  checkpoints: Checkpoints,
): { result: LexicalScan; extended: boolean } | undefined {
  if (offset < candidate.suffixStart) return undefined;
  const { scan, prefix, suffixStart, delta } = candidate;
  const previous = scan.checkpoints;
  const oldOffset = offset - delta;
  // The first comparison finds its place by bisection (an edit far into the module), later ones walk.
  if (candidate.cursor < 0) candidate.cursor = upperBound(previous.offsets, oldOffset - 1);
  while (candidate.cursor < previous.offsets.length && previous.offsets[candidate.cursor]! < oldOffset)
    candidate.cursor++;
  const at = candidate.cursor;
  if (previous.offsets[at] !== oldOffset) return undefined;
  const oldState = previous.states[at]!;
  // Where the recent text's unchanged end starts: brackets and block headers there moved by delta.
  const oldSuffixStart = suffixStart - delta;
  const moved = (old: number) => (old >= oldSuffixStart ? old + delta : old < prefix ? old : -1);
  const extra = state.open.length - oldState.open.length;
  if (extra < 0) return undefined;
  for (let index = 0; index < oldState.open.length; index++) {
    const old = oldState.open[index]!;
    const now = state.open[index + extra]!;
    if (old.character !== now.character || moved(old.offset) !== now.offset) return undefined;
  }
  const movedOpen = (open: readonly OpenBracket[]): OpenBracket[] =>
    open.map((bracket) => ({ character: bracket.character, offset: moved(bracket.offset) }));
  if (extra === 0) {
    const oldBlock = previous.blockOffsets[at]!;
    const sameBlock =
      blockOffset === -1 ? oldBlock === -1 : oldBlock !== -1 && moved(oldBlock) === blockOffset;
    if (!sameBlock || !sameState(state, oldState)) return undefined;
    // The rest of the scan is the recent one's: the same text, from the same state.
    let lastOpen: readonly OpenBracket[] | undefined;
    let lastMoved: readonly OpenBracket[] = [];
    for (let index = at; index < previous.offsets.length; index++) {
      const old = previous.states[index]!;
      let current = old;
      if (old.open.length > 0 && old.open[old.open.length - 1]!.offset >= oldSuffixStart) {
        if (old.open !== lastOpen) [lastOpen, lastMoved] = [old.open, movedOpen(old.open)];
        current = { ...old, open: lastMoved };
      }
      checkpoints.offsets.push(previous.offsets[index]! + delta);
      const block = previous.blockOffsets[index]!;
      checkpoints.blockOffsets.push(block >= oldSuffixStart ? block + delta : block);
      checkpoints.states.push(current);
      checkpoints.peaks.push(previous.peaks[index]!);
    }
    return { result: { open: movedOpen(scan.result.open) }, extended: false };
  }
  // More brackets open under the recent scan's: the rest pushes and pops above them as it did there,
  // never reaching the start of a line outside brackets, unless it nests past the limit.
  const peaksToEnd = (scan.peaksToEnd ??= suffixMaxima(previous.peaks));
  if (extra + peaksToEnd[at]! > MAX_BRACKET_DEPTH) return undefined;
  const under = state.open.slice(0, extra);
  let lastOpen: readonly OpenBracket[] | undefined;
  let lastState: LexerState = state;
  for (let index = at; index < previous.offsets.length; index++) {
    const old = previous.states[index]!;
    if (old.open !== lastOpen) {
      lastOpen = old.open;
      lastState = { ...state, lastSignificant: "", open: [...under, ...movedOpen(old.open)] };
    }
    checkpoints.offsets.push(previous.offsets[index]! + delta);
    checkpoints.blockOffsets.push(blockOffset);
    checkpoints.states.push(lastState);
    checkpoints.peaks.push(previous.peaks[index]! + extra);
  }
  return { result: { open: [...under, ...movedOpen(scan.result.open)] }, extended: true };
}

/** For each index, the largest of `values` from there to the end. */
function suffixMaxima(values: readonly number[]): number[] {
  const maxima = new Array<number>(values.length);
  let largest = 0;
  for (let index = values.length - 1; index >= 0; index--)
    maxima[index] = largest = Math.max(largest, values[index]!);
  return maxima;
}

/** Forgets the recent scans (tests compare a scan made from a recent one with one made afresh). */
export function forgetRecentScans(): void {
  recentScans.length = 0;
}

/** The same state apart from the open brackets (compared where they move). */
function sameState(a: LexerState, b: LexerState): boolean {
  if (a.lastSignificant !== b.lastSignificant || a.blockKeyword !== b.blockKeyword) return false;
  if (a.indents === b.indents) return true;
  if (a.indents.length !== b.indents.length) return false;
  return a.indents.every((indent, index) => indent === b.indents[index]);
}

/** Compared a block at a time: a module differs from its previous version in one place, mostly. */
const BLOCK = 256;

function commonPrefix(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let index = 0;
  while (index + BLOCK <= length && a.slice(index, index + BLOCK) === b.slice(index, index + BLOCK))
    index += BLOCK;
  while (index < length && a.charCodeAt(index) === b.charCodeAt(index)) index++;
  return index;
}

/** How many characters `a` and `b` end with in common, at most `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  let count = 0;
  while (
    count + BLOCK <= limit &&
    a.slice(a.length - count - BLOCK, a.length - count) ===
      b.slice(b.length - count - BLOCK, b.length - count)
  )
    count += BLOCK;
  while (count < limit && a.charCodeAt(a.length - 1 - count) === b.charCodeAt(b.length - 1 - count)) count++;
  return count;
}

/**
 * The lexical scan of `text` with its checkpoints, made from the recent scans as an edited module's
 * is, or afresh (tests compare the two).
 */
export function lexicalScanOf(
  text: string,
  reuse: boolean,
): { result: LexicalScan; checkpoints: Checkpoints; resumedAt: number; tookOverAt?: number } {
  if (reuse) {
    const { result, checkpoints, resumedAt, tookOverAt } = scanLexicallyReusing(text);
    return { result, checkpoints, resumedAt, tookOverAt };
  }
  const checkpoints: Checkpoints = { offsets: [], blockOffsets: [], states: [], peaks: [] };
  return { result: scanLexically(text, undefined, checkpoints), checkpoints, resumedAt: 0 };
}
