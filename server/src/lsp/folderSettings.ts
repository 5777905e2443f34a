// The server's view of the `djangoDeploy.*` settings: validated with the shared zod schema, then
// turned into what the engine takes. A bad value never stops the server: it falls back to its default
// and the reason is returned for the log.
import { DJANGO_VERSIONS, type DjangoVersion } from "../django/versions";
import type { AnalysisOptions } from "../engine/analysis";
import {
  defaultSettings,
  parseSettings,
  SETTINGS_SECTION,
  type Settings,
} from "../../../common/src/settings";

export type LogLevel = Settings["logLevel"];

export interface FolderSettings {
  /** When false, the folder's diagnostics are empty. */
  enable: boolean;
  analysis: AnalysisOptions;
  logLevel: LogLevel;
}

export const defaultFolderSettings: FolderSettings = toFolderSettings(defaultSettings, []);

/** Validates the raw `djangoDeploy` section; `problems` are sentences for the log. */
export function interpretSettings(raw: unknown): { settings: FolderSettings; problems: string[] } {
  const { settings, problems } = parseSettings(raw);
  return { settings: toFolderSettings(settings, problems), problems };
}

function toFolderSettings(settings: Settings, problems: string[]): FolderSettings {
  const analysis: AnalysisOptions = {};
  if (settings.djangoVersion !== null) {
    if (isDjangoVersion(settings.djangoVersion)) {
      analysis.djangoVersion = settings.djangoVersion;
    } else {
      problems.push(
        `${SETTINGS_SECTION}.djangoVersion ${settings.djangoVersion} is not a version Django Deploy knows (${DJANGO_VERSIONS.join(", ")}); using the newest LTS.`,
      );
    }
  }
  if (settings.profiles.length > 0) analysis.profiles = settings.profiles;
  if (settings.pythonPath) analysis.pythonPath = settings.pythonPath;
  if (settings.handledByInfrastructure.length > 0)
    analysis.handledByInfrastructure = settings.handledByInfrastructure;
  return { enable: settings.enable, analysis, logLevel: settings.logLevel };
}

function isDjangoVersion(version: string): version is DjangoVersion {
  return (DJANGO_VERSIONS as readonly string[]).includes(version);
}
