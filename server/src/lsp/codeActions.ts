// Code actions, rebuilt from what the client hands back: one quick fix per fix in a diagnostic's
// data, "Silence <ID> in SILENCED_SYSTEM_CHECKS" per check (in every profile the finding holds for),
// "Show documentation for <ID>", and, when asked for by kind, "fix all" (safe fixes only, never two
// edits that overlap) and "fix all, including unsafe fixes" (shown in the refactor preview first).
//
// A fix never changes a file out of the user's sight: its title names the other files it edits and
// the line where it adds a setting, an unsafe fix's title says what else it changes, and after the
// edit the client opens the file and selects the change (or the placeholder the user must type over).
import { basename, relative } from "node:path";
import {
  CodeActionKind,
  type ChangeAnnotation,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import { docsUrl } from "../checks/index";
import type { Finding, TextEdit } from "../checks/types";
import { overlaps } from "../engine/mergeFindings";
import { comparePositions } from "../python/location";
import { FIX_ALL_KIND, FIX_ALL_UNSAFE_KIND, SHOW_DOCUMENTATION_COMMAND } from "../../../common/src/protocol";
import { readDiagnosticData, type DiagnosticData, type SerializedFix } from "./diagnostics";
import { type CodeActionSources, present, quickFixes, silenceFor } from "./quickFixes";
import { uriToPath } from "./uri";
import { PLAIN_EDITS, toWorkspaceEdit, type PlannedEdit } from "./workspaceEdits";

/** Every code action for a request: quick fixes, Silence, documentation, and (when asked for by kind) fix all. */
export function codeActions(params: CodeActionParams, sources: CodeActionSources): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) =>
    !only || only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
  const actions: CodeAction[] = [];
  const path = uriToPath(params.textDocument.uri);
  const documentUri = params.textDocument.uri;
  if (wants(CodeActionKind.QuickFix)) {
    const currentVersion = path === undefined ? undefined : sources.documents.version(path);
    const byCode = new Map<string, { data: DiagnosticData; diagnostics: Diagnostic[] }>();
    // The same fix reached from two diagnostics (two checks on one value) is offered once.
    const offered = new Map<string, CodeAction>();
    for (const diagnostic of params.context.diagnostics) {
      const data = readDiagnosticData(diagnostic);
      if (!data) continue;
      // Edits computed for an older version of the document would land in the wrong place.
      const upToDate =
        data.documentVersion === undefined ||
        currentVersion === undefined ||
        data.documentVersion === currentVersion;
      if (upToDate) {
        for (const action of quickFixes(diagnostic, data, documentUri, sources)) {
          const key = `${action.title}\0${JSON.stringify(action.edit)}`;
          const known = offered.get(key);
          if (known) known.diagnostics = [...(known.diagnostics ?? []), diagnostic];
          else {
            offered.set(key, action);
            actions.push(action);
          }
        }
      }
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
    for (const code of new Set(codes)) {
      actions.push({
        title: `Show documentation for ${code}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [...byCode.values()]
          .filter((group) => group.data.code === code)
          .flatMap((group) => group.diagnostics),
        command: {
          title: `Show documentation for ${code}`,
          command: SHOW_DOCUMENTATION_COMMAND,
          arguments: [code, docsUrl(code)],
        },
      });
    }
  }
  // "Fix all" are source actions: offered only when asked for by kind (on save, the Source Action menu).
  if (only && path !== undefined && (wants(FIX_ALL_KIND) || wants(FIX_ALL_UNSAFE_KIND))) {
    const folder = sources.folders.folderOf(path);
    if (folder?.settings.enable) {
      // Analysed afresh rather than from the published diagnostics, which may lag behind the text.
      const findings = folder.project.analyze().findings;
      const display = (file: string) => relative(folder.path, file) || basename(file);
      if (wants(FIX_ALL_KIND)) {
        const action =
          fixAllAction(path, documentUri, findings) ?? nothingSafeAction(path, findings, display);
        if (action) actions.push(action);
      }
      if (wants(FIX_ALL_UNSAFE_KIND)) {
        const action = fixAllUnsafeAction(path, findings, sources, display);
        if (action) actions.push(action);
      }
    }
  }
  return actions;
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

/**
 * When the file has findings but no safe fix to apply in it: "fix all" shown disabled, with the
 * reason in the Source Action menu (on save, a disabled action is simply not applied).
 */
function nothingSafeAction(
  file: string,
  findings: readonly Finding[],
  display: (file: string) => string,
): CodeAction | undefined {
  const own = findings.filter((finding) => finding.location.file === file);
  if (own.length === 0) return undefined;
  const fixes = own.flatMap((finding) => finding.fixes);
  const unsafe = fixes.filter((fix) => fix.applicability !== "safe");
  const elsewhere = [
    ...new Set(
      fixes
        .filter((fix) => fix.applicability === "safe")
        .flatMap((fix) => fix.edits.map((edit) => edit.file))
        .filter((target) => target !== file),
    ),
  ];
  const reason =
    unsafe.length > 0
      ? `No safe fix here: ${unsafe.length === 1 ? "the fix changes" : `the ${unsafe.length} fixes change`} more than the finding (${
          unsafe
            .map((fix) => fix.consequence)
            .filter((text) => text !== undefined)
            .slice(0, 2)
            .join("; ") || "review each"
        }). Use "Fix all, including unsafe fixes…" to review them.`
      : elsewhere.length > 0
        ? `The fixes of this file's findings edit ${elsewhere.map(display).join(", ")}: apply them from the quick fix menu.`
        : "No finding in this file has a fix that can be applied automatically.";
  return {
    title: "Fix all safe Django Deploy problems",
    kind: FIX_ALL_KIND,
    disabled: { reason },
  };
}

/**
 * "Fix all, including unsafe fixes" for one file: per finding in it, its first fix (the engine lists
 * the one that suits the module first), with every edit it makes in any file. Each fix is a change
 * annotation that needs confirmation, so VS Code shows the refactor preview, fix by fix, before
 * anything is written. Offered only to clients that show change annotations, and only when some
 * fix is not safe (otherwise plain "fix all" does the same).
 */
export function fixAllUnsafeAction(
  file: string,
  findings: readonly Finding[],
  sources: CodeActionSources,
  display: (file: string) => string,
): CodeAction | undefined {
  const support = sources.support ?? PLAIN_EDITS;
  if (!support.annotations) return undefined;
  const documentUri = sources.uriOf(file);
  const chosen = findings
    .filter((finding) => finding.location.file === file)
    .map((finding) => finding.fixes.find((fix) => fix.applicability !== "displayOnly"))
    .filter((fix) => fix !== undefined);
  if (!chosen.some((fix) => fix.applicability !== "safe")) return undefined;
  const taken: PlannedEdit[] = [];
  const annotations: Record<string, ChangeAnnotation> = {};
  const name = (uri: string) => {
    const path = uriToPath(uri);
    return path === undefined ? uri : display(path);
  };
  const same = (a: PlannedEdit, b: PlannedEdit) =>
    a.uri === b.uri &&
    a.newText === b.newText &&
    comparePositions(a.range.start, b.range.start) === 0 &&
    comparePositions(a.range.end, b.range.end) === 0;
  chosen.forEach((fix, index) => {
    const all: PlannedEdit[] = fix.edits.map((edit) => ({
      uri: sources.uriOf(edit.file),
      range: edit.range,
      newText: edit.newText,
      annotation: `fix${index}`,
    }));
    // An edit another fix makes already (the same `import os`, the same fix of two checks) is made once.
    const edits = all.filter((edit) => !taken.some((other) => same(edit, other)));
    const clashes = edits.some((edit) =>
      taken.some(
        (other) => other.uri === edit.uri && overlaps(edit.range, other.range) && !bothAddLines(edit, other),
      ),
    );
    if (clashes || edits.length === 0) return;
    const label = present({ ...fix, edits: all }, documentUri, name).title;
    annotations[`fix${index}`] = {
      label,
      needsConfirmation: true,
      description: fix.applicability === "safe" ? "safe" : (fix.consequence ?? "unsafe"),
    };
    taken.push(...edits);
  });
  if (taken.length === 0) return undefined;
  const edit = toWorkspaceEdit(taken, {
    support,
    exists: sources.exists ?? (() => true),
    annotations,
  });
  if (!edit) return undefined;
  return {
    title: "Fix all Django Deploy problems, including unsafe fixes (preview)…",
    kind: FIX_ALL_UNSAFE_KIND,
    edit,
  };
}

/**
 * Two insertions of whole lines at the start of the same line (two variables documented in a new
 * .env.example) can both be made: the client inserts them in the order given.
 */
function bothAddLines(a: PlannedEdit, b: PlannedEdit): boolean {
  const addsLines = (edit: PlannedEdit) =>
    comparePositions(edit.range.start, edit.range.end) === 0 &&
    edit.range.start.character === 0 &&
    edit.newText.endsWith("\n");
  return addsLines(a) && addsLines(b) && comparePositions(a.range.start, b.range.start) === 0;
}

function firstStart(edits: readonly TextEdit[]) {
  return edits.reduce(
    (first, edit) => (comparePositions(edit.range.start, first) < 0 ? edit.range.start : first),
    edits[0]!.range.start,
  );
}
