// Quick fixes of one diagnostic, rebuilt from its data, and "Silence <ID> in SILENCED_SYSTEM_CHECKS";
// with how a fix's title names the other files it edits and what to reveal once it is applied.
// Apart from codeActions.ts, which answers the request and builds "fix all", because a single fix's
// presentation is shared by both and is its own work.
import { basename, relative } from "node:path";
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type TextEdit as LspTextEdit,
} from "vscode-languageserver/node";
import type { Applicability } from "../checks/types";
import { comparePositions } from "../python/location";
import { REVEAL_COMMAND, type RevealArguments } from "../../../common/src/protocol";
import type { DiagnosticData } from "./diagnostics";
import type { OpenDocuments } from "./documents";
import type { Folders } from "./folders";
import { silenceCheckEdit } from "./silence";
import { uriToPath } from "./uri";
import {
  meaningfulSpan,
  PLAIN_EDITS,
  rangeAfterEdits,
  toWorkspaceEdit,
  type EditSupport,
  type PlannedEdit,
} from "./workspaceEdits";

export interface CodeActionSources {
  folders: Folders;
  documents: OpenDocuments;
  /** The URI edits to `file` go under (the client's own spelling when it is open). */
  uriOf(file: string): string;
  /** What the client can apply beyond plain text edits; plain edits when not given. */
  support?: EditSupport;
  /** Whether the file behind a URI exists; every file is taken to exist when not given. */
  exists?(uri: string): boolean;
}

/** A fix in the shape code actions need: edits by URI. */
interface PlannedFix {
  title: string;
  applicability: Applicability;
  consequence?: string;
  edits: PlannedEdit[];
}

/** "Silence <ID> in SILENCED_SYSTEM_CHECKS", adding the ID in each profile module the finding holds for. */
export function silenceFor(
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

/**
 * The quick fixes of one diagnostic; `isPreferred` only for a safe fix, the one a keyboard shortcut
 * may apply. `documentUri` is the file the diagnostic is in.
 */
export function quickFixes(
  diagnostic: Diagnostic,
  data: DiagnosticData,
  documentUri = "",
  sources: Pick<CodeActionSources, "support" | "exists" | "folders"> = {} as CodeActionSources,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const fix of data.fixes) {
    const planned: PlannedFix = { ...fix, edits: fix.edits };
    const presented = present(planned, documentUri, nameFor(sources, documentUri));
    const edit = toWorkspaceEdit(planned.edits, {
      support: sources.support ?? PLAIN_EDITS,
      exists: sources.exists ?? (() => true),
    });
    if (!edit) continue;
    actions.push({
      title: presented.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      ...(fix.applicability === "safe" ? { isPreferred: true } : {}),
      edit,
      ...(presented.reveal
        ? { command: { title: "Show the change", command: REVEAL_COMMAND, arguments: [presented.reveal] } }
        : {}),
    });
  }
  return actions;
}

/** How files are named in titles: relative to their workspace folder. */
function nameFor(sources: Pick<CodeActionSources, "folders">, documentUri: string): (uri: string) => string {
  return (uri) => {
    const path = uriToPath(uri) ?? uriToPath(documentUri);
    if (path === undefined) return uri;
    const folder = sources.folders?.folderOf(path);
    return folder ? relative(folder.path, path) || basename(path) : basename(path);
  };
}

/**
 * A fix's title as the menu shows it, and what to reveal once it is applied: the other files it
 * edits ("… in shop/settings/production.py"), the line where it adds a statement ("… at line 12"),
 * and for a fix that is not safe what else it changes ("⚠ manage.py fails until … is set").
 */
export function present(
  fix: PlannedFix,
  documentUri: string,
  name: (uri: string) => string,
): { title: string; reveal?: RevealArguments } {
  let title = fix.title;
  const elsewhere = [...new Set(fix.edits.map((edit) => edit.uri).filter((uri) => uri !== documentUri))];
  const named = elsewhere.map(name).filter((file) => !title.includes(basename(file)));
  const target =
    fix.edits.find((edit) => edit.placeholder !== undefined && edit.newText.includes(edit.placeholder)) ??
    fix.edits.find((edit) => edit.uri !== documentUri && edit.uri.endsWith(".py")) ??
    fix.edits.find((edit) => edit.uri !== documentUri) ??
    fix.edits.find((edit) => isInsertion(edit));
  let reveal: RevealArguments | undefined;
  if (target) {
    const at = target.placeholder === undefined ? -1 : target.newText.indexOf(target.placeholder);
    const span = at >= 0 ? { from: at, to: at + target.placeholder!.length } : meaningfulSpan(target.newText);
    reveal = { uri: target.uri, range: rangeAfterEdits(fix.edits, target, span.from, span.to) };
  }
  const modules = named.filter((file) => file.endsWith(".py"));
  const others = named.filter((file) => !file.endsWith(".py"));
  if (modules.length > 0) {
    // A check may say "in the production settings"; the file's name says it better.
    title = `${title.replace(/ in the production settings$/, "")} in ${modules.join(", ")}`;
  }
  if (others.length > 0) title = `${title} (also edits ${others.join(", ")})`;
  if (target && reveal && isInsertion(target) && target.uri.endsWith(".py"))
    title = `${title} at line ${reveal.range.start.line + 1}`;
  if (fix.applicability !== "safe")
    title = fix.consequence ? `${title} ⚠ ${fix.consequence}` : `${title} (unsafe)`;
  return reveal ? { title, reveal } : { title };
}

/** An edit that adds a statement rather than changing a value in place. */
function isInsertion(edit: PlannedEdit): boolean {
  return comparePositions(edit.range.start, edit.range.end) === 0 && edit.newText.includes("\n");
}
