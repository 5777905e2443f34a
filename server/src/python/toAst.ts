// Builds the typed view of ast.ts from @lezer/python's tree. Lezer's children have no field names, so
// each construct is read from its children in order, matched by node type name; this file, the
// toAst*.ts files of the expressions and parse.ts are the only ones that know those names.
//
// Positions: top-level statements of re-parsed slices (parse.ts) carry an offset, which is added to
// every position here, so the view's spans are absolute offsets into the module text.
import type { SyntaxNode } from "@lezer/common";
import type { Alias, BinaryOperator, ExceptHandler, Expression, If, Span, Statement, WithItem } from "./ast";
import { containsSyntaxError } from "./ast";
import { ExpressionConverter } from "./toAstExpressions";
import { BINARY_OPERATORS } from "./toAstOperators";

/** The deepest block converted: CPython stops at 100 levels of indentation ("too many levels of indentation"). */
const MAX_BLOCK_DEPTH = 100;

/** A top-level node of the parse and the offset its positions need (non-zero in re-parsed slices). */
export interface PlacedNode {
  node: SyntaxNode;
  offset: number;
}

/** Statements as converted from one top-level node, and where that node started then. */
interface Converted {
  from: number;
  statements: readonly Statement[];
}

/** A top-level node of one version whose statements may be taken over, and where it stood. */
interface CacheEntry {
  /** The parser's node type and the column the node starts at. */
  type: number;
  column: number;
  /** The node's start and end in the version's text. */
  from: number;
  to: number;
  /**
   * The statements where they stand in this version (moved copies, once the node has moved), and as
   * first converted when that was elsewhere: a node that goes back there (an edit undone, a
   * character deleted and typed again) gets them back, the same objects.
   */
  converted: Converted;
  first?: Converted;
}

/**
 * The view of one version of a module's top-level statements, kept for the next version: a
 * keystroke changes one statement, and the others need not be converted again. Only statements
 * without damage are kept, and a node takes over an entry only where its text is the entry's: the
 * same text from the start of its line to its end, the same type and column. So an entry is what
 * converting the same text would give, at the position it had then (lezer reads an undamaged
 * statement the same wherever it stands).
 *
 * Where the text did not change (before the first changed character, and after the last, moved by
 * the change in length), a node finds its entry by its position, without comparing text: a node
 * entirely in that part with the same extent as an entry has the entry's text. Nodes in the changed
 * part are converted; when that part holds many nodes (a paste, a whole text replaced), they are
 * also looked up by their text, as they may have stood elsewhere before.
 */
export class StatementCache {
  /** The entries in the order of the text. */
  readonly entries: CacheEntry[] = [];
  private byText: Map<string, CacheEntry> | undefined;

  /** `text` is the version whose positions the entries give. */
  constructor(readonly text: string) {}

  /** The entry for the node at `from`…`to` with `key` as its text from its line start, found by text. */
  entryWithText(key: string): CacheEntry | undefined {
    if (!this.byText) {
      this.byText = new Map();
      for (const entry of this.entries) {
        const lineStart = this.text.lastIndexOf("\n", entry.from - 1) + 1;
        this.byText.set(this.text.slice(lineStart, entry.to), entry);
      }
    }
    return this.byText.get(key);
  }
}

/** What changed between the previous version's text and this one: the lengths kept at each end. */
export interface UnchangedEnds {
  prefix: number;
  suffix: number;
}

/**
 * The entry of `entry`'s node now at `from`…`to`, for the next version: `entry` itself where the node
 * has not moved; else with the statements that stood there already (the same objects, which later
 * steps recognise by identity), or a copy moved there.
 */
function placed(entry: CacheEntry, from: number, to: number): CacheEntry {
  const { converted, first } = entry;
  if (converted.from === from) return entry.from === from ? entry : { ...entry, from, to };
  if (first?.from === from) return { type: entry.type, column: entry.column, from, to, converted: first };
  const delta = from - converted.from;
  return {
    type: entry.type,
    column: entry.column,
    from,
    to,
    converted: { from, statements: converted.statements.map((statement) => moved(statement, delta)) },
    first: first ?? converted,
  };
}

/** Nodes in the changed part of a text past which its nodes are looked up by their text too. */
const CHANGED_NODES_LOOKED_UP = 8;

/**
 * The module's statements in the view, from its top-level nodes (comments are left out). For a
 * document that is edited, `versions` takes over what the previous version converted (with what
 * changed since, `unchanged`) and receives what the next version may take over.
 */
export function moduleBody(
  text: string,
  nodes: readonly PlacedNode[],
  versions?: {
    previous?: StatementCache;
    next: StatementCache;
    unchanged?: UnchangedEnds;
    /**
     * Whether this version's tree holds an error node between two offsets of the module's own tree.
     * The same text at the same place can be read with an error in one version and without it in
     * another (lezer's error recovery depends on text elsewhere), and only conversions without
     * errors are kept: a node that holds one now is converted again.
     */
    errorWithin?: (from: number, to: number) => boolean;
  },
): Statement[] {
  const converter = new Converter(text);
  const body: Statement[] = [];
  if (!versions) {
    for (const { node, offset } of nodes) {
      converter.offset = offset;
      converter.statement(node, body);
    }
    return body;
  }
  const { previous, next: cache } = versions;
  const unchanged = previous && (versions.unchanged ?? unchangedEnds(previous.text, text));
  // The unchanged end of this text starts at `suffixStart`; there a position is `delta` past the previous one.
  const delta = previous ? text.length - previous.text.length : 0;
  const suffixStart = unchanged ? text.length - unchanged.suffix : text.length;
  const previousEntries = previous?.entries ?? [];
  let cursor = 0;
  let changedNodes = 0;
  const converted: Statement[] = [];
  // Where the next node that is not a comment starts, for each node: a compound statement's reading
  // depends on the text after it up to there (a badly indented line after a block ends the block's
  // last body with an error), so such a node counts as unchanged only if that text is unchanged too.
  const nextStarts: number[] = new Array<number>(nodes.length);
  let nextStart = text.length;
  for (let index = nodes.length - 1; index >= 0; index--) {
    nextStarts[index] = nextStart;
    const placedNode = nodes[index]!;
    if (placedNode.node.name !== "Comment") nextStart = placedNode.node.from + placedNode.offset;
  }
  for (const [index, { node, offset }] of nodes.entries()) {
    if (node.name === "Comment") continue;
    const from = node.from + offset;
    if (node.type.isError) {
      converter.offset = offset;
      converter.statement(node, body);
      continue;
    }
    const to = node.to + offset;
    const type = node.type.id;
    let lineStart = -1;
    let entry: CacheEntry | undefined;
    if (unchanged) {
      // Where the previous version's node would start if the text from its line start is unchanged.
      lineStart = text.lastIndexOf("\n", from - 1) + 1;
      const before =
        to <= unchanged.prefix && (!endsWithBlock(node) || nextStarts[index]! < unchanged.prefix);
      const after = lineStart >= suffixStart;
      if (before || after) {
        const previousFrom = after ? from - delta : from;
        while (cursor < previousEntries.length && previousEntries[cursor]!.from < previousFrom) cursor++;
        const candidate = previousEntries[cursor];
        if (
          candidate &&
          candidate.from === previousFrom &&
          candidate.to === (after ? to - delta : to) &&
          candidate.type === type &&
          candidate.column === from - lineStart
        )
          entry = candidate;
      } else if (++changedNodes > CHANGED_NODES_LOOKED_UP) {
        const found = previous!.entryWithText(text.slice(lineStart, to));
        if (found && found.type === type && found.column === from - lineStart) entry = found;
      }
    }
    if (entry && (offset !== 0 ? hasErrorNode(node) : versions.errorWithin?.(from, to))) entry = undefined;
    if (entry) {
      const here = placed(entry, from, to);
      for (const statement of here.converted.statements) body.push(statement);
      cache.entries.push(here);
      continue;
    }
    converter.offset = offset;
    converted.length = 0;
    converter.statement(node, converted);
    for (const statement of converted) body.push(statement);
    if (!converted.some(containsSyntaxError)) {
      if (lineStart < 0) lineStart = text.lastIndexOf("\n", from - 1) + 1;
      cache.entries.push({
        type,
        column: from - lineStart,
        from,
        to,
        converted: { from, statements: [...converted] },
      });
    }
  }
  return body;
}

/** Compound statements: the indentation of the line after them decides whether their last body holds an error. */
const BLOCK_STATEMENTS = new Set([
  "IfStatement",
  "WhileStatement",
  "ForStatement",
  "TryStatement",
  "WithStatement",
  "FunctionDefinition",
  "ClassDefinition",
  "DecoratedStatement",
  "MatchStatement",
]);

function endsWithBlock(node: SyntaxNode): boolean {
  return BLOCK_STATEMENTS.has(node.name);
}

/** The lengths `a` and `b` have in common at their start and (after that) at their end. */
export function unchangedEnds(a: string, b: string): UnchangedEnds {
  const length = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < length && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < length - prefix &&
    a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)
  )
    suffix++;
  return { prefix, suffix };
}

/**
 * A copy of a node (and everything in it) `delta` characters further on. Each object is copied whole
 * (`{ ...node }` keeps its shape, where adding its properties one by one walked V8's shape tree for
 * every property), then its parts and positions are replaced.
 */
function moved<T extends object>(node: T, delta: number): T {
  if (Array.isArray(node)) {
    const copy: unknown[] = new Array(node.length);
    for (let index = 0; index < node.length; index++) {
      const item: unknown = node[index];
      copy[index] = typeof item === "object" && item !== null ? moved(item, delta) : item;
    }
    return copy as T;
  }
  const copy = { ...node } as Record<string, unknown>;
  for (const key in copy) {
    const value = copy[key];
    if (typeof value === "object" && value !== null) copy[key] = moved(value, delta);
    else if (typeof value === "number" && (key === "from" || key === "to")) copy[key] = value + delta;
  }
  return copy as T;
}

class Converter extends ExpressionConverter {
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

  private ifStatement(node: SyntaxNode): If {
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

  private forStatement(node: SyntaxNode): Statement {
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

  private whileStatement(node: SyntaxNode): Statement {
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

  private tryStatement(node: SyntaxNode): Statement {
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

  private withStatement(node: SyntaxNode): Statement {
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

  private decorated(node: SyntaxNode): Statement {
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

  private definition(node: SyntaxNode, decorators: Expression[], span: Span): Statement {
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

function isKeyword(name: string): boolean {
  return name === "if" || name === "elif" || name === "else";
}

function isClauseKeyword(name: string): boolean {
  return name === "except" || name === "else" || name === "finally";
}

/** Whether `node` or a node below it is an error node (for the few nodes of repaired slices). */
function hasErrorNode(node: SyntaxNode): boolean {
  if (node.type.isError) return true;
  for (let child = node.firstChild; child; child = child.nextSibling) if (hasErrorNode(child)) return true;
  return false;
}
