// The text of a hover on a setting name: its effective value in each production profile, where
// each comes from, Django's default for the project's version, and the setting's docs.
import type { SettingReport } from "../engine/project";
import { describe, type Value } from "../evaluate/values";

/** Django's documentation of a setting for a version (section anchors are stable across versions). */
export function settingDocsUrl(name: string, version: string): string {
  return `https://docs.djangoproject.com/en/${version}/ref/settings/#${name.toLowerCase().replace(/_/g, "-")}`;
}

function code(text: string): string {
  const clipped = text.length > 120 ? `${text.slice(0, 117)}…` : text;
  return `\`${clipped.replace(/`/g, "'")}\``;
}

function valueText(value: Value): string {
  if (value.kind === "env") {
    const where = value.setBy
      ? `set to ${code(value.setBy.text)} in ${value.setBy.file}`
      : value.default
        ? `unset in production: default ${code(describe(value.default))}`
        : "must be set in production";
    return `environment variable ${code(value.variable)} (${where})`;
  }
  return code(describe(value));
}

export function settingHoverMarkdown(
  name: string,
  reports: SettingReport[],
  display: (file: string) => string,
): string | undefined {
  if (reports.length === 0) return undefined;
  const lines = [`**${name}** in production`, ""];
  for (const { profile, setting, chain } of reports) {
    const origin = setting.binding?.origin.statement;
    const where = origin
      ? `${display(origin.file)}:${origin.range.start.line + 1}`
      : "not set: Django's default";
    lines.push(`- \`${profile.module}\`: ${valueText(setting.value)} — ${where}`);
    if (chain.length > 1) lines.push(`  - modules: ${chain.map(display).join(" → ")}`);
  }
  const first = reports[0]!;
  const defaultValue = first.setting.defaultValue;
  lines.push("");
  if (defaultValue) lines.push(`Django ${first.djangoVersion} default: ${code(describe(defaultValue))}`, "");
  lines.push(`[Django documentation](${settingDocsUrl(name, first.djangoVersion)})`);
  return lines.join("\n");
}
