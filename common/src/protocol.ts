// What the client and the language server say to each other beyond the standard protocol: method
// names, the shapes of custom requests, and the constants both sides must spell the same way.
// Plain types only, so either side (and the tests) can import it without pulling in a protocol library.

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = "Django Deploy";

/** Code action kind of "fix all": safe fixes only (`editor.codeActionsOnSave` can name it). */
export const FIX_ALL_KIND = "source.fixAll.djangoDeploy";

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
}
