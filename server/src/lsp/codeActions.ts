// Code actions, rebuilt from what the client hands back: one quick fix per fix in a diagnostic's
// data, "Silence <ID> in SILENCED_SYSTEM_CHECKS" per check, and "fix all" (safe fixes only, never
// two edits that overlap).
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import type { Finding, TextEdit } from "../checks/types";
import { comparePositions, type Range } from "../python/location";
import { FIX_ALL_KIND } from "../../../common/src/protocol";
import type { DiagnosticData, SerializedFix } from "./diagnostics";

/** The quick fixes of one diagnostic; `isPreferred` only for a safe fix, the one a keyboard shortcut may apply. */
export function quickFixes(diagnostic: Diagnostic, data: DiagnosticData): CodeAction[] {
  return data.fixes.map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(fix.applicability === "safe" ? { isPreferred: true } : {}),
    edit: workspaceEdit(fix.edits),
  }));
}

export function silenceAction(
  title: string,
  diagnostics: Diagnostic[],
  uri: string,
  edit: TextEdit,
): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    edit: { changes: { [uri]: [{ range: edit.range, newText: edit.newText }] } },
  };
}

export function workspaceEdit(edits: SerializedFix["edits"]): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const edit of edits) (changes[edit.uri] ??= []).push({ range: edit.range, newText: edit.newText });
  return { changes };
}

/**
 * "Fix all" for one file: the safe fixes of the findings in it whose edits stay in it, in document
 * order, skipping a fix that would overlap one already taken (two findings on one value, or the same
 * finding reported for two profiles). Undefined when there is nothing to fix.
 */
export function fixAllAction(
  file: string,
  uri: string,
  findings: readonly Finding[],
): CodeAction | undefined {
  const candidates = findings
    .filter((finding) => finding.location.file === file)
    .flatMap((finding) => finding.fixes)
    .filter(
      (fix) =>
        fix.applicability === "safe" && fix.edits.length > 0 && fix.edits.every((edit) => edit.file === file),
    )
    .sort((a, b) => comparePositions(firstStart(a.edits), firstStart(b.edits)));
  const taken: TextEdit[] = [];
  for (const fix of candidates) {
    if (fix.edits.some((edit) => taken.some((other) => overlaps(edit.range, other.range)))) continue;
    taken.push(...fix.edits);
  }
  if (taken.length === 0) return undefined;
  taken.sort((a, b) => comparePositions(a.range.start, b.range.start));
  return {
    title: "Fix all safe Django Deploy problems",
    kind: FIX_ALL_KIND,
    edit: { changes: { [uri]: taken.map((edit) => ({ range: edit.range, newText: edit.newText })) } },
  };
}

function firstStart(edits: readonly TextEdit[]) {
  return edits.reduce(
    (first, edit) => (comparePositions(edit.range.start, first) < 0 ? edit.range.start : first),
    edits[0]!.range.start,
  );
}

/**
 * Whether two edits cannot both be applied: their ranges share text, or they insert at the same
 * place (the order of the two insertions would be arbitrary), or one inserts inside the other's range.
 */
export function overlaps(a: Range, b: Range): boolean {
  if (comparePositions(a.start, b.start) === 0) return true;
  const aEmpty = comparePositions(a.start, a.end) === 0;
  const bEmpty = comparePositions(b.start, b.end) === 0;
  if (aEmpty) return comparePositions(b.start, a.start) < 0 && comparePositions(a.start, b.end) < 0;
  if (bEmpty) return comparePositions(a.start, b.start) < 0 && comparePositions(b.start, a.end) < 0;
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}
