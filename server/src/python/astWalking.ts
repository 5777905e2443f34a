// Walking the typed syntax view of ast.ts: the expressions directly inside an expression, the
// statements directly inside a statement, and whether a statement holds damage. Separate from ast.ts,
// which describes the view in types and holds no code.
import type { Comprehension, Expression, Parameter, Statement } from "./ast";

/** The expressions directly inside an expression, in source order. */
export function childExpressions(expression: Expression): Expression[] {
  switch (expression.kind) {
    case "Name":
    case "Constant":
    case "Unsupported":
    case "Error":
      return [];
    case "JoinedStr":
      return [...expression.values];
    case "FormattedValue":
      return expression.formatSpec ? [expression.value, expression.formatSpec] : [expression.value];
    case "List":
    case "Tuple":
    case "Set":
      return [...expression.elts];
    case "Starred":
      return [expression.value];
    case "Dict":
      return expression.entries.flatMap((entry) => (entry.key ? [entry.key, entry.value] : [entry.value]));
    case "BinOp":
      return [expression.left, expression.right];
    case "BoolOp":
      return [...expression.values];
    case "Compare":
      return [expression.left, ...expression.comparators];
    case "UnaryOp":
      return [expression.operand];
    case "IfExp":
      return [expression.body, expression.test, expression.orelse];
    case "Attribute":
      return [expression.value];
    case "Subscript":
      return [expression.value, expression.slice];
    case "Slice":
      return [expression.lower, expression.upper, expression.step].filter((part) => part !== undefined);
    case "Call":
      return [
        expression.func,
        ...sortBySource([...expression.args, ...expression.keywords.map((k) => k.value)]),
      ];
    case "Lambda":
      return [...parameterExpressions(expression.parameters), expression.body];
    case "ListComp":
    case "SetComp":
    case "GeneratorExp":
      return [expression.elt, ...comprehensionExpressions(expression.generators)];
    case "DictComp":
      return [expression.key, expression.value, ...comprehensionExpressions(expression.generators)];
    case "NamedExpr":
      return [expression.target, expression.value];
  }
}

function parameterExpressions(parameters: readonly Parameter[]): Expression[] {
  return parameters.flatMap((parameter) =>
    [parameter.annotation, parameter.default].filter((part) => part !== undefined),
  );
}

function comprehensionExpressions(generators: readonly Comprehension[]): Expression[] {
  return generators.flatMap((generator) => [generator.target, generator.iter, ...generator.ifs]);
}

function sortBySource(expressions: Expression[]): Expression[] {
  return expressions.sort((a, b) => a.from - b.from);
}

/** The statements nested directly inside a statement (bodies, branches, handlers), in source order. */
export function childStatements(statement: Statement): Statement[] {
  switch (statement.kind) {
    case "If":
    case "For":
    case "While":
      return [...statement.body, ...statement.orelse];
    case "Try":
      return [
        ...statement.body,
        ...statement.handlers.flatMap((handler) => handler.body),
        ...statement.orelse,
        ...statement.finalbody,
      ];
    case "With":
    case "FunctionDef":
    case "ClassDef":
      return [...statement.body];
    default:
      return [];
  }
}

/** Whether a statement, or any statement nested in it, holds a place the parser could not read. */
export function containsSyntaxError(statement: Statement): boolean {
  if (statement.kind === "Error" || (statement.syntaxErrors?.length ?? 0) > 0) return true;
  return childStatements(statement).some(containsSyntaxError);
}
