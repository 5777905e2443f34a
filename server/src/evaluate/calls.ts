// Calls the evaluator follows: the environment readers, `pathlib.Path` and `os.path`, Python's
// conversion builtins, and methods of known strings, paths and dicts (and of environment reads,
// which record the call as a conversion).
import { callEnvironmentReader, convertEnvValue, describeCallee } from "./environmentReads";
import type { CallArguments, Environment } from "./expressions";
import type { SourceSpan } from "../python/location";
import { asValue, type RuntimeValue, type SymbolValue } from "./moduleState";
import { pythonStr, setEntry } from "./operators";
import { joinPath, normalisePath, parentPath } from "./paths";
import type { SourceFile } from "../python/sourceFile";
import {
  bool,
  dict,
  type DictEntry,
  type EnvConversion,
  type FromEnvValue,
  isKnown,
  isSequence,
  none,
  pythonEquals,
  str,
  truthiness,
  unknown,
  type Value,
} from "./values";
import { MAX_STRING_LENGTH } from "./valueBounds";

export const symbol = (qualifiedName: string): SymbolValue => ({ kind: "symbol", qualifiedName });

/** Methods of known values (`"a,b".split(",")`, `Path.resolve()`) and of values read from the environment. */
export function methodCall(
  receiver: RuntimeValue,
  method: string,
  args: CallArguments,
  span: SourceSpan,
): RuntimeValue {
  if (receiver.kind === "symbol") return unknown(`calls ${method} on ${receiver.qualifiedName}`, span);
  // A method of a value that is not known: the value's own reason says why.
  if (receiver.kind === "unknown") return { ...receiver, span };
  const firstArgument = args.positional[0] ? asValue(args.positional[0].value, "argument") : undefined;
  const apply = (value: Value): Value | undefined => {
    const result = knownMethod(value, method, firstArgument, args, span);
    return result && isKnown(result) ? result : undefined;
  };
  if (receiver.kind === "env") {
    // Case and white-space changes keep a string a string: such a value still needs converting.
    const keepsString =
      ["lower", "upper", "strip", "casefold"].includes(method) && receiver.conversion.kind === "str";
    const conversion: EnvConversion =
      method === "split"
        ? { kind: "list" }
        : keepsString
          ? { kind: "str" }
          : { kind: "other", description: `.${method}()` };
    return convertEnvValue(receiver, conversion, apply, span);
  }
  // A known string's method applied to a value read from the environment (`"{0}.py".format(ENV)`,
  // `",".join(…)`): the result is read from the environment too, its default computed.
  const environmentArgument = args.positional.findIndex((argument) => argument.value.kind === "env");
  if (
    environmentArgument >= 0 &&
    args.positional.filter((argument) => argument.value.kind === "env").length === 1
  ) {
    const env = args.positional[environmentArgument]!.value as FromEnvValue;
    return convertEnvValue(
      env,
      { kind: "other", description: `.${method}()` },
      (value) => {
        const positional = args.positional.map((argument, index) =>
          index === environmentArgument ? { ...argument, value } : argument,
        );
        const result = knownMethod(receiver, method, index0(positional), { ...args, positional }, span);
        return result && isKnown(result) ? result : undefined;
      },
      span,
    );
  }
  const result = knownMethod(receiver, method, firstArgument, args, span);
  return result ?? unknown(`calls .${method}()`, span);
}

function index0(positional: CallArguments["positional"]): Value | undefined {
  return positional[0] ? asValue(positional[0].value, "argument") : undefined;
}

function knownMethod(
  value: Value,
  method: string,
  argument: Value | undefined,
  args: CallArguments,
  span: SourceSpan,
): Value | undefined {
  if (value.kind === "str") {
    switch (method) {
      case "lower":
      case "casefold":
        return str(value.value.toLowerCase(), span);
      case "upper":
        return str(value.value.toUpperCase(), span);
      case "strip":
        return argument ? undefined : str(value.value.trim(), span);
      case "split": {
        if (argument === undefined || argument.kind === "none") {
          const pieces = value.value.split(/\s+/).filter((piece) => piece.length > 0);
          return { kind: "list", items: pieces.map((piece) => str(piece)), span };
        }
        if (argument.kind === "str" && argument.value.length > 0 && args.positional.length === 1) {
          return { kind: "list", items: value.value.split(argument.value).map((piece) => str(piece)), span };
        }
        return undefined;
      }
      case "lstrip":
        return argument ? undefined : str(value.value.trimStart(), span);
      case "rstrip":
        return argument ? undefined : str(value.value.trimEnd(), span);
      case "replace": {
        const replacement = args.positional[1]?.value;
        if (argument?.kind !== "str" || replacement?.kind !== "str" || args.positional.length !== 2)
          return undefined;
        const pieces = value.value.split(argument.value);
        // Measured before joining: a long replacement of a frequent piece multiplies the length.
        const length =
          value.value.length + (pieces.length - 1) * (replacement.value.length - argument.value.length);
        return length > MAX_STRING_LENGTH ? tooLong(span) : str(pieces.join(replacement.value), span);
      }
      case "join": {
        if (!argument || !isSequence(argument)) return undefined;
        const parts = argument.items.map((item) => (item.kind === "str" ? item.value : undefined));
        if (!parts.every((part) => part !== undefined)) return undefined;
        let length = value.value.length * Math.max(0, parts.length - 1);
        for (const part of parts) length += part.length;
        return length > MAX_STRING_LENGTH ? tooLong(span) : str(parts.join(value.value), span);
      }
      case "index":
      case "find": {
        if (argument?.kind !== "str") return undefined;
        const position = value.value.indexOf(argument.value);
        return position < 0 && method === "index" ? undefined : { kind: "int", value: position, span };
      }
      case "format":
        return formatString(value.value, args, span);
      case "startswith":
        return argument?.kind === "str" ? bool(value.value.startsWith(argument.value), span) : undefined;
      case "endswith":
        return argument?.kind === "str" ? bool(value.value.endsWith(argument.value), span) : undefined;
      default:
        return undefined;
    }
  }
  if (value.kind === "path") {
    switch (method) {
      case "resolve":
      case "absolute":
      case "expanduser":
        return { kind: "path", value: value.value, span };
      case "joinpath":
        return argument && (argument.kind === "str" || argument.kind === "path")
          ? { kind: "path", value: joinPath(value.value, argument.value), span }
          : undefined;
      default:
        return undefined;
    }
  }
  if ((value.kind === "list" || value.kind === "tuple") && argument && isKnown(argument)) {
    // `MIDDLEWARE.index("…")`: a ValueError when absent, which production would not survive.
    // An item that may or may not equal the argument (one read from the environment) leaves the
    // answer open: it was skipped, as if it could not match.
    const matches = value.items.map((item) => pythonEquals(item, argument));
    if (method === "index") {
      const position = matches.findIndex((match) => match !== false);
      return position < 0 || matches[position] !== true ? undefined : { kind: "int", value: position, span };
    }
    if (method === "count")
      return matches.includes(undefined)
        ? undefined
        : { kind: "int", value: matches.filter((match) => match === true).length, span };
  }
  if (value.kind === "dict" && args.positional.length === 0) {
    if (method === "keys") return { kind: "list", items: value.entries.map((entry) => entry.key), span };
    if (method === "values") return { kind: "list", items: value.entries.map((entry) => entry.value), span };
    if (method === "items")
      return {
        kind: "list",
        items: value.entries.map((entry) => ({ kind: "tuple", items: [entry.key, entry.value] }) as Value),
        span,
      };
    if (method === "copy") return { ...value, span };
  }
  if ((value.kind === "list" || value.kind === "tuple") && method === "copy" && args.positional.length === 0)
    return { ...value, span };
  if (value.kind === "dict" && method === "get" && argument && isKnown(argument)) {
    const found = value.entries.find((entry) => pythonEquals(entry.key, argument) === true);
    const fallback = args.positional[1] ? asValue(args.positional[1].value, "default") : none(span);
    return found ? found.value : fallback;
  }
  return undefined;
}

/**
 * The longest range() followed. Settings loop over a few items (`range(3)` workers, shards); a longer
 * range costs every keystroke a list of that many values, for nothing a check reads.
 */
const MAX_RANGE = 200;

/** The key of the marker django-split-settings' optional("x") leaves for include(). */
export const SPLIT_SETTINGS_OPTIONAL = "<split_settings optional>";

/** A string the engine does not build because it would be longer than the bound (valueBounds.ts). */
function tooLong(span: SourceSpan): Value {
  return unknown(
    `a string longer than ${MAX_STRING_LENGTH.toLocaleString("en")} characters, too large to follow`,
    span,
  );
}

/** `"{0}-{name}".format(…)` with known strings and numbers, no conversions or format specs. */
function formatString(template: string, args: CallArguments, span: SourceSpan): Value | undefined {
  if (args.spread) return undefined;
  const text = (value: RuntimeValue | undefined) =>
    value && value.kind !== "symbol" ? pythonStr(value) : undefined;
  let automatic = 0;
  let failed = false;
  let length = template.length;
  const result = template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (match, field: string | undefined) => {
    if (match === "{{") return "{";
    if (match === "}}") return "}";
    if (field === undefined || /[!:]/.test(field)) return ((failed = true), "");
    const argument =
      field === ""
        ? args.positional[automatic++]?.value
        : /^\d+$/.test(field)
          ? args.positional[Number(field)]?.value
          : args.keywords.get(field)?.value;
    const rendered = text(argument);
    if (rendered === undefined) failed = true;
    length += rendered?.length ?? 0;
    // "{0}{0}{0}…".format(long) would not fit in memory: stop adding once it is too long.
    if (length > MAX_STRING_LENGTH) return ((failed = true), "");
    return rendered ?? "";
  });
  if (length > MAX_STRING_LENGTH) return tooLong(span);
  return failed ? undefined : str(result, span);
}

/** Calls of known functions: the environment readers, `Path`, `os.path.*`, and the builtins. */
export function functionCall(
  callee: SymbolValue,
  args: CallArguments,
  span: SourceSpan,
  source: SourceFile,
  environment: Environment | undefined,
): RuntimeValue {
  const name = callee.qualifiedName;
  const environmentRead = callEnvironmentReader(name, args, span, undefined, callee, environment);
  if (environmentRead) return environmentRead;
  if (INSTANCE_FACTORIES.has(name)) return symbol(`${name}()`);
  // `tuple(*parts)`: without its arguments a builtin would answer as if called with none.
  if (args.spread) return unknown(`${describeCallee(name)} is called with *args or **kwargs`, span);
  const values = args.positional.map((argument) =>
    argument.value.kind === "symbol"
      ? asValue(argument.value, source.written(argument.node))
      : argument.value,
  );
  switch (name) {
    case "pathlib.Path":
    case "pathlib.PurePath":
    case "pathlib.PosixPath": {
      if (values.length === 0) return { kind: "path", value: ".", span };
      let result: string | undefined;
      for (const value of values) {
        if (value.kind !== "str" && value.kind !== "path")
          return unknown("a path built from values that are not known", span);
        result = result === undefined ? normalisePath(value.value) : joinPath(result, value.value);
      }
      return { kind: "path", value: result!, span };
    }
    case "os.path.join": {
      let result: string | undefined;
      for (const value of values) {
        if (value.kind !== "str" && value.kind !== "path")
          return unknown("os.path.join of values that are not known", span);
        result =
          result === undefined
            ? value.value
            : value.value.startsWith("/")
              ? value.value
              : `${result.replace(/\/$/, "")}/${value.value}`;
      }
      return result === undefined ? unknown("os.path.join()", span) : str(result, span);
    }
    case "os.path.dirname":
    case "os.path.abspath":
    case "os.path.realpath":
    case "os.path.normpath":
    case "os.path.basename": {
      const value = values[0];
      if (!value || (value.kind !== "str" && value.kind !== "path"))
        return unknown(`${name} of a value that is not known`, span);
      const text = value.value;
      if (name === "os.path.dirname") return str(parentPath(text), span);
      if (name === "os.path.basename") return str(text.split("/").pop() ?? "", span);
      return str(normalisePath(text), span);
    }
    case "str":
    case "int":
    case "float":
    case "bool":
    case "list":
    case "tuple":
    case "set":
      return builtinConversion(name, values[0], span);
    case "split_settings.tools.optional": {
      // Kept as a marker that only include() reads: the file may be missing.
      const path = values[0];
      return path?.kind === "str" && values.length === 1
        ? dict([{ key: str(SPLIT_SETTINGS_OPTIONAL), value: path }], span)
        : unknown("optional() of a value that is not known", span);
    }
    case "range": {
      const bounds = values.map((value) => (value.kind === "int" ? value.value : undefined));
      if (bounds.length === 0 || bounds.length > 2 || bounds.some((bound) => bound === undefined))
        return unknown("range() of values that are not known", span);
      const [from, to] = bounds.length === 1 ? [0, bounds[0]!] : [bounds[0]!, bounds[1]!];
      if (to - from > MAX_RANGE) return unknown("a range too long to follow", span);
      const items: Value[] = [];
      for (let index = from; index < to; index++) items.push({ kind: "int", value: index });
      return { kind: "list", items, span };
    }
    case "len": {
      const value = values[0];
      if (value && (isSequence(value) || value.kind === "dict" || value.kind === "str"))
        return {
          kind: "int",
          value: isSequence(value)
            ? value.items.length
            : value.kind === "dict"
              ? value.entries.length
              : value.value.length,
          span,
        };
      return unknown("len() of a value that is not known", span);
    }
    case "sorted": {
      const value = values[0];
      if (!value || !isSequence(value) || args.keywords.size > 0)
        return unknown("sorted() of a value that is not known", span);
      const strings = value.items.map((item) => (item.kind === "str" ? item.value : undefined));
      if (strings.some((item) => item === undefined))
        return unknown("sorted() of values that are not strings", span);
      return { kind: "list", items: [...strings].sort().map((item) => str(item!)), span };
    }
    case "dict": {
      // dict(mapping or pairs, **keywords): the pairs in order, then the keywords, later keys winning.
      const entries: DictEntry[] = [];
      if (values.length > 1) return unknown("dict() of more than one positional argument", span);
      const source = values[0];
      if (source?.kind === "dict") for (const entry of source.entries) entries.push(entry);
      else if (source && isSequence(source) && source.kind !== "set") {
        for (const pair of source.items) {
          if (pair.kind !== "list" && pair.kind !== "tuple")
            return unknown("dict() of items that are not pairs", span);
          const [key, value] = pair.items;
          if (pair.items.length !== 2 || !isKnown(key!))
            return unknown("dict() of items that are not pairs", span);
          setEntry(entries, key!, value!);
        }
      } else if (source) return unknown("dict() of a value that is not known", span);
      for (const [key, argument] of args.keywords) setEntry(entries, str(key), asValue(argument.value, key));
      return dict(entries, span);
    }
    default:
      return unknown(`calls ${describeCallee(name)}`, span);
  }
}

function builtinConversion(name: string, value: Value | undefined, span: SourceSpan): Value {
  if (value === undefined) {
    const empty: Record<string, Value> = {
      str: str("", span),
      int: { kind: "int", value: 0, span },
      float: { kind: "float", value: 0, span },
      bool: bool(false, span),
      list: { kind: "list", items: [], span },
      tuple: { kind: "tuple", items: [], span },
      set: { kind: "set", items: [], span },
    };
    return empty[name] ?? unknown(`${name}()`, span);
  }
  if (value.kind === "env") {
    const conversion = (["str", "int", "float", "bool", "list", "tuple"] as const).find(
      (kind) => kind === name,
    );
    return convertEnvValue(
      value,
      conversion ? { kind: conversion } : { kind: "other", description: `${name}()` },
      (inner) => {
        const converted = builtinConversion(name, inner, span);
        return isKnown(converted) ? converted : undefined;
      },
      span,
    );
  }
  if (!isKnown(value))
    return value.kind === "unknown"
      ? { ...value, span }
      : unknown(`${name}() of a value that is not known`, span);
  switch (name) {
    case "str": {
      const text = pythonStr(value);
      return text === undefined ? unknown("str() of a container", span) : str(text, span);
    }
    case "bool": {
      const truth = truthiness(value);
      return truth === undefined ? unknown("bool() of a value that is not known", span) : bool(truth, span);
    }
    case "int":
      if (value.kind === "int") return { ...value, span };
      if (value.kind === "bool") return { kind: "int", value: value.value ? 1 : 0, span };
      if (value.kind === "float") return { kind: "int", value: Math.trunc(value.value), span };
      if (value.kind === "str" && /^\s*[-+]?\d+\s*$/.test(value.value))
        return { kind: "int", value: Number(value.value), span };
      return unknown(
        `int() of ${value.kind === "str" ? `'${value.value}', which fails` : "a value it cannot convert"}`,
        span,
      );
    case "float":
      if (value.kind === "int" || value.kind === "float") return { kind: "float", value: value.value, span };
      if (value.kind === "str" && value.value.trim() !== "" && !Number.isNaN(Number(value.value)))
        return { kind: "float", value: Number(value.value), span };
      return unknown("float() of a value it cannot convert", span);
    default: {
      const items = isSequence(value)
        ? value.items
        : value.kind === "str"
          ? [...value.value].map((char) => str(char))
          : value.kind === "dict"
            ? value.entries.map((entry) => entry.key)
            : undefined;
      if (!items) return unknown(`${name}() of a value that is not a sequence`, span);
      return { kind: name as "list" | "tuple" | "set", items: [...items], span };
    }
  }
}

/** Classes whose instances the engine follows: django-environ's `Env`, python-decouple's helpers. */
const INSTANCE_FACTORIES = new Set([
  "environ.Env",
  "environ.environ.Env",
  "decouple.Csv",
  "decouple.AutoConfig",
  "decouple.Config",
]);
