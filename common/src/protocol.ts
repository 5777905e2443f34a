// What the client and the language server say to each other beyond the standard protocol: method
// names, the shapes of custom requests, and the constants both sides must spell the same way.
// Plain types only, so either side (and the tests) can import it without pulling in a protocol library.

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = "Django Deploy";

/** Code action kind of "fix all": safe fixes only (`editor.codeActionsOnSave` can name it). */
export const FIX_ALL_KIND = "source.fixAll.djangoDeploy";

/**
 * Code action kind of "fix all, including unsafe fixes": a source action of its own, never under
 * `source.fixAll` (which `editor.codeActionsOnSave` applies without asking). Its edits carry change
 * annotations that need confirmation, so VS Code shows its refactor preview before applying them.
 */
export const FIX_ALL_UNSAFE_KIND = "source.djangoDeploy.fixAllUnsafe";

/**
 * Client command a code action runs after its edit: opens `uri` and selects `range` (the change, or
 * the placeholder the user must type over). Arguments: one `RevealArguments`.
 */
export const REVEAL_COMMAND = "djangoDeploy.revealFix";

export interface RevealArguments {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** Client command: opens a check's documentation page. Arguments: the check ID, then the page's URL. */
export const SHOW_DOCUMENTATION_COMMAND = "djangoDeploy.showDocumentation";

/** Custom request: the settings modules the server found, in every workspace folder. */
export const PROFILES_REQUEST = "djangoDeploy/profiles";

export type ProfileKind = "production" | "development" | "test";

export interface ProfileInfo {
  /** Dotted module name, e.g. `mysite.settings`. */
  module: string;
  /** Absolute file system path of the module's file. */
  file: string;
  /** The same file as a URI. */
  uri: string;
  kind: ProfileKind;
  /** Where the profile was found (`DJANGO_SETTINGS_MODULE in manage.py`, the user's setting, …). */
  reason: string;
  /** URI of the workspace folder it belongs to. */
  folder: string;
  /** For production profiles: URIs of the module and every settings module it imports. */
  chain: string[];
}

/** Parameters of `djangoDeploy/profiles`; none are needed yet. */
export type ProfilesParams = Record<string, never>;

export interface ProfilesResult {
  profiles: ProfileInfo[];
  /** Candidates that are not checked as production, with why (paths relative to their folder). */
  rejected?: { module: string; folder: string; summary: string }[];
}

/** Custom request: what the language status shows for a workspace folder. */
export const STATUS_REQUEST = "djangoDeploy/status";

/** Custom notification from the server: an analysis started or finished (the status may have changed). */
export const STATUS_CHANGED_NOTIFICATION = "djangoDeploy/statusChanged";

export interface StatusParams {
  /** URI of a file in the workspace folder asked about. */
  uri: string;
}

export interface StatusResult {
  /** `analysing` until the first analysis of the folder finished; `off` when disabled or not a folder of ours. */
  state: "analysing" | "ready" | "off";
  /** Production profiles: dotted module, why, and the module's path relative to the folder. */
  profiles: { module: string; reason: string; path: string; uri: string }[];
  djangoVersion?: string;
  /** Where the version came from ("requirements.txt", "chosen by the user"); undefined when assumed. */
  djangoVersionSource?: string;
  /** Whether the file asked about is read by a production profile. */
  inProduction: boolean;
  /**
   * What could not be known, per production profile: the settings the checks read whose value is
   * Unknown (with the reason, where, and the checks that could not decide) and the library star
   * imports that could not be read. "No problems" and "nothing could be checked" differ by this.
   */
  coverage?: {
    profile: string;
    unknownSettings: {
      name: string;
      reason: string;
      /** Relative to the workspace folder, with a 1-based line. */
      where?: string;
      location?: RevealArguments;
      checks: string[];
    }[];
    unreadImports: { module: string; where: string; location: RevealArguments }[];
  }[];
}

/** Custom request: the effective settings of every production profile, for the settings view. */
export const EFFECTIVE_SETTINGS_REQUEST = "djangoDeploy/effectiveSettings";

export interface EffectiveSettingInfo {
  name: string;
  /** The value as Python-like text ("True", "env DJANGO_DEBUG, default False"). */
  value: string;
  /** Where it is decided, relative to the workspace folder with a 1-based line; "Django's default" when unset. */
  origin: string;
  /** The file and range of the assignment that decides it, when it is set. */
  location?: RevealArguments;
  /** IDs of the findings about this setting in this profile. */
  findings: string[];
}

export interface EffectiveSettingsResult {
  profiles: {
    module: string;
    /** Name of the workspace folder. */
    folder: string;
    djangoVersion: string;
    settings: EffectiveSettingInfo[];
  }[];
}

/**
 * Custom request: what the checks know about one project for the scaffold (its production profile,
 * why, and that profile's STATIC_ROOT, MEDIA_ROOT and SECURE_PROXY_SSL_HEADER). Asked of the server,
 * so the wizard writes the settings module the diagnostics check; null when no workspace folder of
 * the server holds the project.
 */
export const PRODUCTION_FACTS_REQUEST = "djangoDeploy/productionFacts";

export interface ProductionFactsParams {
  /** Absolute file system path of the folder that holds manage.py. */
  projectFolder: string;
  /** The project package, when the user named it: its profile is preferred. */
  projectPackage?: string;
}

export interface ProductionFacts {
  /** The production profile's settings module, when the engine found one for the project. */
  settingsModule?: string;
  /** Why that module, in a sentence fit for the CLI output and the wizard. */
  settingsReason: string;
  /** Other production profiles of the same project, which the user may choose instead. */
  otherProductionModules: string[];
  /** STATIC_ROOT and MEDIA_ROOT as the engine evaluates them on this machine (absolute paths). */
  staticRoot?: string;
  mediaRoot?: string;
  /** Whether the profile sets SECURE_PROXY_SSL_HEADER: true, false, or undefined when unknown. */
  setsProxySslHeader?: boolean;
}
