// Three-valued reasoning over settings, shared by Django's own checks: a predicate is decided only
// when it has the same answer for every value a setting may have in production. Django's tests are
// mirrored exactly: `in` is Python's membership (plain string equality for list items, so a subclass
// path does not count), `is True` is identity, and truthiness is Python's.
import { possibleValues, type CheckContext } from "./context";
import type { DjangoVersion } from "../django/versions";
import { inVersionRange } from "../django/versions";
import { isKnown, isTrueIdentity, truthiness, type KnownValue, type Value } from "../evaluate/values";

/** true or false when `predicate` gives that answer for every possible value; otherwise undefined. */
export function decide(
  value: Value,
  predicate: (value: KnownValue) => boolean | undefined,
): boolean | undefined {
  const values = possibleValues(value);
  if (!values || values.length === 0) return undefined;
  let answer: boolean | undefined;
  for (const candidate of values) {
    const result = predicate(candidate);
    if (result === undefined) return undefined;
    if (answer === undefined) answer = result;
    else if (answer !== result) return undefined;
  }
  return answer;
}

/** The one value a setting (or an item of one) has in production, when there is exactly one. */
export function singleValue(value: Value): KnownValue | undefined {
  if (isKnown(value)) return value;
  const values = possibleValues(value);
  return values && values.length === 1 ? values[0] : undefined;
}

/**
 * Python's `needle in container` for a string needle: item equality for sequences, key equality
 * for dicts, substring for strings; undefined when an item that could match is not known, or when
 * Python would raise (`in None`).
 */
export function containsString(container: KnownValue, needle: string): boolean | undefined {
  switch (container.kind) {
    case "str":
      return container.value.includes(needle);
    case "list":
    case "tuple":
    case "set":
      return anyEquals(container.items, needle);
    case "dict":
      return anyEquals(
        container.entries.map((entry) => entry.key),
        needle,
      );
    default:
      return undefined;
  }
}

function anyEquals(items: Value[], needle: string): boolean | undefined {
  let unsure = false;
  for (const item of items) {
    const known = singleValue(item);
    if (!known) {
      unsure = true;
      continue;
    }
    if (known.kind === "str" && known.value === needle) return true;
  }
  return unsure ? undefined : false;
}

/** Whether a setting holds the exact dotted path, for every possible value. */
export function settingContains(context: CheckContext, name: string, needle: string): boolean | undefined {
  return decide(context.settings.get(name).value, (value) => containsString(value, needle));
}

export {
  COMMON_MIDDLEWARE,
  CSRF_MIDDLEWARE,
  SECURITY_MIDDLEWARE,
  SESSION_MIDDLEWARE,
  SESSIONS_APP,
  XFRAME_MIDDLEWARE,
} from "../django/components";

/** `'<path>' in settings.MIDDLEWARE`. */
export function hasMiddleware(context: CheckContext, path: string): boolean | undefined {
  return settingContains(context, "MIDDLEWARE", path);
}

/** The setting is truthy, for every possible value. */
export function isTruthy(context: CheckContext, name: string): boolean | undefined {
  return decide(context.settings.get(name).value, truthiness);
}

/** `settings.NAME is True`, for every possible value. */
export function isTrue(context: CheckContext, name: string): boolean | undefined {
  return decide(context.settings.get(name).value, isTrueIdentity);
}

/** `settings.NAME is None`, for every possible value. */
export function isNone(context: CheckContext, name: string): boolean | undefined {
  return decide(context.settings.get(name).value, (value) => value.kind === "none");
}

/**
 * Whether a cookie flag counts as "not set" for the session and CSRF checks: falsy on 3.2 and 4.0,
 * anything but `True` itself from 4.1 (so `1` passes before 4.1 and fails from it).
 */
export function cookieFlagNotSet(context: CheckContext, name: string): boolean | undefined {
  return decide(context.settings.get(name).value, (value) => flagNotSet(value, context.djangoVersion));
}

export function flagNotSet(value: KnownValue, version: DjangoVersion): boolean | undefined {
  if (inVersionRange(version, "4.1")) return isTrueIdentity(value) === false;
  const truthy = truthiness(value);
  return truthy === undefined ? undefined : !truthy;
}

/** The characters Python's `str.isspace()` accepts, which `str.strip()` removes. */
const PYTHON_WHITE_SPACE = new Set(
  [9, 10, 11, 12, 13, 28, 29, 30, 31, 32, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]
    .concat(Array.from({ length: 11 }, (_, index) => 0x2000 + index))
    .map((code) => String.fromCharCode(code)),
);

/** Python's `str.strip()` with no argument: its own set of white-space characters. */
export function pythonStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PYTHON_WHITE_SPACE.has(text[start]!)) start++;
  while (end > start && PYTHON_WHITE_SPACE.has(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/** Whether Python could hash the value (what `set(...)` and `in {…}` need); undefined when not known. */
export function isHashable(value: Value): boolean | undefined {
  const known = singleValue(value);
  if (!known) return undefined;
  switch (known.kind) {
    case "list":
    case "set":
    case "dict":
      return false;
    case "tuple": {
      let all: boolean | undefined = true;
      for (const item of known.items) {
        const hashable = isHashable(item);
        if (hashable === false) return false;
        if (hashable === undefined) all = undefined;
      }
      return all;
    }
    default:
      return true;
  }
}
