// Removes the default of a read of the environment, so that a missing variable fails loudly instead
// of deploying the default: `env("K", default=…)` and `config("K", default=…)` lose the keyword,
// `os.environ.get("K", …)` and `os.getenv("K", …)` become `os.environ["K"]`, and a django-environ
// schema entry `Env(K=(str, …))` keeps only its type.
import { offsetToPosition, type CheckContext } from "../context";
import { expressionPath, writtenSpan } from "../syntaxAt";
import type { TextEdit } from "../types";
import type { FromEnvValue } from "../../evaluate/values";
import type { Span } from "../../python/ast";
import type { SourceSpan } from "../../python/location";

export function dropDefaultEdit(context: CheckContext, read: FromEnvValue): TextEdit | undefined {
  return read.defaultSpan && dropDefaultArgumentEdit(context, read.defaultSpan, read.reader === "os");
}

/**
 * Removes the default written at `span`: a `default=` keyword of any call (dj_database_url.config's
 * too), with `osReader` the positional default of `os.environ.get` / `os.getenv`, or the default of a
 * django-environ schema entry.
 */
export function dropDefaultArgumentEdit(
  context: CheckContext,
  span: SourceSpan,
  osReader: boolean,
): TextEdit | undefined {
  const text = context.source(span.file);
  if (text === undefined) return undefined;
  const path = expressionPath(text, span.from, span.to, context.parsed?.(span.file));
  const fallback = path?.at(-1);
  const parent = path?.at(-2);
  if (!path || !fallback || !parent) return undefined;
  const written = (node: Span) => text.slice(node.from, node.to);
  const replace = (node: Span, newText: string): TextEdit => ({
    file: span.file,
    range: { start: offsetToPosition(text, node.from), end: offsetToPosition(text, node.to) },
    newText,
  });
  if (parent.kind === "Call") {
    const keyword = parent.keywords.find((candidate) => candidate.value === fallback);
    if (keyword) {
      if (keyword.arg?.name !== "default") return undefined;
      // From the end of the argument before it, so its comma goes too; when it comes first, up to
      // the argument after it.
      const others = [...parent.args.map(writtenSpan), ...parent.keywords].filter(
        (argument) => argument !== keyword,
      );
      const before = others.map((argument) => argument.to).filter((end) => end <= keyword.from);
      if (before.length > 0) return replace({ from: Math.max(...before), to: keyword.to }, "");
      const after = others.map((argument) => argument.from).filter((start) => start >= keyword.to);
      return replace({ from: keyword.from, to: after.length > 0 ? Math.min(...after) : keyword.to }, "");
    }
    const func = parent.func;
    if (!osReader || parent.args.length !== 2 || parent.args[1] !== fallback) return undefined;
    if (parent.keywords.length > 0 || func.kind !== "Attribute") return undefined;
    const name = written(writtenSpan(parent.args[0]!));
    if (func.attr.name === "get")
      return replace(writtenSpan(parent), `${written(writtenSpan(func.value))}[${name}]`);
    if (func.attr.name === "getenv" && func.value.kind === "Name")
      return replace(writtenSpan(parent), `${func.value.id}.environ[${name}]`);
    return undefined;
  }
  // A django-environ schema entry, `Env(NAME=(type, default))`: the type alone has no default.
  const call = path.at(-3);
  if (
    parent.kind === "Tuple" &&
    parent.elts.length === 2 &&
    parent.elts[1] === fallback &&
    call?.kind === "Call" &&
    call.keywords.some((keyword) => keyword.value === parent)
  )
    return replace(writtenSpan(parent), written(writtenSpan(parent.elts[0]!)));
  return undefined;
}
