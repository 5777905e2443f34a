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
export function interpretSettings(
  raw: unknown,
  filesExclude?: unknown,
): { settings: FolderSettings; problems: string[] } {
  const { settings, problems } = parseSettings(raw);
  const folderSettings = toFolderSettings(settings, problems);
  const exclude = exclusionGlobs(filesExclude);
  if (exclude.length > 0) folderSettings.analysis = { ...folderSettings.analysis, exclude };
  return { settings: folderSettings, problems };
}

/**
 * The patterns VS Code's `files.exclude` turns on (`{"legacy": true}`); a pattern with a
 * `when` condition depends on its sibling files, which the walk does not look at: it is not applied.
 */
export function exclusionGlobs(filesExclude: unknown): string[] {
  if (filesExclude === null || typeof filesExclude !== "object") return [];
  return Object.entries(filesExclude as Record<string, unknown>)
    .filter(([, value]) => value === true)
    .map(([glob]) => glob);
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
