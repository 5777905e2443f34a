// Builds the typed view of ast.ts from @lezer/python's tree. Lezer's children have no field names, so
// each construct is read from its children in order, matched by node type name; this file, the
// toAst*.ts files it builds on and parse.ts are the only ones that know those names. This file holds
// the switch over statement kinds and the simple statements (assignments, imports, raise …); the
// compound statements are in toAstCompound.ts, and statementCache.ts converts a module's top-level
// nodes with this class and keeps the results for the next version.
//
// Positions: top-level statements of re-parsed slices (parse.ts) carry an offset, which is added to
// every position here, so the view's spans are absolute offsets into the module text.
import type { SyntaxNode } from "@lezer/common";
import type { Alias, BinaryOperator, Span, Statement } from "./ast";
import { CompoundStatementConverter } from "./toAstCompound";
import { BINARY_OPERATORS } from "./toAstOperators";

export class Converter extends CompoundStatementConverter {
  // --- statements ----------------------------------------------------------------------------

  /** Converts one statement node and appends the result (none for a comment, several for `a; b`). */
  statement(node: SyntaxNode, into: Statement[]): void {
    if (node.type.isError) {
      into.push({ kind: "Error", from: this.from(node), to: this.to(node) });
      return;
    }
    switch (node.name) {
      case "Comment":
      case ";":
        return;
      case "StatementGroup":
        for (let child = node.firstChild; child; child = child.nextSibling) this.statement(child, into);
        return;
    }
    const firstError = this.errors.length;
    const converted = this.statementOfKind(node);
    if (this.errors.length === firstError) {
      into.push(converted);
      return;
    }
    const errors = this.errors.splice(firstError);
    into.push({ ...converted, syntaxErrors: distinctSpans(errors) });
  }

  private statementOfKind(node: SyntaxNode): Statement {
    const span = this.span(node);
    switch (node.name) {
      case "AssignStatement":
        return this.assignment(node);
      case "UpdateStatement":
        return this.augmentedAssignment(node);
      case "ExpressionStatement":
        return {
          kind: "ExpressionStatement",
          value: this.expressionList(this.children(node), span),
          from: span.from,
          to: span.to,
        };
      case "ImportStatement":
        return this.importStatement(node);
      case "IfStatement":
        return this.ifStatement(node);
      case "ForStatement":
        return this.forStatement(node);
      case "WhileStatement":
        return this.whileStatement(node);
      case "TryStatement":
        return this.tryStatement(node);
      case "WithStatement":
        return this.withStatement(node);
      case "FunctionDefinition":
      case "ClassDefinition":
        return this.definition(node, [], span);
      case "DecoratedStatement":
        return this.decorated(node);
      case "ReturnStatement": {
        const parts = this.children(node).slice(1);
        return parts.length > 0
          ? { kind: "Return", value: this.expressionList(parts, span), from: span.from, to: span.to }
          : { kind: "Return", from: span.from, to: span.to };
      }
      case "DeleteStatement": {
        const targets = this.splitByCommas(this.children(node).slice(1)).map((group) => this.listItem(group));
        return { kind: "Delete", targets, from: span.from, to: span.to };
      }
      case "PassStatement":
        return { kind: "Pass", from: span.from, to: span.to };
      case "BreakStatement":
        return { kind: "Break", from: span.from, to: span.to };
      case "ContinueStatement":
        return { kind: "Continue", from: span.from, to: span.to };
      case "RaiseStatement":
        return this.raiseStatement(node);
      case "ScopeStatement": {
        const parts = this.children(node);
        const names = parts
          .filter((part) => part.name === "VariableName")
          .map((part) => this.identifier(part));
        return {
          kind: "Global",
          names,
          nonlocal: parts[0]?.name === "nonlocal",
          from: span.from,
          to: span.to,
        };
      }
      case "AssertStatement": {
        const [test, msg] = this.splitByCommas(this.children(node).slice(1)).map((group) =>
          this.listItem(group),
        );
        return msg
          ? {
              kind: "Assert",
              test: test ?? this.errorExpression(span.to, span.to),
              msg,
              from: span.from,
              to: span.to,
            }
          : {
              kind: "Assert",
              test: test ?? this.errorExpression(span.to, span.to),
              from: span.from,
              to: span.to,
            };
      }
      case "YieldStatement":
        this.recordErrorsWithin(node);
        return {
          kind: "ExpressionStatement",
          value: { kind: "Unsupported", description: "a yield expression", from: span.from, to: span.to },
          from: span.from,
          to: span.to,
        };
      case "PrintStatement":
        this.recordErrorsWithin(node);
        return {
          kind: "Unsupported",
          description: "a Python 2 print statement",
          from: span.from,
          to: span.to,
        };
      case "MatchStatement":
        this.recordErrorsWithin(node);
        return { kind: "Unsupported", description: "a match statement", from: span.from, to: span.to };
      case "TypeDefinition":
        this.recordErrorsWithin(node);
        return { kind: "Unsupported", description: "a type alias", from: span.from, to: span.to };
      default:
        this.recordErrorsWithin(node);
        return {
          kind: "Unsupported",
          description: "a statement the view does not model",
          from: span.from,
          to: span.to,
        };
    }
  }

  private assignment(node: SyntaxNode): Statement {
    const span = this.span(node);
    // `A = B = value` is target groups separated by `=`; an annotation sits after the first target.
    const groups: SyntaxNode[][] = [[]];
    let annotation: SyntaxNode | undefined;
    for (const part of this.children(node)) {
      if (part.name === "AssignOp") groups.push([]);
      else if (part.name === "TypeDef") annotation = part;
      else groups[groups.length - 1]!.push(part);
    }
    const valueGroup = groups.length > 1 ? groups.pop()! : undefined;
    const value = valueGroup ? this.expressionList(valueGroup, { from: span.to, to: span.to }) : undefined;
    const targets = groups.map((group) => this.expressionList(group, span));
    if (annotation && targets.length <= 1) {
      const annotationValue = this.typeAnnotation(annotation);
      const target = targets[0] ?? this.errorExpression(span.from, span.from);
      return value
        ? { kind: "AnnAssign", target, annotation: annotationValue, value, from: span.from, to: span.to }
        : { kind: "AnnAssign", target, annotation: annotationValue, from: span.from, to: span.to };
    }
    return {
      kind: "Assign",
      targets,
      value: value ?? this.errorExpression(span.to, span.to),
      from: span.from,
      to: span.to,
    };
  }

  private augmentedAssignment(node: SyntaxNode): Statement {
    const span = this.span(node);
    const parts = this.children(node);
    const operatorIndex = parts.findIndex((part) => part.name === "UpdateOp");
    const operatorText = operatorIndex >= 0 ? this.source(parts[operatorIndex]!).slice(0, -1) : "+";
    const target = this.expressionList(operatorIndex >= 0 ? parts.slice(0, operatorIndex) : parts, span);
    const value =
      operatorIndex >= 0 && operatorIndex + 1 < parts.length
        ? this.expressionList(parts.slice(operatorIndex + 1), span)
        : this.errorExpression(span.to, span.to);
    if (operatorIndex < 0 || operatorIndex + 1 >= parts.length)
      this.recordError({ from: span.to, to: span.to });
    const op = (BINARY_OPERATORS.has(operatorText) ? operatorText : "+") as BinaryOperator;
    return { kind: "AugAssign", target, op, value, from: span.from, to: span.to };
  }

  private importStatement(node: SyntaxNode): Statement {
    const span = this.span(node);
    const parts = this.children(node);
    if (parts[0]?.name === "from") {
      const importIndex = parts.findIndex((part) => part.name === "import");
      const moduleParts = importIndex >= 0 ? parts.slice(1, importIndex) : parts.slice(1);
      const module = moduleParts.map((part) => this.source(part)).join("");
      const level = /^\.*/.exec(module)![0].length;
      const nameParts = importIndex >= 0 ? parts.slice(importIndex + 1) : [];
      if (nameParts[0]?.name === "*")
        return { kind: "ImportFrom", module, level, names: "*", from: span.from, to: span.to };
      const names = this.aliases(nameParts.filter((part) => part.name !== "(" && part.name !== ")"));
      return { kind: "ImportFrom", module, level, names, from: span.from, to: span.to };
    }
    return { kind: "Import", names: this.aliases(parts.slice(1)), from: span.from, to: span.to };
  }

  /**
   * `a.b as c, d` → aliases with dotted names. In half-typed code a name that does not continue a
   * dotted name starts the next alias, and anything else only ends the one before.
   */
  private aliases(parts: SyntaxNode[]): Alias[] {
    const aliases: Alias[] = [];
    let dotted: SyntaxNode[] = [];
    const flush = (asname?: SyntaxNode) => {
      if (dotted.length === 0) return;
      const name = dotted.map((part) => this.source(part)).join("");
      const from = this.from(dotted[0]!);
      const to = this.to(asname ?? dotted[dotted.length - 1]!);
      aliases.push(asname ? { name, asname: this.identifier(asname), from, to } : { name, from, to });
      dotted = [];
    };
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]!;
      const previous = dotted[dotted.length - 1];
      if (part.name === "VariableName") {
        if (previous && previous.name !== "." && previous.name !== "...") flush();
        dotted.push(part);
      } else if ((part.name === "." || part.name === "...") && previous) {
        dotted.push(part);
      } else if (part.name === "as" && parts[index + 1]?.name === "VariableName") {
        flush(parts[++index]);
      } else {
        flush();
      }
    }
    flush();
    return aliases;
  }

  private raiseStatement(node: SyntaxNode): Statement {
    const span = this.span(node);
    const parts = this.children(node).slice(1);
    const fromIndex = parts.findIndex((part) => part.name === "from");
    const excNodes = fromIndex >= 0 ? parts.slice(0, fromIndex) : parts;
    const excGroups = this.splitByCommas(excNodes);
    const exc = excGroups.length > 0 && excGroups[0]!.length > 0 ? this.listItem(excGroups[0]!) : undefined;
    const cause = fromIndex >= 0 ? this.listItem(parts.slice(fromIndex + 1), span) : undefined;
    return {
      kind: "Raise",
      ...(exc ? { exc } : {}),
      ...(cause ? { cause } : {}),
      from: span.from,
      to: span.to,
    };
  }
}

/** Spans in order, each once (a damaged place can be met twice while converting). */
function distinctSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.from - b.from || a.to - b.to);
  return sorted.filter((span, index) => {
    const previous = sorted[index - 1];
    return !previous || previous.from !== span.from || previous.to !== span.to;
  });
}
