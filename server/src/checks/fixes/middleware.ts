// Adds a middleware entry to MIDDLEWARE where Django's documentation puts it: the list literal is
// edited in place (keeping its indentation, quotes and trailing-comma style) when the production
// module writes it; when MIDDLEWARE comes from a module production shares with development, the
// production module changes it in place (`MIDDLEWARE.insert(…)`) instead.
import { offsetToPosition, type CheckContext } from "../context";
import { singleValue } from "../predicates";
import type { Applicability, Fix, TextEdit } from "../types";
import type { SourceSpan } from "../../python/location";
import type { KnownValue, SequenceValue } from "../../evaluate/values";

export interface MiddlewareFix {
  title: string;
  applicability: Applicability;
  /** The dotted path to add. */
  path: string;
  /** Where it goes, given the paths already listed. */
  position(paths: readonly string[]): number;
}

/** After the last of `anchors` present, or first when none is. */
export function after(...anchors: string[]) {
  return (paths: readonly string[]) => Math.max(-1, ...anchors.map((anchor) => paths.indexOf(anchor))) + 1;
}

export function addMiddlewareFix(context: CheckContext, fix: MiddlewareFix): Fix | undefined {
  const setting = context.settings.get("MIDDLEWARE");
  const binding = setting.binding;
  const value = singleValue(setting.value);
  // A project with no MIDDLEWARE at all needs more than one entry: no single fix.
  if (!binding || !value || (value.kind !== "list" && value.kind !== "tuple")) return undefined;
  const paths: string[] = [];
  for (const item of value.items) {
    const known = singleValue(item);
    if (known?.kind !== "str") return undefined;
    paths.push(known.value);
  }
  const index = fix.position(paths);
  const text = context.source(context.profile.file);
  if (text === undefined) return undefined;
  const valueSpan = binding.origin.value;
  const literal =
    binding.origin.statement.file === context.profile.file &&
    !binding.assignment &&
    valueSpan &&
    value.span?.file === valueSpan.file &&
    value.span.from === valueSpan.from
      ? editLiteral(text, valueSpan, value, index, fix.path)
      : undefined;
  // Otherwise the production module changes the value it ends up with, after everything else.
  const edits = literal ?? [changeInPlace(context, text, value, index, fix.path)];
  return { title: fix.title, applicability: fix.applicability, edits };
}

const PLAIN_STRING = /^(['"])[^'"\\\n]*\1$/;

/** Inserts `path` as item `index` of the literal, or undefined when the literal is not a plain list of strings. */
function editLiteral(
  text: string,
  span: SourceSpan,
  value: SequenceValue,
  index: number,
  path: string,
): TextEdit[] | undefined {
  const literal = text.slice(span.from, span.to);
  const open = literal[0];
  const close = literal[literal.length - 1];
  if (!((open === "[" && close === "]") || (open === "(" && close === ")"))) return undefined;
  const items: { from: number; to: number }[] = [];
  for (const item of value.items) {
    const itemSpan = item.span;
    if (!itemSpan || itemSpan.file !== span.file || itemSpan.from <= span.from || itemSpan.to >= span.to)
      return undefined;
    if (!PLAIN_STRING.test(text.slice(itemSpan.from, itemSpan.to))) return undefined;
    items.push({ from: itemSpan.from, to: itemSpan.to });
  }
  // Between the items only commas, white space and comments: the literal lists exactly these items.
  const gaps = [span.from + 1, ...items.map((item) => item.to)].map((from, gap) =>
    text.slice(from, gap < items.length ? items[gap]!.from : span.to - 1),
  );
  const separator = /^\s*(#[^\n]*\n\s*)*$/;
  if (!separator.test(gaps[0]!)) return undefined;
  for (const gap of gaps.slice(1, -1)) if (!/^\s*,\s*(#[^\n]*\n\s*)*$/.test(gap)) return undefined;
  if (items.length > 0 && !/^\s*,?\s*(#[^\n]*\n\s*)*$/.test(gaps[gaps.length - 1]!)) return undefined;

  const firstItem = items[0];
  const quote = firstItem ? text[firstItem.from]! : '"';
  const entry = `${quote}${path}${quote}`;
  const at = (offset: number, newText: string): TextEdit[] => {
    const position = offsetToPosition(text, offset);
    return [{ file: span.file, range: { start: position, end: position }, newText }];
  };
  if (items.length === 0) {
    const position = offsetToPosition(text, span.from);
    const end = offsetToPosition(text, span.to);
    return [
      {
        file: span.file,
        range: { start: position, end },
        newText: open === "(" ? `(${entry},)` : `[${entry}]`,
      },
    ];
  }
  const multiline = literal.includes("\n");
  const indentOf = (offset: number) => {
    const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
    const indent = text.slice(lineStart, offset);
    return /^[ \t]*$/.test(indent) ? indent : "    ";
  };
  if (index < items.length) {
    const target = items[index]!;
    return at(target.from, multiline ? `${entry},\n${indentOf(target.from)}` : `${entry}, `);
  }
  const last = items[items.length - 1]!;
  const trailing = gaps[gaps.length - 1]!;
  const comma = /^\s*,/.exec(trailing);
  if (multiline) {
    const indent = indentOf(last.from);
    return comma
      ? at(last.to + comma[0].length, `\n${indent}${entry},`)
      : at(last.to, `,\n${indent}${entry}`);
  }
  return comma ? at(last.to + comma[0].length, ` ${entry},`) : at(last.to, `, ${entry}`);
}

/** A statement at the end of the production module that adds the entry to the inherited value. */
function changeInPlace(
  context: CheckContext,
  text: string,
  value: KnownValue & SequenceValue,
  index: number,
  path: string,
): TextEdit {
  const entry = JSON.stringify(path);
  let statement: string;
  if (value.kind === "list") {
    statement =
      index >= value.items.length ? `MIDDLEWARE.append(${entry})` : `MIDDLEWARE.insert(${index}, ${entry})`;
  } else {
    statement =
      index === 0
        ? `MIDDLEWARE = (${entry},) + MIDDLEWARE`
        : index >= value.items.length
          ? `MIDDLEWARE += (${entry},)`
          : `MIDDLEWARE = MIDDLEWARE[:${index}] + (${entry},) + MIDDLEWARE[${index}:]`;
  }
  const position = offsetToPosition(text, text.length);
  const lead = text.length === 0 || text.endsWith("\n") ? "" : "\n";
  return {
    file: context.profile.file,
    range: { start: position, end: position },
    newText: `${lead}\n${statement}\n`,
  };
}
