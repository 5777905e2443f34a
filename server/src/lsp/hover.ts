// Hover: on a finding's range, its explanation, the profiles it holds for and its docs; on a setting
// name, its effective value in each production profile whose modules include this file, where it
// comes from, Django's default and the docs (text from settingHover.ts); on a check ID written in a
// string (SILENCED_SYSTEM_CHECKS), what the check finds and its docs.
import { relative } from "node:path";
import type { Hover, Position } from "vscode-languageserver/node";
import { ALL_CHECKS, docsUrl } from "../checks/index";
import type { Finding } from "../checks/types";
import { ENGINE_FINDINGS } from "../engine/analysis";
import { isSettingName } from "../evaluate/moduleState";
import type { DjangoProject } from "../engine/project";
import { comparePositions } from "../python/location";
import { LineIndex } from "../python/lineIndex";
import { relativeText } from "./diagnostics";
import { settingHoverMarkdown } from "./settingHover";

/** A check ID as Django spells them: `security.W018`, `4_0.E001`, `deploy.I030`. */
const CHECK_ID = /^[A-Za-z0-9_]+\.[CEWID]\d{3}$/;

/** Django's reference of its system checks, for IDs Django Deploy does not implement. */
const DJANGO_CHECKS_URL = "https://docs.djangoproject.com/en/stable/ref/checks/";

export function settingHover(
  project: DjangoProject,
  path: string,
  text: string,
  position: Position,
  folder: string,
  findings: readonly Finding[] = [],
): Hover | null {
  const lines = new LineIndex(text);
  const offset = lines.offsetAt(position);
  const sections: string[] = [];
  const findingText = findingsMarkdown(findings, path, position, folder);
  if (findingText) sections.push(findingText);

  let start = offset;
  let end = offset;
  while (start > 0 && /[\w.]/.test(text[start - 1]!)) start--;
  while (end < text.length && /[\w.]/.test(text[end]!)) end++;
  const dotted = text.slice(start, end);
  if (CHECK_ID.test(dotted) && /["']/.test(text[start - 1] ?? "") && /["']/.test(text[end] ?? "")) {
    sections.push(checkIdMarkdown(dotted));
    return {
      contents: { kind: "markdown", value: sections.join("\n\n---\n\n") },
      range: lines.rangeOf(start, end),
    };
  }

  start = offset;
  end = offset;
  while (start > 0 && /\w/.test(text[start - 1]!)) start--;
  while (end < text.length && /\w/.test(text[end]!)) end++;
  const name = text.slice(start, end);
  const markdown = isSettingName(name)
    ? settingHoverMarkdown(name, project.settingReport(path, name), (file) => relative(folder, file) || file)
    : undefined;
  if (markdown) sections.push(markdown);
  if (sections.length === 0) return null;
  return {
    contents: { kind: "markdown", value: sections.join("\n\n---\n\n") },
    ...(markdown ? { range: lines.rangeOf(start, end) } : {}),
  };
}

/** What a check finds and where its documentation is, for an ID written in the settings. */
export function checkIdMarkdown(id: string): string {
  const check = ALL_CHECKS.find((candidate) => candidate.id === id);
  const engine = ENGINE_FINDINGS.find((candidate) => candidate.id === id);
  const title = check?.title ?? engine?.title;
  if (title) return `**${id}**: ${title}.\n\n[Documentation for ${id}](${docsUrl(id)})`;
  return `**${id}**: a Django system check that Django Deploy does not run.\n\n[Django's system checks](${DJANGO_CHECKS_URL})`;
}

/** The findings whose range holds `position` in `file`: ID, message, explanation, profiles, docs. */
function findingsMarkdown(
  findings: readonly Finding[],
  file: string,
  position: Position,
  folder: string,
): string | undefined {
  const here = findings.filter(
    (finding) =>
      finding.location.file === file &&
      comparePositions(finding.location.range.start, position) <= 0 &&
      comparePositions(position, finding.location.range.end) <= 0 &&
      finding.explanation !== undefined,
  );
  if (here.length === 0) return undefined;
  return here
    .map((finding) =>
      [
        `**${finding.code}**: ${relativeText(finding.message, folder)}`,
        "",
        relativeText(finding.explanation!, folder),
        "",
        `Production profile${finding.profiles.length === 1 ? "" : "s"}: ${finding.profiles.map((module) => `\`${module}\``).join(", ")}. [Documentation for ${finding.code}](${docsUrl(finding.code)})`,
      ].join("\n"),
    )
    .join("\n\n");
}
