// `--format json`: the array of findings that version 0.1 printed, each with the same fields (`file`,
// `range`, `code`, `severity`, `message`, `profile`, `profiles`) and, added since, `explanation`,
// `related`, `fixes`, `docs`, `project` and `base` (the folder `file` is relative to).
import type { CheckReport } from "./report";

export function renderJson(report: CheckReport): string {
  return JSON.stringify(
    report.findings.map((finding) => ({ ...finding, base: report.base })),
    null,
    2,
  );
}
