// Seeded random settings modules for the oracle: every setting the deploy checks read, with the
// values where Django's tests are subtle (1 vs True, '0', None, tuples, subclass middleware paths,
// comma lists, weak/strong keys, file caches placed relative to the static and media directories,
// relative paths, values read from the environment with a default, SILENCED_SYSTEM_CHECKS).
//
// Modules are made for one Django version, so that what changed between versions is exercised where
// it matters (spec: django-checks.md §1a, §2, §5d): an empty SECRET_KEY beside django.contrib.auth
// (3.2 fails before any check, 4.0+ reports W009), SECURE_CROSS_ORIGIN_OPENER_POLICY (E024, 4.0+),
// CSRF_TRUSTED_ORIGINS without a scheme (4_0.E001, 4.0+), weak SECRET_KEY_FALLBACKS (W025, 4.1+),
// cookie flags that are truthy but not True (W012/W015/W016 from 4.1), SECURE_CSP and
// SECURE_CSP_REPORT_ONLY that are not dicts (E026, 6.0+) and the CSP middleware with CSP.NONCE but
// without the csp context processor (W027, 6.1+). The settings that a later version added are also
// generated for the versions before it, where Django must ignore them, as our checks must.
//
// Some combinations are left out on purpose: an empty SECRET_KEY with django.contrib.auth installed
// on 3.2 (Django then fails before running any check: spec §0), settings that a version refuses to
// load (ALLOWED_HOSTS that is not a list or tuple from 4.0, SECRET_KEY_FALLBACKS from 4.1), and a
// file-based cache without a LOCATION (caches.W003 then fails with a KeyError). Branches whose
// condition is not known are not generated either: Django runs one of them, while the engine only
// reports what every branch agrees on.
import { type DjangoVersion, inVersionRange } from "../../server/src/django/versions";

export type Random = () => number;

/** xorshift32: small, fast and reproducible. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

const ABSENT = undefined;

/** 50 distinct characters: startproject's alphabet. */
export const GOOD_KEY = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)";

const SECURITY = "django.middleware.security.SecurityMiddleware";
const SESSION = "django.contrib.sessions.middleware.SessionMiddleware";
const COMMON = "django.middleware.common.CommonMiddleware";
const CSRF = "django.middleware.csrf.CsrfViewMiddleware";
const AUTH = "django.contrib.auth.middleware.AuthenticationMiddleware";
const MESSAGES = "django.contrib.messages.middleware.MessageMiddleware";
const XFRAME = "django.middleware.clickjacking.XFrameOptionsMiddleware";

/** Subclasses under the package's own paths (see MIDDLEWARE_MODULE): Django must not count them. */
const SUBCLASSES: Record<string, string> = {
  [SECURITY]: "PACKAGE.middleware.SecurityMiddleware",
  [SESSION]: "PACKAGE.middleware.SessionMiddleware",
  [CSRF]: "PACKAGE.middleware.CsrfViewMiddleware",
  [XFRAME]: "PACKAGE.middleware.XFrameOptionsMiddleware",
};

export const MIDDLEWARE_MODULE = `from django.contrib.sessions.middleware import SessionMiddleware as _Session
from django.middleware.clickjacking import XFrameOptionsMiddleware as _XFrame
from django.middleware.csrf import CsrfViewMiddleware as _Csrf
from django.middleware.security import SecurityMiddleware as _Security


class SecurityMiddleware(_Security):
    pass


class SessionMiddleware(_Session):
    pass


class CsrfViewMiddleware(_Csrf):
    pass


class XFrameOptionsMiddleware(_XFrame):
    pass
`;

export interface GeneratorOptions {
  /** The Django version the module is checked with. */
  version: DjangoVersion;
  /** The dotted package the modules live in. */
  packageName: string;
  /** An absolute directory for MEDIA_ROOT, STATIC_ROOT and the caches (not above the working directory). */
  filesRoot: string;
  /** IDs that may be silenced. */
  silenceable: readonly string[];
}

const CSP_MIDDLEWARE = "django.middleware.csp.ContentSecurityPolicyMiddleware";
const CSP_CONTEXT_PROCESSOR = "django.template.context_processors.csp";
/** What django.utils.csp.CSP.NONCE is (6.0+): the text the middleware replaces with the nonce. */
const CSP_NONCE = "<CSP_NONCE_SENTINEL>";

export function generateModule(random: Random, options: GeneratorOptions): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (probability: number) => random() < probability;
  const quote = (text: string) => `'${text}'`;
  const since = (version: DjangoVersion) => inVersionRange(options.version, version);
  // django.utils.csp exists from 6.0; before it a policy can only spell the nonce out.
  const hasCspModule = since("6.0");
  const processors = [
    "'django.template.context_processors.request'",
    "'django.contrib.auth.context_processors.auth'",
    "'django.contrib.messages.context_processors.messages'",
  ];
  if (hasCspModule && chance(0.35))
    processors.splice(Math.floor(random() * 4), 0, quote(CSP_CONTEXT_PROCESSOR));
  const processorList = chance(0.85) ? `[${processors.join(", ")}]` : `(${processors.join(", ")})`;
  const lines: string[] = [
    "import os",
    "from pathlib import Path",
    ...(hasCspModule ? ["from django.utils.csp import CSP"] : []),
    "",
    "BASE_DIR = Path(__file__).resolve().parent",
    `ROOT_URLCONF = '${options.packageName}.urls'`,
    "DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'",
    "TEMPLATES = [",
    "    {",
    "        'BACKEND': 'django.template.backends.django.DjangoTemplates',",
    "        'APP_DIRS': True,",
    `        'OPTIONS': {'context_processors': ${processorList}},`,
    "    },",
    "]",
  ];
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) lines.push(`${name} = ${value}`);
  };

  // INSTALLED_APPS, with the dependencies app loading needs.
  const apps: string[] = [];
  const admin = chance(0.25);
  const auth = admin || chance(0.35);
  if (auth || chance(0.2)) apps.push("'django.contrib.contenttypes'");
  if (auth) apps.push("'django.contrib.auth'");
  if (admin) apps.push("'django.contrib.admin'");
  if (admin || chance(0.4)) apps.push("'django.contrib.messages'");
  if (chance(0.7))
    apps.push(chance(0.8) ? "'django.contrib.sessions'" : "'django.contrib.sessions.apps.SessionsConfig'");
  if (chance(0.5))
    apps.push(
      chance(0.8) ? "'django.contrib.staticfiles'" : "'django.contrib.staticfiles.apps.StaticFilesConfig'",
    );
  if (apps.length > 0 || chance(0.5)) {
    shuffle(apps, random);
    set(
      "INSTALLED_APPS",
      chance(0.8) ? `[${apps.join(", ")}]` : `(${apps.join(", ")}${apps.length === 1 ? "," : ""})`,
    );
  }

  // SECRET_KEY and friends.
  const keys = [
    quote(GOOD_KEY),
    quote(`django-insecure-${GOOD_KEY}`),
    quote("short-key"),
    quote("abcd".repeat(13)),
    quote("abcde".repeat(10)),
    quote(GOOD_KEY.slice(0, 49)),
    quote("\u{1F600}abcd".repeat(10)),
    `os.environ.get('ORACLE_SECRET_KEY', ${quote(GOOD_KEY)})`,
    "os.environ.get('ORACLE_SECRET_KEY', 'dev-key')",
  ];
  const emptyKeys = [quote(""), ABSENT, "os.environ.get('ORACLE_SECRET_KEY', '')"];
  // Django 3.2's auth reads an empty key while apps load and fails (spec §0); 4.0+ reports W009.
  set("SECRET_KEY", pick(auth && !since("4.0") ? keys : [...keys, ...emptyKeys]));
  if (chance(0.3))
    set(
      "SECRET_KEY_FALLBACKS",
      pick([
        "[]",
        "['short']",
        `['${GOOD_KEY}', '']`,
        `('${GOOD_KEY}',)`,
        `['django-insecure-${GOOD_KEY}', '${"abcde".repeat(10)}', '${"abcd".repeat(13)}']`,
        "[os.environ.get('ORACLE_OLD_KEY', 'old-key')]",
        `os.environ.get('ORACLE_OLD_KEYS', '${GOOD_KEY.replace(",", "")},weak').split(',')`,
      ]),
    );
  set(
    "DEBUG",
    pick([
      "True",
      "False",
      "1",
      "0",
      "'False'",
      "None",
      "''",
      ABSENT,
      "os.environ.get('ORACLE_DEBUG', 'False')",
      "os.environ.get('ORACLE_DEBUG', '') == 'True'",
    ]),
  );
  const hosts = [
    "[]",
    "()",
    "['*']",
    "['example.com']",
    ABSENT,
    "os.environ.get('ORACLE_HOSTS', '').split(',')",
  ];
  // Until 4.0 any value loads, and only its truthiness counts for W020.
  if (!since("4.0")) hosts.push("'example.com'", "''");
  set("ALLOWED_HOSTS", pick(hosts));

  // MIDDLEWARE: a subset of startproject's, sometimes a subclass path instead, changed in place.
  if (chance(0.92)) {
    const entries: string[] = [];
    for (const path of [SECURITY, SESSION, COMMON, CSRF, AUTH, MESSAGES, XFRAME]) {
      if (!chance(0.75)) continue;
      const subclass = SUBCLASSES[path];
      entries.push(subclass && chance(0.12) ? subclass.replace("PACKAGE", options.packageName) : path);
    }
    if (hasCspModule && chance(0.5))
      entries.splice(Math.floor(random() * (entries.length + 1)), 0, CSP_MIDDLEWARE);
    if (chance(0.2) && entries.length > 1) {
      const a = Math.floor(random() * entries.length);
      const b = Math.floor(random() * entries.length);
      [entries[a], entries[b]] = [entries[b]!, entries[a]!];
    }
    const tuple = chance(0.2);
    const items = entries.map(quote);
    set(
      "MIDDLEWARE",
      tuple ? `(${items.join(", ")}${items.length === 1 ? "," : ""})` : `[\n    ${items.join(",\n    ")},\n]`,
    );
    if (!tuple && chance(0.25)) {
      const change = pick(["append", "insert", "remove", "extend"]);
      const extra = quote(pick([SECURITY, CSRF, XFRAME, SESSION, "django.middleware.gzip.GZipMiddleware"]));
      if (change === "append") lines.push(`MIDDLEWARE.append(${extra})`);
      else if (change === "insert") lines.push(`MIDDLEWARE.insert(0, ${extra})`);
      else if (change === "extend") lines.push(`MIDDLEWARE += [${extra}]`);
      else if (entries.length > 0) lines.push(`MIDDLEWARE.remove(${quote(pick(entries))})`);
    }
  }

  set(
    "SECURE_HSTS_SECONDS",
    pick([
      "0",
      "3600",
      "31536000",
      "None",
      "'0'",
      "''",
      ABSENT,
      ABSENT,
      "int(os.environ.get('ORACLE_HSTS', '0'))",
    ]),
  );
  // 1 and 'True' are truthy but not True: some checks test one, some the other (W016 changed in 4.1).
  const flags = ["True", "False", "1", "0", "'True'", ABSENT, ABSENT];
  set("SECURE_HSTS_INCLUDE_SUBDOMAINS", pick(flags));
  set("SECURE_HSTS_PRELOAD", pick(flags));
  set("SECURE_CONTENT_TYPE_NOSNIFF", pick([...flags, "None"]));
  set("SECURE_SSL_REDIRECT", pick([...flags, "os.environ.get('ORACLE_SSL', '1') == '1'"]));
  set(
    "SECURE_REFERRER_POLICY",
    pick([
      "'same-origin'",
      "None",
      "None",
      "''",
      "'Same-Origin'",
      "'same-origin,'",
      "'no-referrer,  strict-origin-when-cross-origin'",
      "['same-origin', 'strict-origin']",
      "('origin',)",
      "['bogus']",
      "'no-referrer, bogus-value'",
      "{'unsafe-url'}",
      "' strict-origin\\t'",
      "[' origin']",
      "['no-referrer', None]",
      ABSENT,
      ABSENT,
      ABSENT,
    ]),
  );
  if (chance(0.3))
    set(
      "SECURE_CROSS_ORIGIN_OPENER_POLICY",
      pick([
        "'same-origin'",
        "'same-origin-allow-popups'",
        "'unsafe-none'",
        "None",
        "'bogus'",
        "'Same-Origin'",
        "''",
        "'same-origin, unsafe-none'",
        "('same-origin',)",
        "os.environ.get('ORACLE_COOP', 'unsafe-none')",
      ]),
    );
  // Content Security Policy (6.0+): E026 for a value that is neither a dict nor None, W027 for a
  // nonce without the csp context processor. Before 6.0 Django ignores both settings.
  const nonce = hasCspModule && chance(0.6) ? "CSP.NONCE" : quote(CSP_NONCE);
  const selfSource = hasCspModule && chance(0.6) ? "CSP.SELF" : `"'self'"`;
  const policies = [
    "{}",
    "None",
    `{'default-src': [${selfSource}]}`,
    `{'default-src': [${selfSource}], 'script-src': [${selfSource}, ${nonce}]}`,
    `{'style-src': (${selfSource}, ${nonce})}`,
    `{'script-src': ${nonce}}`,
    `{'script-src': "'self' ${CSP_NONCE}"}`,
    `{'script-src': ["'self' ${CSP_NONCE}"]}`,
    `"default-src 'self'"`,
    `["default-src 'self'"]`,
    "''",
    "True",
  ];
  for (const name of ["SECURE_CSP", "SECURE_CSP_REPORT_ONLY"]) if (chance(0.3)) set(name, pick(policies));
  set(
    "X_FRAME_OPTIONS",
    pick(["'DENY'", "'deny'", "'SAMEORIGIN'", ABSENT, ABSENT, "os.environ.get('ORACLE_XFO', 'DENY')"]),
  );
  set("SESSION_COOKIE_SECURE", pick(flags));
  set("SESSION_COOKIE_HTTPONLY", pick([...flags, "None"]));
  set("CSRF_COOKIE_SECURE", pick(flags));
  set("CSRF_USE_SESSIONS", pick(["True", "False", "1", ABSENT, ABSENT, ABSENT]));

  // Directories: absolute ones under filesRoot (also via Path, os.path.join and BASE_DIR), and
  // relative ones, which resolve against the working directory of the process.
  const root = options.filesRoot;
  const absolute = [
    "media",
    "static",
    "shared",
    "shared/cache",
    "static/cache",
    "media/cache",
    "assets",
    "vendor",
    "vendor/cache",
    "",
    "media/../static",
    "cache/",
  ];
  const relative = ["media", "static", "media/cache", "cache", ".", "static/../media", "./static"];
  const directory = (): string => {
    const roll = random();
    if (roll < 0.2) {
      const path = pick(relative);
      return chance(0.3) ? `Path(${quote(path)})` : quote(path);
    }
    if (roll < 0.27) return `BASE_DIR / ${quote(pick(["static", "media", "static/cache"]))}`;
    const path = pick(absolute);
    const full = path === "" ? root : `${root}/${path}`;
    if (chance(0.2)) return `Path(${quote(full)})`;
    if (chance(0.15) && path !== "") return `os.path.join(${quote(root)}, ${quote(path)})`;
    return quote(full);
  };
  set("MEDIA_ROOT", pick([ABSENT, "''", directory(), directory()]));
  const staticRoot = pick([ABSENT, "None", directory(), directory()]);
  set("STATIC_ROOT", staticRoot);
  if (chance(0.5)) {
    const entries = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
      chance(0.25) ? `('${pick(["vendor", "pfx", "lib"])}', ${directory()})` : directory(),
    );
    // staticfiles.E002: STATIC_ROOT itself among the directories, spelled the same or differently.
    if (staticRoot !== ABSENT && staticRoot !== "None" && chance(0.3))
      entries.splice(
        Math.floor(random() * (entries.length + 1)),
        0,
        chance(0.7) ? staticRoot : `str(${staticRoot})`,
      );
    set("STATICFILES_DIRS", chance(0.8) ? `[${entries.join(", ")}]` : `(${entries.join(", ")},)`);
  }
  if (chance(0.75)) {
    const aliases = chance(0.85) ? ["default"] : [];
    if (chance(0.4)) aliases.push("files");
    if (chance(0.2)) aliases.push("other");
    const backends = aliases.map((alias) => {
      const roll = random();
      if (roll < 0.6)
        return `    '${alias}': {\n        'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache',\n        'LOCATION': ${directory()},\n    },`;
      if (roll < 0.85) return `    '${alias}': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'},`;
      return `    '${alias}': {'BACKEND': 'django.core.cache.backends.dummy.DummyCache', 'LOCATION': ${directory()}},`;
    });
    set("CACHES", `{\n${backends.join("\n")}\n}`);
  }

  set(
    "STATIC_URL",
    pick([
      "'/static/'",
      "'static/'",
      "'/static'",
      "'static'",
      "''",
      "None",
      "'https://cdn.example.com/static'",
      ABSENT,
    ]),
  );
  set(
    "MEDIA_URL",
    pick(["'/media/'", "'media'", "''", ABSENT, ABSENT, "'/media'", "'https://cdn.example.com/media/'"]),
  );
  if (chance(0.25))
    set(
      "CSRF_TRUSTED_ORIGINS",
      pick([
        "['example.com']",
        "['https://example.com']",
        "['https://example.com', 'example.com', '.example.org']",
        "('http://*.example.com',)",
        "[]",
        "os.environ.get('ORACLE_ORIGINS', 'https://a.example.com,b.example.com').split(',')",
      ]),
    );
  if (chance(0.12)) set("DEFAULT_HASHING_ALGORITHM", pick(["'sha256'", "'sha1'", "'md5'"]));
  if (chance(0.2)) {
    const silenced = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
      quote(pick(options.silenceable)),
    );
    set("SILENCED_SYSTEM_CHECKS", `[${silenced.join(", ")}]`);
  }
  return `${lines.join("\n")}\n`;
}

function shuffle<T>(items: T[], random: Random): void {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
}
