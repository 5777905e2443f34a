// Facts about Django and the libraries settings modules read the environment with, that the
// evaluator and the checks must agree on: how each library turns a string into a boolean, and the
// constants of Django's CSP support.

/** django-environ's `Env.BOOLEAN_TRUE_STRINGS`: any other string is false. */
export const DJANGO_ENVIRON_TRUE = ["true", "on", "ok", "y", "yes", "1"] as const;

/** python-decouple's `Config._BOOLEANS`: strings outside both lists make the cast fail. */
export const DECOUPLE_TRUE = ["1", "yes", "true", "on", "y", "t"] as const;
export const DECOUPLE_FALSE = ["0", "no", "false", "off", "n", "f", ""] as const;

/** What django-environ's `env.bool()` makes of a set variable. */
export function djangoEnvironBool(text: string): boolean {
  return (DJANGO_ENVIRON_TRUE as readonly string[]).includes(text.trim().toLowerCase());
}

/** What python-decouple's `cast=bool` makes of a string; undefined when it raises ValueError. */
export function decoupleBool(text: string): boolean | undefined {
  const lowered = text.toLowerCase();
  if ((DECOUPLE_TRUE as readonly string[]).includes(lowered)) return true;
  if ((DECOUPLE_FALSE as readonly string[]).includes(lowered)) return false;
  return undefined;
}

/**
 * What `django.utils.csp.CSP.NONCE` is (Django 6.0+): a sentinel the CSP middleware replaces with the
 * request's nonce. The evaluator gives the constant this value; security.W027 looks for it.
 */
export const CSP_NONCE = "<CSP_NONCE_SENTINEL>";

/** Django 6.0's `django.utils.csp.CSP` source keywords, as settings use them. */
export const CSP_CONSTANTS: Record<string, string> = {
  NONCE: CSP_NONCE,
  NONE: "'none'",
  REPORT_SAMPLE: "'report-sample'",
  SELF: "'self'",
  STRICT_DYNAMIC: "'strict-dynamic'",
  UNSAFE_EVAL: "'unsafe-eval'",
  UNSAFE_HASHES: "'unsafe-hashes'",
  UNSAFE_INLINE: "'unsafe-inline'",
  WASM_UNSAFE_EVAL: "'wasm-unsafe-eval'",
};
