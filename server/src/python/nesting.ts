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
  // One pass with character codes (this runs on every keystroke over the whole text). A bracket is
  // blanked when it opens past the limit, and a closing bracket when the one it closes was, which is
  // exactly when more than the limit are open before it: the depth alone says which, no stack needed.
  let blanked: number[] | undefined;
  let depth = 0;
  let index = 0;
  const length = text.length;
  while (index < length) {
    const code = text.charCodeAt(index);
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
      if (depth >= MAX_BRACKET_DEPTH) (blanked ??= []).push(index);
      depth++;
    } else if ((code === CLOSE_PARENTHESIS || code === CLOSE_BRACKET || code === CLOSE_BRACE) && depth > 0) {
      if (depth > MAX_BRACKET_DEPTH) (blanked ??= []).push(index);
      depth--;
    }
    index++;
  }
  if (blanked === undefined) return text;
  const parts: string[] = [];
  let start = 0;
  for (const position of blanked) {
    parts.push(text.slice(start, position), " ");
    start = position + 1;
  }
  parts.push(text.slice(start));
  return parts.join("");
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
