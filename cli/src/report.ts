// The structured report of one `django-deploy check` run: every PATH's analysis, with each path made
// relative to the folder the command runs in. The text, JSON and SARIF renderers all read it, and
// `--format json-report` prints it as it is (its shape is documented in the README).
import { relative, sep } from "node:path";
import type { Applicability, Finding, Severity } from "../../server/src/checks/types";
import { docsUrl } from "../../server/src/checks/index";
import { maskFreeText } from "../../server/src/checks/secrets";
import type { DjangoVersion } from "../../server/src/django/versions";
import type { AnalysisResult } from "../../server/src/engine/analysis";
import type { Range } from "../../server/src/python/location";
import type { EvidenceKind, RejectionReason } from "../../server/src/project/workspace";
import type { DotenvLoad } from "../../server/src/compare/dotenvLoads";
import { forTerminal } from "./vocabulary";
import { compareText } from "../../common/src/compareText";

/** Bumped when a field changes meaning or goes away; new fields do not bump it. */
export const REPORT_VERSION = 1;

export interface ReportLocation {
  /** Relative to the report's `base` (with `/`), or absolute when the file lies outside it. */
  file: string;
  /** 0-based lines and UTF-16 columns, as in the LSP. */
  range: Range;
}

export interface ReportFinding extends ReportLocation {
  code: string;
  severity: Severity;
  message: string;
  explanation?: string;
  /** The first of `profiles`, kept for readers of version 0.1's JSON. */
  profile: string;
  profiles: string[];
  /** The PATH (as given) whose analysis made the finding. */
  project: string;
  related: (ReportLocation & { message: string })[];
  fixes: { title: string; applicability: Applicability; edits: (ReportLocation & { newText: string })[] }[];
  /** The check's page. */
  docs: string;
}

export interface ReportEvidence {
  kind: EvidenceKind;
  /** Empty for the user's choice (--settings, DJANGO_SETTINGS_MODULE). */
  file: string;
  /** 0-based. */
  line: number;
  says: string;
}

export interface ReportProfile {
  module: string;
  file: string;
  kind: "production" | "development" | "test";
  reason: string;
  evidence: ReportEvidence[];
  envFile?: string;
}

export interface ReportRejected {
  module: string;
  file?: string;
  reason: RejectionReason;
  summary: string;
  evidence: ReportEvidence[];
  by?: string[];
}

export interface ReportUnknownSetting {
  name: string;
  reason: string;
  location?: ReportLocation;
  checks: string[];
}

export interface ReportProject {
  /** The PATH as given on the command line. */
  path: string;
  djangoVersion: DjangoVersion;
  djangoVersionSource?: string;
  djangoVersionAssumed: boolean;
  /** Where the production profiles came from when not discovered: `--settings` or `DJANGO_SETTINGS_MODULE`. */
  profilesChosenBy?: string;
  /** False when no production profile was found: nothing was checked. */
  checked: boolean;
  profiles: ReportProfile[];
  rejected: ReportRejected[];
  /** Per production profile: the settings the checks read whose value is Unknown. */
  coverage: {
    profile: string;
    unknownSettings: ReportUnknownSetting[];
    /** Star imports of libraries that could not be read: taken to set none of Django's settings. */
    unreadImports: (ReportLocation & { module: string })[];
  }[];
  /** Calls in the settings code that load a `.env` file when Django starts (read_env(), load_dotenv()). */
  dotenvLoads: (ReportLocation & { call: string; profile: string })[];
  messages: string[];
  internalErrors: { check: string; profile?: string; message: string }[];
}

export interface CheckReport {
  version: typeof REPORT_VERSION;
  tool: { name: "django-deploy"; version: string };
  /** The folder the command ran in (absolute); every relative path of the report is relative to it. */
  base: string;
  projects: ReportProject[];
  /** After --select and --ignore, sorted by file, position and code. */
  findings: ReportFinding[];
  summary: {
    /** Findings by severity, after --select and --ignore. */
    counts: Record<Severity, number>;
    total: number;
    /** Findings left out by --select and --ignore. */
    filtered: number;
    profilesChecked: number;
  };
}

/** One PATH's analysis and what the CLI learnt around it. */
export interface ProjectAnalysis {
  path: string;
  result: AnalysisResult;
  profilesChosenBy?: string;
  dotenvLoads: DotenvLoad[];
}

/** Paths as the report shows them: relative to `base` when inside it, else absolute; always with `/`. */
export function pathDisplay(base: string): (file: string) => string {
  return (file) => {
    if (file === "") return "";
    const relativePath = relative(base, file);
    if (relativePath === "") return ".";
    if (relativePath.startsWith("..") || relativePath.startsWith(sep) || /^[A-Za-z]:/.test(relativePath))
      return file.split(sep).join("/");
    return relativePath.split(sep).join("/");
  };
}

const SEVERITIES: readonly Severity[] = ["error", "warning", "information", "hint"];

export function buildReport(options: {
  base: string;
  version: string;
  projects: ProjectAnalysis[];
  keep: (code: string) => boolean;
}): CheckReport {
  const display = pathDisplay(options.base);
  const location = (file: string, range: Range): ReportLocation => ({ file: display(file), range });
  const evidence = (items: { kind: EvidenceKind; file: string; line: number; says: string }[] = []) =>
    items.map((item) => ({
      kind: item.kind,
      file: display(item.file),
      line: item.line,
      says: forTerminal(item.says),
    }));

  const findings: ReportFinding[] = [];
  let filtered = 0;
  const projects: ReportProject[] = options.projects.map(
    ({ path, result, profilesChosenBy, dotenvLoads }) => {
      for (const finding of result.findings) {
        if (!options.keep(finding.code)) {
          filtered++;
          continue;
        }
        findings.push(reportFinding(finding, path, location));
      }
      const production = result.profiles.filter((profile) => profile.kind === "production");
      return {
        path,
        djangoVersion: result.djangoVersion,
        ...(result.djangoVersionSource ? { djangoVersionSource: result.djangoVersionSource } : {}),
        djangoVersionAssumed: result.djangoVersionAssumed,
        ...(profilesChosenBy ? { profilesChosenBy } : {}),
        checked: production.length > 0,
        profiles: result.profiles.map((profile) => ({
          module: profile.module,
          file: display(profile.file),
          kind: profile.kind,
          reason: forTerminal(profile.reason),
          evidence: evidence(profile.evidence),
          ...(profile.envFile ? { envFile: display(profile.envFile) } : {}),
        })),
        rejected: result.rejected.map((candidate) => ({
          module: candidate.module,
          ...(candidate.file ? { file: display(candidate.file) } : {}),
          reason: candidate.reason,
          summary: forTerminal(candidate.summary),
          evidence: evidence(candidate.evidence),
          ...(candidate.by ? { by: candidate.by } : {}),
        })),
        // Only the checks --select and --ignore keep: a setting no kept check reads is left out.
        coverage: result.coverage.map((entry) => ({
          profile: entry.profile,
          unknownSettings: entry.unknownSettings
            .map((setting) => ({
              name: setting.name,
              reason: forTerminal(setting.reason),
              ...(setting.location
                ? { location: location(setting.location.file, setting.location.range) }
                : {}),
              checks: setting.checks.filter(options.keep),
            }))
            .filter((setting) => setting.checks.length > 0),
          unreadImports: entry.unreadImports.map((entry) => ({
            module: entry.module,
            ...location(entry.location.file, entry.location.range),
          })),
        })),
        dotenvLoads: dotenvLoads.map((load) => ({
          ...location(load.file, load.range),
          call: load.call,
          profile: load.profile,
        })),
        messages: result.messages.map(forTerminal),
        // An exception's message is not the tool's own text: it loses the passwords of URLs it holds.
        internalErrors: result.internalErrors.map((error) => ({
          check: error.check,
          ...(error.profile ? { profile: error.profile } : {}),
          message: maskFreeText(error.message),
        })),
      };
    },
  );
  findings.sort(compareFindings);
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity]++;
  return {
    version: REPORT_VERSION,
    tool: { name: "django-deploy", version: options.version },
    base: options.base,
    projects,
    findings,
    summary: {
      counts,
      total: findings.length,
      filtered,
      profilesChecked: projects.reduce(
        (sum, project) => sum + project.profiles.filter((profile) => profile.kind === "production").length,
        0,
      ),
    },
  };
}

function reportFinding(
  finding: Finding,
  project: string,
  location: (file: string, range: Range) => ReportLocation,
): ReportFinding {
  return {
    ...location(finding.location.file, finding.location.range),
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    ...(finding.explanation ? { explanation: forTerminal(finding.explanation) } : {}),
    profile: finding.profiles[0] ?? "",
    profiles: finding.profiles,
    project,
    related: finding.related.map((related) => ({
      ...location(related.file, related.range),
      message: forTerminal(related.message),
    })),
    fixes: finding.fixes.map((fix) => ({
      title: fix.title,
      applicability: fix.applicability,
      edits: fix.edits.map((edit) => ({ ...location(edit.file, edit.range), newText: edit.newText })),
    })),
    docs: docsUrl(finding.code),
  };
}

function compareFindings(a: ReportFinding, b: ReportFinding): number {
  return (
    compareText(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    compareText(a.code, b.code) ||
    compareText(a.profiles.join(","), b.profiles.join(","))
  );
}
