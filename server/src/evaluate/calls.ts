// Calls the evaluator follows: the environment readers, `pathlib.Path` and `os.path`, and Python's
// conversion builtins. Methods of known values and of environment reads are in methodCalls.ts.
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
  isKnown,
  isSequence,
  str,
  truthiness,
  unknown,
  type Value,
} from "./values";

export const symbol = (qualifiedName: string): SymbolValue => ({ kind: "symbol", qualifiedName });

/**
 * The longest range() followed. Settings loop over a few items (`range(3)` workers, shards); a longer
 * range costs every keystroke a list of that many values, for nothing a check reads.
 */
const MAX_RANGE = 200;

/** The key of the marker django-split-settings' optional("x") leaves for include(). */
export const SPLIT_SETTINGS_OPTIONAL = "<split_settings optional>";

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
