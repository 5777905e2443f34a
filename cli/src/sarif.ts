// The report as SARIF 2.1.0 (OASIS), for GitHub code scanning and other SARIF viewers:
// - a rule per check, with its page (`helpUri`), its level and how far a fix can go (`fixability`);
// - a result per finding, at the place the value is decided, with the related places and the safe
//   and unsafe fixes (display-only ones are not edits anyone may apply);
// - paths relative to `%SRCROOT%`, the folder the command runs in, as GitHub's upload requires
//   (run it from the repository's root), and a `partialFingerprints` entry per result that does not
//   depend on the line number, so an alert survives edits above it;
// - the run's notifications say which profiles were checked and why, which candidates were not and
//   why, which settings could not be evaluated, and what failed; `run.properties` holds the same as
//   structured data (the json-report's `projects`).
import { createHash } from "node:crypto";
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import { ALL_CHECKS, docsUrl } from "../../server/src/checks/index";
import { isSecretName, maskUrlCredentials } from "../../server/src/checks/secrets";
import type { Applicability, Severity } from "../../server/src/checks/types";
import { ENGINE_FINDINGS } from "../../server/src/engine/analysis";
import type { Range } from "../../server/src/python/location";
import type { ComparisonReport } from "./compare";
import type { CheckReport, ReportEvidence, ReportFinding, ReportLocation } from "./report";
import { compareText } from "../../common/src/compareText";

export const SARIF_SCHEMA =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const SOURCE_ROOT = "%SRCROOT%";
const INFORMATION_URI = "https://github.com/django-deploy/django-deploy";
/** The key of our own fingerprint; GitHub's upload adds its `primaryLocationLineHash` beside it. */
export const FINGERPRINT_KEY = "djangoDeployFinding/v1";

/** The notifications a run can carry, each a descriptor of `tool.driver.notifications`. */
const NOTIFICATIONS = [
  ["profile-checked", "A production settings module was checked, and this is why it is production."],
  ["profile-not-checked", "A settings module was found but not checked as production, and why."],
  ["nothing-checked", "No production settings module was found, so nothing was checked."],
  ["setting-not-evaluated", "A setting the checks read could not be evaluated, so they could not decide."],
  ["dotenv-loaded-at-run-time", "The settings code loads a .env file when Django starts."],
  ["analysis-message", "A remark of the analysis (a module that cannot be read, an assumed version)."],
  ["internal-error", "A check failed with an exception; the other checks still reported."],
] as const;
type NotificationId = (typeof NOTIFICATIONS)[number][0];

export interface SarifOptions {
  /** The text of a line of a file (0-based), for the fingerprints; undefined when it cannot be read. */
  lineText(file: string, line: number): string | undefined;
  exitCode: number;
  /** With --compare-with-django: Django's own findings, as a second run of the log. */
  comparison?: ComparisonReport;
}

export function renderSarif(report: CheckReport, options: SarifOptions): Sarif.Log {
  const rules = sarifRules();
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const artifact = artifactLocation;
  const fingerprints = new Map<string, number>();
  const results = report.findings.map((finding) =>
    sarifResult(finding, ruleIndex, artifact, fingerprint(finding, options, fingerprints)),
  );
  const notifications = runNotifications(report, artifact);
  const notificationDescriptors: Sarif.ReportingDescriptor[] = NOTIFICATIONS.map(([id, text]) => ({
    id,
    shortDescription: { text },
    fullDescription: { text },
    helpUri: `${INFORMATION_URI}#in-ci`,
    help: { text: `${text} See ${INFORMATION_URI}#in-ci` },
  }));
  const indexOf = new Map<string, number>(NOTIFICATIONS.map(([id], index) => [id, index]));
  for (const notification of notifications) {
    if (notification.descriptor?.id) notification.descriptor.index = indexOf.get(notification.descriptor.id);
  }
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "django-deploy",
            semanticVersion: report.tool.version,
            version: report.tool.version,
            informationUri: INFORMATION_URI,
            rules,
            notifications: notificationDescriptors,
          },
        },
        invocations: [
          {
            executionSuccessful: report.projects.every((project) => project.internalErrors.length === 0),
            exitCode: options.exitCode,
            toolExecutionNotifications: notifications,
          },
        ],
        originalUriBaseIds: {
          [SOURCE_ROOT]: { uri: pathToFileURL(`${report.base.replace(/[\\/]$/, "")}/`).href },
        },
        columnKind: "utf16CodeUnits",
        results,
        properties: {
          projects: report.projects,
          ...(options.comparison ? { comparisonWithDjango: options.comparison } : {}),
        },
      },
    ],
  };
}

/** Every check the engine knows, sorted by ID, so rule indices are stable between runs. */
export function sarifRules(): Sarif.ReportingDescriptor[] {
  const records = [
    ...ALL_CHECKS.map((check) => ({
      id: check.id,
      severity: check.severity,
      title: check.title,
      fixability: check.fixability,
      versions: check.djangoVersions,
    })),
    ...ENGINE_FINDINGS.map((finding) => ({ ...finding, versions: undefined })),
  ].sort((a, b) => compareText(a.id, b.id));
  return records.map((record) => {
    const versions = record.versions
      ? `${record.versions.from ?? "3.2"}–${record.versions.to ?? "the newest"}`
      : "every version";
    const url = docsUrl(record.id);
    return {
      id: record.id,
      name: ruleName(record.title),
      shortDescription: { text: sentence(record.title) },
      fullDescription: {
        text: `${sentence(record.title)} Django versions: ${versions}. Fix: ${FIXABILITY_TEXT[record.fixability]}.`,
      },
      helpUri: url,
      help: {
        text: `${sentence(record.title)} See ${url}`,
        markdown: `${sentence(record.title)} See [${record.id}](${url}).`,
      },
      defaultConfiguration: { level: sarifLevel(record.severity) },
      properties: {
        fixability: record.fixability,
        tags: record.id.startsWith("security.") ? ["security", "django"] : ["django", "deployment"],
      },
    };
  });
}

const FIXABILITY_TEXT: Record<Applicability | "none", string> = {
  safe: "safe (applied in bulk)",
  unsafe: "unsafe (offered, to review)",
  displayOnly: "shown only",
  none: "none offered",
};

function sarifResult(
  finding: ReportFinding,
  ruleIndex: Map<string, number>,
  artifact: (file: string) => Sarif.ArtifactLocation,
  fingerprintValue: string,
): Sarif.Result {
  const fixes = finding.fixes
    .filter((fix) => fix.applicability !== "displayOnly")
    .map((fix): Sarif.Fix => {
      const byFile = new Map<string, Sarif.Replacement[]>();
      for (const edit of fix.edits) {
        const replacement: Sarif.Replacement = { deletedRegion: exactRegion(edit.range) };
        if (edit.newText !== "") replacement.insertedContent = { text: edit.newText };
        byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), replacement]);
      }
      return {
        description: { text: `${fix.title} (${fix.applicability} fix)` },
        artifactChanges: [...byFile].map(([file, replacements]) => ({
          artifactLocation: artifact(file),
          replacements,
        })),
        properties: { applicability: fix.applicability },
      };
    });
  return {
    ruleId: finding.code,
    ...(ruleIndex.has(finding.code) ? { ruleIndex: ruleIndex.get(finding.code) } : {}),
    level: sarifLevel(finding.severity),
    message: { text: finding.message },
    locations: [physical(finding, artifact)],
    ...(finding.related.length > 0
      ? {
          relatedLocations: finding.related.map((related, index) => ({
            id: index + 1,
            ...physical(related, artifact),
            message: { text: related.message },
          })),
        }
      : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprintValue },
    ...(fixes.length > 0 ? { fixes } : {}),
    properties: {
      profiles: finding.profiles,
      ...(finding.explanation ? { explanation: finding.explanation } : {}),
    },
  };
}

function physical(
  location: ReportLocation,
  artifact: (file: string) => Sarif.ArtifactLocation,
): Sarif.Location {
  return {
    physicalLocation: { artifactLocation: artifact(location.file), region: resultRegion(location.range) },
  };
}

/** A result's region: its range, or the whole line for an empty range (a setting that is missing). */
function resultRegion(range: Range): Sarif.Region {
  const { start, end } = range;
  if (start.line === end.line && start.character === end.character) return { startLine: start.line + 1 };
  return exactRegion(range);
}

/** Exactly the range (an empty one is an insertion point), in 1-based lines and columns. */
function exactRegion(range: Range): Sarif.Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/**
 * A report path as an artifact location: relative to `%SRCROOT%` when it is (the report's paths are
 * relative to the base when they lie inside it), an absolute file URI otherwise.
 */
function artifactLocation(file: string): Sarif.ArtifactLocation {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split("/").map(encodeURIComponent).join("/"), uriBaseId: SOURCE_ROOT };
}

function sarifLevel(severity: Severity): Sarif.Result.level {
  switch (severity) {
    case "error":
      return "error";
    case "warning":
      return "warning";
    default:
      return "note";
  }
}

/**
 * What identifies a finding across runs: the check, its message, the file, the text of the line (not
 * its number, which any edit above changes; none for an empty range, which marks a setting that is
 * missing and sits at the module's first line) and the profiles; the n-th identical one gets n.
 */
function fingerprint(finding: ReportFinding, options: SarifOptions, seen: Map<string, number>): string {
  const { start, end } = finding.range;
  const empty = start.line === end.line && start.character === end.character;
  const text = empty
    ? ""
    : fingerprintText(finding.file, options.lineText(finding.file, start.line)?.trim() ?? "");
  const key = [finding.code, finding.message, finding.file, text, finding.profiles.join(",")].join("\u0000");
  const occurrence = (seen.get(key) ?? 0) + 1;
  seen.set(key, occurrence);
  return `${createHash("sha256").update(`${key}\u0000${occurrence}`).digest("hex").slice(0, 32)}:${occurrence}`;
}

/**
 * The part of a line a fingerprint hashes. A hash is not the text, but a short password can be found
 * by hashing guesses: a line that may set a secret (any line of a deployment file such as `.env`, a
 * line of Python naming a secret-like setting or key) counts only up to its first `=` or `:`, and URL
 * passwords never count (checks/secrets.ts).
 */
function fingerprintText(file: string, line: string): string {
  const names = line.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  const cut = !file.endsWith(".py") || names.some(isSecretName) ? line.search(/[=:]/) : -1;
  return maskUrlCredentials(cut >= 0 ? line.slice(0, cut).trimEnd() : line);
}

function runNotifications(
  report: CheckReport,
  artifact: (file: string) => Sarif.ArtifactLocation,
): Sarif.Notification[] {
  const notifications: Sarif.Notification[] = [];
  const add = (
    id: NotificationId,
    level: Sarif.Notification.level,
    text: string,
    locations: (ReportLocation | undefined)[] = [],
    extra: Partial<Sarif.Notification> = {},
  ) => {
    const present = locations.filter((location): location is ReportLocation => location !== undefined);
    notifications.push({
      descriptor: { id },
      level,
      message: { text },
      ...(present.length > 0 ? { locations: present.map((location) => physical(location, artifact)) } : {}),
      ...extra,
    });
  };
  const evidenceLocation = (evidence: ReportEvidence): ReportLocation | undefined =>
    evidence.file
      ? {
          file: evidence.file,
          range: { start: { line: evidence.line, character: 0 }, end: { line: evidence.line, character: 0 } },
        }
      : undefined;
  for (const project of report.projects) {
    const production = project.profiles.filter((profile) => profile.kind === "production");
    if (production.length === 0)
      add(
        "nothing-checked",
        "warning",
        `Nothing was checked in ${project.path}: no production settings module was found. Name it with --settings MODULE.`,
      );
    for (const profile of production) {
      const why = profile.evidence.map((item) => item.says).join("; ") || profile.reason;
      add(
        "profile-checked",
        "note",
        `Checked ${profile.module} as production: ${why}.`,
        profile.evidence.map(evidenceLocation),
      );
    }
    for (const candidate of project.rejected) {
      add(
        "profile-not-checked",
        "note",
        `Not checked: ${candidate.module} (${candidate.reason}). ${candidate.summary}`,
        candidate.evidence.map(evidenceLocation),
      );
    }
    for (const entry of project.coverage) {
      for (const setting of entry.unknownSettings) {
        add(
          "setting-not-evaluated",
          "note",
          `${setting.name} could not be evaluated in ${entry.profile}: ${setting.reason}. Undecided: ${setting.checks.join(", ")}.`,
          [setting.location],
        );
      }
    }
    for (const load of project.dotenvLoads) {
      add(
        "dotenv-loaded-at-run-time",
        "note",
        `${load.call}() loads a .env file when Django starts; its variables were taken as unset (apply it with --dotenv FILE).`,
        [load],
      );
    }
    for (const message of project.messages) add("analysis-message", "note", message);
    for (const error of project.internalErrors) {
      add(
        "internal-error",
        "error",
        `Internal error in ${error.check}${error.profile ? ` on ${error.profile}` : ""}: ${error.message}`,
        [],
        { exception: { message: error.message } },
      );
    }
  }
  return notifications;
}

/** `security.W018`'s title "DEBUG is True" as a rule name: `DebugIsTrue`. */
function ruleName(title: string): string {
  return title
    .replace(/'/g, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1).toLowerCase())
    .join("");
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
