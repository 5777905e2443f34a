// Turning a fix's edits into the protocol's WorkspaceEdit, using what the client supports: document
// changes that create a file a fix documents a variable in (.env.example), snippet edits that leave
// a placeholder selected for typing, change annotations that make the editor ask before applying.
// Also where a change ends up once applied, so the editor can reveal it.
import type {
  ChangeAnnotation,
  ClientCapabilities,
  CreateFile,
  Position,
  Range,
  TextDocumentEdit,
  WorkspaceEdit,
} from "vscode-languageserver/node";
import { comparePositions } from "../python/location";

/** What the client can apply beyond plain text edits. */
export interface EditSupport {
  documentChanges: boolean;
  createFiles: boolean;
  snippets: boolean;
  annotations: boolean;
}

export const PLAIN_EDITS: EditSupport = {
  documentChanges: false,
  createFiles: false,
  snippets: false,
  annotations: false,
};

export function editSupport(capabilities: ClientCapabilities): EditSupport {
  const workspaceEdit = capabilities.workspace?.workspaceEdit;
  const documentChanges = workspaceEdit?.documentChanges === true;
  return {
    documentChanges,
    createFiles: documentChanges && (workspaceEdit?.resourceOperations ?? []).includes("create"),
    // Snippets and annotations live in TextDocumentEdits, so they need document changes as well.
    snippets:
      documentChanges &&
      (workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport === true,
    annotations: documentChanges && workspaceEdit?.changeAnnotationSupport !== undefined,
  };
}

export interface PlannedEdit {
  uri: string;
  range: Range;
  newText: string;
  /** Part of newText the user must type over. */
  placeholder?: string;
  /** Id of a change annotation in the edit's `annotations`. */
  annotation?: string;
}

export interface EditOptions {
  support: EditSupport;
  /** Whether the file behind a URI exists (on disk or open in the editor). */
  exists(uri: string): boolean;
  annotations?: Record<string, ChangeAnnotation>;
}

/**
 * The WorkspaceEdit of `edits`, or undefined when the client cannot apply it. An edit to a file that
 * does not exist creates it first where the client can create files; where it cannot, that edit is
 * left out (such edits only document a variable) unless it is all there is.
 */
export function toWorkspaceEdit(
  edits: readonly PlannedEdit[],
  options: EditOptions,
): WorkspaceEdit | undefined {
  const { support } = options;
  const missing = new Set(edits.map((edit) => edit.uri).filter((uri) => !options.exists(uri)));
  const applicable = support.createFiles ? edits : edits.filter((edit) => !missing.has(edit.uri));
  if (applicable.length === 0) return undefined;
  const annotated = support.annotations && options.annotations !== undefined;
  const needsDocumentChanges =
    missing.size > 0 ||
    annotated ||
    (support.snippets && applicable.some((edit) => edit.placeholder !== undefined));
  if (!support.documentChanges || !needsDocumentChanges) {
    const changes: Record<string, { range: Range; newText: string }[]> = {};
    for (const edit of applicable)
      (changes[edit.uri] ??= []).push({ range: edit.range, newText: edit.newText });
    return { changes };
  }
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  const byUri = new Map<string, PlannedEdit[]>();
  for (const edit of applicable) {
    const list = byUri.get(edit.uri);
    if (list) list.push(edit);
    else byUri.set(edit.uri, [edit]);
  }
  for (const [uri, own] of byUri) {
    if (missing.has(uri)) documentChanges.push({ kind: "create", uri, options: { ignoreIfExists: true } });
    documentChanges.push({
      textDocument: { uri, version: null },
      edits: own.map((edit) => {
        if (annotated && edit.annotation !== undefined)
          return { range: edit.range, newText: edit.newText, annotationId: edit.annotation };
        if (support.snippets && edit.placeholder !== undefined && edit.newText.includes(edit.placeholder))
          return { range: edit.range, snippet: { kind: "snippet", value: snippetOf(edit) } };
        return { range: edit.range, newText: edit.newText };
      }) as TextDocumentEdit["edits"],
    });
  }
  return {
    documentChanges,
    ...(annotated ? { changeAnnotations: options.annotations } : {}),
  };
}

/** The edit's text as a snippet whose one tab stop is the placeholder, everything else literal. */
function snippetOf(edit: PlannedEdit): string {
  const escape = (text: string) => text.replace(/[\\$}]/g, (character) => `\\${character}`);
  const at = edit.newText.indexOf(edit.placeholder!);
  const before = edit.newText.slice(0, at);
  const after = edit.newText.slice(at + edit.placeholder!.length);
  return `${escape(before)}\${1:${escape(edit.placeholder!)}}${escape(after)}`;
}

/**
 * Where the text `from`–`to` of `target`'s new text lies once every edit of its file in `edits` is
 * applied (edits of one file never overlap).
 */
export function rangeAfterEdits(
  edits: readonly PlannedEdit[],
  target: PlannedEdit,
  from: number,
  to: number,
): Range {
  const own = edits
    .filter((edit) => edit.uri === target.uri)
    .sort((a, b) => comparePositions(a.range.start, b.range.start));
  const start = positionAfter(target.range.start, own, target);
  const at = (offset: number): Position => {
    const before = target.newText.slice(0, offset).split("\n");
    return before.length === 1
      ? { line: start.line, character: start.character + before[0]!.length }
      : { line: start.line + before.length - 1, character: before[before.length - 1]!.length };
  };
  return { start: at(from), end: at(to) };
}

/** Maps a position of the old text to the new text, through the edits that come before it. */
function positionAfter(position: Position, sorted: readonly PlannedEdit[], stop: PlannedEdit): Position {
  let lineDelta = 0;
  let lastEnd: { line: number; character: number; newCharacter: number } | undefined;
  const map = (point: Position): Position => ({
    line: point.line + lineDelta,
    character:
      lastEnd && lastEnd.line === point.line
        ? lastEnd.newCharacter + (point.character - lastEnd.character)
        : point.character,
  });
  for (const edit of sorted) {
    if (edit === stop || comparePositions(edit.range.end, position) > 0) break;
    const start = map(edit.range.start);
    const lines = edit.newText.split("\n");
    const endLine = start.line + lines.length - 1;
    const endCharacter =
      lines.length === 1 ? start.character + lines[0]!.length : lines[lines.length - 1]!.length;
    lineDelta = endLine - edit.range.end.line;
    lastEnd = { line: edit.range.end.line, character: edit.range.end.character, newCharacter: endCharacter };
  }
  return map(position);
}

/** The part of an inserted text worth showing: without the blank lines around it. */
export function meaningfulSpan(text: string): { from: number; to: number } {
  const from = text.length - text.replace(/^\s+/, "").length;
  const to = text.replace(/\s+$/, "").length;
  return to > from ? { from, to } : { from: 0, to: text.length };
}
