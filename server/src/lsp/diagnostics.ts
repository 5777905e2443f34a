// Findings → LSP diagnostics, one per finding of the engine's result (which already merged the
// findings several profiles share). Each diagnostic carries, in `data`, everything its code actions
// need (the fixes with their edits, the check ID, the profiles), so code actions are rebuilt from the
// diagnostic the client hands back and the server keeps no table of them (as vscode-eslint does).
// zod/mini: the classic API would add 460 KB to the server's bundle (see common/src/settings.ts).
import * as z from "zod/mini";
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
} from "vscode-languageserver/node";
import { docsUrl } from "../checks/index";
import type { Finding, Severity } from "../checks/types";
import type { AnalysisResult } from "../engine/analysis";
import { DIAGNOSTIC_SOURCE } from "../../../common/src/protocol";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const position = z.object({ line: z.int().check(z.gte(0)), character: z.int().check(z.gte(0)) });
const range = z.object({ start: position, end: position });

const serializedFix = z.object({
  title: z.string(),
  applicability: z.enum(["safe", "unsafe", "displayOnly"]),
  /** What else applying it changes, for the title of an unsafe fix. */
  consequence: z.optional(z.string()),
  edits: z.array(
    z.object({ uri: z.string(), range, newText: z.string(), placeholder: z.optional(z.string()) }),
  ),
});

const diagnosticData = z.object({
  /** Bumped when the shape changes, so data from an older server is ignored rather than misread. */
  version: z.literal(3),
  code: z.string(),
  /** Dotted name and file of each production settings module the finding holds for. */
  profiles: z.array(z.object({ module: z.string(), file: z.string() })),
  /** Version of the diagnostic's document when the analysis ran, when it was open. */
  documentVersion: z.optional(z.int()),
  fixes: z.array(serializedFix),
});

export type SerializedFix = z.infer<typeof serializedFix>;
export type DiagnosticData = z.infer<typeof diagnosticData>;

/** The data of one of our diagnostics, or undefined for anything else (another source, an old shape). */
export function readDiagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const parsed = diagnosticData.safeParse(diagnostic.data);
  return parsed.success ? parsed.data : undefined;
}

export interface DiagnosticContext {
  /** The URI to publish a file's diagnostics under (the client's own spelling when it is open). */
  uriOf(file: string): string;
  /** The version of an open document, undefined when the file is not open. */
  versionOf(file: string): number | undefined;
  /** The workspace folder's path: texts shown to the user name files relative to it. */
  folder?: string;
  /**
   * The diagnostics made by earlier calls, reused for a finding the engine answered again (a
   * profile whose findings still hold) when what else goes into its diagnostic is the same; with
   * `uriGeneration`, which must change whenever uriOf may answer differently for some file.
   */
  cache?: DiagnosticCache;
  uriGeneration?: number;
}

/**
 * Each finding's diagnostic, by the finding object and what else its diagnostic is made from: a
 * keystroke in one project of a workspace of hundreds converts only that project's findings.
 */
export class DiagnosticCache {
  private readonly byFinding = new WeakMap<Finding, { inputs: DiagnosticInputs; diagnostic: Diagnostic }>();

  get(finding: Finding, inputs: DiagnosticInputs): Diagnostic | undefined {
    const known = this.byFinding.get(finding);
    return known && sameInputs(known.inputs, inputs) ? known.diagnostic : undefined;
  }

  set(finding: Finding, inputs: DiagnosticInputs, diagnostic: Diagnostic): void {
    this.byFinding.set(finding, { inputs, diagnostic });
  }
}

/** What a finding's diagnostic is made from besides the finding. */
interface DiagnosticInputs {
  showProfile: boolean;
  folder: string | undefined;
  documentVersion: number | undefined;
  uriGeneration: number | undefined;
  profiles: { module: string; file: string }[];
}

function sameInputs(a: DiagnosticInputs, b: DiagnosticInputs): boolean {
  return (
    a.showProfile === b.showProfile &&
    a.folder === b.folder &&
    a.documentVersion === b.documentVersion &&
    a.uriGeneration === b.uriGeneration &&
    a.profiles.length === b.profiles.length &&
    a.profiles.every(
      (profile, index) =>
        profile.module === b.profiles[index]!.module && profile.file === b.profiles[index]!.file,
    )
  );
}

/**
 * `text` with every absolute path inside `folder` made relative to it: messages, explanations and
 * related information never show where the project lies on the user's machine.
 */
export function relativeText(text: string, folder: string | undefined): string {
  if (!folder) return text;
  const prefix = folder.endsWith("/") ? folder : `${folder}/`;
  return text.split(prefix).join("").split(folder).join(".");
}

/** The diagnostics of one analysis, grouped by the URI of the file each finding points into. */
export function diagnosticsByUri(
  result: AnalysisResult,
  context: DiagnosticContext,
): Map<string, Diagnostic[]> {
  const productionProfiles = result.profiles.filter((profile) => profile.kind === "production");
  const profileFiles = new Map(result.profiles.map((profile) => [profile.module, profile.file]));
  const showProfile = productionProfiles.length > 1;
  const byUri = new Map<string, Diagnostic[]>();
  for (const finding of result.findings) {
    const uri = context.uriOf(finding.location.file);
    const profiles = finding.profiles.map((module) => ({
      module,
      file: profileFiles.get(module) ?? finding.location.file,
    }));
    const documentVersion = context.versionOf(finding.location.file);
    // Everything else its diagnostic is made from (no closure per finding: a bundle built with
    // keepNames names each one it creates).
    const inputs = {
      showProfile,
      folder: context.folder,
      documentVersion,
      uriGeneration: context.uriGeneration,
      profiles,
    };
    let diagnostic = context.cache?.get(finding, inputs);
    if (!diagnostic) {
      diagnostic = toDiagnostic(finding, { ...inputs, uriOf: context.uriOf });
      context.cache?.set(finding, inputs, diagnostic);
    }
    const list = byUri.get(uri);
    if (list) list.push(diagnostic);
    else byUri.set(uri, [diagnostic]);
  }
  return byUri;
}

interface RenderOptions {
  /** Whether to name the profiles the finding holds for (when there are several production profiles). */
  showProfile: boolean;
  folder?: string;
  /** The profiles the finding holds for, with their modules' files. */
  profiles: { module: string; file: string }[];
  documentVersion: number | undefined;
  uriOf(file: string): string;
}

/**
 * One finding as a diagnostic: the short message alone (the Problems view shows it whole); the
 * explanation as the first related information, at the diagnostic's own place, then what the check
 * relates, then the production profiles the finding holds for (when there are several), each
 * leading to its module. The check ID links to its page (codeDescription).
 */
export function toDiagnostic(finding: Finding, options: RenderOptions): Diagnostic {
  const display = (text: string) => relativeText(text, options.folder);
  const relatedInformation: DiagnosticRelatedInformation[] = [];
  if (finding.explanation)
    relatedInformation.push({
      location: { uri: options.uriOf(finding.location.file), range: finding.location.range },
      message: display(finding.explanation),
    });
  for (const related of finding.related)
    relatedInformation.push({
      location: { uri: options.uriOf(related.file), range: related.range },
      message: display(related.message),
    });
  if (options.showProfile)
    for (const profile of options.profiles)
      relatedInformation.push({
        location: { uri: options.uriOf(profile.file), range: START_OF_FILE },
        message: `Holds for the production profile ${profile.module}.`,
      });
  const data: DiagnosticData = {
    version: 3,
    code: finding.code,
    profiles: options.profiles,
    ...(options.documentVersion === undefined ? {} : { documentVersion: options.documentVersion }),
    fixes: finding.fixes.map((fix) => ({
      title: fix.title,
      applicability: fix.applicability,
      ...(fix.consequence === undefined ? {} : { consequence: fix.consequence }),
      edits: fix.edits.map((edit) => ({
        uri: options.uriOf(edit.file),
        range: edit.range,
        newText: edit.newText,
        ...(edit.placeholder === undefined ? {} : { placeholder: edit.placeholder }),
      })),
    })),
  };
  return {
    range: finding.location.range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: docsUrl(finding.code) },
    source: DIAGNOSTIC_SOURCE,
    message: display(finding.message),
    ...(relatedInformation.length > 0 ? { relatedInformation } : {}),
    data,
  };
}

const START_OF_FILE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
