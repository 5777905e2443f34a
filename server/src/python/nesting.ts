// Brackets nested deeper than CPython allows. CPython's tokenizer stops at 200 open brackets ("too
// many nested parentheses"), so no module Django can import nests deeper; @lezer/python has no such
// limit, and building its tree for 8,000 nested `[` overflows the stack (its tree builder recurses once
// per level). The parser is therefore given the text with the brackets past the limit (and their
// closing partners) blanked out: offsets stay the same, the tree stays shallow, and the syntax error
// scan (syntaxErrors.ts), which reads the original text, reports the first of them as CPython does.

/** CPython's MAXLEVEL: the most brackets open at once. */
export const MAX_BRACKET_DEPTH = 200;

const OPENING = new Set(["(", "[", "{"]);
const CLOSING = new Set([")", "]", "}"]);

/**
 * The text to parse: `text` itself when no bracket is nested deeper than MAX_BRACKET_DEPTH, else a
 * copy of the same length with each bracket past that depth, and the bracket that closes it, replaced
 * by a space. Strings and comments are skipped as the tokenizer does (a bracket in them is no bracket).
 */
export function textToParse(text: string): string {
  // Fast path: a text with fewer brackets than the limit cannot nest past it.
  let brackets = 0;
  for (let index = 0; index < text.length && brackets <= MAX_BRACKET_DEPTH; index++)
    if (OPENING.has(text[index]!)) brackets++;
  if (brackets <= MAX_BRACKET_DEPTH) return text;

  const blanked: number[] = [];
  // For each open bracket, whether it was blanked (so that its partner is blanked too).
  const open: boolean[] = [];
  let index = 0;
  while (index < text.length) {
    const character = text[index]!;
    if (character === "#") {
      while (index < text.length && text[index] !== "\n") index++;
      continue;
    }
    if (character === '"' || character === "'") {
      index = afterString(text, index);
      continue;
    }
    if (OPENING.has(character)) {
      const deep = open.length >= MAX_BRACKET_DEPTH;
      open.push(deep);
      if (deep) blanked.push(index);
    } else if (CLOSING.has(character) && open.length > 0) {
      if (open.pop()) blanked.push(index);
    }
    index++;
  }
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

/** The offset after the string literal whose opening quote is at `quoteAt` (or the end of its line). */
function afterString(text: string, quoteAt: number): number {
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
    // An unterminated one-line string ends at its line, as the tokenizer's error does.
    if (!triple && character === "\n") return index;
    if (text.startsWith(closing, index)) return index + closing.length;
    index++;
  }
  return text.length;
}
