// Answers for the client's language status and its settings view: a folder's production profiles and
// Django version with where it came from, and each production profile's effective settings (value,
// where it is decided, the findings about it). Paths are relative to the workspace folder.
import { relative } from "node:path";
import type { Value } from "../evaluate/values";
import { describeValue, shownEnvironmentText } from "../checks/secrets";
import { isSettingName } from "../evaluate/moduleState";
import { EffectiveSettings } from "../resolve/effectiveSettings";
import type {
  EffectiveSettingInfo,
  EffectiveSettingsResult,
  StatusResult,
} from "../../../common/src/protocol";
import type { AnalysisResult } from "../engine/analysis";
import { relativeText } from "./diagnostics";
import type { Folder } from "./folders";
import { pathToUri } from "./uri";

export function folderStatus(
  folder: Folder | undefined,
  result: AnalysisResult | undefined,
  file: string | undefined,
  uriOf: (file: string) => string,
): StatusResult {
  if (!folder || !folder.settings.enable) return { state: "off", profiles: [], inProduction: false };
  if (!result) return { state: "analysing", profiles: [], inProduction: false };
  const production = result.profiles.filter((profile) => profile.kind === "production");
  return {
    state: "ready",
    profiles: production.map((profile) => ({
      module: profile.module,
      reason: relativeText(profile.reason, folder.path),
      path: relative(folder.path, profile.file),
      uri: uriOf(profile.file),
    })),
    djangoVersion: result.djangoVersion,
    ...(result.djangoVersionSource === undefined
      ? {}
      : { djangoVersionSource: relativeText(result.djangoVersionSource, folder.path) }),
    inProduction:
      file !== undefined &&
      production.some((profile) => (result.chains[profile.module] ?? []).includes(file)),
    coverage: result.coverage.map((entry) => ({
      profile: entry.profile,
      unknownSettings: entry.unknownSettings.map((setting) => ({
        name: setting.name,
        reason: relativeText(setting.reason, folder.path),
        ...(setting.location
          ? {
              where: `${relative(folder.path, setting.location.file)}:${setting.location.range.start.line + 1}`,
              location: { uri: uriOf(setting.location.file), range: setting.location.range },
            }
          : {}),
        checks: setting.checks,
      })),
      unreadImports: entry.unreadImports.map((entry) => ({
        module: entry.module,
        where: `${relative(folder.path, entry.location.file)}:${entry.location.range.start.line + 1}`,
        location: { uri: uriOf(entry.location.file), range: entry.location.range },
      })),
    })),
  };
}

/** A setting's value in the list, secrets hidden (checks/secrets.ts). */
function valueText(value: Value, name: string): string {
  if (value.kind === "env") {
    const fallback =
      value.default === undefined
        ? "required"
        : `default ${describeValue(value.default, name, value.variable)}`;
    const shown = value.setBy && shownEnvironmentText(value.variable, value.setBy.text, name);
    const set = shown === undefined ? "set, value hidden" : `set to '${shown}'`;
    return `env ${value.variable} (${value.setBy ? set : fallback})`;
  }
  const text = describeValue(value, name);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** Every production profile's settings as its modules set them, sorted by name, with their findings. */
export function effectiveSettings(
  folder: Folder,
  result: AnalysisResult | undefined,
): EffectiveSettingsResult {
  const profiles: EffectiveSettingsResult["profiles"] = [];
  const { version } = folder.project.djangoVersion();
  for (const profile of folder.project.profiles().profiles) {
    if (profile.kind !== "production") continue;
    const state = folder.project.evaluateProfile(profile);
    if (!state) continue;
    const settings = new EffectiveSettings(profile, state, version);
    const names = [...state.bindings.keys()].filter(isSettingName).sort();
    const list: EffectiveSettingInfo[] = names.map((name) => {
      const setting = settings.get(name);
      const statement = setting.binding?.origin.statement;
      const findings = (result?.findings ?? [])
        .filter(
          (finding) =>
            finding.profiles.includes(profile.module) &&
            statement !== undefined &&
            finding.location.file === statement.file &&
            finding.location.range.start.line >= statement.range.start.line &&
            finding.location.range.start.line <= statement.range.end.line,
        )
        .map((finding) => finding.code);
      return {
        name,
        value: valueText(setting.value, name),
        origin: statement
          ? `${relative(folder.path, statement.file)}:${statement.range.start.line + 1}`
          : "Django's default",
        ...(statement ? { location: { uri: pathToUri(statement.file), range: statement.range } } : {}),
        findings: [...new Set(findings)],
      };
    });
    profiles.push({ module: profile.module, folder: folder.name, djangoVersion: version, settings: list });
  }
  return { profiles };
}
