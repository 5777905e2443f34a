// Python's operators on the value lattice: arithmetic, comparisons, membership, items. Values read
// from the environment carry the operation into their conversion; anything not known stays Unknown.
import { convertEnvValue } from "./environmentReads";
import type { SourceSpan } from "../python/location";
import type { RuntimeValue } from "./moduleState";
import { joinPath } from "./paths";
import {
  bool,
  dict,
  type DictEntry,
  type FromEnvValue,
  isKnown,
  isSequence,
  type KnownValue,
  pythonEquals,
  str,
  unknown,
  type Value,
} from "./values";
import { MAX_STRING_LENGTH, MAX_VALUE_ITEMS } from "./valueBounds";

// Digits grouped by hand: toLocaleString when this module loads made every start of the CLI and the
// server set up ICU's number formatting first, tens of milliseconds.
const grouped = (count: number) => String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const TOO_LONG = `a string longer than ${grouped(MAX_STRING_LENGTH)} characters, too large to follow`;
const TOO_MANY = `a value of more than ${grouped(MAX_VALUE_ITEMS)} items, too large to follow`;

/**
 * A string or number key as text that is the same exactly when Python's `==` is true (True, 1 and
 * 1.0 are one key); undefined for other keys.
 */
function simpleKey(key: Value): string | undefined {
  if (key.kind === "str") return `s${key.value}`;
  // NaN equals nothing, itself included.
  if (key.kind === "int" || key.kind === "float")
    return Number.isNaN(key.value) ? undefined : `n${key.value}`;
  if (key.kind === "bool") return `n${Number(key.value)}`;
  return undefined;
}

/**
 * setEntry for a dict built entry by entry (a literal): string and number keys are found through an
 * index, so a literal of 50,000 entries is not 50,000 searches of the entries before it.
 */
export function entryAdder(entries: DictEntry[]): (key: Value, value: Value) => void {
  const positions = new Map<string, number>();
  entries.forEach((entry, index) => {
    const simple = simpleKey(entry.key);
    if (simple !== undefined && !positions.has(simple)) positions.set(simple, index);
  });
  return (key, value) => {
    const simple = simpleKey(key);
    if (simple === undefined) {
      setEntry(entries, key, value);
      return;
    }
    const existing = positions.get(simple);
    if (existing !== undefined) entries[existing] = { key: entries[existing]!.key, value };
    else {
      positions.set(simple, entries.length);
      entries.push({ key, value });
    }
  };
}

export function setEntry(entries: DictEntry[], key: Value, value: Value): void {
  const existing = entries.findIndex((entry) => pythonEquals(entry.key, key) === true);
  if (existing >= 0) entries[existing] = { key: entries[existing]!.key, value };
  else entries.push({ key, value });
}

/** Python's `str()` of a known value, for f-strings and `str(...)`. */
export function pythonStr(value: Value): string | undefined {
  switch (value.kind) {
    case "str":
    case "path":
      return value.value;
    case "int":
      return String(value.value);
    case "float":
      return Number.isInteger(value.value) ? `${value.value}.0` : String(value.value);
    case "bool":
      return value.value ? "True" : "False";
    case "none":
      return "None";
    default:
      return undefined;
  }
}

export function subscript(target: RuntimeValue, index: Value, span: SourceSpan): Value {
  if (target.kind === "symbol") return unknown(`an item of ${target.qualifiedName}`, span);
  if (target.kind === "dict") {
    if (!isKnown(index)) return unknown("a dict item whose key is not known", span);
    const found = target.entries.find((entry) => pythonEquals(entry.key, index) === true);
    return found ? found.value : unknown("a dict item that is not there", span);
  }
  if ((target.kind === "list" || target.kind === "tuple") && index.kind === "int") {
    const position = index.value < 0 ? target.items.length + index.value : index.value;
    const item = target.items[position];
    return item ?? unknown("an item past the end", span);
  }
  if (target.kind === "str" && index.kind === "int") {
    const char = target.value.at(index.value);
    return char === undefined ? unknown("a character past the end", span) : str(char, span);
  }
  return unknown("an item of a value that is not known", span);
}

/** Python's `target[lower:upper:step]` of a known list, tuple or string, with known int (or None) bounds. */
export function sliceOf(target: Value, lower: Value, upper: Value, step: Value, span: SourceSpan): Value {
  const bound = (value: Value) =>
    value.kind === "none" ? undefined : value.kind === "int" ? value.value : null;
  const [from, to, by] = [bound(lower), bound(upper), bound(step)];
  if (from === null || to === null || by === null || by === 0)
    return unknown("a slice whose bounds are not known", span);
  const items: Value[] | undefined =
    target.kind === "list" || target.kind === "tuple"
      ? target.items
      : target.kind === "str"
        ? [...target.value].map((character) => str(character))
        : undefined;
  if (!items) return unknown("a slice of a value that is not known", span);
  const length = items.length;
  const stepBy = by ?? 1;
  const clamp = (index: number, low: number, high: number) => Math.min(Math.max(index, low), high);
  const resolve = (index: number | undefined, fallback: number, low: number, high: number) =>
    index === undefined ? fallback : clamp(index < 0 ? index + length : index, low, high);
  const picked: Value[] = [];
  if (stepBy > 0) {
    const start = resolve(from, 0, 0, length);
    const end = resolve(to, length, 0, length);
    for (let index = start; index < end; index += stepBy) picked.push(items[index]!);
  } else {
    const start = resolve(from, length - 1, -1, length - 1);
    const end = resolve(to, -1, -1, length - 1);
    for (let index = start; index > end; index += stepBy) picked.push(items[index]!);
  }
  if (target.kind === "str")
    return str(picked.map((character) => (character as { value: string }).value).join(""), span);
  return { kind: target.kind as "list" | "tuple", items: picked, span };
}

export function binaryOperation(operator: string, left: Value, right: Value, span: SourceSpan): Value {
  if (left.kind === "env" || right.kind === "env") {
    const env = (left.kind === "env" ? left : right) as FromEnvValue;
    const other = left.kind === "env" ? right : left;
    const comparison =
      ["==", "!=", "in", "not in"].includes(operator) && left.kind === "env" && isKnown(other);
    const conversion = comparison
      ? {
          kind: "compare" as const,
          operator: operator as "==" | "!=" | "in" | "not in",
          operand: other,
          convertedFirst: env.conversion,
        }
      : { kind: "other" as const, description: `${operator} ${isKnown(other) ? "a literal" : "a value"}` };
    return convertEnvValue(
      env,
      conversion,
      (value) => {
        const result =
          left.kind === "env"
            ? binaryOperation(operator, value, right, span)
            : binaryOperation(operator, left, value, span);
        return isKnown(result) ? result : undefined;
      },
      span,
    );
  }
  if (left.kind === "oneOf" || right.kind === "oneOf") {
    const lefts = left.kind === "oneOf" ? left.options : [left];
    const rights = right.kind === "oneOf" ? right.options : [right];
    if (lefts.length * rights.length > 16) return unknown("too many combinations", span);
    return {
      kind: "oneOf",
      options: lefts.flatMap((l) => rights.map((r) => binaryOperation(operator, l, r, span))),
      span,
    };
  }
  if (!isKnown(left) || !isKnown(right)) {
    const culprit = !isKnown(left) ? left : right;
    return culprit.kind === "unknown"
      ? { ...culprit, span }
      : unknown("an operation on a value that is not known", span);
  }
  switch (operator) {
    case "==":
    case "!=": {
      const equal = pythonEquals(left, right);
      return equal === undefined
        ? unknown("a comparison", span)
        : bool(operator === "==" ? equal : !equal, span);
    }
    case "is":
    case "is not": {
      if (right.kind === "none" || left.kind === "none" || right.kind === "bool" || left.kind === "bool") {
        const same = left.kind === right.kind && pythonEquals(left, right) === true;
        return bool(operator === "is" ? same : !same, span);
      }
      return unknown("an identity comparison", span);
    }
    case "in":
    case "not in": {
      const contained = containment(left, right);
      return contained === undefined
        ? unknown("a membership test", span)
        : bool(operator === "in" ? contained : !contained, span);
    }
    case "+":
      return add(left, right, span);
    case "/":
      if (left.kind === "path" && (right.kind === "str" || right.kind === "path")) {
        return { kind: "path", value: joinPath(left.value, right.value), span };
      }
      if (isNumber(left) && isNumber(right) && right.value !== 0)
        return { kind: "float", value: left.value / right.value, span };
      return unknown("a division", span);
    case "*":
      if (isNumber(left) && isNumber(right)) {
        return {
          kind: left.kind === "int" && right.kind === "int" ? "int" : "float",
          value: left.value * right.value,
          span,
        };
      }
      if ((left.kind === "str" || isSequence(left)) && right.kind === "int")
        return repeat(left, right.value, span);
      return unknown("a multiplication", span);
    case "-":
      if (isNumber(left) && isNumber(right)) {
        return {
          kind: left.kind === "int" && right.kind === "int" ? "int" : "float",
          value: left.value - right.value,
          span,
        };
      }
      return unknown("a subtraction", span);
    case "//":
      if (left.kind === "int" && right.kind === "int" && right.value !== 0)
        return { kind: "int", value: Math.floor(left.value / right.value), span };
      return unknown("a floor division", span);
    case "**":
      if (left.kind === "int" && right.kind === "int" && right.value >= 0)
        return { kind: "int", value: left.value ** right.value, span };
      return unknown("a power", span);
    case "|":
      if (left.kind === "dict" && right.kind === "dict") {
        const entries = [...left.entries];
        for (const entry of right.entries) setEntry(entries, entry.key, entry.value);
        return dict(entries, span);
      }
      return unknown("a union", span);
    case "%":
      if (left.kind === "str") {
        const text = percentFormat(left.value, right.kind === "tuple" ? right.items : [right]);
        return text === undefined ? unknown("a % format the engine does not follow", span) : str(text, span);
      }
      if (left.kind === "int" && right.kind === "int" && right.value !== 0)
        return { kind: "int", value: ((left.value % right.value) + right.value) % right.value, span };
      return unknown("the % operator", span);
    case "<":
    case "<=":
    case ">":
    case ">=":
      if (isNumber(left) && isNumber(right)) {
        const a = left.value;
        const b = right.value;
        const result =
          operator === "<" ? a < b : operator === "<=" ? a <= b : operator === ">" ? a > b : a >= b;
        return bool(result, span);
      }
      return unknown("an ordering comparison", span);
    default:
      return unknown(`the ${operator} operator`, span);
  }
}

/**
 * printf-style `"environments/%s.py" % name`: `%s` of strings and numbers, `%d` of integers, `%%`;
 * undefined for anything else (flags, widths, `%(name)s`, containers) or a count that does not match.
 */
function percentFormat(template: string, values: Value[]): string | undefined {
  let next = 0;
  let failed = false;
  let length = template.length;
  const result = template.replace(/%(.)/gs, (match, conversion: string) => {
    if (conversion === "%") return "%";
    const value = values[next++];
    if (!value) return ((failed = true), "");
    if (
      (conversion === "s" && (value.kind === "str" || value.kind === "int")) ||
      (conversion === "d" && value.kind === "int")
    ) {
      const text = String(value.value);
      length += text.length;
      // Too long a result is not followed ("%s%s%s…" of a long string would not fit in memory).
      if (length > MAX_STRING_LENGTH) return ((failed = true), "");
      return text;
    }
    failed = true;
    return match;
  });
  return failed || next !== values.length || /%$/.test(template.replace(/%%/g, "")) ? undefined : result;
}

function isNumber(value: Value): value is KnownValue & { kind: "int" | "float" | "bool"; value: number } {
  return value.kind === "int" || value.kind === "float";
}

function add(left: KnownValue, right: KnownValue, span: SourceSpan): Value {
  if (left.kind === "str" && right.kind === "str") {
    if (left.value.length + right.value.length > MAX_STRING_LENGTH) return unknown(TOO_LONG, span);
    return str(left.value + right.value, span);
  }
  if (isNumber(left) && isNumber(right)) {
    return {
      kind: left.kind === "int" && right.kind === "int" ? "int" : "float",
      value: left.value + right.value,
      span,
    };
  }
  if ((left.kind === "list" && right.kind === "list") || (left.kind === "tuple" && right.kind === "tuple")) {
    if (left.items.length + right.items.length > MAX_VALUE_ITEMS) return unknown(TOO_MANY, span);
    return { kind: left.kind, items: [...left.items, ...right.items], span };
  }
  return unknown(`adds a ${right.kind} to a ${left.kind}`, span);
}

function repeat(value: KnownValue, times: number, span: SourceSpan): Value {
  if (times > 10_000) return unknown("a very long repetition", span);
  // Checked before repeating: the result would be built whole before any bound could look at it.
  if (value.kind === "str") {
    if (value.value.length * times > MAX_STRING_LENGTH) return unknown(TOO_LONG, span);
    return str(value.value.repeat(Math.max(0, times)), span);
  }
  if (isSequence(value) && value.items.length * times > MAX_VALUE_ITEMS) return unknown(TOO_MANY, span);
  if (isSequence(value))
    return {
      kind: value.kind,
      items: Array.from({ length: Math.max(0, times) }, () => value.items).flat(),
      span,
    };
  return unknown("a repetition", span);
}

function containment(item: KnownValue, container: KnownValue): boolean | undefined {
  if (container.kind === "str") return item.kind === "str" ? container.value.includes(item.value) : undefined;
  if (isSequence(container)) {
    let undecided = false;
    for (const candidate of container.items) {
      const equal = pythonEquals(item, candidate);
      if (equal === true) return true;
      if (equal === undefined) undecided = true;
    }
    return undecided ? undefined : false;
  }
  if (container.kind === "dict") {
    let undecided = false;
    for (const entry of container.entries) {
      const equal = pythonEquals(item, entry.key);
      if (equal === true) return true;
      if (equal === undefined) undecided = true;
    }
    return undecided ? undefined : false;
  }
  return undefined;
}
