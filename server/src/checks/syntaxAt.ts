// The written syntax around a place in a settings module, for checks and fixes that need more than
// the evaluated value: which call an environment read's default is an argument of, or what an
// expression the evaluator could not follow is made of (`config.get("k", "literal")`).
import type { Expression, Span, Statement } from "../python/ast";
import { childExpressions, childStatements } from "../python/astWalking";
import { parseModule, type ParsedModule } from "../python/parse";

/** Parsed modules by text: a handful of settings modules are asked about, over and over. */
const parsedByText = new Map<string, ParsedModule>();
const CACHE_SIZE = 16;

export function parsedText(text: string): ParsedModule {
  let parsed = parsedByText.get(text);
  if (!parsed) {
    parsed = parseModule(text);
    if (parsedByText.size >= CACHE_SIZE) parsedByText.delete(parsedByText.keys().next().value!);
    parsedByText.set(text, parsed);
  }
  return parsed;
}

/** The span an expression is written with: its grouping parentheses included. */
export function writtenSpan(expression: Expression): Span {
  return expression.parens ?? expression;
}

/** The expressions a statement holds directly (not those of nested statements). */
function statementExpressions(statement: Statement): Expression[] {
  switch (statement.kind) {
    case "Assign":
      return [...statement.targets, statement.value];
    case "AugAssign":
      return [statement.target, statement.value];
    case "AnnAssign":
      return [statement.target, statement.annotation, ...(statement.value ? [statement.value] : [])];
    case "ExpressionStatement":
      return [statement.value];
    case "If":
    case "While":
      return [statement.test];
    case "For":
      return [statement.target, statement.iter];
    case "With":
      return statement.items.flatMap((item) => [
        item.contextExpr,
        ...(item.optionalVars ? [item.optionalVars] : []),
      ]);
    case "Return":
      return statement.value ? [statement.value] : [];
    default:
      return [];
  }
}

const contains = (outer: Span, from: number, to: number) => outer.from <= from && to <= outer.to;

/**
 * The chain of expressions from a statement's top-level expression down to the one written exactly
 * at `from`…`to` (with or without its grouping parentheses); undefined when no expression is.
 * `parsed`, a parse of the module the caller has (the engine's), is used when it is of `text`.
 */
export function expressionPath(
  text: string,
  from: number,
  to: number,
  parsed?: ParsedModule,
): Expression[] | undefined {
  const search = (statements: readonly Statement[]): Expression[] | undefined => {
    for (const statement of statements) {
      if (!contains(statement, from, to)) continue;
      for (const top of statementExpressions(statement)) {
        const path = descend(top);
        if (path) return path;
      }
      const nested = search(childStatements(statement));
      if (nested) return nested;
    }
    return undefined;
  };
  const descend = (expression: Expression): Expression[] | undefined => {
    if (!contains(writtenSpan(expression), from, to)) return undefined;
    const exact = (span: Span) => span.from === from && span.to === to;
    for (const child of childExpressions(expression)) {
      const path = descend(child);
      if (path) return [expression, ...path];
    }
    return exact(expression) || exact(writtenSpan(expression)) ? [expression] : undefined;
  };
  return search((parsed?.text === text ? parsed : parsedText(text)).body);
}

/** The expression written exactly at `from`…`to`, when there is one. */
export function expressionAt(text: string, from: number, to: number): Expression | undefined {
  return expressionPath(text, from, to)?.at(-1);
}
