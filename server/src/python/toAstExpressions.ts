// The expression half of the conversion from lezer's tree to the typed syntax view (the statements
// build on it): names and constants, parentheses, displays and comprehensions, calls, subscripts and
// lambdas, and the switch that sends each kind of expression node to its conversion. It extends the
// operators (toAstOperators.ts), which extend the literals (toAstLiterals.ts), which extend the
// helpers that read nodes and record damage (toAstNodes.ts).
import type { SyntaxNode } from "@lezer/common";
import type { Comprehension, Dict, DictEntry, Expression, Keyword, Name, Span } from "./ast";
import { OperatorConverter } from "./toAstOperators";

/** Lezer names of the comprehension displays and the view's kinds for them. */
const COMPREHENSIONS: Record<string, "ListComp" | "SetComp" | "GeneratorExp" | "DictComp"> = {
  ArrayComprehensionExpression: "ListComp",
  SetComprehensionExpression: "SetComp",
  ComprehensionExpression: "GeneratorExp",
  DictionaryComprehensionExpression: "DictComp",
};

export abstract class ExpressionConverter extends OperatorConverter {
  protected convertExpression(node: SyntaxNode): Expression {
    const from = node.from + this.offset;
    const to = node.to + this.offset;
    if (node.type.isError) {
      this.recordError({ from, to });
      return { kind: "Error", from, to };
    }
    switch (node.name) {
      case "VariableName":
        return { kind: "Name", id: this.source(node), from, to };
      case "Number":
        return this.number(node);
      case "String":
        return this.string(node);
      case "FormatString":
        return this.formatString(node, { from, to });
      case "ContinuedString":
        return this.continuedString(node);
      case "Boolean":
        return { kind: "Constant", type: "bool", value: this.source(node) === "True", from, to };
      case "None":
        return { kind: "Constant", type: "None", value: null, from, to };
      case "Ellipsis":
        return { kind: "Constant", type: "Ellipsis", value: null, from, to };
      case "ParenthesizedExpression":
        return this.parenthesized(node);
      case "TupleExpression":
        return { kind: "Tuple", elts: this.displayItems(node), parenthesized: true, from, to };
      case "ArrayExpression":
        return { kind: "List", elts: this.displayItems(node), from, to };
      case "SetExpression":
        return { kind: "Set", elts: this.displayItems(node), from, to };
      case "DictionaryExpression":
        return this.dictionary(node);
      case "ArrayComprehensionExpression":
      case "SetComprehensionExpression":
      case "ComprehensionExpression":
      case "DictionaryComprehensionExpression":
        return this.comprehension(node);
      case "BinaryExpression":
      case "UnaryExpression":
        if (this.isBooleanNode(node)) return this.booleanExpression(node);
        return node.name === "BinaryExpression" ? this.binary(node) : this.unary(node);
      case "ConditionalExpression": {
        const parts = this.children(node).filter((part) => part.name !== "if" && part.name !== "else");
        if (parts.length !== 3) return this.damaged(node);
        return {
          kind: "IfExp",
          body: this.expression(parts[0]!),
          test: this.expression(parts[1]!),
          orelse: this.expression(parts[2]!),
          from,
          to,
        };
      }
      case "MemberExpression":
        return this.member(node);
      case "CallExpression": {
        const parts = this.children(node);
        const argumentList = parts.find((part) => part.name === "ArgList");
        if (!parts[0] || parts[0] === argumentList) return this.damaged(node);
        const { args, keywords } = argumentList
          ? this.argumentList(argumentList)
          : { args: [], keywords: [] };
        return { kind: "Call", func: this.expression(parts[0]), args, keywords, from, to };
      }
      case "LambdaExpression": {
        const parts = this.children(node);
        const parameterList = parts.find((part) => part.name === "ParamList");
        const colon = parts.findIndex((part) => part.name === ":");
        const body = colon >= 0 ? this.listItem(parts.slice(colon + 1), { from, to }) : this.damaged(node);
        return {
          kind: "Lambda",
          parameters: parameterList ? this.parameters(this.children(parameterList)) : [],
          body,
          from,
          to,
        };
      }
      case "NamedExpression": {
        const parts = this.children(node);
        const target = parts[0];
        if (parts.length !== 3 || target?.name !== "VariableName") return this.damaged(node);
        const name: Name = { kind: "Name", id: this.source(target), ...this.span(target) };
        return { kind: "NamedExpr", target: name, value: this.expression(parts[2]!), from, to };
      }
      case "AwaitExpression":
        this.recordErrorsWithin(node);
        return { kind: "Unsupported", description: "an await expression", from, to };
      case "YieldExpression":
        this.recordErrorsWithin(node);
        return { kind: "Unsupported", description: "a yield expression", from, to };
      default:
        return this.damaged(node);
    }
  }

  protected parenthesized(node: SyntaxNode): Expression {
    const span = this.span(node);
    const inner = this.children(node).filter((part) => part.name !== "(" && part.name !== ")");
    const meaningful = inner.filter((part) => !part.type.isError);
    let expression: Expression;
    if (meaningful.length === 1 && inner.length === 1) expression = this.expression(meaningful[0]!);
    else if (meaningful.length === 2 && inner.length === 2 && meaningful[0]!.name === "*")
      expression = this.listItem(meaningful);
    else return this.damaged(node);
    return { ...expression, parens: span };
  }

  /** Items of a list, tuple or set display (inside its brackets). */
  protected displayItems(node: SyntaxNode): Expression[] {
    const parts = this.children(node).filter((part) => !isBracket(part.name));
    return this.items(parts).map((group) => this.listItem(group));
  }

  protected dictionary(node: SyntaxNode): Expression {
    const span = this.span(node);
    const parts = this.children(node).filter((part) => part.name !== "{" && part.name !== "}");
    const entries: DictEntry[] = [];
    for (const group of this.items(parts)) {
      const meaningful = group.filter((part) => !part.type.isError);
      if (meaningful[0]?.name === "**") {
        entries.push({ key: null, value: this.listItem(meaningful.slice(1), this.span(meaningful[0])) });
        continue;
      }
      const colon = meaningful.findIndex((part) => part.name === ":");
      if (colon !== 1) return this.damaged(node);
      const key = this.expression(meaningful[0]!);
      const value = this.listItem(group.slice(group.indexOf(meaningful[1]!) + 1), this.span(meaningful[1]!));
      entries.push({ key, value });
    }
    const dict: Dict = { kind: "Dict", entries, from: span.from, to: span.to };
    return dict;
  }

  protected comprehension(node: SyntaxNode): Expression {
    const span = this.span(node);
    const kind = COMPREHENSIONS[node.name]!;
    const parts = this.children(node).filter((part) => !isBracket(part.name));
    const forIndex = parts.findIndex((part) => part.name === "for" || part.name === "async");
    if (forIndex < 0) return this.damaged(node);
    const head = parts.slice(0, forIndex);
    const generators = this.generators(parts.slice(forIndex));
    if (!generators) return this.damaged(node);
    if (kind === "DictComp") {
      const colon = head.findIndex((part) => part.name === ":");
      if (colon < 0) return this.damaged(node);
      return {
        kind,
        key: this.listItem(head.slice(0, colon), span),
        value: this.listItem(head.slice(colon + 1), span),
        generators,
        from: span.from,
        to: span.to,
      };
    }
    return { kind, elt: this.listItem(head, span), generators, from: span.from, to: span.to };
  }

  /** `for target in iter if cond for …` clauses, read from a flat list of nodes. */
  protected generators(parts: SyntaxNode[]): Comprehension[] | undefined {
    const generators: Comprehension[] = [];
    let index = 0;
    while (index < parts.length) {
      const start = parts[index]!;
      let isAsync = false;
      if (start.name === "async") {
        isAsync = true;
        index++;
      }
      if (parts[index]?.name !== "for") return undefined;
      index++;
      const targetNodes: SyntaxNode[] = [];
      while (index < parts.length && parts[index]!.name !== "in") targetNodes.push(parts[index++]!);
      if (parts[index]?.name !== "in") return undefined;
      index++;
      const iterNodes: SyntaxNode[] = [];
      while (index < parts.length && !isClauseStart(parts[index]!.name)) iterNodes.push(parts[index++]!);
      const ifs: Expression[] = [];
      while (parts[index]?.name === "if") {
        index++;
        const condition: SyntaxNode[] = [];
        while (index < parts.length && !isClauseStart(parts[index]!.name)) condition.push(parts[index++]!);
        ifs.push(this.listItem(condition));
      }
      const last = parts[index - 1]!;
      generators.push({
        target: this.expressionList(targetNodes, this.span(start)),
        iter: this.listItem(iterNodes, this.span(start)),
        ifs,
        isAsync,
        from: this.from(start),
        to: this.to(last),
      });
    }
    return generators;
  }

  protected member(node: SyntaxNode): Expression {
    const span = this.span(node);
    const parts = this.children(node);
    const object = parts[0];
    if (!object) return this.damaged(node);
    if (parts[1]?.name === "[") {
      const closing = parts[parts.length - 1]?.name === "]" ? parts.length - 1 : parts.length;
      const inside = parts.slice(2, closing);
      const value = this.expression(object);
      if (closing === parts.length) this.recordError({ from: span.to, to: span.to });
      const items = this.splitByCommas(inside).map((group) => this.subscriptItem(group));
      if (items.length === 0)
        return { kind: "Subscript", value, slice: this.damaged(node), from: span.from, to: span.to };
      const slice: Expression =
        items.length === 1 && !inside.some((part) => part.name === ",")
          ? items[0]!
          : {
              kind: "Tuple",
              elts: items,
              parenthesized: false,
              from: this.from(inside[0]!),
              to: this.to(inside[inside.length - 1]!),
            };
      return { kind: "Subscript", value, slice, from: span.from, to: span.to };
    }
    const property = parts[2];
    if (parts[1]?.name !== "." || property?.name !== "PropertyName" || parts.length !== 3)
      return this.damaged(node);
    return {
      kind: "Attribute",
      value: this.expression(object),
      attr: this.identifier(property),
      from: span.from,
      to: span.to,
    };
  }

  /** One index of a subscript: an expression or a slice `lower:upper:step`. */
  protected subscriptItem(group: SyntaxNode[]): Expression {
    if (!group.some((part) => part.name === ":")) return this.listItem(group);
    const bounds: SyntaxNode[][] = [[]];
    for (const part of group) {
      if (part.name === ":") bounds.push([]);
      else bounds[bounds.length - 1]!.push(part);
    }
    const [lower, upper, step] = bounds.map((nodes) => (nodes.length > 0 ? this.listItem(nodes) : undefined));
    return {
      kind: "Slice",
      ...(lower ? { lower } : {}),
      ...(upper ? { upper } : {}),
      ...(step ? { step } : {}),
      from: this.from(group[0]!),
      to: this.to(group[group.length - 1]!),
    };
  }

  /** The arguments inside an ArgList: positional ones (with `*args`) and keywords (with `**kwargs`). */
  protected argumentList(node: SyntaxNode): { args: Expression[]; keywords: Keyword[] } {
    const parts = this.children(node).filter((part) => part.name !== "(" && part.name !== ")");
    const args: Expression[] = [];
    const keywords: Keyword[] = [];
    for (const group of this.items(parts)) {
      if (group.length === 1 && !group[0]!.type.isError && group[0]!.name !== "*") {
        args.push(this.expression(group[0]!));
        continue;
      }
      const meaningful = group.filter((part) => !part.type.isError);
      const first = meaningful[0];
      if (!first) {
        args.push(this.listItem(group));
        continue;
      }
      const last = meaningful[meaningful.length - 1]!;
      if (first.name === "**") {
        keywords.push({
          value: this.listItem(meaningful.slice(1), this.span(first)),
          from: this.from(first),
          to: this.to(last),
        });
        continue;
      }
      if (first.name === "VariableName" && meaningful[1]?.name === "AssignOp") {
        const valueNodes = meaningful.slice(2);
        if (this.source(meaningful[1]) === ":=") {
          const target: Name = { kind: "Name", id: this.source(first), ...this.span(first) };
          const value = this.listItem(valueNodes, this.span(meaningful[1]));
          args.push({ kind: "NamedExpr", target, value, from: this.from(first), to: this.to(last) });
        } else {
          keywords.push({
            arg: this.identifier(first),
            value: this.argumentValue(valueNodes, this.span(meaningful[1])),
            from: this.from(first),
            to: this.to(last),
          });
        }
        continue;
      }
      args.push(this.argumentValue(meaningful, this.span(first)));
    }
    return { args, keywords };
  }

  /** An argument's value: an expression, `*expression`, or a generator without its own parentheses. */
  protected argumentValue(nodes: SyntaxNode[], missing: Span): Expression {
    const forIndex = nodes.findIndex((part) => part.name === "for" || part.name === "async");
    if (forIndex > 0) {
      const generators = this.generators(nodes.slice(forIndex));
      const from = this.from(nodes[0]!);
      const to = this.to(nodes[nodes.length - 1]!);
      if (!generators) {
        for (const part of nodes) this.recordErrorsWithin(part);
        this.recordError({ from, to });
        return this.errorExpression(from, to);
      }
      return { kind: "GeneratorExp", elt: this.listItem(nodes.slice(0, forIndex)), generators, from, to };
    }
    return this.listItem(nodes, missing);
  }
}

function isBracket(name: string): boolean {
  return name === "(" || name === ")" || name === "[" || name === "]" || name === "{" || name === "}";
}

function isClauseStart(name: string): boolean {
  return name === "for" || name === "async" || name === "if";
}
