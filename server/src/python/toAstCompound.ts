// The compound statements of the conversion from lezer's tree to the typed syntax view: if, for,
// while, try, with, function and class definitions with their decorators, and the blocks they hold
// (bounded in depth, as CPython bounds indentation). Separate from the switch over statement kinds and
// the simple statements (toAst.ts), whose class extends this one and converts each statement of a block.
import type { SyntaxNode } from "@lezer/common";
import type { ExceptHandler, Expression, If, Span, Statement, WithItem } from "./ast";
import { ExpressionConverter } from "./toAstExpressions";

/** The deepest block converted: CPython stops at 100 levels of indentation ("too many levels of indentation"). */
const MAX_BLOCK_DEPTH = 100;

export abstract class CompoundStatementConverter extends ExpressionConverter {
  /** Converts one statement node and appends the result (toAst.ts). */
  abstract statement(node: SyntaxNode, into: Statement[]): void;

  /** How many blocks enclose the statements being converted. */
  private blockDepth = 0;

  /**
   * The statements of a Body node (`: stmt` or an indented block). Past MAX_BLOCK_DEPTH nested
   * blocks (CPython allows 100 levels of indentation) the block is one Unsupported statement, so that
   * conversion and evaluation stay within the stack.
   */
  private body(node: SyntaxNode | undefined): Statement[] {
    const statements: Statement[] = [];
    if (!node) return statements;
    if (this.blockDepth >= MAX_BLOCK_DEPTH) {
      statements.push({
        kind: "Unsupported",
        description: `a block nested more than ${MAX_BLOCK_DEPTH} levels deep, too deep to follow`,
        from: this.from(node),
        to: this.to(node),
      });
      return statements;
    }
    this.blockDepth++;
    try {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.name === ":") continue;
        this.statement(child, statements);
      }
    } finally {
      this.blockDepth--;
    }
    return statements;
  }

  protected ifStatement(node: SyntaxNode): If {
    const span = this.span(node);
    const parts = this.children(node);
    // Clauses in order: `if`/`elif` with their keyword, test and body; `else` with its body.
    const clauses: { keyword: SyntaxNode; test?: SyntaxNode; body?: SyntaxNode }[] = [];
    let elseBody: SyntaxNode | undefined;
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]!;
      if (part.name === "if" || part.name === "elif") {
        const clause: { keyword: SyntaxNode; test?: SyntaxNode; body?: SyntaxNode } = { keyword: part };
        const next = parts[index + 1];
        if (next && next.name !== "Body" && !next.type.isError && !isKeyword(next.name)) {
          clause.test = next;
          index++;
        }
        if (parts[index + 1]?.name === "Body") clause.body = parts[++index];
        clauses.push(clause);
      } else if (part.name === "else") {
        if (parts[index + 1]?.name === "Body") elseBody = parts[++index];
      }
    }
    let orelse: Statement[] = this.body(elseBody);
    let result: If | undefined;
    for (let index = clauses.length - 1; index >= 0; index--) {
      const clause = clauses[index]!;
      const from = index === 0 ? span.from : this.from(clause.keyword);
      const to = span.to;
      const test = clause.test
        ? this.expression(clause.test)
        : this.errorExpression(this.to(clause.keyword), this.to(clause.keyword));
      result = { kind: "If", test, body: this.body(clause.body), orelse, elif: index > 0, from, to };
      orelse = [result];
    }
    return (
      result ?? {
        kind: "If",
        test: this.errorExpression(span.from, span.from),
        body: [],
        orelse,
        elif: false,
        from: span.from,
        to: span.to,
      }
    );
  }

  protected forStatement(node: SyntaxNode): Statement {
    const span = this.span(node);
    const parts = this.children(node);
    const isAsync = parts[0]?.name === "async";
    const forIndex = parts.findIndex((part) => part.name === "for");
    const inIndex = parts.findIndex((part) => part.name === "in");
    const bodies = parts.filter((part) => part.name === "Body");
    const firstBody = parts.findIndex((part) => part.name === "Body");
    const headerEnd = firstBody >= 0 ? firstBody : parts.length;
    const target = this.expressionList(parts.slice(forIndex + 1, inIndex >= 0 ? inIndex : headerEnd), span);
    const iter =
      inIndex >= 0
        ? this.expressionList(parts.slice(inIndex + 1, headerEnd), span)
        : this.errorExpression(span.to, span.to);
    const elseIndex = parts.findIndex((part) => part.name === "else");
    return {
      kind: "For",
      target,
      iter,
      body: this.body(bodies[0]),
      orelse:
        elseIndex >= 0
          ? this.body(parts[elseIndex + 1]?.name === "Body" ? parts[elseIndex + 1] : undefined)
          : [],
      isAsync,
      from: span.from,
      to: span.to,
    };
  }

  protected whileStatement(node: SyntaxNode): Statement {
    const span = this.span(node);
    const parts = this.children(node);
    const firstBody = parts.findIndex((part) => part.name === "Body");
    const headerEnd = firstBody >= 0 ? firstBody : parts.length;
    const elseIndex = parts.findIndex((part) => part.name === "else");
    return {
      kind: "While",
      test: this.expressionList(parts.slice(1, headerEnd), span),
      body: this.body(firstBody >= 0 ? parts[firstBody] : undefined),
      orelse:
        elseIndex >= 0
          ? this.body(parts[elseIndex + 1]?.name === "Body" ? parts[elseIndex + 1] : undefined)
          : [],
      from: span.from,
      to: span.to,
    };
  }

  protected tryStatement(node: SyntaxNode): Statement {
    const span = this.span(node);
    const parts = this.children(node);
    let body: Statement[] = [];
    const handlers: ExceptHandler[] = [];
    let orelse: Statement[] = [];
    let finalbody: Statement[] = [];
    let star = false;
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]!;
      if (part.name === "Body" && handlers.length === 0) {
        // The try body, also when the parser made a block after a stray `else:` into a try without its keyword.
        body = this.body(part);
      } else if (part.name === "except") {
        // `except`, `*`?, (type ((`as` | `,`) name)?)?, Body
        let cursor = index + 1;
        const header: SyntaxNode[] = [];
        while (
          cursor < parts.length &&
          parts[cursor]!.name !== "Body" &&
          !isClauseKeyword(parts[cursor]!.name)
        ) {
          header.push(parts[cursor]!);
          cursor++;
        }
        if (header[0]?.name === "*") {
          star = true;
          header.shift();
        }
        const asIndex = header.findIndex((part) => part.name === "as" || part.name === ",");
        const typeNodes = asIndex >= 0 ? header.slice(0, asIndex) : header;
        const nameNode = asIndex >= 0 ? header[asIndex + 1] : undefined;
        const bodyNode = parts[cursor]?.name === "Body" ? parts[cursor] : undefined;
        const handler: ExceptHandler = {
          ...(typeNodes.length > 0 ? { type: this.listItem(typeNodes) } : {}),
          ...(nameNode?.name === "VariableName" ? { name: this.identifier(nameNode) } : {}),
          body: this.body(bodyNode),
          from: this.from(part),
          to: bodyNode ? this.to(bodyNode) : this.to(header[header.length - 1] ?? part),
        };
        handlers.push(handler);
        index = bodyNode ? cursor : cursor - 1;
      } else if (part.name === "else") {
        if (parts[index + 1]?.name === "Body") orelse = this.body(parts[++index]);
      } else if (part.name === "finally") {
        if (parts[index + 1]?.name === "Body") finalbody = this.body(parts[++index]);
      }
    }
    return { kind: "Try", body, handlers, orelse, finalbody, star, from: span.from, to: span.to };
  }

  protected withStatement(node: SyntaxNode): Statement {
    const span = this.span(node);
    const parts = this.children(node);
    const isAsync = parts[0]?.name === "async";
    const bodyIndex = parts.findIndex((part) => part.name === "Body");
    const header = parts.slice(isAsync ? 2 : 1, bodyIndex >= 0 ? bodyIndex : parts.length);
    const items: WithItem[] = [];
    for (const group of this.splitByCommas(header)) {
      const asIndex = group.findIndex((part) => part.name === "as");
      const contextNodes = asIndex >= 0 ? group.slice(0, asIndex) : group;
      if (contextNodes.length === 0) continue;
      const contextExpr = this.listItem(contextNodes);
      const varsNode = asIndex >= 0 ? group[asIndex + 1] : undefined;
      const optionalVars = varsNode ? this.expression(varsNode) : undefined;
      const last = group[group.length - 1]!;
      items.push(
        optionalVars
          ? { contextExpr, optionalVars, from: this.from(group[0]!), to: this.to(last) }
          : { contextExpr, from: this.from(group[0]!), to: this.to(last) },
      );
    }
    return {
      kind: "With",
      items,
      body: this.body(bodyIndex >= 0 ? parts[bodyIndex] : undefined),
      isAsync,
      from: span.from,
      to: span.to,
    };
  }

  protected decorated(node: SyntaxNode): Statement {
    const span = this.span(node);
    const parts = this.children(node);
    const decorators = parts.filter((part) => part.name === "Decorator").map((part) => this.decorator(part));
    const definition = parts.find(
      (part) => part.name === "FunctionDefinition" || part.name === "ClassDefinition",
    );
    if (!definition) {
      this.recordErrorsWithin(node);
      return {
        kind: "Unsupported",
        description: "a decorator without a definition",
        from: span.from,
        to: span.to,
      };
    }
    return this.definition(definition, decorators, span);
  }

  /** `@a.b(args)`: a dotted name, called when arguments are written. */
  private decorator(node: SyntaxNode): Expression {
    const parts = this.children(node).filter((part) => part.name !== "At");
    let result: Expression | undefined;
    for (const part of parts) {
      if (part.name === "VariableName") {
        result = result
          ? {
              kind: "Attribute",
              value: result,
              attr: this.identifier(part),
              from: result.from,
              to: this.to(part),
            }
          : { kind: "Name", id: this.source(part), ...this.span(part) };
      } else if (part.name === "ArgList" && result) {
        const { args, keywords } = this.argumentList(part);
        result = { kind: "Call", func: result, args, keywords, from: result.from, to: this.to(part) };
      }
    }
    return result ?? this.errorExpression(this.from(node), this.to(node));
  }

  protected definition(node: SyntaxNode, decorators: Expression[], span: Span): Statement {
    const parts = this.children(node);
    const nameNode = parts.find((part) => part.name === "VariableName");
    const name = nameNode ? this.identifier(nameNode) : { name: "", from: span.from, to: span.from };
    const body = this.body(parts.find((part) => part.name === "Body"));
    for (const part of parts) if (part.name === "TypeParamList") this.recordErrorsWithin(part);
    if (node.name === "ClassDefinition") {
      const argumentList = parts.find((part) => part.name === "ArgList");
      const { args, keywords } = argumentList ? this.argumentList(argumentList) : { args: [], keywords: [] };
      return {
        kind: "ClassDef",
        name,
        bases: args,
        keywords,
        body,
        decorators,
        from: span.from,
        to: span.to,
      };
    }
    const parameterList = parts.find((part) => part.name === "ParamList");
    const returnsNode = parts.find((part) => part.name === "TypeDef");
    const returns = returnsNode ? this.typeAnnotation(returnsNode) : undefined;
    return {
      kind: "FunctionDef",
      name,
      parameters: parameterList ? this.parameters(this.children(parameterList)) : [],
      body,
      decorators,
      ...(returns ? { returns } : {}),
      isAsync: parts[0]?.name === "async",
      from: span.from,
      to: span.to,
    };
  }
}

function isKeyword(name: string): boolean {
  return name === "if" || name === "elif" || name === "else";
}

function isClauseKeyword(name: string): boolean {
  return name === "except" || name === "else" || name === "finally";
}
