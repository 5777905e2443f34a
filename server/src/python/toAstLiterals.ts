// The literals of the conversion from lezer's tree to the typed syntax view: numbers, strings and
// bytes (decoded), implicitly concatenated strings and f-strings. Separate from the other expressions
// because decoding literal text is a task of its own; an f-string's replacements are converted as
// expressions again (expressionList, in toAstNodes.ts).
import type { SyntaxNode } from "@lezer/common";
import type { Constant, Expression, FormattedValue, JoinedStr, Span, StrConstant } from "./ast";
import { parseNumberLiteral, parseStringLiteral, SIMPLE_ESCAPES } from "./literals";
import { NodeConverter } from "./toAstNodes";

export abstract class LiteralConverter extends NodeConverter {
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
