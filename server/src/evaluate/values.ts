// The value lattice of ARCHITECTURE.md: what the evaluator knows about a setting's value.
//
// - Known values mirror Python's (str, int, float, bool, None, containers, pathlib.Path).
// - FromEnv: read from the environment, with the default that applies when the variable is unset
//   and the conversion applied to what is read.
// - OneOf: one of several values (an `if` whose condition is not known).
// - Unknown: anything else, with the reason. Checks never guess about an Unknown.
import type { SourceSpan } from "../python/location";
import { pythonStringRepr } from "../python/literals";

interface Base {
  /** The expression the value came from, when it came from one. */
  span?: SourceSpan;
  /**
   * What production must be like for this value to hold, when the engine assumed it: "DJANGO_DEBUG is
   * unset in production", "mysite/local_settings.py does not exist in production".
   */
  assumption?: string;
}

export interface StrValue extends Base {
  kind: "str";
  value: string;
}
export interface IntValue extends Base {
  kind: "int";
  value: number;
}
export interface FloatValue extends Base {
  kind: "float";
  value: number;
}
export interface BoolValue extends Base {
  kind: "bool";
  value: boolean;
}
export interface NoneValue extends Base {
  kind: "none";
}
export interface SequenceValue extends Base {
  kind: "list" | "tuple" | "set";
  items: Value[];
}
export interface DictEntry {
  key: Value;
  value: Value;
}
export interface DictValue extends Base {
  kind: "dict";
  entries: DictEntry[];
}
/** A `pathlib.Path`: its string form, normalised as Python's would be. */
export interface PathValue extends Base {
  kind: "path";
  value: string;
}

/** Which library read the environment; fixes and messages speak its dialect. */
export type EnvReader = "os" | "django-environ" | "decouple";

/**
 * How the text read from the environment is turned into the setting's value. `str` means no
 * conversion at all; `compare` is a comparison with a literal (`os.environ.get("DEBUG") == "1"`).
 */
export type EnvConversion =
  | { kind: "str" }
  | { kind: "bool" }
  | { kind: "int" }
  | { kind: "float" }
  | { kind: "list" }
  | { kind: "tuple" }
  | { kind: "dict" }
  | { kind: "json" }
  | { kind: "db" }
  | { kind: "url" }
  | {
      kind: "compare";
      operator: "==" | "!=" | "in" | "not in";
      operand: Value;
      convertedFirst?: EnvConversion;
    }
  | { kind: "other"; description: string };

export interface FromEnvValue extends Base {
  kind: "env";
  variable: string;
  reader: EnvReader;
  /**
   * What the setting is under the profile's environment assumption: computed from the `.env` value
   * when `setBy` is present, else from the default that applies when the variable is unset (absent
   * when reading an unset variable fails).
   */
  default?: Value;
  /** The `.env` file (and 0-based line) that sets the variable for this profile. */
  setBy?: { file: string; line: number; text: string };
  /** True when the default was written by the user, false when it is the reader's implicit one. */
  explicitDefault: boolean;
  conversion: EnvConversion;
  /** The default expression as written, for fixes that drop or change it. */
  defaultSpan?: SourceSpan;
}

export interface OneOfValue extends Base {
  kind: "oneOf";
  options: Value[];
}

export interface UnknownValue extends Base {
  kind: "unknown";
  reason: string;
}

export type KnownValue =
  StrValue | IntValue | FloatValue | BoolValue | NoneValue | SequenceValue | DictValue | PathValue;

/**
 * Inside a OneOf only: a branch in which the module does not assign the setting. Effective settings
 * replace it with what the setting was before (or Django's default).
 */
export interface UnsetValue extends Base {
  kind: "unset";
}

export type Value = KnownValue | FromEnvValue | OneOfValue | UnknownValue | UnsetValue;

export const str = (value: string, span?: SourceSpan): StrValue => ({ kind: "str", value, span });
export const int = (value: number, span?: SourceSpan): IntValue => ({ kind: "int", value, span });
export const float = (value: number, span?: SourceSpan): FloatValue => ({ kind: "float", value, span });
export const bool = (value: boolean, span?: SourceSpan): BoolValue => ({ kind: "bool", value, span });
export const none = (span?: SourceSpan): NoneValue => ({ kind: "none", span });
export const list = (items: Value[], span?: SourceSpan): SequenceValue => ({ kind: "list", items, span });
export const tuple = (items: Value[], span?: SourceSpan): SequenceValue => ({ kind: "tuple", items, span });
export const dict = (entries: DictEntry[], span?: SourceSpan): DictValue => ({ kind: "dict", entries, span });
export const path = (value: string, span?: SourceSpan): PathValue => ({ kind: "path", value, span });
export const unknown = (reason: string, span?: SourceSpan): UnknownValue => ({
  kind: "unknown",
  reason,
  span,
});

export function isKnown(value: Value): value is KnownValue {
  return value.kind !== "env" && value.kind !== "oneOf" && value.kind !== "unknown" && value.kind !== "unset";
}

export function isSequence(value: Value): value is SequenceValue {
  return value.kind === "list" || value.kind === "tuple" || value.kind === "set";
}

/**
 * The items `count` targets unpack from `value` (`A, B = value`): a sequence's items, or for a value
 * that is one of several sequences of that length, each position's possible items. Undefined when
 * that cannot be known.
 */
export function unpackedItems(value: Value, count: number): Value[] | undefined {
  if (isSequence(value)) return value.items.length === count ? value.items : undefined;
  if (value.kind !== "oneOf") return undefined;
  const options = value.options.map((option) => unpackedItems(option, count));
  if (options.some((items) => items === undefined)) return undefined;
  return Array.from({ length: count }, (_, index) => {
    const choices: Value[] = [];
    for (const items of options as Value[][]) {
      const item = items[index]!;
      for (const choice of item.kind === "oneOf" ? item.options : [item])
        if (!choices.some((known) => known === choice || pythonEquals(known, choice) === true))
          choices.push(choice);
    }
    return choices.length === 1 ? choices[0]! : { kind: "oneOf", options: choices };
  });
}

/**
 * The truth of a condition under the engine's assumption about production: a variable read from the
 * environment is unset (unless the profile's `.env` file sets it), so its default decides; a variable
 * read with no default (which Python would raise for) decides nothing. `assumption` says what was
 * assumed, when anything was.
 */
export function assumedTruth(condition: Value): { truth: boolean | undefined; assumption?: string } {
  if (condition.kind === "env") {
    if (condition.default === undefined) return { truth: undefined };
    const truth = truthiness(condition.default);
    if (truth === undefined || condition.setBy) return { truth };
    return { truth, assumption: `${condition.variable} is unset in production` };
  }
  if (condition.kind === "oneOf") {
    const truths = condition.options.map(assumedTruth);
    const first = truths[0]?.truth;
    if (first === undefined || truths.some((entry) => entry.truth !== first)) return { truth: undefined };
    const assumption = truths.find((entry) => entry.assumption)?.assumption;
    return assumption ? { truth: first, assumption } : { truth: first };
  }
  const truth = truthiness(condition);
  return condition.assumption && truth !== undefined
    ? { truth, assumption: condition.assumption }
    : { truth };
}

/** Python's truthiness of a known value; undefined when it depends on something not known. */
export function truthiness(value: Value): boolean | undefined {
  switch (value.kind) {
    case "str":
      return value.value.length > 0;
    case "int":
    case "float":
      return value.value !== 0;
    case "bool":
      return value.value;
    case "none":
      return false;
    case "list":
    case "tuple":
    case "set":
      return value.items.length > 0;
    case "dict":
      return value.entries.length > 0;
    case "path":
      return true;
    default:
      return undefined;
  }
}

/** Python's `is True`. */
export function isTrueIdentity(value: Value): boolean | undefined {
  if (!isKnown(value)) return undefined;
  return value.kind === "bool" && value.value;
}

/** Python's `==` between two known values; undefined when either side is not known. */
export function pythonEquals(a: Value, b: Value): boolean | undefined {
  if (!isKnown(a) || !isKnown(b)) return undefined;
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  if (a.kind !== b.kind) {
    // A list never equals a tuple in Python.
    return false;
  }
  switch (a.kind) {
    case "str":
    case "path":
      return a.value === (b as StrValue | PathValue).value;
    case "none":
      return true;
    case "list":
    case "tuple":
    case "set": {
      const other = b as SequenceValue;
      if (a.items.length !== other.items.length) return false;
      let all: boolean | undefined = true;
      for (let index = 0; index < a.items.length; index++) {
        const equal = pythonEquals(a.items[index]!, other.items[index]!);
        if (equal === false) return false;
        if (equal === undefined) all = undefined;
      }
      return all;
    }
    case "dict": {
      const other = b as DictValue;
      if (a.entries.length !== other.entries.length) return false;
      for (const entry of a.entries) {
        const match = dictGet(other, entry.key);
        if (match === undefined) return false;
        const equal = pythonEquals(entry.value, match);
        if (equal !== true) return equal;
      }
      return true;
    }
    default:
      return undefined;
  }
}

/** A number, bool's as Python compares it; undefined for other values. */
function numeric(value: KnownValue): number | undefined {
  return value.kind === "int" || value.kind === "float"
    ? value.value
    : value.kind === "bool"
      ? Number(value.value)
      : undefined;
}

/** `d[key]` for a known dict; undefined when the key is absent or cannot be compared. */
export function dictGet(value: Value, key: Value | string): Value | undefined {
  if (value.kind !== "dict") return undefined;
  const wanted = typeof key === "string" ? str(key) : key;
  for (let index = value.entries.length - 1; index >= 0; index--) {
    const entry = value.entries[index]!;
    if (pythonEquals(entry.key, wanted) === true) return entry.value;
  }
  return undefined;
}

/** The string a known `str` or `Path` holds. */
export function stringOf(value: Value | undefined): string | undefined {
  return value && (value.kind === "str" || value.kind === "path") ? value.value : undefined;
}

/** A short Python-like rendering, for messages and hover. */
export function describe(value: Value, depth = 0): string {
  const inner = (v: Value) => describe(v, depth + 1);
  if (depth > 4) return "…";
  switch (value.kind) {
    case "str":
      return pythonStringRepr(value.value);
    case "int":
      return String(value.value);
    case "float":
      return Number.isInteger(value.value) ? `${value.value}.0` : String(value.value);
    case "bool":
      return value.value ? "True" : "False";
    case "none":
      return "None";
    case "list":
      return `[${value.items.map(inner).join(", ")}]`;
    case "tuple":
      return value.items.length === 1
        ? `(${inner(value.items[0]!)},)`
        : `(${value.items.map(inner).join(", ")})`;
    case "set":
      return value.items.length === 0 ? "set()" : `{${value.items.map(inner).join(", ")}}`;
    case "dict":
      return `{${value.entries.map((entry) => `${inner(entry.key)}: ${inner(entry.value)}`).join(", ")}}`;
    case "path":
      return `Path(${pythonStringRepr(value.value)})`;
    case "env": {
      const fallback = value.default ? `, default ${inner(value.default)}` : "";
      return `environment variable ${value.variable}${fallback}`;
    }
    case "oneOf":
      return `one of ${value.options.map(inner).join(" | ")}`;
    case "unknown":
      return `unknown (${value.reason})`;
    case "unset":
      return "not set";
  }
}
