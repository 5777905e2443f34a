// Size bounds of the value lattice (values.ts): how many items, how long a string and how deep a
// nesting a value may reach before the engine stops following it. Kept apart from the lattice
// itself, which says what a value is; this says how much of one is followed.
//
// Python code can build values far larger than anything a setting holds: `HOSTS = HOSTS + HOSTS`
// forty times is a list of a trillion items, `X = [X]` a thousand times a list nested a thousand
// deep. Following them would exhaust memory (V8 stops the process with a fatal error no handler can
// catch) or the stack. Past these bounds a value is Unknown, "too large to follow".
import { type DictEntry, unknown, type UnknownValue, type Value } from "./values";

/** The most items (counted through nested containers, each scalar one) a value may hold. */
export const MAX_VALUE_ITEMS = 100_000;
/** The longest string followed, in UTF-16 code units. */
export const MAX_STRING_LENGTH = 1_000_000;
/** The deepest nesting of containers (and of values read from the environment or one of several). */
export const MAX_VALUE_DEPTH = 100;

interface Measure {
  items: number;
  depth: number;
}

/**
 * Where a container's measure is kept: on its array of items (entries, options), which the copies
 * that give a value another place (`{ ...value, span }`) share, as a property no one else sees (not
 * enumerable, so equality in tests and JSON ignore it). Values and their arrays are never changed once
 * built, so a measure stays right. (A WeakMap did the same, but each entry cost more than the measure,
 * and the collector's work on a map of thousands of entries was a tenth of an evaluation.)
 */
const MEASURE = Symbol("measure");

interface Measured {
  [MEASURE]?: Measure;
}

/**
 * Arrays of at most this many items, none of them a container, are measured again each time rather
 * than given a measure: counting a few scalars costs less than keeping the count.
 */
const FLAT_UNCACHED = 16;

const TOO_DEEP: Measure = { items: 0, depth: Number.POSITIVE_INFINITY };
const SCALAR: Measure = { items: 1, depth: 0 };

/** Whether a value holds other values (whose sizes add to its own). */
function hasParts(value: Value): boolean {
  return (
    value.kind === "list" ||
    value.kind === "tuple" ||
    value.kind === "set" ||
    value.kind === "dict" ||
    value.kind === "oneOf" ||
    (value.kind === "env" && value.default !== undefined)
  );
}

/**
 * Items and depth of a value, stopping early once a bound is passed (the counts are then only
 * known to be too large). Values that share parts (`X = [X, X]`) count each part every time it
 * appears, as Python's value would hold it, but each distinct part is measured once.
 */
function measure(value: Value, level: number): Measure {
  switch (value.kind) {
    case "list":
    case "tuple":
    case "set":
      return measureItems(value.items, level);
    case "dict":
      return measureEntries(value.entries, level);
    case "oneOf":
      return measureItems(value.options, level);
    case "env": {
      // A value read from the environment is one item more than its default, one level deeper; it
      // is copied too often for a kept measure to be found again, and its default keeps its own.
      if (value.default === undefined) return SCALAR;
      if (level > MAX_VALUE_DEPTH) return TOO_DEEP;
      const inner = hasParts(value.default) ? measure(value.default, level + 1) : SCALAR;
      return { items: 1 + inner.items, depth: inner.depth + 1 };
    }
    default:
      return SCALAR;
  }
}

function measureItems(items: readonly Value[], level: number): Measure {
  const known = (items as Measured)[MEASURE];
  if (known) return known;
  if (level > MAX_VALUE_DEPTH) return TOO_DEEP;
  let count = 1;
  let depth = 0;
  let flat = true;
  for (const item of items) {
    // A scalar is one item, nothing deeper, and has no measure of its own.
    let inner = SCALAR;
    if (hasParts(item)) {
      inner = measure(item, level + 1);
      flat = false;
    }
    count += inner.items;
    if (inner.depth + 1 > depth) depth = inner.depth + 1;
    if (count > MAX_VALUE_ITEMS || depth > MAX_VALUE_DEPTH) break;
  }
  const result = { items: count, depth };
  if (!flat || items.length > FLAT_UNCACHED) remember(items, result);
  return result;
}

/** A dict's measure: its keys and values, in that order, as items. */
function measureEntries(entries: readonly DictEntry[], level: number): Measure {
  const known = (entries as Measured)[MEASURE];
  if (known) return known;
  if (level > MAX_VALUE_DEPTH) return TOO_DEEP;
  let count = 1;
  let depth = 0;
  let flat = true;
  for (const entry of entries) {
    for (let side = 0; side < 2; side++) {
      const part = side === 0 ? entry.key : entry.value;
      let inner = SCALAR;
      if (hasParts(part)) {
        inner = measure(part, level + 1);
        flat = false;
      }
      count += inner.items;
      if (inner.depth + 1 > depth) depth = inner.depth + 1;
      if (count > MAX_VALUE_ITEMS || depth > MAX_VALUE_DEPTH) break;
    }
    if (count > MAX_VALUE_ITEMS || depth > MAX_VALUE_DEPTH) break;
  }
  const result = { items: count, depth };
  if (!flat || entries.length * 2 > FLAT_UNCACHED) remember(entries, result);
  return result;
}

function remember(parts: object, result: Measure): void {
  if (Object.isExtensible(parts)) Object.defineProperty(parts, MEASURE, { value: result });
}

/** Why a value is too large to follow, or undefined when it is within the bounds. */
export function tooLarge(value: Value): string | undefined {
  if ((value.kind === "str" || value.kind === "path") && value.value.length > MAX_STRING_LENGTH)
    return `a string longer than ${MAX_STRING_LENGTH.toLocaleString("en")} characters, too large to follow`;
  if (value.kind !== "list" && value.kind !== "tuple" && value.kind !== "set" && value.kind !== "dict") {
    if (value.kind !== "oneOf" && value.kind !== "env") return undefined;
  }
  const { items, depth } = measure(value, 0);
  if (depth > MAX_VALUE_DEPTH)
    return `a value nested more than ${MAX_VALUE_DEPTH} levels deep, too deep to follow`;
  if (items > MAX_VALUE_ITEMS)
    return `a value of more than ${MAX_VALUE_ITEMS.toLocaleString("en")} items, too large to follow`;
  return undefined;
}

/** The value itself when within the bounds, else Unknown with the reason (at the value's place). */
export function bounded<T extends { kind: string }>(value: T): T | UnknownValue {
  if (value.kind === "symbol" || value.kind === "unknown") return value;
  const reason = tooLarge(value as unknown as Value);
  return reason === undefined ? value : unknown(reason, (value as unknown as Value).span);
}
