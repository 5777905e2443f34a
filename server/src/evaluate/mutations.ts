// In-place changes of settings: item assignment (`DATABASES["default"]["CONN_MAX_AGE"] = 60`),
// list and dict methods (`.append`, `.insert`, `.extend`, `.remove`, `.update`, …) and augmented
// assignment (`+=`, `|=`).
import type { SourceSpan } from "../python/location";
import type { CallArguments } from "./expressions";
import { asValue, type RuntimeValue } from "./moduleState";
import { setEntry } from "./operators";
import { type DictEntry, isKnown, isSequence, pythonEquals, unknown, type Value } from "./values";

/** Methods that change a list, set or dict in place (the ones mutate() does not follow make it Unknown). */
export const MUTATING_METHODS: ReadonlySet<string> = new Set([
  "append",
  "insert",
  "extend",
  "remove",
  "update",
  "setdefault",
  "pop",
  "clear",
  "add",
  "discard",
  "sort",
  "reverse",
]);

/**
 * Applies an in-place change to every value a name may have: a list that branches built differently
 * is changed in each of them (`MIDDLEWARE.append(…)` after an `if` that appended something else).
 * A list read from the environment (`env_list("HOSTS", "a,b")`) is changed in what it is under the
 * profile's assumption (its default, or what the `.env` file sets) and stays read from the variable.
 * Undefined when the change cannot be followed in one of them.
 */
export function changeEachOption(
  value: RuntimeValue,
  change: (option: RuntimeValue) => RuntimeValue | undefined,
): RuntimeValue | undefined {
  if (value.kind === "env") {
    // Without a default, reading the unset variable fails: there is nothing to change.
    if (value.default === undefined || value.default.kind === "unset") return undefined;
    const changed = changeEachOption(value.default, change);
    if (!changed || changed.kind === "symbol" || changed.kind === "unknown") return undefined;
    return { ...value, conversion: { kind: "other", description: "changed in place" }, default: changed };
  }
  if (value.kind !== "oneOf") return change(value);
  const options: Value[] = [];
  for (const option of value.options) {
    if (option.kind === "unset") return undefined;
    const changed = option.kind === "env" ? changeEachOption(option, change) : change(option);
    if (!changed || changed.kind === "symbol") return undefined;
    if (!options.some((known) => pythonEquals(known, changed) === true)) options.push(changed);
  }
  return options.length === 1 ? options[0]! : { ...value, options };
}

export function getItem(value: RuntimeValue, keys: Value[]): Value | undefined {
  let current: Value | undefined = value.kind === "symbol" ? undefined : value;
  for (const key of keys) {
    if (!current) return undefined;
    if (current.kind === "dict") {
      current = current.entries.find((entry) => pythonEquals(entry.key, key) === true)?.value;
    } else if ((current.kind === "list" || current.kind === "tuple") && key.kind === "int") {
      current = current.items.at(key.value);
    } else {
      return undefined;
    }
  }
  return current;
}

/** A copy of `value` with the item at `keys` replaced; undefined when the path cannot be followed. */
export function setItem(value: RuntimeValue, keys: Value[], item: Value): RuntimeValue | undefined {
  if (keys.length === 0) return item;
  if (value.kind === "symbol") return undefined;
  const [key, ...rest] = keys;
  if (!key || !isKnown(key)) return undefined;
  if (value.kind === "dict") {
    const entries: DictEntry[] = [...value.entries];
    const index = entries.findIndex((entry) => pythonEquals(entry.key, key) === true);
    if (index < 0) {
      if (rest.length > 0) return undefined;
      entries.push({ key, value: item });
    } else {
      const inner = setItem(entries[index]!.value, rest, item);
      if (!inner || inner.kind === "symbol") return undefined;
      entries[index] = { key: entries[index]!.key, value: inner };
    }
    return { ...value, entries };
  }
  if (value.kind === "list" && key.kind === "int") {
    const items = [...value.items];
    const index = key.value < 0 ? items.length + key.value : key.value;
    if (index < 0 || index >= items.length) return undefined;
    const inner = setItem(items[index]!, rest, item);
    if (!inner || inner.kind === "symbol") return undefined;
    items[index] = inner;
    return { ...value, items };
  }
  return undefined;
}

/** `target.method(...)` with a call's evaluated arguments; keywords and `*args` are not followed. */
export function mutateWithCall(
  target: Value,
  method: string,
  args: CallArguments,
  span: SourceSpan,
): Value | undefined {
  return mutate(
    target,
    method,
    args.positional.map((argument) => asValue(argument.value, "argument")),
    args.spread || args.keywords.size > 0,
    span,
  );
}

export function mutate(
  target: Value,
  method: string,
  args: Value[],
  opaque: boolean,
  span: SourceSpan,
): Value | undefined {
  if (opaque) return undefined;
  if (target.kind === "list" || target.kind === "set") {
    const items = [...target.items];
    switch (method) {
      case "append":
      case "add":
        if (args.length !== 1) return undefined;
        items.push(args[0]!);
        break;
      case "insert": {
        const position = args[0];
        if (args.length !== 2 || position?.kind !== "int") return undefined;
        const index =
          position.value < 0
            ? Math.max(0, items.length + position.value)
            : Math.min(position.value, items.length);
        items.splice(index, 0, args[1]!);
        break;
      }
      case "extend": {
        const extra = args[0];
        if (args.length !== 1 || !extra || !isSequence(extra)) return undefined;
        // One by one: spreading a long list into push() overflows the stack past ~100,000 items.
        for (const item of extra.items) items.push(item);
        break;
      }
      case "remove":
      case "discard": {
        const index = items.findIndex((item) => pythonEquals(item, args[0]!) === true);
        if (args.length !== 1 || index < 0) return method === "discard" && index < 0 ? target : undefined;
        items.splice(index, 1);
        break;
      }
      case "clear":
        items.length = 0;
        break;
      case "reverse":
        if (args.length !== 0 || target.kind !== "list") return undefined;
        items.reverse();
        break;
      case "sort": {
        // Strings only, as sorted() does: other items compare in ways the engine does not follow.
        if (args.length !== 0 || target.kind !== "list") return undefined;
        const texts = items.map((item) => (item.kind === "str" ? item.value : undefined));
        if (texts.some((text) => text === undefined)) return undefined;
        const order = (text: string) => Array.from(text, (character) => character.codePointAt(0)!);
        const compare = (a: number[], b: number[]) => {
          for (let index = 0; index < Math.min(a.length, b.length); index++)
            if (a[index] !== b[index]) return a[index]! - b[index]!;
          return a.length - b.length;
        };
        // Python compares code points; a stable sort keeps equal strings in their order, as Python's.
        items.sort((a, b) =>
          compare(order((a as { value: string }).value), order((b as { value: string }).value)),
        );
        break;
      }
      case "pop": {
        // A set pops an item of its own choosing; a position outside the list raises IndexError.
        const position = args.length === 0 ? { kind: "int", value: -1 } : args[0];
        if (target.kind !== "list" || args.length > 1 || position?.kind !== "int") return undefined;
        const index = position.value < 0 ? items.length + position.value : position.value;
        if (index < 0 || index >= items.length) return undefined;
        items.splice(index, 1);
        break;
      }
      default:
        return undefined;
    }
    return { ...target, items, span: target.span ?? span };
  }
  if (target.kind === "dict") {
    const entries = [...target.entries];
    if (method === "update" && args.length === 1 && args[0]!.kind === "dict") {
      for (const entry of args[0]!.entries) setEntry(entries, entry.key, entry.value);
      return { ...target, entries };
    }
    if (method === "pop" && (args.length === 1 || args.length === 2) && isKnown(args[0]!)) {
      // Without a default, a missing key raises KeyError, which the engine does not follow.
      const index = entries.findIndex((entry) => pythonEquals(entry.key, args[0]!) === true);
      if (index < 0) return args.length === 2 ? target : undefined;
      entries.splice(index, 1);
      return { ...target, entries };
    }
    if (method === "setdefault" && args.length === 2 && isKnown(args[0]!)) {
      if (!entries.some((entry) => pythonEquals(entry.key, args[0]!) === true))
        entries.push({ key: args[0]!, value: args[1]! });
      return { ...target, entries };
    }
    return undefined;
  }
  return undefined;
}

export function augmented(operator: string, left: Value, right: Value, span: SourceSpan): Value {
  if (operator === "+" && left.kind === "list" && isSequence(right)) {
    // `list += iterable` extends in place; any iterable works, unlike `list + tuple`.
    return { ...left, items: [...left.items, ...right.items], span: left.span };
  }
  if (operator === "+" && left.kind === "tuple" && right.kind === "tuple")
    return { ...left, items: [...left.items, ...right.items] };
  if (operator === "+" && left.kind === "str" && right.kind === "str")
    return { ...left, value: left.value + right.value };
  if (operator === "+" && left.kind === "int" && right.kind === "int")
    return { ...left, value: left.value + right.value };
  if (operator === "|" && left.kind === "dict" && right.kind === "dict") {
    const entries = [...left.entries];
    for (const entry of right.entries) setEntry(entries, entry.key, entry.value);
    return { ...left, entries };
  }
  return unknown(`${operator}= on a value that is not known`, span);
}
