// Literal strings a value falls back to when the place it should come from has nothing: the default
// of an environment read (`os.getenv("K", "…")`, `env("K", default="…")`, `Env(K=(str, "…"))`), and,
// where the evaluator cannot follow the value, the written shapes of a fallback: the default of a
// mapping's `.get("k", "…")` (a dict loaded from a TOML or JSON file), `… or "…"`, and the entry of
// a fallback dict assigned when reading a secrets file fails (`SECRETS["k"]` where the module's
// `SECRETS` may be a dict literal). Each comes with where it is written and an edit removing it.
import { offsetToPosition, type CheckContext } from "./context";
import { dropDefaultEdit } from "./fixes/dropDefault";
import { expressionAt, writtenSpan } from "./syntaxAt";
import type { TextEdit } from "./types";
import { dictGet, type FromEnvValue, type Value } from "../evaluate/values";
import type { Expression, Span } from "../python/ast";
import type { SourceSpan } from "../python/location";

export interface LiteralFallback {
  /** The literal string. */
  value: string;
  /** Where it is written. */
  location: { file: string; range: SourceSpan["range"] };
  /** How it becomes the value, as a phrase: "the default of the environment variable K". */
  how: string;
  /** The environment read it is the default of, when it is one. */
  read?: FromEnvValue;
  /** Removes the fallback, so that a missing value fails loudly; absent when there is no such edit. */
  fix?: TextEdit;
}

/** The literal fallbacks of `value`, whose expression (when the evaluator could not follow it) is at `span`. */
export function literalFallbacks(context: CheckContext, value: Value, span?: SourceSpan): LiteralFallback[] {
  if (value.kind === "env" && value.explicitDefault) return environmentDefault(context, value);
  if (value.kind === "oneOf")
    return value.options.flatMap((option) => literalFallbacks(context, option, option.span));
  // What the evaluator did not follow (or followed only to an environment read without a default).
  if ((value.kind !== "unknown" && value.kind !== "env") || !span) return [];
  const text = context.source(span.file);
  const expression = text === undefined ? undefined : expressionAt(text, span.from, span.to);
  return expression && text !== undefined ? writtenFallbacks(context, text, span.file, expression) : [];
}

function environmentDefault(context: CheckContext, read: FromEnvValue): LiteralFallback[] {
  const span = read.defaultSpan;
  if (!read.explicitDefault || !span) return [];
  // The default as the evaluator computed it, unless a .env file set the variable: then as written.
  let literal = !read.setBy && read.default?.kind === "str" ? read.default.value : undefined;
  if (read.setBy) {
    const text = context.source(span.file);
    const written = text === undefined ? undefined : expressionAt(text, span.from, span.to);
    literal = written?.kind === "Constant" && written.type === "str" ? written.value : undefined;
  }
  if (!literal) return [];
  return [
    {
      value: literal,
      location: { file: span.file, range: span.range },
      how: `the default of the environment variable ${read.variable}`,
      read,
      fix: dropDefaultEdit(context, read),
    },
  ];
}

function writtenFallbacks(
  context: CheckContext,
  text: string,
  file: string,
  expression: Expression,
): LiteralFallback[] {
  const written = (node: Span) => text.slice(node.from, node.to);
  const location = (node: Span) => ({
    file,
    range: { start: offsetToPosition(text, node.from), end: offsetToPosition(text, node.to) },
  });
  const replace = (node: Span, newText: string): TextEdit => ({ ...location(node), newText });
  const literal = (node: Expression | undefined) =>
    node?.kind === "Constant" && node.type === "str" && node.value !== "" ? node.value : undefined;

  // `mapping.get("key", "literal")`: `mapping["key"]` raises when the key is missing.
  if (
    expression.kind === "Call" &&
    expression.func.kind === "Attribute" &&
    expression.func.attr.name === "get"
  ) {
    const [key, fallback] = expression.args;
    const value = literal(fallback);
    if (expression.args.length === 2 && expression.keywords.length === 0 && key && value && fallback) {
      const receiver = written(writtenSpan(expression.func.value));
      return [
        {
          value,
          location: location(fallback),
          how: `the default of ${receiver}.get(${written(writtenSpan(key))})`,
          fix: replace(writtenSpan(expression), `${receiver}[${written(writtenSpan(key))}]`),
        },
      ];
    }
  }
  // `something or "literal"`: without the literal, a missing value stays empty and Django says so.
  if (expression.kind === "BoolOp" && expression.op === "or" && expression.values.length === 2) {
    const value = literal(expression.values[1]);
    if (value)
      return [
        {
          value,
          location: location(expression.values[1]!),
          how: "the value after `or`",
          fix: replace(writtenSpan(expression), written(writtenSpan(expression.values[0]!))),
        },
      ];
  }
  // `NAME["key"]` or `NAME.get("key")`, where the module's NAME may be a dict literal (a fallback).
  const lookup =
    expression.kind === "Subscript"
      ? { mapping: expression.value, key: expression.slice }
      : expression.kind === "Call" &&
          expression.func.kind === "Attribute" &&
          expression.func.attr.name === "get" &&
          expression.args.length === 1
        ? { mapping: expression.func.value, key: expression.args[0]! }
        : undefined;
  const key = literal(lookup?.key);
  if (lookup?.mapping.kind !== "Name" || key === undefined) return [];
  const name = lookup.mapping.id;
  // The module's own variable (not a setting): as the production module sees it.
  const mapping = context.profileModule.bindings.get(name);
  if (!mapping || mapping.origin.statement.file !== file || mapping.value.kind === "symbol") return [];
  const options = mapping.value.kind === "oneOf" ? mapping.value.options : [mapping.value];
  return options.flatMap((option) => {
    const entry = option.kind === "dict" ? dictGet(option, key) : undefined;
    if (entry?.kind !== "str" || entry.value === "" || !entry.span) return [];
    return [
      {
        value: entry.value,
        location: { file: entry.span.file, range: entry.span.range },
        how: `the fallback value of ${name}[${JSON.stringify(key)}]`,
      },
    ];
  });
}
