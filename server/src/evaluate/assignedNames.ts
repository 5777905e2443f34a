// The module-level names a block of statements may set or change: the targets of assignments and
// in-place changes, in nested blocks too. Used to say which names rest on an assumption when a
// branch is decided by one (whether the branch runs or not, what it would set depends on it). A star
// import (or any import that could bring names) stands for every name: "*".
import type { Expression, Statement } from "../python/ast";

export function assumedNames(statements: readonly Statement[]): Set<string> {
  const names = new Set<string>();
  const target = (expression: Expression): void => {
    if (expression.kind === "Name") names.add(expression.id);
    else if (expression.kind === "Tuple" || expression.kind === "List") expression.elts.forEach(target);
    else if (expression.kind === "Starred") target(expression.value);
    else if (expression.kind === "Subscript" || expression.kind === "Attribute") target(expression.value);
  };
  const visit = (statement: Statement): void => {
    switch (statement.kind) {
      case "Assign":
        statement.targets.forEach(target);
        return;
      case "AnnAssign":
      case "AugAssign":
        target(statement.target);
        return;
      case "ExpressionStatement": {
        const call = statement.value;
        if (call.kind === "Call" && call.func.kind === "Attribute") target(call.func.value);
        if (call.kind === "Call" && call.func.kind === "Name" && call.func.id === "include") names.add("*");
        return;
      }
      case "ImportFrom":
        if (statement.names === "*") names.add("*");
        return;
      case "If":
      case "For":
      case "While":
        statement.body.forEach(visit);
        statement.orelse.forEach(visit);
        return;
      case "Try":
        [
          ...statement.body,
          ...statement.handlers.flatMap((handler) => handler.body),
          ...statement.orelse,
          ...statement.finalbody,
        ].forEach(visit);
        return;
      case "With":
        statement.body.forEach(visit);
        return;
      default:
        return;
    }
  };
  statements.forEach(visit);
  return names;
}
