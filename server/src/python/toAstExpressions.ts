// The expression half of the conversion from lezer's tree to the typed syntax view (toAst.ts holds
// the statements): names, literals and f-strings, operators (with Python's precedence for not/and/or),
// displays and comprehensions, calls, subscripts and lambdas, and the helpers both halves use to read
// nodes and record damage.
import type { SyntaxNode } from "@lezer/common";
import type {
  BinaryOperator,
  Comprehension,
  CompareOperator,
  Constant,
  Dict,
  DictEntry,
  Expression,
  FormattedValue,
  Identifier,
  JoinedStr,
  Keyword,
  Name,
  Parameter,
  ParameterKind,
  Span,
  StrConstant,
  Tuple,
  UnaryOperator,
} from "./ast";
import { parseNumberLiteral, parseStringLiteral, SIMPLE_ESCAPES } from "./literals";

/**
 * The deepest expression converted (CPython's parser gives up near 200 nested brackets, and settings
 * nest a few levels).
 */
export const MAX_EXPRESSION_DEPTH = 400;

export const BINARY_OPERATORS = new Set<string>([
  "+",
  "-",
  "*",
  "@",
  "/",
  "//",
  "%",
  "**",
  "<<",
  ">>",
  "|",
  "^",
  "&",
]);
const COMPARE_OPERATORS = new Set<string>(["==", "!=", "<", "<=", ">", ">="]);

/** Lezer names of the comprehension displays and the view's kinds for them. */
const COMPREHENSIONS: Record<string, "ListComp" | "SetComp" | "GeneratorExp" | "DictComp"> = {
  ArrayComprehensionExpression: "ListComp",
  SetComprehensionExpression: "SetComp",
  ComprehensionExpression: "GeneratorExp",
  DictionaryComprehensionExpression: "DictComp",
};

export abstract class ExpressionConverter {
  offset = 0;
  /** Damaged places found while converting; each statement takes those recorded since it began. */
  protected errors: Span[] = [];

  constructor(protected readonly text: string) {}

  // --- helpers -------------------------------------------------------------------------------

  protected from(node: SyntaxNode): number {
    return node.from + this.offset;
  }

  protected to(node: SyntaxNode): number {
    return node.to + this.offset;
  }

  protected span(node: SyntaxNode): Span {
    return { from: node.from + this.offset, to: node.to + this.offset };
  }

  protected source(node: SyntaxNode): string {
    return this.text.slice(node.from + this.offset, node.to + this.offset);
  }

  protected identifier(node: SyntaxNode): Identifier {
    return { name: this.source(node), from: this.from(node), to: this.to(node) };
  }

  protected recordError(span: Span): void {
    this.errors.push(span);
  }

  /** Children without comments; error children are recorded as damage of the current statement. */
  protected children(node: SyntaxNode): SyntaxNode[] {
    const result: SyntaxNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.type.isError) this.recordError(this.span(child));
      else if (child.name === "Comment") continue;
      result.push(child);
    }
    return result;
  }

  /**
   * Subtrees whose damage was recorded whole, by position and type: a damaged expression inside a
   * damaged expression is scanned once, not once per enclosing level (quadratic in deep nesting).
   */
  private readonly scannedSubtrees = new Set<string>();

  private subtreeKey(from: number, to: number, type: number): string {
    return `${from + this.offset}:${to + this.offset}:${type}`;
  }

  /** Records the damage inside a subtree that is not converted node by node. */
  protected recordErrorsWithin(node: SyntaxNode): void {
    const key = this.subtreeKey(node.from, node.to, node.type.id);
    if (this.scannedSubtrees.has(key)) return;
    this.scannedSubtrees.add(key);
    const cursor = node.cursor();
    if (!cursor.firstChild()) return;
    let depth = 1;
    for (;;) {
      if (cursor.type.isError)
        this.recordError({ from: cursor.from + this.offset, to: cursor.to + this.offset });
      const scanned = this.scannedSubtrees.has(this.subtreeKey(cursor.from, cursor.to, cursor.type.id));
      if (!scanned && cursor.firstChild()) {
        depth++;
        continue;
      }
      while (!cursor.nextSibling()) {
        if (depth === 1) return;
        cursor.parent();
        depth--;
      }
    }
  }

  protected errorExpression(from: number, to: number): Expression {
    return { kind: "Error", from, to };
  }

  protected typeAnnotation(node: SyntaxNode): Expression {
    const parts = this.children(node).filter((part) => part.name !== ":");
    return this.listItem(parts, this.span(node));
  }

  protected parameters(parts: SyntaxNode[]): Parameter[] {
    const inner = parts.filter((part) => part.name !== "(" && part.name !== ")");
    const parameters: Parameter[] = [];
    let kind: ParameterKind = "positional";
    // Lezer leaves the positional-only marker `/` out of the tree: it shows as text between commas.
    let positionalOnly = 0;
    let previousEnd = parts[0]?.name === "(" ? parts[0].to : (inner[0]?.from ?? 0);
    const slashBefore = (offset: number) =>
      this.text.slice(previousEnd + this.offset, offset + this.offset).includes("/");
    for (const group of this.splitByCommas(inner)) {
      if (slashBefore(group[0]!.from)) positionalOnly = parameters.length;
      previousEnd = group[group.length - 1]!.to;
      const first = group[0]!;
      let cursor = 0;
      let parameterKind: ParameterKind = kind;
      if (first.name === "*" || first.name === "**") {
        parameterKind = first.name === "*" ? "*args" : "**kwargs";
        cursor = 1;
        if (first.name === "*") kind = "keyword-only";
      }
      const nameNode = group[cursor];
      // A bare `*` only makes the parameters after it keyword-only.
      if (!nameNode || nameNode.name !== "VariableName") continue;
      const annotationNode = group[cursor + 1]?.name === "TypeDef" ? group[cursor + 1] : undefined;
      const assignIndex = group.findIndex((part) => part.name === "AssignOp");
      const last = group[group.length - 1]!;
      const defaultValue =
        assignIndex >= 0
          ? this.listItem(group.slice(assignIndex + 1), this.span(group[assignIndex]!))
          : undefined;
      parameters.push({
        name: this.identifier(nameNode),
        kind: parameterKind,
        ...(annotationNode ? { annotation: this.typeAnnotation(annotationNode) } : {}),
        ...(defaultValue ? { default: defaultValue } : {}),
        from: this.from(first),
        to: this.to(last),
      });
    }
    const closing = parts[parts.length - 1];
    if (closing?.name === ")" && slashBefore(closing.from)) positionalOnly = parameters.length;
    if (positionalOnly === 0) return parameters;
    return parameters.map((parameter, index) =>
      index < positionalOnly ? { ...parameter, kind: "positional-only" } : parameter,
    );
  }

  // --- expressions ---------------------------------------------------------------------------

  /** Splits nodes at commas (not those of a comprehension's target, between `for` and `in`). */
  protected splitByCommas(nodes: SyntaxNode[]): SyntaxNode[][] {
    const groups: SyntaxNode[][] = [[]];
    let inTarget = false;
    for (const node of nodes) {
      if (node.name === "for") inTarget = true;
      else if (node.name === "in") inTarget = false;
      if (node.name === "," && !inTarget) groups.push([]);
      else groups[groups.length - 1]!.push(node);
    }
    return groups.filter((group) => group.length > 0);
  }

  /**
   * The items of a comma-separated list. A damaged place is an item of its own (`[1, 2⚠` has three
   * items, the last an Error), unless it stands for the value after `=`, `:`, `*` or `**`.
   */
  protected items(nodes: SyntaxNode[]): SyntaxNode[][] {
    const items: SyntaxNode[][] = [];
    for (const group of this.splitByCommas(nodes)) {
      let current: SyntaxNode[] = [];
      for (const node of group) {
        const previous = current[current.length - 1]?.name;
        const awaitsValue =
          previous === "AssignOp" || previous === ":" || previous === "*" || previous === "**";
        if (node.type.isError && !awaitsValue) {
          if (current.length > 0) items.push(current);
          items.push([node]);
          current = [];
        } else {
          current.push(node);
        }
      }
      if (current.length > 0) items.push(current);
    }
    return items;
  }

  /**
   * A comma-separated list as one expression: the single item, or a tuple without parentheses
   * (`1, 2,` spans from the first item to the trailing comma, as in CPython). `missing` is where an
   * absent expression is reported.
   */
  protected expressionList(nodes: SyntaxNode[], missing: Span): Expression {
    if (nodes.length === 1 && !nodes[0]!.type.isError) return this.expression(nodes[0]!);
    if (!hasComma(nodes)) return this.listItem(nodes, { from: missing.to, to: missing.to });
    const elts = this.items(nodes).map((group) => this.listItem(group));
    const tuple: Tuple = {
      kind: "Tuple",
      elts,
      parenthesized: false,
      from: this.from(nodes[0]!),
      to: this.to(nodes[nodes.length - 1]!),
    };
    return tuple;
  }

  /** One item of a list: an expression, `*expression`, or damage. */
  protected listItem(nodes: SyntaxNode[], missing?: Span): Expression {
    if (nodes.length === 1 && !nodes[0]!.type.isError && nodes[0]!.name !== "*" && nodes[0]!.name !== "**")
      return this.expression(nodes[0]!);
    const meaningful = nodes.filter((node) => !node.type.isError);
    if (meaningful.length === 0 || nodes[0]!.type.isError) {
      const at = nodes[0] ? this.span(nodes[0]) : (missing ?? { from: 0, to: 0 });
      if (nodes.length === 0) this.recordError(at);
      return this.errorExpression(
        at.from,
        nodes[nodes.length - 1] ? this.to(nodes[nodes.length - 1]!) : at.to,
      );
    }
    const first = meaningful[0]!;
    if ((first.name === "*" || first.name === "**") && meaningful.length === 2) {
      const value = this.expression(meaningful[1]!);
      return { kind: "Starred", value, from: this.from(first), to: value.parens?.to ?? value.to };
    }
    if (meaningful.length === 1) return this.expression(first);
    return this.errorExpression(this.from(nodes[0]!), this.to(nodes[nodes.length - 1]!));
  }

  /** How many expressions enclose the one being converted. */
  protected expressionDepth = 0;

  /**
   * One expression of the view. Conversion recurses once per level of the tree, and so do the
   * evaluator and everything that walks the view after it: past MAX_EXPRESSION_DEPTH levels the rest
   * is an Unsupported expression (Unknown to the evaluator), so no input can overflow the stack.
   */
  expression(node: SyntaxNode): Expression {
    if (this.expressionDepth >= MAX_EXPRESSION_DEPTH) return this.tooDeep(this.from(node), this.to(node));
    this.expressionDepth++;
    try {
      return this.convertExpression(node);
    } finally {
      this.expressionDepth--;
    }
  }

  protected tooDeep(from: number, to: number): Expression {
    return {
      kind: "Unsupported",
      description: `an expression nested more than ${MAX_EXPRESSION_DEPTH} levels deep, too deep to follow`,
      from,
      to,
    };
  }

  private convertExpression(node: SyntaxNode): Expression {
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

  /** A node that does not have the shape its name promises: damage, with every error inside recorded. */
  protected damaged(node: SyntaxNode): Expression {
    if (node.type.isError) this.recordError(this.span(node));
    else this.recordErrorsWithin(node);
    return { kind: "Error", ...this.span(node) };
  }

  protected number(node: SyntaxNode): Constant {
    const span = this.span(node);
    const text = this.source(node);
    if (/^\d+$/.test(text))
      return { kind: "Constant", type: "int", value: Number(text), from: span.from, to: span.to };
    const parsed = parseNumberLiteral(text);
    if (parsed)
      return { kind: "Constant", type: parsed.kind, value: parsed.value, from: span.from, to: span.to };
    const imaginary = Number(text.replace(/_/g, "").replace(/[jJ]$/, ""));
    return { kind: "Constant", type: "complex", value: imaginary, from: span.from, to: span.to };
  }

  protected string(node: SyntaxNode): Expression {
    const span = this.span(node);
    const decoded = decodeString(this.source(node));
    if (!decoded) {
      // An unterminated string: the parser reads on, Python would not.
      this.recordError(span);
      return { kind: "Error", from: span.from, to: span.to };
    }
    return { kind: "Constant", type: decoded.type, value: decoded.value, from: span.from, to: span.to };
  }

  /** `'a' 'b'`, `'a' f'{b}'`: one constant, or one JoinedStr when an f-string is among the pieces. */
  protected continuedString(node: SyntaxNode): Expression {
    const span = this.span(node);
    const pieces = this.children(node);
    const pieceSpans = pieces.map((piece) => this.span(piece));
    if (
      pieces.some((piece) => piece.type.isError || (piece.name !== "String" && piece.name !== "FormatString"))
    )
      return this.damaged(node);
    if (pieces.some((piece) => piece.name === "FormatString")) {
      const values: (StrConstant | FormattedValue)[] = [];
      for (const piece of pieces) {
        if (piece.name === "FormatString") {
          const joined = this.formatString(piece, this.span(piece));
          if (joined.kind !== "JoinedStr") return joined;
          for (const value of joined.values) appendJoined(values, value);
        } else {
          const decoded = decodeString(this.source(piece));
          if (!decoded || decoded.type === "bytes") return this.damaged(node);
          appendJoined(values, { kind: "Constant", type: "str", value: decoded.value, ...this.span(piece) });
        }
      }
      return { kind: "JoinedStr", values, pieces: pieceSpans, from: span.from, to: span.to };
    }
    let value = "";
    let bytes = false;
    for (const piece of pieces) {
      const decoded = decodeString(this.source(piece));
      if (!decoded) {
        this.recordError(this.span(piece));
        return { kind: "Error", from: span.from, to: span.to };
      }
      if (decoded.type === "bytes") bytes = true;
      value += decoded.value;
    }
    // Mixing bytes and str literals is an error in Python; such a concatenation is taken as bytes.
    return {
      kind: "Constant",
      type: bytes ? "bytes" : "str",
      value,
      pieces: pieceSpans,
      from: span.from,
      to: span.to,
    };
  }

  /** An f-string token: literal text and `{…}` replacements. */
  protected formatString(node: SyntaxNode, span: Span): Expression {
    const text = this.source(node);
    const prefix = /^[rRfF]{1,2}/.exec(text)?.[0] ?? "";
    const raw = prefix.toLowerCase().includes("r");
    const quote = /^('''|"""|'|")/.exec(text.slice(prefix.length))?.[0] ?? '"';
    if (!text.endsWith(quote) || text.length < prefix.length + quote.length * 2) {
      this.recordError(span);
      return { kind: "Error", from: span.from, to: span.to };
    }
    const bodyStart = node.from + prefix.length + quote.length;
    const bodyEnd = node.to - quote.length;
    const values: (StrConstant | FormattedValue)[] = [];
    let position = bodyStart;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.type.isError) this.recordError(this.span(child));
      if (child.name !== "FormatReplacement") continue;
      this.appendLiteral(values, position, child.from, raw);
      this.replacement(child, values);
      position = child.to;
    }
    this.appendLiteral(values, position, Math.max(position, bodyEnd), raw);
    return { kind: "JoinedStr", values, from: span.from, to: span.to };
  }

  /** Literal f-string text between `from` and `to` (node coordinates), decoded. */
  protected appendLiteral(
    values: (StrConstant | FormattedValue)[],
    from: number,
    to: number,
    raw: boolean,
  ): void {
    if (to <= from) return;
    const piece = this.text.slice(from + this.offset, to + this.offset);
    const unescaped = raw ? piece : (parseStringLiteral(`"${piece}"`) ?? piece);
    const value = unescaped.replace(/\{\{/g, "{").replace(/\}\}/g, "}");
    appendJoined(values, {
      kind: "Constant",
      type: "str",
      value,
      from: from + this.offset,
      to: to + this.offset,
    });
  }

  /** `{expression=!r:spec}` */
  protected replacement(node: SyntaxNode, values: (StrConstant | FormattedValue)[]): void {
    const span = this.span(node);
    const parts = this.children(node);
    const expressionParts: SyntaxNode[] = [];
    let conversion: "s" | "r" | "a" | undefined;
    let selfDocumenting: SyntaxNode | undefined;
    let specNode: SyntaxNode | undefined;
    for (const part of parts) {
      if (part.name === "{" || part.name === "}") continue;
      if (part.name === "FormatSelfDoc") selfDocumenting = part;
      else if (part.name === "FormatConversion") conversion = this.source(part).slice(1) as "s" | "r" | "a";
      else if (part.name === "FormatSpec") specNode = part;
      else if (!selfDocumenting && !conversion && !specNode) expressionParts.push(part);
    }
    const value = this.expressionList(expressionParts, span);
    if (selfDocumenting) {
      // `f"{x = }"` is the text `x = ` (up to what follows the `=`) and the value's repr, as CPython reads it.
      const next = selfDocumenting.nextSibling;
      const end = next ? this.from(next) : this.to(selfDocumenting);
      const text = this.text.slice(span.from + 1, end);
      appendJoined(values, { kind: "Constant", type: "str", value: text, from: span.from + 1, to: end });
      if (!conversion && !specNode) conversion = "r";
    }
    const formatSpec = specNode ? this.formatSpec(specNode) : undefined;
    values.push({
      kind: "FormattedValue",
      value,
      ...(conversion ? { conversion } : {}),
      ...(formatSpec ? { formatSpec } : {}),
      from: span.from,
      to: span.to,
    });
  }

  /** `:>{width}` after a replacement's value. */
  protected formatSpec(node: SyntaxNode): JoinedStr {
    const values: (StrConstant | FormattedValue)[] = [];
    let position = node.from + 1;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.type.isError) this.recordError(this.span(child));
      if (child.name !== "FormatReplacement") continue;
      this.appendLiteral(values, position, child.from, true);
      this.replacement(child, values);
      position = child.to;
    }
    this.appendLiteral(values, position, node.to, true);
    return { kind: "JoinedStr", values, from: this.from(node) + 1, to: this.to(node) };
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

  /** `a and b`, `a or b` or `not a`, as lezer writes them (before regrouping). */
  protected isBooleanNode(node: SyntaxNode): boolean {
    const parts = this.children(node);
    if (node.name === "UnaryExpression") return parts.length === 2 && this.source(parts[0]!) === "not";
    if (node.name !== "BinaryExpression" || parts.length !== 3) return false;
    const operator = this.source(parts[1]!);
    return operator === "and" || operator === "or";
  }

  /**
   * A chain of `not`, `and` and `or`, regrouped with Python's precedence (or < and < not).
   * @lezer/python gives `not` the lowest precedence of the three: it parses `not A and B` as
   * `not (A and B)`, which Python reads as `(not A) and B`. So the chain is read flat, as the
   * keywords and the operands between them (a parenthesized operand stays one operand), and grouped
   * again here.
   */
  protected booleanExpression(node: SyntaxNode): Expression {
    type Token =
      { kind: "not"; from: number } | { kind: "and" | "or" } | { kind: "operand"; node: SyntaxNode };
    const tokens: Token[] = [];
    const flatten = (part: SyntaxNode): void => {
      if (!this.isBooleanNode(part)) {
        tokens.push({ kind: "operand", node: part });
        return;
      }
      const parts = this.children(part);
      if (part.name === "UnaryExpression") {
        tokens.push({ kind: "not", from: this.from(parts[0]!) });
        flatten(parts[1]!);
        return;
      }
      flatten(parts[0]!);
      tokens.push({ kind: this.source(parts[1]!) as "and" | "or" });
      flatten(parts[2]!);
    };
    flatten(node);
    // Each grouped expression keeps the span of its source, parentheses of its operands included
    // (CPython's spans for `(A or B) or C` start at the parenthesis).
    type Grouped = { expression: Expression; from: number; to: number };
    let index = 0;
    const chain = (operator: "and" | "or", operand: () => Grouped): Grouped => {
      const values = [operand()];
      while (tokens[index]?.kind === operator) {
        index++;
        values.push(operand());
      }
      if (values.length === 1) return values[0]!;
      const from = values[0]!.from;
      const to = values[values.length - 1]!.to;
      const expressions = values.map((value) => value.expression);
      return { expression: { kind: "BoolOp", op: operator, values: expressions, from, to }, from, to };
    };
    const negation = (): Grouped => {
      // `not not … x`: the operand first, then the negations around it, without recursing once
      // per `not` (20,000 of them overflowed the stack), and no deeper than any expression may be.
      const negations: number[] = [];
      while (tokens[index]?.kind === "not") negations.push((tokens[index++] as { from: number }).from);
      const token = tokens[index++];
      let grouped: Grouped =
        token?.kind === "operand"
          ? { expression: this.expression(token.node), from: this.from(token.node), to: this.to(token.node) }
          : { expression: this.damaged(node), from: this.from(node), to: this.to(node) };
      if (negations.length > 0 && this.expressionDepth + negations.length > MAX_EXPRESSION_DEPTH)
        return {
          expression: this.tooDeep(negations[0]!, grouped.to),
          from: negations[0]!,
          to: grouped.to,
        };
      for (let position = negations.length - 1; position >= 0; position--) {
        const from = negations[position]!;
        const expression: Expression = {
          kind: "UnaryOp",
          op: "not",
          operand: grouped.expression,
          from,
          to: grouped.to,
        };
        grouped = { expression, from, to: grouped.to };
      }
      return grouped;
    };
    const result = chain("or", () => chain("and", negation)).expression;
    return index === tokens.length ? result : this.damaged(node);
  }

  protected binary(node: SyntaxNode): Expression {
    const span = this.span(node);
    const parts = this.children(node);
    if (parts.length < 3 || parts.length > 4) return this.damaged(node);
    const operatorNodes = parts.slice(1, -1);
    const operator = operatorNodes.map((part) => this.source(part)).join(" ");
    const left = this.expression(parts[0]!);
    const right = this.expression(parts[parts.length - 1]!);
    if (operatorNodes.length === 1 && (operator === "and" || operator === "or")) {
      // `a or b or c` is one BoolOp, as in CPython (not when the left one is in parentheses).
      const values =
        left.kind === "BoolOp" && left.op === operator && !left.parens
          ? [...left.values, right]
          : [left, right];
      return { kind: "BoolOp", op: operator, values, from: span.from, to: span.to };
    }
    if (isCompareOperator(operatorNodes, operator)) {
      const op = operator as CompareOperator;
      if (left.kind === "Compare" && !left.parens)
        return {
          kind: "Compare",
          left: left.left,
          ops: [...left.ops, op],
          comparators: [...left.comparators, right],
          from: span.from,
          to: span.to,
        };
      return { kind: "Compare", left, ops: [op], comparators: [right], from: span.from, to: span.to };
    }
    if (operatorNodes.length === 1 && BINARY_OPERATORS.has(operator))
      return { kind: "BinOp", left, op: operator as BinaryOperator, right, from: span.from, to: span.to };
    return this.damaged(node);
  }

  protected unary(node: SyntaxNode): Expression {
    const span = this.span(node);
    const parts = this.children(node);
    const operator = parts[0] ? this.source(parts[0]) : "";
    if (parts.length !== 2 || !["not", "-", "+", "~"].includes(operator)) return this.damaged(node);
    return {
      kind: "UnaryOp",
      op: operator as UnaryOperator,
      operand: this.expression(parts[1]!),
      from: span.from,
      to: span.to,
    };
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

function hasComma(nodes: SyntaxNode[]): boolean {
  for (const node of nodes) if (node.name === ",") return true;
  return false;
}

function isBracket(name: string): boolean {
  return name === "(" || name === ")" || name === "[" || name === "]" || name === "{" || name === "}";
}

/** Spans in order, each once (a damaged place can be met twice while converting). */

function isClauseStart(name: string): boolean {
  return name === "for" || name === "async" || name === "if";
}

function isCompareOperator(operatorNodes: SyntaxNode[], operator: string): boolean {
  if (operatorNodes.length === 2) return operator === "not in" || operator === "is not";
  const name = operatorNodes[0]!.name;
  return (name === "CompareOp" && COMPARE_OPERATORS.has(operator)) || name === "in" || name === "is";
}

/** Appends a part of an f-string, merging adjacent literal text as CPython does. */

function appendJoined(values: (StrConstant | FormattedValue)[], value: StrConstant | FormattedValue): void {
  if (value.kind === "Constant") {
    if (value.value === "") return;
    const previous = values[values.length - 1];
    if (previous?.kind === "Constant") {
      values[values.length - 1] = { ...previous, value: previous.value + value.value, to: value.to };
      return;
    }
  }
  values.push(value);
}

/** A string or bytes token's value; undefined when the token is not a whole literal. */

function decodeString(token: string): { type: "str" | "bytes"; value: string } | undefined {
  // Most strings are plain `'…'` or `"…"` without escapes: no need to look further.
  const opening = token[0];
  if (
    (opening === "'" || opening === '"') &&
    token.length >= 2 &&
    token[token.length - 1] === opening &&
    token[1] !== opening &&
    !token.includes("\\")
  )
    return { type: "str", value: token.slice(1, -1) };
  const match = /^([rRbBuU]{0,2})('''|"""|'|")/.exec(token);
  if (!match) return undefined;
  const prefix = match[1]!.toLowerCase();
  if (!prefix.includes("b")) {
    const value = parseStringLiteral(token);
    return value === undefined ? undefined : { type: "str", value };
  }
  const quote = match[2]!;
  if (!token.endsWith(quote) || token.length < prefix.length + quote.length * 2) return undefined;
  const body = token.slice(prefix.length + quote.length, token.length - quote.length);
  return { type: "bytes", value: prefix.includes("r") ? body : unescapeBytes(body) };
}

/** Escapes of a bytes literal: like a string's, without `\u`, `\U` and `\N`. */

function unescapeBytes(body: string): string {
  return body.replace(/\\(\n|[\\'"abfnrtv]|x[0-9a-fA-F]{2}|[0-7]{1,3})/g, (_, escape: string) => {
    if (escape === "\n") return "";
    if (escape in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[escape]!;
    if (escape[0] === "x") return String.fromCharCode(parseInt(escape.slice(1), 16));
    return String.fromCharCode(parseInt(escape, 8) & 0xff);
  });
}
