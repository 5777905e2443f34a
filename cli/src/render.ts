// Renders findings for the terminal and for machines.
import type { Finding } from "../../server/src/checks/types";
import type { AnalysisResult } from "../../server/src/engine/analysis";

export function renderJson(findings: Finding[], display: (file: string) => string): string {
  return JSON.stringify(
    findings.map((finding) => ({
      file: display(finding.location.file),
      range: finding.location.range,
      code: finding.code,
      severity: finding.severity,
      message: finding.message,
      // `profile` as before (the first); `profiles` names every profile a shared finding holds for.
      profile: finding.profiles[0],
      profiles: finding.profiles,
    })),
    null,
    2,
  );
}

export function renderText(
  findings: Finding[],
  display: (file: string) => string,
  result: AnalysisResult,
): string {
  const lines: string[] = [];
  for (const finding of findings) {
    const { line, character } = finding.location.range.start;
    lines.push(
      `${display(finding.location.file)}:${line + 1}:${character + 1}: ${finding.severity} ${finding.code} ${finding.message} [${finding.profiles.join(", ")}]`,
    );
  }
  const production = result.profiles.filter((profile) => profile.kind === "production");
  const versionText = `Django ${result.djangoVersion}${result.djangoVersionAssumed ? " (assumed: newest LTS)" : result.djangoVersionSource && result.djangoVersionSource !== "chosen by the user" ? ` (from ${result.djangoVersionSource})` : ""}`;
  if (production.length === 0) {
    lines.push(`Nothing was checked: no production settings module was found (${versionText}).`);
  } else {
    const profileText = `production settings: ${production.map((profile) => profile.module).join(", ")}`;
    lines.push(
      `${findings.length === 0 ? "No problems found" : `${findings.length} problem${findings.length === 1 ? "" : "s"} found`} (${profileText}; ${versionText}).`,
    );
  }
  return `${lines.join("\n")}\n`;
}
