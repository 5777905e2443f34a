// Fixes that give a setting a new value: replace the value where the production module writes it,
// or add an assignment to the production module when the value comes from Django's default or from
// a module production shares with development (never edit that shared module).
import { insertSetting, offsetToPosition, type CheckContext } from "../context";
import type { Applicability, Fix, TextEdit } from "../types";
import type { EffectiveSetting } from "../../resolve/effectiveSettings";
import { isKnown } from "../../evaluate/values";

export interface SettingValueFix {
  title: string;
  applicability: Applicability;
  /** Python text of the new value. */
  valueText: string;
  /** A comment written above the assignment (one line per `\n`). */
  comment?: string;
  /** For a fix that is not safe: what else applying it changes (see Fix.consequence). */
  consequence?: string;
  /** A part of `valueText` the user must replace with their own value (see TextEdit.placeholder). */
  placeholder?: string;
}

/**
 * Sets `setting` to `valueText`, or undefined when the value is not one the fix may touch: a value
 * read from the environment (deploy.W003 / deploy.W004 handle those and keep the environment in
 * charge), a value that depends on a branch, or one changed in place after its assignment.
 */
export function setSettingFix(
  context: CheckContext,
  setting: EffectiveSetting,
  fix: SettingValueFix,
): Fix | undefined {
  const binding = setting.binding;
  const edits: TextEdit[] = [];
  const placeholder = fix.placeholder === undefined ? {} : { placeholder: fix.placeholder };
  if (!binding || binding.origin.statement.file !== context.profile.file) {
    // Django's default, or a module production shares with development: override it here.
    edits.push({ ...insertSetting(context, setting.name, fix.valueText, fix.comment), ...placeholder });
  } else {
    const valueSpan = binding.origin.value;
    if (!valueSpan || binding.assignment || !isKnown(setting.value)) return undefined;
    if (fix.comment) {
      const comment = commentAbove(context, binding.origin.statement.from, fix.comment);
      if (comment) edits.push(comment);
    }
    edits.push({ file: valueSpan.file, range: valueSpan.range, newText: fix.valueText, ...placeholder });
  }
  return {
    title: fix.title,
    applicability: fix.applicability,
    edits,
    ...(fix.consequence === undefined ? {} : { consequence: fix.consequence }),
  };
}

/** Comment lines inserted before the statement starting at `offset`, when it starts its line. */
export function commentAbove(context: CheckContext, offset: number, comment: string): TextEdit | undefined {
  const text = context.source(context.profile.file);
  if (text === undefined) return undefined;
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const indent = text.slice(lineStart, offset);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const position = offsetToPosition(text, lineStart);
  const lines = comment
    .split("\n")
    .map((line) => `${indent}# ${line}\n`)
    .join("");
  return { file: context.profile.file, range: { start: position, end: position }, newText: lines };
}

/** A Python string literal of `value`, in the quotes the setting's current value uses (double by default). */
export function quotedLike(context: CheckContext, setting: EffectiveSetting, value: string): string {
  const span = setting.binding?.origin.value;
  const old = span ? context.source(span.file)?.slice(span.from, span.to) : undefined;
  const quote = old !== undefined && /^[rRuU]?'/.test(old) ? "'" : '"';
  return `${quote}${value}${quote}`;
}
