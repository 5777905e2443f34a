// What may be shown of a value, and what is hidden. Every text the tool prints (diagnostics, hover,
// the CLI's text, JSON and SARIF, the log, the comparison with Django) renders values through this
// file, so that a secret never reaches an editor's screen, a build log or a SARIF upload. The rule,
// in docs/architecture.md ("Secrets"):
//
// - A value under a secret-like name is hidden, whatever it is: a setting, a dict key or an
//   environment variable whose name contains PASSWORD, PASSWD, SECRET, TOKEN, API_KEY, PRIVATE_KEY,
//   CREDENTIAL, a PASS or PWD word, or ends in KEY (SECRET_KEY and every SECRET_KEY_FALLBACKS item,
//   DATABASES[...]['PASSWORD'], EMAIL_HOST_PASSWORD, AWS_SECRET_ACCESS_KEY). Django's own settings
//   that are about passwords without holding one (PASSWORD_HASHERS, AUTH_PASSWORD_VALIDATORS, ...)
//   are not secret-like. Only an empty string, None and a boolean are shown under such a name: they
//   say the secret is missing, which is what a finding needs.
// - A URL's password is masked wherever the URL appears: `postgres://user:****@host/db`.
// - A value read from a `.env` file or another deployment file is shown only when it has a harmless
//   shape: a boolean word, a number, or a list of host names, URLs, paths, dotted names and plain
//   words with no piece that looks generated (see looksGenerated). Anything else is hidden; the
//   variable's name and the file that sets it are always shown.
import { describe, type Value } from "../evaluate/values";

/** What a hidden value is rendered as. */
export const HIDDEN = "<hidden>";

/** What a URL's hidden password is rendered as, the convention of database tools. */
export const HIDDEN_PASSWORD = "****";

/** Words that make a name secret-like anywhere in it (case-insensitive). */
const SECRET_WORDS =
  /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|(?:^|_)(?:PASS|PWD)(?:_|$)|(?:^|_)KEY$/i;

/** Django settings whose names mention passwords but which hold none. */
const NOT_SECRET_SETTINGS: ReadonlySet<string> = new Set([
  "AUTH_PASSWORD_VALIDATORS",
  "PASSWORD_HASHERS",
  "PASSWORD_RESET_TIMEOUT",
  "PASSWORD_RESET_TIMEOUT_DAYS",
]);

/** Whether a setting, dict key or environment variable called `name` holds a secret. */
export function isSecretName(name: string): boolean {
  return !NOT_SECRET_SETTINGS.has(name) && SECRET_WORDS.test(name);
}

/**
 * The password of each URL in `text` (`scheme://user:password@host`) replaced by `****`. The
 * password runs to the last `@` before the path, as Python's urllib reads it (`p@ss` unencoded).
 */
export function maskUrlCredentials(text: string): string {
  return text.replace(
    /\b([A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s:@/?#'"]*):([^\s/?#'"]*)@/g,
    (match, userAndScheme: string, password: string) =>
      password === "" ? match : `${userAndScheme}:${HIDDEN_PASSWORD}@`,
  );
}

const BOOLEAN_WORD = /^(?:true|false|yes|no|on|off|ok|y|n|t|f|none|null)$/i;
const NUMBER = /^[-+]?\d{1,15}(?:\.\d{1,15})?$/;
/** Characters of host names, URLs without a query, paths, dotted names and plain words. */
const PLAIN_ITEM = /^[A-Za-z0-9._:/@*[\]<>-]+$/;

/**
 * Whether a piece of a text (between dots, slashes, colons, `@`) looks generated, as keys, tokens
 * and passwords are: digits mixed with letters beyond the length of a short word, all of lower case,
 * upper case and digits, a long run of digits, a very long word, or letters switching case the way
 * random text does (`wJalrXUtnFEMI`), which camel-cased names (`ManifestStaticFilesStorage`) do not.
 */
function looksGenerated(piece: string): boolean {
  const digits = /[0-9]/.test(piece);
  const letters = /[A-Za-z]/.test(piece);
  if (digits && letters && piece.length >= 12) return true;
  if (digits && /[a-z]/.test(piece) && /[A-Z]/.test(piece) && piece.length >= 8) return true;
  return piece.split(/[-_]+/).some((word) => {
    if (/^[0-9]+$/.test(word)) return word.length >= 16;
    if (word.length >= 40) return true;
    const parts = word.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [];
    return word.length >= 8 && parts.filter((part) => part.length <= 2).length >= 2;
  });
}

/** A host name, a URL without a query (its password masked before), a path, a dotted name, a word. */
function isHarmlessItem(item: string): boolean {
  if (!PLAIN_ITEM.test(item)) return false;
  // A URL's user name counts too: a DSN's key is its user name.
  return item.split(/[.:/@[\]<>]+/).every((piece) => !looksGenerated(piece));
}

/**
 * Whether a text read from the environment has a shape that holds no secret: a boolean word, a
 * number, or items (separated by commas or spaces) that are host names, URLs without a query,
 * paths, dotted names or plain words, none looking generated. `DEBUG=False`,
 * `ALLOWED_HOSTS=example.com,.example.org`, `DJANGO_LOG_LEVEL=INFO` are shown; a key, a token or a
 * password is not.
 */
export function isHarmlessEnvironmentText(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === "" || BOOLEAN_WORD.test(trimmed) || NUMBER.test(trimmed)) return true;
  return trimmed.split(/[\s,;]+/).every((item) => item === "" || isHarmlessItem(item));
}

/** Where a text comes from, which decides whether it may be shown. */
interface Scope {
  /** Under a secret-like name (of the setting, a dict key or the variable read). */
  secret: boolean;
  /** Read from a `.env` file or another deployment file. */
  fromEnvironment: boolean;
}

/**
 * THE masking rule: the text that may be shown of a string, or undefined when it is hidden. URLs
 * lose their password; under a secret-like name only an empty string shows; a text read from the
 * environment shows only when its shape is harmless.
 */
export function shownText(text: string, scope: Scope): string | undefined {
  if (scope.secret) return text === "" ? text : undefined;
  const masked = maskUrlCredentials(text);
  if (scope.fromEnvironment && !isHarmlessEnvironmentText(masked)) return undefined;
  return masked;
}

/**
 * A short Python-like rendering of a value for messages and hover (evaluate/values.ts's `describe`)
 * with every secret hidden. `names` are the names the value is under: the setting's, the variable's.
 */
export function describeValue(value: Value, ...names: string[]): string {
  return render(value, { secret: names.some(isSecretName), fromEnvironment: false }, 0);
}

function render(value: Value, scope: Scope, depth: number, environmentText?: string): string {
  const inner = (item: Value, itemScope: Scope = scope) =>
    render(item, itemScope, depth + 1, environmentText);
  if (depth > 4) return "…";
  switch (value.kind) {
    case "str":
    case "path": {
      const shown = shownText(value.value, scope);
      return shown === undefined ? HIDDEN : describe({ ...value, value: shown });
    }
    case "int":
    case "float":
      return scope.secret ? HIDDEN : describe(value);
    case "bool":
    case "none":
    case "unset":
      return describe(value);
    case "list":
      return `[${value.items.map((item) => inner(item)).join(", ")}]`;
    case "tuple":
      return value.items.length === 1
        ? `(${inner(value.items[0]!)},)`
        : `(${value.items.map((item) => inner(item)).join(", ")})`;
    case "set":
      return value.items.length === 0 ? "set()" : `{${value.items.map((item) => inner(item)).join(", ")}}`;
    case "dict":
      return `{${value.entries
        .map((entry) => {
          const key = entry.key.kind === "str" ? entry.key.value : undefined;
          const secret = scope.secret || (key !== undefined && isSecretName(key));
          return `${inner(entry.key, { ...scope, secret: false })}: ${inner(entry.value, { ...scope, secret })}`;
        })
        .join(", ")}}`;
    case "env": {
      const variableScope: Scope = {
        secret: scope.secret || isSecretName(value.variable),
        fromEnvironment: scope.fromEnvironment || value.setBy !== undefined,
      };
      const fallback = value.default
        ? `, default ${render(value.default, variableScope, depth + 1, value.setBy?.text ?? environmentText)}`
        : "";
      return `environment variable ${value.variable}${fallback}`;
    }
    case "oneOf":
      return `one of ${value.options.map((option) => inner(option)).join(" | ")}`;
    case "unknown":
      return `unknown (${maskEnvironmentText(value.reason, environmentText, scope)})`;
  }
}

/**
 * A reason or message that may quote a text read from the environment (a conversion that failed on
 * it): the text hidden unless it may be shown, and URL passwords masked.
 */
function maskEnvironmentText(message: string, text: string | undefined, scope: Scope): string {
  const masked = maskUrlCredentials(message);
  if (text === undefined || text === "" || shownText(text, { ...scope, fromEnvironment: true }) !== undefined)
    return masked;
  return masked.split(text).join(HIDDEN).split(maskUrlCredentials(text)).join(HIDDEN);
}

/**
 * The text a `.env` (or deployment) file sets a variable to, as it may be shown (URL passwords
 * masked), or undefined when it is hidden. `settingName` is the setting that reads it, when known.
 */
export function shownEnvironmentText(
  variable: string,
  text: string,
  settingName?: string,
): string | undefined {
  return shownText(text, {
    secret: isSecretName(variable) || (settingName !== undefined && isSecretName(settingName)),
    fromEnvironment: true,
  });
}

/**
 * Words that say where a variable's value came from, without the value when it is hidden:
 * "set to 'False' in .env.production" or "set in .env.production (value hidden)".
 */
export function environmentSetText(
  setBy: { file: string; text: string },
  variable: string,
  settingName?: string,
): string {
  const shown = shownEnvironmentText(variable, setBy.text, settingName);
  return shown === undefined ? `set in ${setBy.file} (value hidden)` : `set to '${shown}' in ${setBy.file}`;
}

/**
 * A text the tool did not write (Django's output, an exception's message) with URL passwords masked
 * and every value of `environment` (the variables a `.env` file sets) that may not be shown hidden.
 */
export function maskFreeText(text: string, environment: Iterable<[string, string]> = []): string {
  let masked = maskUrlCredentials(text);
  const hidden = [...environment]
    .filter(([variable, value]) => value.length >= 4 && shownEnvironmentText(variable, value) === undefined)
    .map(([, value]) => value)
    // The longest first, so that a value containing another is hidden whole.
    .sort((a, b) => b.length - a.length);
  for (const value of hidden)
    masked = masked.split(value).join(HIDDEN).split(maskUrlCredentials(value)).join(HIDDEN);
  return masked;
}
