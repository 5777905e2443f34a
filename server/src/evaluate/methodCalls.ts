// Methods the evaluator follows on known values: strings (`split`, `join`, `format`, …), paths,
// lists and dicts, and on values read from the environment, which record the call as a conversion.
// Kept apart from calls.ts, which follows calls of functions (the environment readers, `pathlib.Path`
// and `os.path`, Python's builtins): a method's receiver decides what it does, not its name.
import { convertEnvValue } from "./environmentReads";
import type { CallArguments } from "./expressions";
import type { SourceSpan } from "../python/location";
import { asValue, type RuntimeValue } from "./moduleState";
import { pythonStr } from "./operators";
import { joinPath } from "./paths";
import {
  bool,
  type EnvConversion,
  type FromEnvValue,
  isKnown,
  isSequence,
  none,
  pythonEquals,
  str,
  unknown,
  type Value,
} from "./values";
import { MAX_STRING_LENGTH } from "./valueBounds";

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
