// The first syntax error of a module, with the message and place CPython's parser would give where we
// can tell: Django imports a settings module that Python cannot parse and stops before any check runs,
// so the user needs the error itself, not findings about the parts that happen to parse.
//
// Two sources are combined. A lexical pass (lexicalScan.ts, resumed from recent scans by
// lexicalScanReuse.ts) finds what CPython's tokenizer reports (unterminated strings, unmatched or
// mismatched brackets, brackets never closed, and the indentation errors); the (repaired) lezer tree
// finds where the grammar fails, and a few patterns of that failure get CPython's wording ("expected
// ':'"); anything else is "invalid syntax". Messages follow CPython 3.10+.
import type { SyntaxNode, TreeCursor } from "@lezer/common";
import {
  BLOCK_OPENERS,
  scanPrefix,
  type Checkpoints,
  type OpenBracket,
  type SyntaxErrorReport,
} from "./lexicalScan";
import { errorNodes } from "./errorNodes";
import { scanLexicallyReusing } from "./lexicalScanReuse";
import type { ParsedModule } from "./parse";

/** Each parsed module's first error: modules a profile imports are asked again on every keystroke. */
const firstErrors = new WeakMap<ParsedModule, SyntaxErrorReport | null>();

/** The first syntax error of the module, or undefined when Python would parse it. */
export function firstSyntaxError(module: ParsedModule): SyntaxErrorReport | undefined {
  const known = firstErrors.get(module);
  if (known !== undefined) return known ?? undefined;
  const found = findFirstSyntaxError(module);
  firstErrors.set(module, found ?? null);
  return found;
}

function findFirstSyntaxError(module: ParsedModule): SyntaxErrorReport | undefined {
  const text = module.text;
  const recorded = scanLexicallyReusing(text);
  const lexical = recorded.result;
  const grammar = firstGrammarError(module, recorded.checkpoints);
  if (lexical.error && (!grammar || lexical.error.from <= grammar.from)) return lexical.error;
  if (!grammar) {
    if (lexical.error) return lexical.error;
    const unclosed = lexical.open[0];
    return unclosed ? neverClosed(unclosed) : undefined;
  }
  // An error inside brackets opened earlier is reported as the bracket that was never closed, as
  // CPython does when it reaches the end of the file with the bracket still open.
  const unclosed = bracketOpenAt(text, grammar.from, recorded.checkpoints);
  // Still open at the end of the text: the lexical scan of the whole text is the one made above.
  if (unclosed && lexical.open.some((open) => open.offset === unclosed.offset)) return neverClosed(unclosed);
  return describeGrammarError(text, grammar);
}

function neverClosed(bracket: OpenBracket): SyntaxErrorReport {
  return {
    kind: "SyntaxError",
    message: `'${bracket.character}' was never closed`,
    from: bracket.offset,
    to: bracket.offset + 1,
  };
}

/** The innermost bracket open at `offset` (skipping strings and comments), if any. */
function bracketOpenAt(text: string, offset: number, checkpoints: Checkpoints): OpenBracket | undefined {
  const scan = scanPrefix(text, offset, checkpoints);
  return scan.open[scan.open.length - 1] ?? scan.open[0];
}

/**
 * Where the (repaired) lezer tree first fails to parse: the first error node in document order,
 * leaving out the statements that use valid Python @lezer/python 1.1.19 does not parse.
 */
function firstGrammarError(
  module: ParsedModule,
  checkpoints: Checkpoints,
): { from: number; to: number } | undefined {
  // A tree without error nodes has no statement re-parsed on its own either (parse.ts).
  if (errorNodes(module.tree).starts.length === 0) return undefined;
  // The statements that are top-level nodes of the module's tree are walked with one cursor: a
  // cursor per statement was a megabyte of garbage per keystroke in a 10,000-line module. Only those
  // that hold an error node are walked into.
  const top = module.tree.cursor();
  let onTop = top.firstChild();
  for (const statement of module.statements) {
    const { node } = statement;
    let error: { from: number; to: number } | undefined;
    if (statement.offset === 0) {
      if (!module.errorWithin(node.from, node.to)) continue;
      while (onTop && top.from < node.from) onTop = top.nextSibling();
      error =
        onTop && top.from === node.from && top.to === node.to && top.type === node.type
          ? firstErrorUnder(top)
          : firstErrorNode(node);
    } else error = firstErrorNode(node);
    if (!error) continue;
    const from = error.from + statement.offset;
    if (isParserGap(module.text, from, checkpoints)) continue;
    // An error on a blank or comment line is the parser's forced reduction in long blocks
    // (docs: the known defect in large files), not the code's.
    if (/^\s*(#.*)?$/.test(lineAt(module.text, from))) continue;
    return { from, to: error.to + statement.offset };
  }
  return undefined;
}

/**
 * Valid Python that @lezer/python (1.1.19, the newest) marks as an error, found by comparing its
 * errors with CPython's on the 12,465 Python files of the evaluation's 28 projects (78 false errors,
 * all of these kinds): a bare `yield`, parenthesized context managers (`with (a as b, c as d):`),
 * a starred target in a comprehension (`for name, *rest in pairs`), and class patterns or an
 * unparenthesized walrus in `match`. A statement with such an error is not reported.
 */
function isParserGap(text: string, offset: number, checkpoints: Checkpoints): boolean {
  const line = lineAt(text, offset).replace(/\s+$/, "");
  if (/^\s*(match|case)\b/.test(line)) return true;
  if (/\byield\s*(?=$|[)\]},;#])/.test(line)) return true;
  if (/\bfor\s+[\w\s,()]*\*\s*\w+[\w\s,()]*\s+in\b/.test(line)) return true;
  // Inside the brackets of `with (…):`, or just after them.
  const outermost =
    scanPrefix(text, offset, checkpoints).open[0] ?? lastClosedParenthesis(text, offset, checkpoints);
  if (!outermost) return false;
  const before = lineAt(text, outermost.offset).slice(
    0,
    outermost.offset - (text.lastIndexOf("\n", outermost.offset - 1) + 1),
  );
  return /^\s*(async\s+)?with\s*$/.test(before);
}

/** The opening parenthesis of a `(…)` that closes on the line of `offset`, before it. */
function lastClosedParenthesis(
  text: string,
  offset: number,
  checkpoints: Checkpoints,
): OpenBracket | undefined {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const close = text.lastIndexOf(")", offset);
  if (close < lineStart) return undefined;
  const scan = scanPrefix(text, close, checkpoints);
  return scan.open[0];
}

/** The text of the line that holds `offset`. */
function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const end = text.indexOf("\n", offset);
  return text.slice(start, end < 0 ? text.length : end);
}

/**
 * The first error node under `node` in document order. Walked with a tree cursor: following
 * firstChild/nextSibling made a node object for every node of the module on every analysis, a
 * noticeable part of each keystroke's time in a long module.
 */
function firstErrorNode(node: SyntaxNode): { from: number; to: number } | undefined {
  const cursor = node.cursor();
  let depth = 0;
  for (;;) {
    if (cursor.type.isError) return { from: cursor.from, to: cursor.to };
    if (cursor.firstChild()) {
      depth++;
      continue;
    }
    for (;;) {
      // Back at `node` itself: its siblings are not under it.
      if (depth === 0) return undefined;
      if (cursor.nextSibling()) break;
      cursor.parent();
      depth--;
    }
  }
}

/** firstErrorNode of the node `cursor` is at, leaving the cursor there. */
function firstErrorUnder(cursor: TreeCursor): { from: number; to: number } | undefined {
  let depth = 0;
  let found: { from: number; to: number } | undefined;
  for (;;) {
    if (cursor.type.isError) {
      found = { from: cursor.from, to: cursor.to };
      break;
    }
    if (cursor.firstChild()) {
      depth++;
      continue;
    }
    let done = false;
    for (;;) {
      if (depth === 0) {
        done = true;
        break;
      }
      if (cursor.nextSibling()) break;
      cursor.parent();
      depth--;
    }
    if (done) break;
  }
  for (; depth > 0; depth--) cursor.parent();
  return found;
}

/** CPython's wording for a grammar error the tokenizer did not catch. */
function describeGrammarError(text: string, error: { from: number; to: number }): SyntaxErrorReport {
  const lineStart = text.lastIndexOf("\n", error.from - 1) + 1;
  const lineEndIndex = text.indexOf("\n", error.from);
  const lineEnd = lineEndIndex < 0 ? text.length : lineEndIndex;
  const line = text.slice(lineStart, lineEnd);
  const keyword = /^\s*([A-Za-z_]+)/.exec(line)?.[1];
  const code = line.replace(/#.*$/, "").trimEnd();
  if (keyword !== undefined && keyword in BLOCK_OPENERS && !code.endsWith(":") && !/[([{,\\]$/.test(code)) {
    const at = lineStart + code.length;
    return { kind: "SyntaxError", message: "expected ':'", from: at, to: at };
  }
  return {
    kind: "SyntaxError",
    message: "invalid syntax",
    from: error.from,
    to: Math.max(error.to, error.from),
  };
}
