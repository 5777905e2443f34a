// Findings → LSP diagnostics, one per finding of the engine's result (which already merged the
// findings several profiles share). Each diagnostic carries, in `data`, everything its code actions
// need (the fixes with their edits, the check ID, the profiles), so code actions are rebuilt from the
// diagnostic the client hands back and the server keeps no table of them (as vscode-eslint does).
import { z } from "zod";
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

const position = z.object({ line: z.number().int().min(0), character: z.number().int().min(0) });
const range = z.object({ start: position, end: position });

const serializedFix = z.object({
  title: z.string(),
  applicability: z.enum(["safe", "unsafe", "displayOnly"]),
  edits: z.array(z.object({ uri: z.string(), range, newText: z.string() })),
});

const diagnosticData = z.object({
  /** Bumped when the shape changes, so data from an older server is ignored rather than misread. */
  version: z.literal(2),
  code: z.string(),
  /** Dotted name and file of each production settings module the finding holds for. */
  profiles: z.array(z.object({ module: z.string(), file: z.string() })),
  /** Version of the diagnostic's document when the analysis ran, when it was open. */
  documentVersion: z.number().int().optional(),
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
    const diagnostic = toDiagnostic(finding, {
      showProfile,
      profiles: finding.profiles.map((module) => ({
        module,
        file: profileFiles.get(module) ?? finding.location.file,
      })),
      documentVersion: context.versionOf(finding.location.file),
      uriOf: context.uriOf,
    });
    const list = byUri.get(uri);
    if (list) list.push(diagnostic);
    else byUri.set(uri, [diagnostic]);
  }
  return byUri;
}

interface RenderOptions {
  showProfile: boolean;
  /** The profiles the finding holds for, with their modules' files. */
  profiles: { module: string; file: string }[];
  documentVersion: number | undefined;
  uriOf(file: string): string;
}

export function toDiagnostic(finding: Finding, options: RenderOptions): Diagnostic {
  const relatedInformation: DiagnosticRelatedInformation[] = finding.related.map((related) => ({
    location: { uri: options.uriOf(related.file), range: related.range },
    message: related.message,
  }));
  const data: DiagnosticData = {
    version: 2,
    code: finding.code,
    profiles: options.profiles,
    ...(options.documentVersion === undefined ? {} : { documentVersion: options.documentVersion }),
    fixes: finding.fixes.map((fix) => ({
      title: fix.title,
      applicability: fix.applicability,
      edits: fix.edits.map((edit) => ({
        uri: options.uriOf(edit.file),
        range: edit.range,
        newText: edit.newText,
      })),
    })),
  };
  return {
    range: finding.location.range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: docsUrl(finding.code) },
    source: DIAGNOSTIC_SOURCE,
    message: options.showProfile ? `${finding.message} ${profileLabel(finding.profiles)}` : finding.message,
    ...(relatedInformation.length > 0 ? { relatedInformation } : {}),
    data,
  };
}

function profileLabel(profiles: string[]): string {
  return profiles.length === 1 ? `[profile ${profiles[0]}]` : `[profiles ${profiles.join(", ")}]`;
}
