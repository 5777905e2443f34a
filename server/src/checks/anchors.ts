// Where a finding about a setting that production does not set is shown. Not on the first character of
// the module (four findings piled on its docstring say nothing), but where the setting means something:
// the middleware or app it configures (SECURE_* at SecurityMiddleware in MIDDLEWARE, CSRF_COOKIE_SECURE
// at CsrfViewMiddleware), a related setting, or the star import through which production takes its
// settings from a base module. Places in the profile module come first, so a finding is seen where
// production is edited.
import {
  AUTH_APP,
  CSRF_MIDDLEWARE,
  SECURITY_MIDDLEWARE,
  SESSION_MIDDLEWARE,
  SESSIONS_APP,
  STATICFILES_APP,
  XFRAME_MIDDLEWARE,
} from "../django/components";
import type { Value } from "../evaluate/values";
import type { Location } from "../python/location";
import type { CheckContext } from "./context";

/** For a setting: the settings (and, for lists, the entry) near which its absence is shown, in order. */
const ANCHORS: Record<string, readonly (readonly [setting: string, entry?: string])[]> = {
  SECURE_HSTS_SECONDS: [["MIDDLEWARE", SECURITY_MIDDLEWARE]],
  SECURE_HSTS_INCLUDE_SUBDOMAINS: [["SECURE_HSTS_SECONDS"], ["MIDDLEWARE", SECURITY_MIDDLEWARE]],
  SECURE_HSTS_PRELOAD: [["SECURE_HSTS_SECONDS"], ["MIDDLEWARE", SECURITY_MIDDLEWARE]],
  SECURE_CONTENT_TYPE_NOSNIFF: [["MIDDLEWARE", SECURITY_MIDDLEWARE]],
  SECURE_SSL_REDIRECT: [["MIDDLEWARE", SECURITY_MIDDLEWARE]],
  SECURE_REFERRER_POLICY: [["MIDDLEWARE", SECURITY_MIDDLEWARE]],
  SECURE_CROSS_ORIGIN_OPENER_POLICY: [["MIDDLEWARE", SECURITY_MIDDLEWARE]],
  SECURE_PROXY_SSL_HEADER: [["SECURE_SSL_REDIRECT"], ["MIDDLEWARE", SECURITY_MIDDLEWARE]],
  CSRF_COOKIE_SECURE: [["MIDDLEWARE", CSRF_MIDDLEWARE]],
  SESSION_COOKIE_SECURE: [
    ["MIDDLEWARE", SESSION_MIDDLEWARE],
    ["INSTALLED_APPS", SESSIONS_APP],
  ],
  SESSION_COOKIE_HTTPONLY: [
    ["MIDDLEWARE", SESSION_MIDDLEWARE],
    ["INSTALLED_APPS", SESSIONS_APP],
  ],
  X_FRAME_OPTIONS: [["MIDDLEWARE", XFRAME_MIDDLEWARE]],
  STATIC_ROOT: [["STATIC_URL"], ["INSTALLED_APPS", STATICFILES_APP]],
  MEDIA_ROOT: [["MEDIA_URL"]],
  AUTH_PASSWORD_VALIDATORS: [["INSTALLED_APPS", AUTH_APP]],
  PASSWORD_HASHERS: [["INSTALLED_APPS", AUTH_APP]],
  ADMINS: [["LOGGING"], ["MANAGERS"], ["EMAIL_BACKEND"]],
  EMAIL_BACKEND: [["EMAIL_HOST"], ["DEFAULT_FROM_EMAIL"], ["ADMINS"]],
  DEFAULT_FROM_EMAIL: [["SERVER_EMAIL"], ["EMAIL_BACKEND"], ["ADMINS"]],
  SERVER_EMAIL: [["DEFAULT_FROM_EMAIL"], ["EMAIL_BACKEND"], ["ADMINS"]],
  CACHES: [["DATABASES"]],
  SESSION_ENGINE: [["CACHES"], ["MIDDLEWARE", SESSION_MIDDLEWARE]],
  ALLOWED_HOSTS: [["DEBUG"], ["SECRET_KEY"]],
  SECRET_KEY: [["DEBUG"], ["ALLOWED_HOSTS"]],
  DEBUG: [["SECRET_KEY"], ["ALLOWED_HOSTS"]],
  DEBUG_PROPAGATE_EXCEPTIONS: [["DEBUG"]],
  MIDDLEWARE: [["INSTALLED_APPS"]],
  INSTALLED_APPS: [["MIDDLEWARE"]],
};

/** The place a setting production leaves unset is shown at (see the file's comment). */
export function unsetSettingLocation(name: string, context: CheckContext): Location {
  const candidates = (ANCHORS[name] ?? []).flatMap(([setting, entry]) => {
    const place = anchorOf(setting, entry, context);
    return place ? [place] : [];
  });
  const own = candidates.find((place) => place.file === context.profile.file);
  if (own) return own;
  const starImport = lastStarImport(context);
  if (starImport) return starImport;
  return candidates[0] ?? firstStatement(context);
}

/** Where `setting` is written, or where `entry` is written in it. */
function anchorOf(setting: string, entry: string | undefined, context: CheckContext): Location | undefined {
  const effective = context.settings.get(setting);
  if (!effective.binding) return undefined;
  if (entry === undefined) {
    const span = effective.binding.origin.target;
    return { file: span.file, range: span.range };
  }
  const item = entryOf(effective.value, entry);
  return item?.span ? { file: item.span.file, range: item.span.range } : undefined;
}

function entryOf(value: Value, entry: string): Value | undefined {
  if (value.kind === "oneOf") {
    for (const option of value.options) {
      const found = entryOf(option, entry);
      if (found) return found;
    }
    return undefined;
  }
  if (value.kind !== "list" && value.kind !== "tuple" && value.kind !== "set") return undefined;
  return value.items.find((item) => item.kind === "str" && item.value === entry);
}

/** The profile module's last unconditional `from … import *`: where it takes a base module's settings. */
function lastStarImport(context: CheckContext): Location | undefined {
  const imports = context.profileModule.imports.filter(
    (record) => record.names === "*" && !record.conditional && record.span.file === context.profile.file,
  );
  const last = imports[imports.length - 1];
  return last ? { file: last.span.file, range: last.span.range } : undefined;
}

/** The first line of code in the profile module, after its docstring, comments and blank lines. */
function firstStatement(context: CheckContext): Location {
  const text = context.source(context.profile.file) ?? "";
  const docstring = /^(?:\s*#[^\n]*\n|\s*\n)*\s*[rRuU]?("""|''')[\s\S]*?\1[^\n]*\n?/.exec(text);
  let offset = docstring ? docstring[0].length : 0;
  for (;;) {
    // Lines end as an editor ends them (\n, \r\n or \r), or the range would point past its line.
    const line = /^[^\n\r]*(\r\n|\r|\n|$)/.exec(text.slice(offset))![0];
    if (line.length === 0 || !/^\s*(#.*)?$/.test(line.replace(/(\r\n|\r|\n)$/, ""))) break;
    offset += line.length;
  }
  const lineText = /^[^\n\r]*/.exec(text.slice(offset))![0];
  const line = text.slice(0, offset).split(/\r\n|\r|\n/).length - 1;
  const indent = /^\s*/.exec(lineText)![0].length;
  return {
    file: context.profile.file,
    range: { start: { line, character: indent }, end: { line, character: lineText.trimEnd().length } },
  };
}
