// The first syntax error of a module, with the message and place CPython's parser would give where we
// can tell: Django imports a settings module that Python cannot parse and stops before any check runs,
// so the user needs the error itself, not findings about the parts that happen to parse.
//
// Two sources are combined. A lexical pass finds what CPython's tokenizer reports (unterminated
// strings, unmatched or mismatched brackets, brackets never closed, and the indentation errors); the
// (repaired) lezer tree finds where the grammar fails, and a few patterns of that failure get CPython's
// wording ("expected ':'"); anything else is "invalid syntax". Messages follow CPython 3.10+.
import type { SyntaxNode, TreeCursor } from "@lezer/common";
import { MAX_BRACKET_DEPTH, upperBound } from "./nesting";
import type { ParsedModule } from "./parse";

export interface SyntaxErrorReport {
  /** `SyntaxError` or `IndentationError`, as Python names the exception. */
  kind: "SyntaxError" | "IndentationError";
  message: string;
  /** Offsets of the place Python points at (an empty range where it points between characters). */
  from: number;
  to: number;
}

/** CPython's MAXINDENT: the most levels of indentation a module may have. */
const MAX_INDENT_LEVELS = 100;

const OPENING: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
const CLOSING: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** Compound statements whose header ends in ':' and needs an indented block. */
const BLOCK_OPENERS: Record<string, string> = {
  if: "'if' statement",
  elif: "'elif' statement",
  else: "'else' statement",
  for: "'for' statement",
  while: "'while' statement",
  try: "'try' statement",
  except: "'except' statement",
  finally: "'finally' statement",
  with: "'with' statement",
  def: "function definition",
  class: "class definition",
  match: "'match' statement",
  case: "'case' statement",
};

interface OpenBracket {
  character: string;
  offset: number;
}

interface LexicalScan {
  /** The first error the tokenizer reports, if any. */
  error?: SyntaxErrorReport;
  /** Brackets still open when the scan stopped, innermost last. */
  open: OpenBracket[];
}

/** The first syntax error of the module, or undefined when Python would parse it. */
/** Each parsed module's first error: modules a profile imports are asked again on every keystroke. */
const firstErrors = new WeakMap<ParsedModule, SyntaxErrorReport | null>();

export function firstSyntaxError(module: ParsedModule): SyntaxErrorReport | undefined {
  const known = firstErrors.get(module);
  if (known !== undefined) return known ?? undefined;
  const found = findFirstSyntaxError(module);
  firstErrors.set(module, found ?? null);
  return found;
}

function findFirstSyntaxError(module: ParsedModule): SyntaxErrorReport | undefined {
  const text = module.text;
  const recorded = scanLexicallyReusing(text);
  const lexical = recorded.result;
  const grammar = firstGrammarError(module, recorded.checkpoints);
  if (lexical.error && (!grammar || lexical.error.from <= grammar.from)) return lexical.error;
  if (!grammar) {
    if (lexical.error) return lexical.error;
    const unclosed = lexical.open[0];
    return unclosed ? neverClosed(unclosed) : undefined;
  }
  // An error inside brackets opened earlier is reported as the bracket that was never closed, as
  // CPython does when it reaches the end of the file with the bracket still open.
  const unclosed = bracketOpenAt(text, grammar.from, recorded.checkpoints);
  // Still open at the end of the text: the lexical scan of the whole text is the one made above.
  if (unclosed && lexical.open.some((open) => open.offset === unclosed.offset)) return neverClosed(unclosed);
  return describeGrammarError(text, grammar);
}

function neverClosed(bracket: OpenBracket): SyntaxErrorReport {
  return {
    kind: "SyntaxError",
    message: `'${bracket.character}' was never closed`,
    from: bracket.offset,
    to: bracket.offset + 1,
  };
}

/**
 * What the lexical scan carries from one line to the next, at the start of a line (a checkpoint): the
 * scan from there on depends only on this and the text that follows. Inside brackets the last
 * significant character is recorded as "": it only matters at the start of a line outside brackets,
 * and a closing bracket (which is significant) comes before any such line.
 */
interface LexerState {
  indents: readonly number[];
  blockKeyword: string | undefined;
  lastSignificant: string;
  /** The brackets open at the checkpoint, outermost first (shared by checkpoints until it changes). */
  open: readonly OpenBracket[];
}

/** The lexer's state at each checkpoint of a scan, in order (block offsets apart, as they shift). */
interface Checkpoints {
  offsets: number[];
  /** Where the block header the state refers to starts, or -1. */
  blockOffsets: number[];
  states: LexerState[];
  /** The most brackets open at once between each checkpoint and the next (or the end). */
  peaks: number[];
}

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
function scanLexicallyReusing(text: string): RecordedScan {
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

/**
 * The brackets open at the start of each line outside brackets: one array, so that a rest taken
 * under an opened bracket makes one state for all those lines, not one per line.
 */
const NO_BRACKETS: readonly OpenBracket[] = [];

/** Called at each checkpoint: the scan's result when the rest is known, else undefined. */
type Resync = (offset: number, state: LexerState, blockOffset: number) => LexicalScan | undefined;

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
 * CPython's tokenizer, as far as errors go: strings, comments, brackets and indentation. Stops at the
 * first error. `start` resumes a scan at a checkpoint; `checkpoints` records the state at each;
 * `resync` may end the scan at one with the result it already knows.
 */
function scanLexically(
  text: string,
  start?: { offset: number; state: LexerState; blockOffset: number },
  checkpoints?: Checkpoints,
  resync?: Resync,
): LexicalScan {
  const open: OpenBracket[] = start ? [...start.state.open] : [];
  // The open brackets as last recorded, shared by the checkpoints until they change.
  let recordedOpen: readonly OpenBracket[] | undefined = start?.state.open;
  const indents = start ? [...start.state.indents] : [0];
  // The indents as last recorded, shared by the checkpoints until they change.
  let recordedIndents: readonly number[] | undefined = start?.state.indents;
  let blockHeader: { keyword: string; offset: number } | undefined =
    start?.state.blockKeyword !== undefined
      ? { keyword: start.state.blockKeyword, offset: start.blockOffset }
      : undefined;
  let lastSignificant = start?.state.lastSignificant ?? "";
  let index = start?.offset ?? 0;
  let atLineStart = true;
  // The most brackets open at once since the last checkpoint.
  let peak = open.length;
  let recordedHere = false;
  const fail = (error: SyntaxErrorReport): LexicalScan => ({ error, open });
  while (index < text.length) {
    if (atLineStart && checkpoints) {
      // The line before ends here (the one before a resumed scan's start was recorded by the scan resumed).
      if (recordedHere) checkpoints.peaks[checkpoints.offsets.length - 1] = peak;
      const state: LexerState = {
        indents: (recordedIndents ??= [...indents]),
        blockKeyword: blockHeader?.keyword,
        lastSignificant: open.length === 0 ? lastSignificant : "",
        open: (recordedOpen ??= open.length === 0 ? NO_BRACKETS : [...open]),
      };
      const blockOffset = blockHeader?.offset ?? -1;
      const known = resync?.(index, state, blockOffset);
      if (known) return known;
      checkpoints.offsets.push(index);
      checkpoints.blockOffsets.push(blockOffset);
      checkpoints.states.push(state);
      checkpoints.peaks.push(open.length);
      peak = open.length;
      recordedHere = true;
    }
    if (atLineStart && open.length > 0) atLineStart = false;
    if (atLineStart) {
      atLineStart = false;
      // Measure the indentation of a line that holds code (blank and comment-only lines do not count).
      let column = 0;
      let cursor = index;
      while (cursor < text.length && (text[cursor] === " " || text[cursor] === "\t")) {
        column = text[cursor] === "\t" ? (Math.floor(column / 8) + 1) * 8 : column + 1;
        cursor++;
      }
      const next = text[cursor];
      if (next !== undefined && next !== "\n" && next !== "\r" && next !== "#" && next !== "\\") {
        const top = indents[indents.length - 1]!;
        // Only a compound statement's header ends a logical line with ':'.
        const opensBlock = lastSignificant === ":";
        if (column > top) {
          if (!opensBlock)
            return fail({ kind: "IndentationError", message: "unexpected indent", from: cursor, to: cursor });
          // CPython's tokenizer keeps at most 100 levels (MAXINDENT), the outermost included.
          if (indents.length >= MAX_INDENT_LEVELS)
            return fail({
              kind: "IndentationError",
              message: "too many levels of indentation",
              from: cursor,
              to: cursor,
            });
          indents.push(column);
          recordedIndents = undefined;
        } else if (opensBlock) {
          const after = blockHeader
            ? ` after ${BLOCK_OPENERS[blockHeader.keyword]} on line ${lineNumber(text, blockHeader.offset)}`
            : "";
          return fail({
            kind: "IndentationError",
            message: `expected an indented block${after}`,
            from: cursor,
            to: cursor + 1,
          });
        } else if (column < top) {
          while (indents.length > 1 && indents[indents.length - 1]! > column) indents.pop();
          recordedIndents = undefined;
          if (indents[indents.length - 1] !== column)
            return fail({
              kind: "IndentationError",
              message: "unindent does not match any outer indentation level",
              from: cursor,
              to: cursor,
            });
        }
        // `async def` / `async with` are named by their second word.
        const keyword = /^(?:async\s+)?([A-Za-z_]+)/.exec(text.slice(cursor, cursor + 16))?.[1];
        blockHeader =
          keyword !== undefined && keyword in BLOCK_OPENERS ? { keyword, offset: cursor } : undefined;
        lastSignificant = "";
      }
      index = cursor;
      continue;
    }
    const character = text[index]!;
    if (character === "#") {
      while (index < text.length && text[index] !== "\n") index++;
      continue;
    }
    if (character === "\\" && (text[index + 1] === "\n" || text.startsWith("\r\n", index + 1))) {
      index += text[index + 1] === "\n" ? 2 : 3;
      continue;
    }
    if (character === "\n") {
      index++;
      atLineStart = true;
      continue;
    }
    const stringStart = stringPrefixLength(text, index);
    if (stringStart !== undefined) {
      const end = scanString(text, index + stringStart);
      if (end.error) return fail({ ...end.error, from: index, to: index });
      index = end.offset;
      lastSignificant = "string";
      continue;
    }
    if (character in OPENING) {
      if (open.length >= MAX_BRACKET_DEPTH)
        return fail({
          kind: "SyntaxError",
          message: "too many nested parentheses",
          from: index,
          to: index + 1,
        });
      open.push({ character, offset: index });
      recordedOpen = undefined;
      if (open.length > peak) peak = open.length;
    } else if (character in CLOSING) {
      const top = open.pop();
      recordedOpen = undefined;
      if (!top)
        return fail({ kind: "SyntaxError", message: `unmatched '${character}'`, from: index, to: index + 1 });
      if (top.character !== CLOSING[character]) {
        const sameLine = lineNumber(text, top.offset) === lineNumber(text, index);
        return fail({
          kind: "SyntaxError",
          // CPython calls every kind of bracket a parenthesis in this message.
          message: `closing parenthesis '${character}' does not match opening parenthesis '${top.character}'${sameLine ? "" : ` on line ${lineNumber(text, top.offset)}`}`,
          from: index,
          to: index + 1,
        });
      }
    }
    if (!isWhitespace(character)) lastSignificant = character;
    index++;
  }
  if (checkpoints && recordedHere) checkpoints.peaks[checkpoints.offsets.length - 1] = peak;
  return { open };
}

/** `/\s/.test(character)`, without the regular expression for ASCII (this runs on each character). */
function isWhitespace(character: string): boolean {
  const code = character.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(character);
}

/** The length of a string literal's prefix and opening quote position, when a string starts here. */
function stringPrefixLength(text: string, index: number): number | undefined {
  // Most characters start no string: answered without slicing the text (this runs on each one).
  const first = text[index]!;
  if (first !== '"' && first !== "'" && !STRING_PREFIX_LETTERS.has(first)) return undefined;
  const match = /^(?:[rRbBuUfF]{1,2})?["']/.exec(text.slice(index, index + 3));
  if (!match) return undefined;
  // A prefix must not continue a name (`xr"…"` is the name `xr` and then a string).
  if (match[0].length > 1 && index > 0 && /[A-Za-z0-9_]/.test(text[index - 1]!)) return undefined;
  return match[0].length - 1;
}

const STRING_PREFIX_LETTERS = new Set("rRbBuUfF");

/** Scans a string literal from its opening quote; the offset after it, or the tokenizer's error. */
function scanString(
  text: string,
  quoteAt: number,
): { offset: number; error?: Omit<SyntaxErrorReport, "from" | "to"> } {
  const quote = text[quoteAt]!;
  const triple = text.startsWith(quote.repeat(3), quoteAt);
  const closing = triple ? quote.repeat(3) : quote;
  let index = quoteAt + closing.length;
  while (index < text.length) {
    const character = text[index]!;
    if (character === "\\") {
      index += 2;
      continue;
    }
    if (!triple && character === "\n") break;
    if (text.startsWith(closing, index)) return { offset: index + closing.length };
    index++;
  }
  // CPython counts the line of the text's last character, not the empty line after a final newline.
  const detectedAt = triple
    ? lineNumber(text, text.endsWith("\n") ? text.length - 1 : text.length)
    : lineNumber(text, quoteAt);
  return {
    offset: text.length,
    error: {
      kind: "SyntaxError",
      message: `unterminated ${triple ? "triple-quoted " : ""}string literal (detected at line ${detectedAt})`,
    },
  };
}

/** The innermost bracket open at `offset` (skipping strings and comments), if any. */
function bracketOpenAt(text: string, offset: number, checkpoints: Checkpoints): OpenBracket | undefined {
  const scan = scanPrefix(text, offset, checkpoints);
  return scan.open[scan.open.length - 1] ?? scan.open[0];
}

/**
 * scanLexically(text.slice(0, end)), from the last checkpoint of the whole text's scan at or before
 * `end`: the state there depends only on the text before it, which the prefix shares.
 */
function scanPrefix(text: string, end: number, checkpoints: Checkpoints): LexicalScan {
  const at = upperBound(checkpoints.offsets, end) - 1;
  const prefix = text.slice(0, end);
  if (at < 0) return scanLexically(prefix);
  return scanLexically(prefix, {
    offset: checkpoints.offsets[at]!,
    state: checkpoints.states[at]!,
    blockOffset: checkpoints.blockOffsets[at]!,
  });
}

/**
 * Where the (repaired) lezer tree first fails to parse: the first error node in document order,
 * leaving out the statements that use valid Python @lezer/python 1.1.19 does not parse.
 */
function firstGrammarError(
  module: ParsedModule,
  checkpoints: Checkpoints,
): { from: number; to: number } | undefined {
  // The statements that are top-level nodes of the module's tree are walked with one cursor: a
  // cursor per statement was a megabyte of garbage per keystroke in a 10,000-line module.
  const top = module.tree.cursor();
  let onTop = top.firstChild();
  for (const statement of module.statements) {
    const { node } = statement;
    let error: { from: number; to: number } | undefined;
    if (statement.offset === 0) {
      while (onTop && top.from < node.from) onTop = top.nextSibling();
      error =
        onTop && top.from === node.from && top.to === node.to && top.type === node.type
          ? firstErrorUnder(top)
          : firstErrorNode(node);
    } else error = firstErrorNode(node);
    if (!error) continue;
    const from = error.from + statement.offset;
    if (isParserGap(module.text, from, checkpoints)) continue;
    // An error on a blank or comment line is the parser's forced reduction in long blocks
    // (docs: the known defect in large files), not the code's.
    if (/^\s*(#.*)?$/.test(lineAt(module.text, from))) continue;
    return { from, to: error.to + statement.offset };
  }
  return undefined;
}

/**
 * Valid Python that @lezer/python (1.1.19, the newest) marks as an error, found by comparing its
 * errors with CPython's on the 12,465 Python files of the evaluation's 28 projects (78 false errors,
 * all of these kinds): a bare `yield`, parenthesized context managers (`with (a as b, c as d):`),
 * a starred target in a comprehension (`for name, *rest in pairs`), and class patterns or an
 * unparenthesized walrus in `match`. A statement with such an error is not reported.
 */
function isParserGap(text: string, offset: number, checkpoints: Checkpoints): boolean {
  const line = lineAt(text, offset).replace(/\s+$/, "");
  if (/^\s*(match|case)\b/.test(line)) return true;
  if (/\byield\s*(?=$|[)\]},;#])/.test(line)) return true;
  if (/\bfor\s+[\w\s,()]*\*\s*\w+[\w\s,()]*\s+in\b/.test(line)) return true;
  // Inside the brackets of `with (…):`, or just after them.
  const outermost =
    scanPrefix(text, offset, checkpoints).open[0] ?? lastClosedParenthesis(text, offset, checkpoints);
  if (!outermost) return false;
  const before = lineAt(text, outermost.offset).slice(
    0,
    outermost.offset - (text.lastIndexOf("\n", outermost.offset - 1) + 1),
  );
  return /^\s*(async\s+)?with\s*$/.test(before);
}

/** The opening parenthesis of a `(…)` that closes on the line of `offset`, before it. */
function lastClosedParenthesis(
  text: string,
  offset: number,
  checkpoints: Checkpoints,
): OpenBracket | undefined {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const close = text.lastIndexOf(")", offset);
  if (close < lineStart) return undefined;
  const scan = scanPrefix(text, close, checkpoints);
  return scan.open[0];
}

/** The text of the line that holds `offset`. */
function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const end = text.indexOf("\n", offset);
  return text.slice(start, end < 0 ? text.length : end);
}

/**
 * The first error node under `node` in document order. Walked with a tree cursor: following
 * firstChild/nextSibling made a node object for every node of the module on every analysis, a
 * noticeable part of each keystroke's time in a long module.
 */
function firstErrorNode(node: SyntaxNode): { from: number; to: number } | undefined {
  const cursor = node.cursor();
  let depth = 0;
  for (;;) {
    if (cursor.type.isError) return { from: cursor.from, to: cursor.to };
    if (cursor.firstChild()) {
      depth++;
      continue;
    }
    for (;;) {
      // Back at `node` itself: its siblings are not under it.
      if (depth === 0) return undefined;
      if (cursor.nextSibling()) break;
      cursor.parent();
      depth--;
    }
  }
}

/** firstErrorNode of the node `cursor` is at, leaving the cursor there. */
function firstErrorUnder(cursor: TreeCursor): { from: number; to: number } | undefined {
  let depth = 0;
  let found: { from: number; to: number } | undefined;
  for (;;) {
    if (cursor.type.isError) {
      found = { from: cursor.from, to: cursor.to };
      break;
    }
    if (cursor.firstChild()) {
      depth++;
      continue;
    }
    let done = false;
    for (;;) {
      if (depth === 0) {
        done = true;
        break;
      }
      if (cursor.nextSibling()) break;
      cursor.parent();
      depth--;
    }
    if (done) break;
  }
  for (; depth > 0; depth--) cursor.parent();
  return found;
}

/** CPython's wording for a grammar error the tokenizer did not catch. */
function describeGrammarError(text: string, error: { from: number; to: number }): SyntaxErrorReport {
  const lineStart = text.lastIndexOf("\n", error.from - 1) + 1;
  const lineEndIndex = text.indexOf("\n", error.from);
  const lineEnd = lineEndIndex < 0 ? text.length : lineEndIndex;
  const line = text.slice(lineStart, lineEnd);
  const keyword = /^\s*([A-Za-z_]+)/.exec(line)?.[1];
  const code = line.replace(/#.*$/, "").trimEnd();
  if (keyword !== undefined && keyword in BLOCK_OPENERS && !code.endsWith(":") && !/[([{,\\]$/.test(code)) {
    const at = lineStart + code.length;
    return { kind: "SyntaxError", message: "expected ':'", from: at, to: at };
  }
  return {
    kind: "SyntaxError",
    message: "invalid syntax",
    from: error.from,
    to: Math.max(error.to, error.from),
  };
}

/** 1-based line number of an offset. */
function lineNumber(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++)
    if (text.charCodeAt(index) === 10) line++;
  return line;
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
