// The lexical pass of the syntax-error search (syntaxErrors.ts): CPython's tokenizer as far as its
// errors go (unterminated strings, unmatched, mismatched or unclosed brackets, brackets nested too
// deep, and the indentation errors), recording at the start of each line the state that the rest of
// the scan depends on. Separate from the grammar side in syntaxErrors.ts, which reads lezer's tree,
// and from the reuse of recent scans (lexicalScanReuse.ts), which resumes this scan at those states.
import { MAX_BRACKET_DEPTH, upperBound } from "./nesting";

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
export const BLOCK_OPENERS: Record<string, string> = {
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

export interface OpenBracket {
  character: string;
  offset: number;
}

export interface LexicalScan {
  /** The first error the tokenizer reports, if any. */
  error?: SyntaxErrorReport;
  /** Brackets still open when the scan stopped, innermost last. */
  open: OpenBracket[];
}

/**
 * What the lexical scan carries from one line to the next, at the start of a line (a checkpoint): the
 * scan from there on depends only on this and the text that follows. Inside brackets the last
 * significant character is recorded as "": it only matters at the start of a line outside brackets,
 * and a closing bracket (which is significant) comes before any such line.
 */
export interface LexerState {
  indents: readonly number[];
  blockKeyword: string | undefined;
  lastSignificant: string;
  /** The brackets open at the checkpoint, outermost first (shared by checkpoints until it changes). */
  open: readonly OpenBracket[];
}

/** The lexer's state at each checkpoint of a scan, in order (block offsets apart, as they shift). */
export interface Checkpoints {
  offsets: number[];
  /** Where the block header the state refers to starts, or -1. */
  blockOffsets: number[];
  states: LexerState[];
  /** The most brackets open at once between each checkpoint and the next (or the end). */
  peaks: number[];
}

/**
 * The brackets open at the start of each line outside brackets: one array, so that a rest taken
 * under an opened bracket makes one state for all those lines, not one per line.
 */
const NO_BRACKETS: readonly OpenBracket[] = [];

/** Called at each checkpoint: the scan's result when the rest is known, else undefined. */
export type Resync = (offset: number, state: LexerState, blockOffset: number) => LexicalScan | undefined;

/**
 * CPython's tokenizer, as far as errors go: strings, comments, brackets and indentation. Stops at the
 * first error. `start` resumes a scan at a checkpoint; `checkpoints` records the state at each;
 * `resync` may end the scan at one with the result it already knows.
 */
export function scanLexically(
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

/**
 * scanLexically(text.slice(0, end)), from the last checkpoint of the whole text's scan at or before
 * `end`: the state there depends only on the text before it, which the prefix shares.
 */
export function scanPrefix(text: string, end: number, checkpoints: Checkpoints): LexicalScan {
  const at = upperBound(checkpoints.offsets, end) - 1;
  const prefix = text.slice(0, end);
  if (at < 0) return scanLexically(prefix);
  return scanLexically(prefix, {
    offset: checkpoints.offsets[at]!,
    state: checkpoints.states[at]!,
    blockOffset: checkpoints.blockOffsets[at]!,
  });
}

/** 1-based line number of an offset. */
function lineNumber(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++)
    if (text.charCodeAt(index) === 10) line++;
  return line;
}
