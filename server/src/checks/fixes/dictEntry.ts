// Edits to a dict literal written in a settings module: add an entry after the last one (keeping the
// literal's indentation, quotes and trailing-comma style), or remove one with its comma. Nested
// settings (a DATABASES alias, a TEMPLATES backend's OPTIONS) are changed this way where production
// writes them; where they come from a module production shares with development, the production
// module assigns the item instead (`DATABASES["default"]["CONN_MAX_AGE"] = 60`).
import { insertSetting, offsetToPosition, type CheckContext } from "../context";
import { removeItem } from "../listItemEdits";
import type { TextEdit } from "../types";
import type { SourceSpan } from "../../python/location";
import type { DictValue, Value } from "../../evaluate/values";

/** A dict literal's entries with the spans of their keys and values, when all are written in it. */
function writtenEntries(text: string, dict: DictValue, span: SourceSpan) {
  if (text[span.from] !== "{" || text[span.to - 1] !== "}") return undefined;
  if (text.slice(span.from, span.to).includes("**")) return undefined;
  const entries: { key: SourceSpan; value: SourceSpan }[] = [];
  for (const entry of dict.entries) {
    const key = entry.key.span;
    const value = entry.value.span;
    if (!key || !value || key.file !== span.file || value.file !== span.file) return undefined;
    if (key.from <= span.from || value.to >= span.to) return undefined;
    entries.push({ key, value });
  }
  return entries;
}

/** Adds `"KEY": valueText` entries to the dict literal `dict`, written at `dict.span`; undefined when it cannot. */
export function addDictEntries(
  context: CheckContext,
  dict: DictValue,
  entries: { key: string; valueText: string }[],
): TextEdit[] | undefined {
  const span = dict.span;
  const text = span && context.source(span.file);
  if (!span || text === undefined) return undefined;
  const written = writtenEntries(text, dict, span);
  if (!written) return undefined;
  const firstKey = written[0] ? text.slice(written[0].key.from, written[0].key.to) : '"';
  const quote = /^'/.test(firstKey) ? "'" : '"';
  const items = entries.map(({ key, valueText }) => `${quote}${key}${quote}: ${valueText}`);
  const at = (offset: number, newText: string): TextEdit[] => {
    const position = offsetToPosition(text, offset);
    return [{ file: span.file, range: { start: position, end: position }, newText }];
  };
  if (written.length === 0) {
    if (text.slice(span.from + 1, span.to - 1).trim() !== "") return undefined;
    return [{ file: span.file, range: span.range, newText: `{${items.join(", ")}}` }];
  }
  const last = written.reduce((latest, entry) => (entry.value.to > latest.value.to ? entry : latest));
  const trailing = text.slice(last.value.to, span.to - 1);
  const comma = /^[ \t]*,/.exec(trailing);
  if (!text.slice(span.from, span.to).includes("\n")) {
    return comma
      ? at(last.value.to + comma[0].length, items.map((item) => ` ${item},`).join(""))
      : at(last.value.to, items.map((item) => `, ${item}`).join(""));
  }
  const keyLineStart = text.lastIndexOf("\n", last.key.from - 1) + 1;
  const keyIndent = text.slice(keyLineStart, last.key.from);
  const indent = /^[ \t]*$/.test(keyIndent) ? keyIndent : "    ";
  const lineEnd = text.indexOf("\n", last.value.to);
  const lines = items.map((item) => `\n${indent}${item},`).join("");
  // The closing brace right after the last value, on its line: the new entries go before it.
  if (lineEnd < 0 || lineEnd >= span.to - 1) {
    const close = items.map((item) => `\n${indent}${item}`).join(",");
    return comma ? at(last.value.to + comma[0].length, lines) : at(last.value.to, `,${close}`);
  }
  // Otherwise after the last entry's line (and any comment on it), with a comma added after its value.
  const edits = at(lineEnd, lines);
  if (!comma) edits.unshift(...at(last.value.to, ","));
  return edits;
}

/** Removes the entry whose value is `value` from the dict literal `dict`; undefined when it cannot. */
export function removeDictEntry(context: CheckContext, dict: DictValue, value: Value): TextEdit | undefined {
  const span = dict.span;
  const text = span && context.source(span.file);
  if (!span || text === undefined) return undefined;
  const written = writtenEntries(text, dict, span);
  const index = dict.entries.findIndex((entry) => entry.value === value);
  const entry = written?.[index];
  if (!written || !entry) return undefined;
  const item: SourceSpan = {
    file: span.file,
    from: entry.key.from,
    to: entry.value.to,
    range: { start: entry.key.range.start, end: entry.value.range.end },
  };
  return removeItem(text, item, span, written.length);
}

/**
 * Assignments of items of setting `name` (`DATABASES["default"]["CONN_MAX_AGE"] = 60`), added to the
 * end of the production module in one edit: for values production inherits from a shared module.
 */
export function assignItems(
  context: CheckContext,
  name: string,
  items: { path: (string | number)[]; valueText: string }[],
): TextEdit {
  const target = (path: (string | number)[]) =>
    `${name}${path.map((key) => `[${typeof key === "number" ? key : JSON.stringify(key)}]`).join("")}`;
  const [first, ...rest] = items;
  const edit = insertSetting(context, target(first!.path), first!.valueText);
  edit.newText += rest.map((item) => `${target(item.path)} = ${item.valueText}\n`).join("");
  return edit;
}

/** A statement added at the end of the production module (`INSTALLED_APPS.remove("x")`). */
export function appendStatement(context: CheckContext, statement: string): TextEdit {
  const text = context.source(context.profile.file) ?? "";
  const position = offsetToPosition(text, text.length);
  const lead = text.length === 0 || text.endsWith("\n") ? "" : "\n";
  return {
    file: context.profile.file,
    range: { start: position, end: position },
    newText: `${lead}\n${statement}\n`,
  };
}

/** Whether a value was written in the production module itself (a fix may edit it there). */
export function writtenInProfile(context: CheckContext, value: Value | undefined): boolean {
  return value?.span?.file === context.profile.file;
}
