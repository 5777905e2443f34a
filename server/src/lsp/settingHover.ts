// The text of a hover on a setting name: its effective value in each production profile, where
// each comes from, Django's default for the project's version, and the setting's docs.
import type { SettingReport } from "../engine/project";
import type { Value } from "../evaluate/values";
import { describeValue, shownEnvironmentText } from "../checks/secrets";

/** Django's documentation of a setting for a version (section anchors are stable across versions). */
export function settingDocsUrl(name: string, version: string): string {
  return `https://docs.djangoproject.com/en/${version}/ref/settings/#${name.toLowerCase().replace(/_/g, "-")}`;
}

function code(text: string): string {
  const clipped = text.length > 120 ? `${text.slice(0, 117)}…` : text;
  return `\`${clipped.replace(/`/g, "'")}\``;
}

/** A value as hover shows it: secrets hidden (checks/secrets.ts), `name` being the setting's. */
function valueText(value: Value, name: string): string {
  if (value.kind === "env") {
    const shown = value.setBy ? shownEnvironmentText(value.variable, value.setBy.text, name) : undefined;
    const where = value.setBy
      ? shown === undefined
        ? `set in ${value.setBy.file}, value hidden`
        : `set to ${code(shown)} in ${value.setBy.file}`
      : value.default
        ? `unset in production: default ${code(describeValue(value.default, name, value.variable))}`
        : "must be set in production";
    return `environment variable ${code(value.variable)} (${where})`;
  }
  return code(describeValue(value, name));
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
    lines.push(`- \`${profile.module}\`: ${valueText(setting.value, name)} — ${where}`);
    if (chain.length > 1) lines.push(`  - modules: ${chain.map(display).join(" → ")}`);
  }
  const first = reports[0]!;
  const defaultValue = first.setting.defaultValue;
  lines.push("");
  if (defaultValue)
    lines.push(`Django ${first.djangoVersion} default: ${code(describeValue(defaultValue, name))}`, "");
  lines.push(`[Django documentation](${settingDocsUrl(name, first.djangoVersion)})`);
  return lines.join("\n");
}
