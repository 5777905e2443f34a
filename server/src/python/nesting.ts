// Brackets nested deeper than CPython allows. CPython's tokenizer stops at 200 open brackets ("too
// many nested parentheses"), so no module Django can import nests deeper; @lezer/python has no such
// limit, and building its tree for 8,000 nested `[` overflows the stack (its tree builder recurses once
// per level). The parser is therefore given the text with the brackets past the limit (and their
// closing partners) blanked out: offsets stay the same, the tree stays shallow, and the syntax error
// scan (syntaxErrors.ts), which reads the original text, reports the first of them as CPython does.

/** CPython's MAXLEVEL: the most brackets open at once. */
export const MAX_BRACKET_DEPTH = 200;

/**
 * The text to parse: `text` itself when no bracket is nested deeper than MAX_BRACKET_DEPTH, else a
 * copy of the same length with each bracket past that depth, and the bracket that closes it, replaced
 * by a space. Strings and comments are skipped as the tokenizer does (a bracket in them is no bracket).
 */
export function textToParse(text: string): string {
  return scanBrackets(text).parsedText;
}

/**
 * A scan of a text for brackets past the limit, with what an edited version's scan resumes from:
 * checkpoints (line starts the scan passed outside strings and comments, a few thousand characters
 * apart) with the depth there, and for the stretch from each to the next the deepest the brackets
 * went and the shallowest depth a closing bracket met.
 */
export interface BracketScan {
  readonly text: string;
  readonly parsedText: string;
  /** The offsets of the brackets blanked, in order. */
  readonly blanked: readonly number[];
  readonly checkpoints: Checkpoints;
}

interface Checkpoints {
  offsets: number[];
  depths: number[];
  deepest: number[];
  /** The depth before the closing bracket at the lowest depth (0: one that closed nothing), or Infinity. */
  lowestClose: number[];
}

/** Characters scanned between checkpoints (at least). */
const CHECKPOINT_SPACING = 2048;

/**
 * textToParse, as a scan. Given the scan of a previous version and the lengths the two texts share at
 * their start and end, the scan resumes at the last checkpoint before the first changed character and
 * stops at the first checkpoint in the unchanged end from which the rest is known: the previous scan's
 * rest, moved by the change in length, when the depth there is the same; or, when it differs by some
 * brackets (an unclosed one typed), the same rest with that many more or fewer open, when the previous
 * scan's rest shows that this reaches neither the limit nor a closing bracket with none open.
 */
export function scanBrackets(
  text: string,
  previous?: { scan: BracketScan; prefix: number; suffix: number },
): BracketScan {
  const checkpoints: Checkpoints = { offsets: [], depths: [], deepest: [], lowestClose: [] };
  const blanked: number[] = [];
  let index = 0;
  let depth = 0;
  const length = text.length;
  // The rest of the previous scan to take over, once the scan reaches it.
  let resync: ((offset: number, depth: number) => (() => void) | undefined) | undefined;
  if (previous) {
    const old = previous.scan.checkpoints;
    const oldBlanked = previous.scan.blanked;
    const delta = length - previous.scan.text.length;
    const suffixStart = length - previous.suffix;
    // The last checkpoint at or before the first changed character: everything before it is the same.
    const resumeAt = Math.max(0, upperBound(old.offsets, previous.prefix) - 1);
    for (let checkpoint = 0; checkpoint < resumeAt; checkpoint++) {
      checkpoints.offsets.push(old.offsets[checkpoint]!);
      checkpoints.depths.push(old.depths[checkpoint]!);
      checkpoints.deepest.push(old.deepest[checkpoint]!);
      checkpoints.lowestClose.push(old.lowestClose[checkpoint]!);
    }
    if (resumeAt < old.offsets.length) {
      index = old.offsets[resumeAt]!;
      depth = old.depths[resumeAt]!;
    }
    for (const offset of oldBlanked) if (offset < index) blanked.push(offset);
    // What the previous scan met from each checkpoint to the end.
    const count = old.offsets.length;
    const deepestAfter = new Array<number>(count);
    const lowestCloseAfter = new Array<number>(count);
    for (let checkpoint = count - 1; checkpoint >= 0; checkpoint--) {
      deepestAfter[checkpoint] = Math.max(old.deepest[checkpoint]!, deepestAfter[checkpoint + 1] ?? 0);
      lowestCloseAfter[checkpoint] = Math.min(
        old.lowestClose[checkpoint]!,
        lowestCloseAfter[checkpoint + 1] ?? Number.POSITIVE_INFINITY,
      );
    }
    let cursor = resumeAt;
    resync = (offset, depthHere) => {
      if (offset < suffixStart) return undefined;
      const oldOffset = offset - delta;
      while (cursor < count && old.offsets[cursor]! < oldOffset) cursor++;
      if (old.offsets[cursor] !== oldOffset) return undefined;
      const shift = depthHere - old.depths[cursor]!;
      if (shift !== 0) {
        // With `shift` more open (or fewer), the rest blanks nothing and its depths are the previous
        // ones moved by `shift` only if no closing bracket meets none open in either scan and no
        // depth passes the limit: then neither scan blanks anything there.
        const lowest = lowestCloseAfter[cursor]!;
        if (lowest < 1 || lowest + shift < 1) return undefined;
        if (deepestAfter[cursor]! + Math.max(shift, 0) > MAX_BRACKET_DEPTH) return undefined;
      }
      const from = cursor;
      return () => {
        for (let checkpoint = from; checkpoint < count; checkpoint++) {
          checkpoints.offsets.push(old.offsets[checkpoint]! + delta);
          checkpoints.depths.push(old.depths[checkpoint]! + shift);
          checkpoints.deepest.push(old.deepest[checkpoint]! + shift);
          checkpoints.lowestClose.push(old.lowestClose[checkpoint]! + shift);
        }
        for (const position of oldBlanked) if (position >= oldOffset) blanked.push(position + delta);
      };
    };
  }
  // One pass with character codes. A bracket is blanked when it opens past the limit, and a closing
  // bracket when the one it closes was, which is exactly when more than the limit are open before it:
  // the depth alone says which, no stack needed.
  let deepest = depth;
  let lowestClose = Number.POSITIVE_INFINITY;
  let lastCheckpoint = index;
  checkpoints.offsets.push(index);
  checkpoints.depths.push(depth);
  let resynced = false;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code === NEWLINE) {
      index++;
      // A line start outside strings and comments: the scan from here depends on the depth alone.
      const rest = resync?.(index, depth);
      if (rest) {
        // The stretch scanned ends where the previous scan's rest begins.
        checkpoints.deepest.push(deepest);
        checkpoints.lowestClose.push(lowestClose);
        rest();
        resynced = true;
        break;
      }
      if (index - lastCheckpoint >= CHECKPOINT_SPACING && index < length) {
        checkpoints.deepest.push(deepest);
        checkpoints.lowestClose.push(lowestClose);
        checkpoints.offsets.push(index);
        checkpoints.depths.push(depth);
        deepest = depth;
        lowestClose = Number.POSITIVE_INFINITY;
        lastCheckpoint = index;
      }
      continue;
    }
    if (code === HASH) {
      const end = text.indexOf("\n", index);
      index = end < 0 ? length : end;
      continue;
    }
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      index = afterString(text, index);
      continue;
    }
    if (code === OPEN_PARENTHESIS || code === OPEN_BRACKET || code === OPEN_BRACE) {
      if (depth >= MAX_BRACKET_DEPTH) blanked.push(index);
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (code === CLOSE_PARENTHESIS || code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      if (depth < lowestClose) lowestClose = depth;
      if (depth > 0) {
        if (depth > MAX_BRACKET_DEPTH) blanked.push(index);
        depth--;
      }
    }
    index++;
  }
  if (!resynced) {
    checkpoints.deepest.push(deepest);
    checkpoints.lowestClose.push(lowestClose);
  }
  return { text, parsedText: blankedText(text, blanked), blanked, checkpoints };
}

function blankedText(text: string, blanked: readonly number[]): string {
  if (blanked.length === 0) return text;
  const parts: string[] = [];
  let start = 0;
  for (const position of blanked) {
    parts.push(text.slice(start, position), " ");
    start = position + 1;
  }
  parts.push(text.slice(start));
  return parts.join("");
}

/** The index of the first of the sorted `values` greater than `value` (also the lexical scan's). */
export function upperBound(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (values[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

const HASH = 35;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;
const NEWLINE = 10;
const OPEN_PARENTHESIS = 40;
const CLOSE_PARENTHESIS = 41;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** The offset after the string literal whose opening quote is at `quoteAt` (or the end of its line). */
function afterString(text: string, quoteAt: number): number {
  const quote = text.charCodeAt(quoteAt);
  const triple = text.charCodeAt(quoteAt + 1) === quote && text.charCodeAt(quoteAt + 2) === quote;
  let index = quoteAt + (triple ? 3 : 1);
  const length = text.length;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code === BACKSLASH) {
      index += 2;
      continue;
    }
    // An unterminated one-line string ends at its line, as the tokenizer's error does.
    if (!triple && code === NEWLINE) return index;
    if (code === quote) {
      if (!triple) return index + 1;
      if (text.charCodeAt(index + 1) === quote && text.charCodeAt(index + 2) === quote) return index + 3;
    }
    index++;
  }
  return length;
}
