// Code actions, rebuilt from what the client hands back: one quick fix per fix in a diagnostic's
// data, "Silence <ID> in SILENCED_SYSTEM_CHECKS" per check (in every profile the finding holds for),
// and "fix all" (safe fixes only, never two edits that overlap).
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import type { Finding, TextEdit } from "../checks/types";
import { overlaps } from "../engine/mergeFindings";
import { comparePositions } from "../python/location";
import { FIX_ALL_KIND } from "../../../common/src/protocol";
import { readDiagnosticData, type DiagnosticData, type SerializedFix } from "./diagnostics";
import type { OpenDocuments } from "./documents";
import type { Folders } from "./folders";
import { silenceCheckEdit } from "./silence";
import { uriToPath } from "./uri";

export interface CodeActionSources {
  folders: Folders;
  documents: OpenDocuments;
  /** The URI edits to `file` go under (the client's own spelling when it is open). */
  uriOf(file: string): string;
}

/** Every code action for a request: quick fixes, Silence, and (when asked for by kind) fix all. */
export function codeActions(params: CodeActionParams, sources: CodeActionSources): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) =>
    !only || only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
  const actions: CodeAction[] = [];
  const path = uriToPath(params.textDocument.uri);
  if (wants(CodeActionKind.QuickFix)) {
    const currentVersion = path === undefined ? undefined : sources.documents.version(path);
    const byCode = new Map<string, { data: DiagnosticData; diagnostics: Diagnostic[] }>();
    for (const diagnostic of params.context.diagnostics) {
      const data = readDiagnosticData(diagnostic);
      if (!data) continue;
      // Edits computed for an older version of the document would land in the wrong place.
      const upToDate =
        data.documentVersion === undefined ||
        currentVersion === undefined ||
        data.documentVersion === currentVersion;
      if (upToDate) actions.push(...quickFixes(diagnostic, data));
      const key = `${data.code}\0${data.profiles.map((profile) => profile.file).join("\0")}`;
      const group = byCode.get(key);
      if (group) group.diagnostics.push(diagnostic);
      else byCode.set(key, { data, diagnostics: [diagnostic] });
    }
    const codes = [...byCode.values()].map((group) => group.data.code);
    for (const { data, diagnostics } of byCode.values()) {
      const action = silenceFor(
        data,
        diagnostics,
        codes.filter((code) => code === data.code).length > 1,
        sources,
      );
      if (action) actions.push(action);
    }
  }
  // "Fix all" is a source action: offered only when asked for by kind (on save, or the Source Action menu).
  if (only && wants(FIX_ALL_KIND) && path !== undefined) {
    const folder = sources.folders.folderOf(path);
    if (folder?.settings.enable) {
      // Analysed afresh rather than from the published diagnostics, which may lag behind the text.
      const action = fixAllAction(path, params.textDocument.uri, folder.project.analyze().findings);
      if (action) actions.push(action);
    }
  }
  return actions;
}

/** "Silence <ID> in SILENCED_SYSTEM_CHECKS", adding the ID in each profile module the finding holds for. */
function silenceFor(
  data: DiagnosticData,
  diagnostics: Diagnostic[],
  ambiguous: boolean,
  sources: CodeActionSources,
): CodeAction | undefined {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const { module, file } of data.profiles) {
    const folder = sources.folders.folderOf(file) ?? sources.folders.all[0];
    if (!folder) continue;
    const profile = folder.project.profiles().profiles.find((candidate) => candidate.module === module) ?? {
      module,
      file,
      kind: "production" as const,
      reason: "the diagnostic's profile",
    };
    const edit = silenceCheckEdit(folder.project, profile, data.code);
    if (!edit) continue;
    const uri = sources.uriOf(edit.file);
    if (changes[uri]) continue;
    changes[uri] = [{ range: edit.range, newText: edit.newText }];
  }
  if (Object.keys(changes).length === 0) return undefined;
  const where = ambiguous ? ` of ${data.profiles.map((profile) => profile.module).join(", ")}` : "";
  return {
    title: `Silence ${data.code} in SILENCED_SYSTEM_CHECKS${where}`,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    edit: { changes },
  };
}

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

export function workspaceEdit(edits: SerializedFix["edits"]): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const edit of edits) (changes[edit.uri] ??= []).push({ range: edit.range, newText: edit.newText });
  return { changes };
}

/**
 * "Fix all" for one file: the safe fixes of the findings in it, their edits in it, in document order,
 * skipping a fix that would overlap one already taken (two findings on one value). Undefined when
 * there is nothing to fix.
 */
export function fixAllAction(
  file: string,
  uri: string,
  findings: readonly Finding[],
): CodeAction | undefined {
  const candidates = findings
    .filter((finding) => finding.location.file === file)
    .flatMap((finding) => finding.fixes)
    .filter((fix) => fix.applicability === "safe")
    // A fix combined across profiles edits each profile's module; here only this file's share applies.
    .map((fix) => ({ ...fix, edits: fix.edits.filter((edit) => edit.file === file) }))
    .filter((fix) => fix.edits.length > 0)
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
