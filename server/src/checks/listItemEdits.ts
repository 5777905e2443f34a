// Edits to one item of a list or tuple literal written in a settings module: replace it, or remove it
// with its comma (and its whole line when it stands alone on one), keeping the rest as written.
import { offsetToPosition } from "./context";
import type { SourceSpan } from "../python/location";
import type { TextEdit } from "./types";

/** A plain one-line string literal with no escapes: the only kind these edits rewrite. */
export const PLAIN_STRING = /^[rRuU]?(['"])[^'"\\\n]*\1$/;

/** The quote character of a plain string literal, for writing a new item in the same style. */
export function quoteOf(text: string, span: SourceSpan): string {
  const literal = text.slice(span.from, span.to);
  return /^[rRuU]?'/.test(literal) ? "'" : '"';
}

/** Replaces the item at `span` with `newText`. */
export function replaceItem(span: SourceSpan, newText: string): TextEdit {
  return { file: span.file, range: span.range, newText };
}

/**
 * Removes the item at `span` from the literal `container` (a span of the same file that encloses it,
 * holding `count` items), or undefined when the text around the item is not a plain comma-separated
 * list, or when a tuple would be left with one item (it would need a trailing comma).
 */
export function removeItem(
  text: string,
  item: SourceSpan,
  container: SourceSpan,
  count: number,
): TextEdit | undefined {
  if (item.from <= container.from || item.to >= container.to) return undefined;
  if (text[container.from] === "(" && count === 2) return undefined;
  const before = text.slice(container.from + 1, item.from);
  const after = text.slice(item.to, container.to - 1);
  const edit = (from: number, to: number): TextEdit => ({
    file: item.file,
    range: { start: offsetToPosition(text, from), end: offsetToPosition(text, to) },
    newText: "",
  });
  // Alone on its line, followed by a comma: the whole line goes.
  const lineStart = text.lastIndexOf("\n", item.from - 1) + 1;
  const trailingComma = /^[ \t]*,[ \t]*(#[^\n]*)?\n/.exec(after);
  if (/^[ \t]*$/.test(text.slice(lineStart, item.from)) && trailingComma && lineStart > container.from)
    return edit(lineStart, item.to + trailingComma[0].length);
  const following = /^\s*,\s*/.exec(after);
  // A later item follows: remove the item and the separator after it.
  if (following && after.slice(following[0].length).trim() !== "")
    return edit(item.from, item.to + following[0].length);
  // The last item: remove the separator before it, and a trailing comma after it.
  const preceding = /,\s*$/.exec(before);
  if (preceding) return edit(container.from + 1 + preceding.index, item.to + (following?.[0].length ?? 0));
  return undefined;
}
