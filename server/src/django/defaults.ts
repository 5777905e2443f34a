// Django's defaults (django/conf/global_settings.py) for every setting our checks read, per version.
// Source: ../shared/spec/django-checks.md §1b and §3, and global_settings.py of each version.
import { type DjangoVersion, inVersionRange } from "./versions";
import { bool, dict, int, list, none, str, type Value } from "../evaluate/values";

interface DefaultEntry {
  value: () => Value;
  /** First version that has the setting (inclusive). */
  from?: DjangoVersion;
  /** Last version that has the setting (inclusive). */
  to?: DjangoVersion;
}

const strings = (...items: string[]) => list(items.map((item) => str(item)));

const DEFAULTS: Record<string, DefaultEntry> = {
  DEBUG: { value: () => bool(false) },
  DEBUG_PROPAGATE_EXCEPTIONS: { value: () => bool(false) },
  ALLOWED_HOSTS: { value: () => list([]) },
  SECRET_KEY: { value: () => str("") },
  SECRET_KEY_FALLBACKS: { value: () => list([]), from: "4.1" },
  MIDDLEWARE: { value: () => list([]) },
  INSTALLED_APPS: { value: () => list([]) },
  SILENCED_SYSTEM_CHECKS: { value: () => list([]) },
  SECURE_HSTS_SECONDS: { value: () => int(0) },
  SECURE_HSTS_INCLUDE_SUBDOMAINS: { value: () => bool(false) },
  SECURE_HSTS_PRELOAD: { value: () => bool(false) },
  SECURE_CONTENT_TYPE_NOSNIFF: { value: () => bool(true) },
  SECURE_SSL_REDIRECT: { value: () => bool(false) },
  SECURE_SSL_HOST: { value: () => none() },
  SECURE_REDIRECT_EXEMPT: { value: () => list([]) },
  SECURE_PROXY_SSL_HEADER: { value: () => none() },
  SECURE_REFERRER_POLICY: { value: () => str("same-origin") },
  SECURE_CROSS_ORIGIN_OPENER_POLICY: { value: () => str("same-origin"), from: "4.0" },
  SECURE_BROWSER_XSS_FILTER: { value: () => bool(false), to: "3.2" },
  SECURE_CSP: { value: () => dict([]), from: "6.0" },
  SECURE_CSP_REPORT_ONLY: { value: () => dict([]), from: "6.0" },
  X_FRAME_OPTIONS: { value: () => str("DENY") },
  CSRF_COOKIE_SECURE: { value: () => bool(false) },
  CSRF_COOKIE_HTTPONLY: { value: () => bool(false) },
  CSRF_COOKIE_SAMESITE: { value: () => str("Lax") },
  CSRF_USE_SESSIONS: { value: () => bool(false) },
  CSRF_TRUSTED_ORIGINS: { value: () => list([]) },
  CSRF_FAILURE_VIEW: { value: () => str("django.views.csrf.csrf_failure") },
  SESSION_COOKIE_SECURE: { value: () => bool(false) },
  SESSION_COOKIE_HTTPONLY: { value: () => bool(true) },
  SESSION_COOKIE_SAMESITE: { value: () => str("Lax") },
  SESSION_ENGINE: { value: () => str("django.contrib.sessions.backends.db") },
  SESSION_CACHE_ALIAS: { value: () => str("default") },
  DEFAULT_HASHING_ALGORITHM: { value: () => str("sha256"), to: "3.2" },
  CACHES: {
    value: () =>
      dict([
        {
          key: str("default"),
          value: dict([{ key: str("BACKEND"), value: str("django.core.cache.backends.locmem.LocMemCache") }]),
        },
      ]),
  },
  DATABASES: { value: () => dict([]) },
  MEDIA_ROOT: { value: () => str("") },
  MEDIA_URL: { value: () => str("") },
  STATIC_ROOT: { value: () => none() },
  STATIC_URL: { value: () => none() },
  STATICFILES_DIRS: { value: () => list([]) },
  STATICFILES_STORAGE: {
    value: () => str("django.contrib.staticfiles.storage.StaticFilesStorage"),
    to: "5.0",
  },
  STORAGES: {
    from: "4.2",
    value: () =>
      dict([
        {
          key: str("default"),
          value: dict([{ key: str("BACKEND"), value: str("django.core.files.storage.FileSystemStorage") }]),
        },
        {
          key: str("staticfiles"),
          value: dict([
            { key: str("BACKEND"), value: str("django.contrib.staticfiles.storage.StaticFilesStorage") },
          ]),
        },
      ]),
  },
  STATICFILES_FINDERS: {
    value: () =>
      strings(
        "django.contrib.staticfiles.finders.FileSystemFinder",
        "django.contrib.staticfiles.finders.AppDirectoriesFinder",
      ),
  },
  FILE_UPLOAD_TEMP_DIR: { value: () => none() },
  EMAIL_BACKEND: { value: () => str("django.core.mail.backends.smtp.EmailBackend") },
  EMAIL_HOST: { value: () => str("localhost") },
  DEFAULT_FROM_EMAIL: { value: () => str("webmaster@localhost") },
  SERVER_EMAIL: { value: () => str("root@localhost") },
  ADMINS: { value: () => list([]) },
  MANAGERS: { value: () => list([]) },
  LOGGING: { value: () => dict([]) },
  LOGGING_CONFIG: { value: () => str("logging.config.dictConfig") },
  TEMPLATES: { value: () => list([]) },
  WSGI_APPLICATION: { value: () => none() },
  ROOT_URLCONF: { value: () => none() },
  AUTH_PASSWORD_VALIDATORS: { value: () => list([]) },
  PASSWORD_HASHERS: {
    value: () =>
      strings(
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
      ),
  },
  LANGUAGE_CODE: { value: () => str("en-us") },
  USE_TZ: { value: () => bool(false) },
  DEFAULT_AUTO_FIELD: { value: () => str("django.db.models.AutoField") },
};

/** Settings whose default changed between versions: the newer default, from the version named. */
const CHANGED_DEFAULTS: Record<string, { from: DjangoVersion; value: () => Value }> = {
  USE_TZ: { from: "5.0", value: () => bool(true) },
  DEFAULT_AUTO_FIELD: { from: "6.0", value: () => str("django.db.models.BigAutoField") },
  PASSWORD_HASHERS: {
    from: "4.0",
    value: () =>
      strings(
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
      ),
  },
};

/** Django's default for a setting in a version; undefined when that version has no such setting. */
export function djangoDefault(name: string, version: DjangoVersion): Value | undefined {
  const entry = DEFAULTS[name];
  if (!entry || !inVersionRange(version, entry.from, entry.to)) return undefined;
  const changed = CHANGED_DEFAULTS[name];
  if (changed && inVersionRange(version, changed.from)) return changed.value();
  return entry.value();
}

/**
 * What Django fills in for a key each DATABASES entry leaves out (django/db/utils.py,
 * ConnectionHandler.configure_settings): not settings of their own, so kept apart.
 */
const DATABASE_ENTRY_DEFAULTS: Record<string, DefaultEntry> = {
  CONN_MAX_AGE: { value: () => int(0) },
  CONN_HEALTH_CHECKS: { value: () => bool(false), from: "4.1" },
};

/** Django's default for a key of a DATABASES entry in a version; undefined when the version has none. */
export function databaseEntryDefault(key: string, version: DjangoVersion): Value | undefined {
  const entry = DATABASE_ENTRY_DEFAULTS[key];
  if (!entry || !inVersionRange(version, entry.from, entry.to)) return undefined;
  return entry.value();
}

/** Names of the settings whose defaults are known (for tests and hover). */
export function knownDefaultNames(): string[] {
  return Object.keys(DEFAULTS);
}
