// Reads of the environment: os.environ / os.getenv, django-environ and python-decouple. Each read
// becomes a FromEnv value whose `default` is what the expression yields when the variable is unset,
// which is the assumption the engine makes about production unless a .env file says otherwise.
import type { CallArguments, Environment } from "./expressions";
import type { SourceSpan } from "../python/location";
import type { RuntimeValue, SymbolValue } from "./moduleState";
import {
  bool,
  type EnvConversion,
  type EnvReader,
  type FromEnvValue,
  isKnown,
  isSequence,
  none,
  str,
  unknown,
  type Value,
} from "./values";

/** django-environ's typed readers and the conversion each applies. */
const DJANGO_ENVIRON_METHODS: Record<string, EnvConversion> = {
  str: { kind: "str" },
  bool: { kind: "bool" },
  int: { kind: "int" },
  float: { kind: "float" },
  list: { kind: "list" },
  tuple: { kind: "tuple" },
  dict: { kind: "dict" },
  json: { kind: "json" },
  url: { kind: "url" },
  db: { kind: "db" },
  db_url: { kind: "db" },
  cache: { kind: "other", description: "a cache URL" },
  cache_url: { kind: "other", description: "a cache URL" },
  email: { kind: "other", description: "an email URL" },
  email_url: { kind: "other", description: "an email URL" },
  search_url: { kind: "other", description: "a search URL" },
  path: { kind: "other", description: "a path" },
};

const DJANGO_ENVIRON_INSTANCES = new Set(["environ.Env()", "environ.environ.Env()"]);
const DECOUPLE_READERS = new Set(["decouple.config", "decouple.AutoConfig()", "decouple.Config()"]);

export function isEnvironInstance(name: string): boolean {
  return DJANGO_ENVIRON_INSTANCES.has(name);
}

/** A readable name for a called function. */
export function describeCallee(name: string): string {
  return name.endsWith("()") ? `an object made by ${name.slice(0, -2)}` : name;
}

/**
 * When `name` is a function that reads the environment, the FromEnv value of the call; otherwise
 * undefined. `subscriptName` is set for `os.environ["NAME"]`.
 */
export function callEnvironmentReader(
  name: string,
  args: CallArguments,
  span: SourceSpan,
  subscriptName?: string,
  callee?: SymbolValue,
  environment?: Environment,
): FromEnvValue | ReturnType<typeof unknown> | undefined {
  const result = readerCall(name, args, span, subscriptName, callee);
  if (!result || result.kind !== "env" || !environment) return result;
  const set = environment.get(result.variable);
  if (!set) return result;
  return {
    ...result,
    default: valueOfSetVariable(set.value, result.reader, result.conversion),
    setBy: { file: set.file, line: set.line, text: set.value },
  };
}

/** What a reader makes of a variable that is set to `text`. */
function valueOfSetVariable(text: string, reader: EnvReader, conversion: EnvConversion): Value {
  if (reader === "decouple")
    return applyCast(conversion, str(text)) ?? unknown(`'${text}' cannot be converted`);
  switch (conversion.kind) {
    case "str":
      return str(text);
    case "bool":
      // django-environ's true values; everything else is false.
      return bool(["true", "on", "ok", "y", "yes", "1"].includes(text.trim().toLowerCase()));
    case "int":
      return /^\s*[-+]?\d+\s*$/.test(text)
        ? { kind: "int", value: Number(text) }
        : unknown(`'${text}' is not an integer`);
    case "float":
      return text.trim() !== "" && !Number.isNaN(Number(text))
        ? { kind: "float", value: Number(text) }
        : unknown(`'${text}' is not a number`);
    case "list":
    case "tuple":
      return {
        kind: conversion.kind,
        items: text
          .split(",")
          .filter((item) => item.length > 0)
          .map((item) => str(item)),
      };
    default:
      return unknown(`${text} is converted in a way the engine does not follow`);
  }
}

function readerCall(
  name: string,
  args: CallArguments,
  span: SourceSpan,
  subscriptName?: string,
  callee?: SymbolValue,
): FromEnvValue | ReturnType<typeof unknown> | undefined {
  if (name === "os.environ[]") {
    return {
      kind: "env",
      variable: subscriptName!,
      reader: "os",
      explicitDefault: false,
      conversion: { kind: "str" },
      span,
    };
  }
  if (name === "os.environ.get" || name === "os.getenv" || name === "os.environ.setdefault") {
    return read("os", args, span, 1, { kind: "str" }, (value) => value, none(span));
  }
  if (DJANGO_ENVIRON_INSTANCES.has(name)) {
    // `env("NAME", cast=…, default=…)`: the second positional argument is the cast, not the default.
    const variable = variableName(args);
    const schemaEntry = variable ? callee?.envSchema?.get(variable) : undefined;
    const cast = args.keywords.get("cast")?.value ?? args.positional[1]?.value;
    const conversion = cast
      ? castConversion(cast)
      : schemaEntry
        ? castConversion({ kind: "symbol", qualifiedName: schemaEntry.cast })
        : { kind: "str" as const };
    const result = read("django-environ", args, span, -1, conversion, (value) => value);
    if (result.kind === "env" && !args.keywords.has("default") && schemaEntry?.default) {
      return {
        ...result,
        default: schemaEntry.default,
        explicitDefault: true,
        defaultSpan: schemaEntry.defaultSpan,
      };
    }
    return result;
  }
  const method = /^environ\.(?:environ\.)?Env\(\)\.(\w+)$/.exec(name)?.[1];
  if (method !== undefined && method in DJANGO_ENVIRON_METHODS) {
    const variable = variableName(args);
    const schemaEntry = variable ? callee?.envSchema?.get(variable) : undefined;
    const result = read("django-environ", args, span, 1, DJANGO_ENVIRON_METHODS[method]!, (value) => value);
    if (result.kind === "env" && result.default === undefined && schemaEntry?.default) {
      return {
        ...result,
        default: schemaEntry.default,
        explicitDefault: true,
        defaultSpan: schemaEntry.defaultSpan,
      };
    }
    return result;
  }
  if (DECOUPLE_READERS.has(name)) {
    const cast = args.keywords.get("cast")?.value;
    const conversion = cast ? castConversion(cast) : { kind: "str" as const };
    // decouple applies the cast to the default as well.
    return read("decouple", args, span, -1, conversion, (value) => applyCast(conversion, value));
  }
  return undefined;
}

function variableName(args: CallArguments): string | undefined {
  const first = args.positional[0]?.value;
  return first?.kind === "str" ? first.value : undefined;
}

/**
 * Builds the FromEnv value of a reader call. `defaultPosition` is the index of the positional
 * default (-1: keyword only); `convertDefault` turns the written default into the setting's value.
 */
function read(
  reader: EnvReader,
  args: CallArguments,
  span: SourceSpan,
  defaultPosition: number,
  conversion: EnvConversion,
  convertDefault: (value: Value) => Value | undefined,
  implicitDefault?: Value,
): FromEnvValue | ReturnType<typeof unknown> {
  const variable = variableName(args);
  if (variable === undefined || args.spread)
    return unknown("reads an environment variable whose name is not known", span);
  const written =
    args.keywords.get("default") ?? (defaultPosition >= 0 ? args.positional[defaultPosition] : undefined);
  if (written) {
    const raw: Value =
      written.value.kind === "symbol"
        ? unknown(`the default is ${written.value.qualifiedName}`)
        : written.value;
    const converted = isKnown(raw) ? convertDefault(raw) : raw;
    return {
      kind: "env",
      variable,
      reader,
      conversion,
      explicitDefault: true,
      default: converted ?? unknown(`the default ${describeRaw(raw)} cannot be converted`, raw.span),
      defaultSpan: raw.span,
      span,
    };
  }
  return {
    kind: "env",
    variable,
    reader,
    conversion,
    explicitDefault: false,
    default: implicitDefault,
    span,
  };
}

function describeRaw(value: Value): string {
  return value.kind === "str" ? `'${value.value}'` : value.kind;
}

/** The conversion a `cast=` argument (or a schema type) names. */
function castConversion(cast: RuntimeValue): EnvConversion {
  if (cast.kind !== "symbol") return { kind: "other", description: "a cast the engine does not know" };
  switch (cast.qualifiedName) {
    case "bool":
    case "int":
    case "float":
    case "str":
    case "list":
    case "tuple":
    case "dict":
      return { kind: cast.qualifiedName };
    case "decouple.Csv()":
      return { kind: "list" };
    case "json.loads":
      return { kind: "json" };
    default:
      return { kind: "other", description: `cast with ${cast.qualifiedName}` };
  }
}

const DECOUPLE_TRUE = new Set(["1", "yes", "true", "on", "y", "t"]);
const DECOUPLE_FALSE = new Set(["0", "no", "false", "off", "n", "f", ""]);

/** What python-decouple's casts make of a default. */
function applyCast(conversion: EnvConversion, value: Value): Value | undefined {
  switch (conversion.kind) {
    case "str":
      return value;
    case "bool":
      if (value.kind === "str") {
        const lowered = value.value.toLowerCase();
        if (DECOUPLE_TRUE.has(lowered)) return bool(true, value.span);
        if (DECOUPLE_FALSE.has(lowered)) return bool(false, value.span);
        return undefined;
      }
      if (value.kind === "bool") return value;
      if (value.kind === "int") return bool(value.value !== 0, value.span);
      if (value.kind === "none") return bool(false, value.span);
      return undefined;
    case "int":
      if (value.kind === "int") return value;
      if (value.kind === "str" && /^\s*[-+]?\d+\s*$/.test(value.value))
        return { kind: "int", value: Number(value.value), span: value.span };
      return undefined;
    case "list":
      if (value.kind === "str") {
        const items = value.value
          .split(",")
          .map((piece) => piece.trim())
          .filter((piece) => piece.length > 0);
        return { kind: "list", items: items.map((item) => str(item)), span: value.span };
      }
      return isSequence(value) ? value : undefined;
    default:
      return undefined;
  }
}

/**
 * Applies an operation to a value read from the environment: the conversion is recorded, and the
 * default (what the setting is when the variable is unset) is transformed by `apply`.
 */
export function convertEnvValue(
  env: FromEnvValue,
  conversion: EnvConversion,
  apply: (value: Value) => Value | undefined,
  span: SourceSpan,
): FromEnvValue {
  const fallback = env.default;
  let transformed: Value | undefined;
  if (fallback === undefined) transformed = undefined;
  else if (isKnown(fallback))
    transformed = apply(fallback) ?? unknown("the default cannot be converted", fallback.span);
  else transformed = fallback;
  return { ...env, conversion, default: transformed, span };
}
