// The typed view of Python syntax (python/ast.ts) against CPython's own `ast` module: both are
// brought to the same normal form (node types, names, constant values, operators, the structure of
// targets and values, and source spans as absolute offsets) and compared, for a corpus of snippets
// that covers every kind the view models, the repository's settings modules, a long generated module
// whose damaged places the parser re-parses in slices, and half-typed code.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, it } from "node:test";
import type { Expression, Parameter, Span, Statement } from "../../../server/src/python/ast";
import { containsSyntaxError } from "../../../server/src/python/astWalking";
import { ParsedModule, parseModule } from "../../../server/src/python/parse";
import { IncrementalDocument } from "../../../server/src/python/incrementalDocument";
import { generateSettingsModule } from "../../helpers/generateSettings";

type Normal = unknown;

/**
 * CPython's side: reads a JSON list of sources from stdin, prints a JSON list with, for each source,
 * its normal form (or the SyntaxError's message). Spans are absolute offsets in UTF-16 code units.
 */
const NORMALISE = String.raw`
import ast, json, sys

BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.MatMult: "@", ast.Div: "/", ast.FloorDiv: "//",
          ast.Mod: "%", ast.Pow: "**", ast.LShift: "<<", ast.RShift: ">>", ast.BitOr: "|", ast.BitXor: "^",
          ast.BitAnd: "&"}
COMPARE = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Is: "is",
           ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in"}
UNARY = {ast.Not: "not", ast.USub: "-", ast.UAdd: "+", ast.Invert: "~"}

def normalise(source):
    tree = ast.parse(source)
    line_starts = [0]
    byte_lines = source.encode("utf-8").split(b"\n")
    for line in byte_lines[:-1]:
        line_starts.append(line_starts[-1] + len(line.decode("utf-8").encode("utf-16-le")) // 2 + 1)

    def offset(line, column):
        prefix = byte_lines[line - 1][:column].decode("utf-8")
        return line_starts[line - 1] + len(prefix.encode("utf-16-le")) // 2

    def at(node, start=None):
        begin = offset(node.lineno, node.col_offset) if start is None else start
        return "@%d:%d" % (begin, offset(node.end_lineno, node.end_col_offset))

    def opt(node, inside_fstring=False):
        return None if node is None else expr(node, inside_fstring)

    def parameters(arguments):
        result = []
        positional = arguments.posonlyargs + arguments.args
        defaults = [None] * (len(positional) - len(arguments.defaults)) + arguments.defaults
        for index, arg in enumerate(positional):
            kind = "positional-only" if index < len(arguments.posonlyargs) else "positional"
            result.append([arg.arg, kind, opt(defaults[index]), opt(arg.annotation)])
        if arguments.vararg:
            result.append([arguments.vararg.arg, "*args", None, opt(arguments.vararg.annotation)])
        for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults):
            result.append([arg.arg, "keyword-only", opt(default), opt(arg.annotation)])
        if arguments.kwarg:
            result.append([arguments.kwarg.arg, "**kwargs", None, opt(arguments.kwarg.annotation)])
        return result

    def generators(node):
        return [[expr(g.target), expr(g.iter), [expr(i) for i in g.ifs], bool(g.is_async)] for g in node.generators]

    def constant(value):
        if isinstance(value, bool): return ["bool", value]
        if value is None: return ["None"]
        if value is Ellipsis: return ["Ellipsis"]
        if isinstance(value, int): return ["int", value]
        if isinstance(value, float): return ["float", value]
        if isinstance(value, complex): return ["complex", value.imag]
        if isinstance(value, str): return ["str", value]
        return ["bytes", value.decode("latin-1")]

    def expr(node, inside_fstring=False):
        kind = type(node).__name__
        span = [] if inside_fstring else [at(node)]
        if kind == "Name": return ["Name", node.id] + span
        if kind == "Constant": return ["Constant"] + constant(node.value) + span
        if kind == "JoinedStr":
            return ["JoinedStr", [expr(value, True) for value in node.values]] + span
        if kind == "FormattedValue":
            conversion = None if node.conversion == -1 else chr(node.conversion)
            return ["FormattedValue", expr(node.value), conversion, opt(node.format_spec, True)]
        if kind in ("List", "Tuple", "Set"): return [kind, [expr(e) for e in node.elts]] + span
        if kind == "Starred": return ["Starred", expr(node.value)] + span
        if kind == "Dict": return ["Dict", [[opt(k), expr(v)] for k, v in zip(node.keys, node.values)]] + span
        if kind == "BinOp": return ["BinOp", expr(node.left), BINARY[type(node.op)], expr(node.right)] + span
        if kind == "BoolOp":
            return ["BoolOp", "and" if isinstance(node.op, ast.And) else "or", [expr(v) for v in node.values]] + span
        if kind == "Compare":
            return ["Compare", expr(node.left), [COMPARE[type(o)] for o in node.ops],
                    [expr(c) for c in node.comparators]] + span
        if kind == "UnaryOp": return ["UnaryOp", UNARY[type(node.op)], expr(node.operand)] + span
        if kind == "IfExp": return ["IfExp", expr(node.test), expr(node.body), expr(node.orelse)] + span
        if kind == "Attribute": return ["Attribute", expr(node.value), node.attr] + span
        if kind == "Subscript": return ["Subscript", expr(node.value), expr(node.slice)] + span
        if kind == "Slice": return ["Slice", opt(node.lower), opt(node.upper), opt(node.step)] + span
        if kind == "Call":
            args = []
            for arg in node.args:
                # A generator that is the only argument shares the call's parentheses in CPython's spans.
                args.append(expr(arg)[:-1] if isinstance(arg, ast.GeneratorExp) else expr(arg))
            keywords = [[k.arg, expr(k.value), at(k)] for k in node.keywords]
            return ["Call", expr(node.func), args, keywords] + span
        if kind == "Lambda": return ["Lambda", parameters(node.args), expr(node.body)] + span
        if kind in ("ListComp", "SetComp", "GeneratorExp"):
            return [kind, expr(node.elt), generators(node)] + span
        if kind == "DictComp": return ["DictComp", expr(node.key), expr(node.value), generators(node)] + span
        if kind == "NamedExpr": return ["NamedExpr", expr(node.target), expr(node.value)] + span
        if kind in ("Await", "Yield", "YieldFrom"): return ["Unsupported"] + span
        raise ValueError("unexpected expression " + kind)

    def body(statements):
        return [stmt(s) for s in statements]

    def stmt(node):
        kind = type(node).__name__
        decorators = getattr(node, "decorator_list", [])
        # The view's span of a decorated definition starts at the first decorator's "@".
        span = [at(node, offset(decorators[0].lineno, decorators[0].col_offset) - 1 if decorators else None)]
        if kind == "Assign": return ["Assign", [expr(t) for t in node.targets], expr(node.value)] + span
        if kind == "AugAssign": return ["AugAssign", expr(node.target), BINARY[type(node.op)], expr(node.value)] + span
        if kind == "AnnAssign": return ["AnnAssign", expr(node.target), expr(node.annotation), opt(node.value)] + span
        if kind == "Expr": return ["ExpressionStatement", expr(node.value)] + span
        if kind == "Import": return ["Import", [[a.name, a.asname, at(a)] for a in node.names]] + span
        if kind == "ImportFrom":
            names = "*" if node.names[0].name == "*" else [[a.name, a.asname, at(a)] for a in node.names]
            return ["ImportFrom", "." * node.level + (node.module or ""), node.level, names] + span
        if kind == "If": return ["If", expr(node.test), body(node.body), body(node.orelse)] + span
        if kind in ("For", "AsyncFor"):
            return ["For", expr(node.target), expr(node.iter), body(node.body), body(node.orelse), kind == "AsyncFor"] + span
        if kind == "While": return ["While", expr(node.test), body(node.body), body(node.orelse)] + span
        if kind in ("Try", "TryStar"):
            handlers = [[opt(h.type), h.name, body(h.body)] for h in node.handlers]
            return ["Try", body(node.body), handlers, body(node.orelse), body(node.finalbody), kind == "TryStar"] + span
        if kind in ("With", "AsyncWith"):
            items = [[expr(i.context_expr), opt(i.optional_vars)] for i in node.items]
            return ["With", items, body(node.body), kind == "AsyncWith"] + span
        if kind in ("FunctionDef", "AsyncFunctionDef"):
            return ["FunctionDef", node.name, parameters(node.args), body(node.body), [expr(d) for d in decorators],
                    opt(node.returns), kind == "AsyncFunctionDef"] + span
        if kind == "ClassDef":
            keywords = [[k.arg, expr(k.value), at(k)] for k in node.keywords]
            return ["ClassDef", node.name, [expr(b) for b in node.bases], keywords, body(node.body),
                    [expr(d) for d in decorators]] + span
        if kind == "Return": return ["Return", opt(node.value)] + span
        if kind == "Delete": return ["Delete", [expr(t) for t in node.targets]] + span
        if kind in ("Pass", "Break", "Continue"): return [kind] + span
        if kind == "Raise": return ["Raise", opt(node.exc), opt(node.cause)] + span
        if kind in ("Global", "Nonlocal"): return ["Global", node.names, kind == "Nonlocal"] + span
        if kind == "Assert": return ["Assert", expr(node.test), opt(node.msg)] + span
        if kind == "Match": return ["Unsupported"] + span
        raise ValueError("unexpected statement " + kind)

    return body(tree.body)

results = []
for source in json.load(sys.stdin):
    try:
        results.append(normalise(source))
    except SyntaxError as error:
        results.append("SyntaxError: %s" % error.msg)
print(json.dumps(results))
`;

function cpython(sources: string[]): Normal[] {
  const output = execFileSync("/usr/bin/python3", ["-c", NORMALISE], {
    input: JSON.stringify(sources),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(output) as Normal[];
}

/** The same normal form, from our view. */
function ours(text: string, statements: readonly Statement[]): Normal[] {
  const at = (span: Span) => `@${span.from}:${span.to}`;
  // CPython ends a compound statement at its last statement; the parser may take the newline and
  // comments after it into the statement.
  const statementEnd = (span: Span) => {
    let end = span.to;
    for (;;) {
      const before = text.slice(0, end);
      const trimmed = before.replace(/\s+$/, "").replace(/\n[ \t]*#[^\n]*$/, "\n");
      if (trimmed.length === before.length) break;
      end = trimmed.length;
    }
    return `@${span.from}:${end}`;
  };
  const opt = (node: Expression | undefined, insideFormatString = false) =>
    node === undefined ? null : expr(node, insideFormatString);
  const parameters = (list: readonly Parameter[]) =>
    list.map((parameter) => [
      parameter.name.name,
      parameter.kind,
      opt(parameter.default),
      opt(parameter.annotation),
    ]);
  const generators = (node: Extract<Expression, { generators: unknown }>) =>
    node.generators.map((generator) => [
      expr(generator.target),
      expr(generator.iter),
      generator.ifs.map((condition) => expr(condition)),
      generator.isAsync,
    ]);
  const expr = (node: Expression, insideFormatString = false): Normal => {
    const span = insideFormatString ? [] : [at(node)];
    switch (node.kind) {
      case "Name":
        return ["Name", node.id, ...span];
      case "Constant":
        return node.type === "None" || node.type === "Ellipsis"
          ? ["Constant", node.type, ...span]
          : ["Constant", node.type, node.value, ...span];
      case "JoinedStr":
        return ["JoinedStr", node.values.map((value) => expr(value, true)), ...span];
      case "FormattedValue":
        return ["FormattedValue", expr(node.value), node.conversion ?? null, opt(node.formatSpec, true)];
      case "List":
      case "Tuple":
      case "Set":
        return [node.kind, node.elts.map((element) => expr(element)), ...span];
      case "Starred":
        return ["Starred", expr(node.value), ...span];
      case "Dict":
        return [
          "Dict",
          node.entries.map((entry) => [entry.key ? expr(entry.key) : null, expr(entry.value)]),
          ...span,
        ];
      case "BinOp":
        return ["BinOp", expr(node.left), node.op, expr(node.right), ...span];
      case "BoolOp":
        return ["BoolOp", node.op, node.values.map((value) => expr(value)), ...span];
      case "Compare":
        return ["Compare", expr(node.left), node.ops, node.comparators.map((value) => expr(value)), ...span];
      case "UnaryOp":
        return ["UnaryOp", node.op, expr(node.operand), ...span];
      case "IfExp":
        return ["IfExp", expr(node.test), expr(node.body), expr(node.orelse), ...span];
      case "Attribute":
        return ["Attribute", expr(node.value), node.attr.name, ...span];
      case "Subscript":
        return ["Subscript", expr(node.value), expr(node.slice), ...span];
      case "Slice":
        return ["Slice", opt(node.lower), opt(node.upper), opt(node.step), ...span];
      case "Call":
        return [
          "Call",
          expr(node.func),
          node.args.map((argument) =>
            argument.kind === "GeneratorExp" ? (expr(argument) as Normal[]).slice(0, -1) : expr(argument),
          ),
          node.keywords.map((keyword) => [keyword.arg?.name ?? null, expr(keyword.value), at(keyword)]),
          ...span,
        ];
      case "Lambda":
        return ["Lambda", parameters(node.parameters), expr(node.body), ...span];
      case "ListComp":
      case "SetComp":
      case "GeneratorExp":
        return [node.kind, expr(node.elt), generators(node), ...span];
      case "DictComp":
        return ["DictComp", expr(node.key), expr(node.value), generators(node), ...span];
      case "NamedExpr":
        return ["NamedExpr", expr(node.target), expr(node.value), ...span];
      case "Unsupported":
        return ["Unsupported", ...span];
      case "Error":
        return ["Error", ...span];
    }
  };
  const body = (list: readonly Statement[]): Normal[] => list.map((statement) => stmt(statement));
  const stmt = (node: Statement): Normal => {
    const span = [statementEnd(node)];
    switch (node.kind) {
      case "Assign":
        return ["Assign", node.targets.map((target) => expr(target)), expr(node.value), ...span];
      case "AugAssign":
        return ["AugAssign", expr(node.target), node.op, expr(node.value), ...span];
      case "AnnAssign":
        return ["AnnAssign", expr(node.target), expr(node.annotation), opt(node.value), ...span];
      case "ExpressionStatement":
        return ["ExpressionStatement", expr(node.value), ...span];
      case "Import":
        return [
          "Import",
          node.names.map((alias) => [alias.name, alias.asname?.name ?? null, at(alias)]),
          ...span,
        ];
      case "ImportFrom":
        return [
          "ImportFrom",
          node.module,
          node.level,
          node.names === "*"
            ? "*"
            : node.names.map((alias) => [alias.name, alias.asname?.name ?? null, at(alias)]),
          ...span,
        ];
      case "If":
        return ["If", expr(node.test), body(node.body), body(node.orelse), ...span];
      case "For":
        return [
          "For",
          expr(node.target),
          expr(node.iter),
          body(node.body),
          body(node.orelse),
          node.isAsync,
          ...span,
        ];
      case "While":
        return ["While", expr(node.test), body(node.body), body(node.orelse), ...span];
      case "Try":
        return [
          "Try",
          body(node.body),
          node.handlers.map((handler) => [opt(handler.type), handler.name?.name ?? null, body(handler.body)]),
          body(node.orelse),
          body(node.finalbody),
          node.star,
          ...span,
        ];
      case "With":
        return [
          "With",
          node.items.map((item) => [expr(item.contextExpr), opt(item.optionalVars)]),
          body(node.body),
          node.isAsync,
          ...span,
        ];
      case "FunctionDef":
        return [
          "FunctionDef",
          node.name.name,
          parameters(node.parameters),
          body(node.body),
          node.decorators.map((decorator) => expr(decorator)),
          opt(node.returns),
          node.isAsync,
          ...span,
        ];
      case "ClassDef":
        return [
          "ClassDef",
          node.name.name,
          node.bases.map((base) => expr(base)),
          node.keywords.map((keyword) => [keyword.arg?.name ?? null, expr(keyword.value), at(keyword)]),
          body(node.body),
          node.decorators.map((decorator) => expr(decorator)),
          ...span,
        ];
      case "Return":
        return ["Return", opt(node.value), ...span];
      case "Delete":
        return ["Delete", node.targets.map((target) => expr(target)), ...span];
      case "Pass":
      case "Break":
      case "Continue":
        return [node.kind, ...span];
      case "Raise":
        return ["Raise", opt(node.exc), opt(node.cause), ...span];
      case "Global":
        return ["Global", node.names.map((name) => name.name), node.nonlocal, ...span];
      case "Assert":
        return ["Assert", expr(node.test), opt(node.msg), ...span];
      case "Unsupported":
        return ["Unsupported", ...span];
      case "Error":
        return ["Error", ...span];
    }
  };
  return body(statements);
}

function view(text: string): Normal[] {
  return ours(text, parseModule(text).body);
}

/** Snippets covering every kind of the view, each valid Python 3.11. */
const SNIPPETS: string[] = [
  // Assignments
  "X = 1",
  "A = B = C = 'chained'",
  "A, B = 1, 2",
  "(A, B) = [C, D] = 1, 2,",
  "A, *REST = [1, 2, 3]",
  "X += 1\nX -= 2\nX *= 3\nX @= M\nX /= 4\nX //= 5\nX %= 6\nX **= 7\nX <<= 1\nX >>= 1\nX |= {}\nX ^= 1\nX &= 1",
  "X: int = 7\nY: list[str]\nZ: 'str' = 'z'",
  "X['a']['b'] = 1\nX.attr = 2\nX[1:2] = []",
  "X = (\n    'long'\n    'string'\n)",
  "X = ((1))",
  // Constants
  "X = 'a'\nX = \"b\"\nX = '''c\nd'''\nX = \"\"\"e\"\"\"",
  "X = 'tab\\tnew\\nquote\\'hex\\x41uni\\u00e9oct\\101'",
  "X = r'\\d+' R\"\\w\" u'x' U'y'",
  "X = 'a' 'b' \\\n    'c'",
  "X = b'bytes\\x00\\xff' B'x' rb'\\d' BR'e'",
  "X = 0x1F + 0o17 + 0b101 + 1_000 + 0",
  "X = 1.5 + .5 + 1e3 + 1.5e-3 + 1_0.0_1",
  "X = 2j + 1.5J",
  "X = True, False, None, ...",
  "X = 'é' + 'ü'\nY = 'after non-ASCII'",
  "X = '😀'\nY = 2",
  // f-strings
  'X = f"a{B}c"',
  "X = f'{A!r} {B!s} {C!a}'",
  "X = f'{A:>10} {B:{WIDTH}.{PRECISION}}'",
  "X = f'{{literal}} {A}'",
  "X = f'{A=}' f'{B = }' f'{C=!s}' f'{D=:>3}'",
  "X = 'plain ' f'{A}' ' more'",
  "X = rf'\\d{A}' Rf'{B}\\w' fR'x' FR'y'",
  'X = f"""multi\n{A}\nline"""',
  "X = f'{A + 1}{B[0]}{C.d}{E(1)}'",
  // Containers
  "X = [1, 'a', [2], (3,), {4}, {'k': 'v'}]",
  "X = ()\nY = (1,)\nZ = []\nW = {}\nV = {1}",
  "X = [*A, *B, 1]\nY = (*A,)\nZ = {*A, 2}",
  "X = {**A, 'b': 2, **{'c': 3}}",
  "X = [\n    1,  # one\n    2,\n]",
  // Operators
  "X = 1 + 2 - 3 * 4 / 5 // 6 % 7 ** 8 @ M",
  "X = A << 1 >> 2 | 3 ^ 4 & 5",
  "X = -1 + +2 - ~3\nY = not A",
  "X = A and B and C\nY = A or B or C\nZ = A and B or C and D\nW = (A or B) or C",
  // `not` binds tighter than `and`/`or` (lezer groups it the other way; the view regroups it)
  "X = not A and B\nY = not A or B\nZ = A and not B or C\nW = not not A and not (B or C)\nV = not A == B and C",
  "if not DEBUG and os.getenv('X') is not None:\n    pass\nf(not A or B, key=not C and D)\nL = lambda: not A and B",
  "X = A < B <= C > D >= E == F != G\nY = (A < B) < C",
  "X = A in B\nY = A not in B\nZ = A is B\nW = A is not None",
  "X = not A == B\nY = not A in B",
  "X = 1 if A else 2\nY = A if B else C if D else E",
  // Attributes, subscripts, slices
  "X = A.b.c\nY = A().b\nZ = (A).b",
  "X = A[0]\nY = A['k'][1]\nZ = A[-1]",
  "X = A[1:2]\nY = A[:]\nZ = A[::2]\nW = A[1:2:3]\nV = A[:-1]",
  "X = A[1, 2]\nY = A[1:2, ::3]\nZ = A[(1, 2)]\nW = A[B:C, D]",
  // Calls
  "X = f()\nY = f(1, 'a')\nZ = f(a=1, b=2)",
  "X = f(1, *args, k=2, **kwargs)\nY = f(*a, *b, **c, **d)",
  "X = f(x for x in y)\nY = f((x for x in y))\nZ = sum(x * 2 for x in y if x)",
  "X = os.environ.get('KEY', 'default')\nY = env.bool('DEBUG', default=False)",
  "X = f(\n    1,\n    k=2,\n)",
  "X = f(a := 1)",
  // Lambdas and comprehensions
  "X = lambda: 1\nY = lambda a, b=2, *c, d, e=5, **f: a",
  "X = [x for x in y]\nY = {x for x in y if x if not x}\nZ = (x for x in y for z in x)",
  "X = {k: v for k, v in items.items() if v}",
  "X = [x async for x in y]",
  "X = [(a, b) for a, b in pairs]",
  "if (n := len(A)) > 1:\n    pass",
  // Statements
  "import os\nimport os.path\nimport a.b.c as d, e\nimport x as y",
  "from . import a\nfrom .. import b as c\nfrom .base import *\nfrom ...x.y import (a, b as c,)\nfrom os import path",
  "from django.conf import settings",
  "if A:\n    X = 1\nelif B:\n    X = 2\nelif C:\n    X = 3\nelse:\n    X = 4",
  "if A:\n    pass\nelse:\n    if B:\n        pass",
  "if A: X = 1\nelse: X = 2",
  "for x in y:\n    X = x\nelse:\n    X = 0",
  "for a, b in c, d:\n    break\nfor (a, b) in c:\n    continue",
  "while A:\n    X = 1\nelse:\n    X = 2",
  "try:\n    import a\nexcept ImportError:\n    pass\nexcept (A, B) as e:\n    X = 1\nexcept:\n    raise\nelse:\n    X = 2\nfinally:\n    X = 3",
  "try:\n    X = 1\nexcept* ValueError as group:\n    pass",
  "try:\n    X = 1\nfinally:\n    pass",
  "with open('f') as f, lock:\n    X = f.read()",
  "def f():\n    return 1",
  "def f(a, b=1, *args, c, d=2, **kwargs) -> int:\n    return a",
  "def f(a, /, b, *, c):\n    pass\ndef g(a, b, /):\n    pass",
  "def f(a: int, *b: str, c: 'x' = 1, **d: int):\n    return",
  "async def f():\n    await x\n    async with a as b:\n        pass\n    async for i in j:\n        pass",
  "def f():\n    yield 1\n    yield from g()\n    x = yield\n    global A, B\n    nonlocal C",
  "@decorator\ndef f():\n    pass",
  "@a.b(1, k=2)\n@c\nclass A(B, C, metaclass=M, **kw):\n    X = 1\n    def method(self):\n        return self.X",
  "class A:\n    pass\nclass B():\n    pass\nclass C(*bases):\n    pass",
  "del A\ndel A, B[1], C.d",
  "pass\nraise\nraise A\nraise A('m') from B",
  "assert A\nassert A, 'message'",
  "X = 1; Y = 2; Z = 3",
  "X = 1;",
  "match command:\n    case 'go':\n        pass",
  "# only a comment\n",
  "",
  "X = 1  # trailing comment\n# comment line\nY = 2\n",
  "if A:\n    X = 1\n    # comment at the end of a block\nY = 2",
  "X = [\n    'a',\n    # commented out\n    'b',\n]",
  "X = 1 \\\n    + 2",
  "X = 1\r\nY = 2\r\n",
  "if A:\n\tX = 1",
];

/** Python files of the repository that are settings modules or programs, realistic and larger. */
function repositoryFiles(): string[] {
  const roots = ["test/fixtures/projects", "test/vscode/fixtures", "samples"];
  const found: string[] = [];
  const visit = (directory: string) => {
    for (const name of readdirSync(directory).sort()) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (name.endsWith(".py")) found.push(path);
    }
  };
  for (const root of roots) visit(root);
  found.push("test/oracle/djangoChecks.py");
  return found;
}

describe("the typed view of Python syntax against CPython's ast", () => {
  const files = repositoryFiles();
  const fileTexts = files.map((file) => readFileSync(file, "utf8"));
  const expected = cpython([...SNIPPETS, ...fileTexts]);

  it("every snippet is valid Python (so the comparison means something)", () => {
    const invalid = SNIPPETS.filter((_, index) => typeof expected[index] === "string");
    assert.deepEqual(invalid, []);
  });

  SNIPPETS.forEach((snippet, index) => {
    it(`snippet: ${JSON.stringify(snippet).slice(0, 90)}`, () => {
      assert.deepEqual(view(snippet), expected[index]);
    });
  });

  files.forEach((file, index) => {
    it(`file: ${file}`, () => {
      assert.ok(Array.isArray(expected[SNIPPETS.length + index]), `${file} is valid Python`);
      assert.deepEqual(view(fileTexts[index]!), expected[SNIPPETS.length + index]);
    });
  });

  it("a long module: spans of statements from re-parsed slices are absolute", () => {
    const text = generateSettingsModule(10_000, 3);
    const module = parseModule(text);
    assert.ok(
      module.statements.some((statement) => statement.offset > 0),
      "the module should contain damaged places the parser re-parses in slices",
    );
    assert.deepEqual(ours(text, module.body), cpython([text])[0]);
  });

  it("an edited document's view, which reuses the previous version's statements, is the one built anew", () => {
    const document = new IncrementalDocument(fileTexts[files.indexOf("samples/mysite/mysite/settings.py")]!);
    void document.module.body;
    const text = () => document.module.text;
    const edits: ((current: string) => { from: number; to: number; insert: string })[] = [
      (current) => ({
        from: current.indexOf("\n", current.length / 2),
        to: current.indexOf("\n", current.length / 2),
        insert: "\nX = 1",
      }),
      () => ({ from: 0, to: 0, insert: "import sys\n" }),
      (current) => ({ from: current.indexOf("DEBUG"), to: current.indexOf("DEBUG") + 5, insert: "DEBUG_X" }),
      (current) => ({ from: current.length, to: current.length, insert: "if DEBUG:\n    Y = [\n" }),
      (current) => ({ from: current.length, to: current.length, insert: "    1]\n" }),
      (current) => ({ from: 0, to: current.indexOf("\n") + 1, insert: "" }),
    ];
    for (const edit of edits) {
      document.update([edit(text())]);
      const fresh = new ParsedModule(text(), document.module.tree).body;
      assert.equal(JSON.stringify(document.module.body), JSON.stringify(fresh));
    }
  });

  it("… also over many edits anywhere in a long module, half-typed code included", () => {
    // Every kind of node (the snippets), and many statements to shift.
    const document = new IncrementalDocument(`${SNIPPETS.join("\n")}\n${generateSettingsModule(1_500, 5)}`);
    void document.module.body;
    // A fixed pseudo-random sequence: the same edits on every run.
    let state = 12345;
    const random = (limit: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % limit;
    };
    const inserts = [
      "#",
      "\nX = 1\n",
      "X = [\n",
      "    ",
      "'",
      '"',
      "\nif DEBUG:\n    Y = 2\n",
      ")",
      "(",
      "\n",
    ];
    inserts.push("]", "{", ":", "\t", "\nelse:\n", "\ndef f(", "\\\n", "'''", "f'{", "import ", "try:\n");
    for (let step = 0; step < 160; step++) {
      const current = document.module.text;
      const from = random(current.length + 1);
      const to = step % 3 === 0 ? Math.min(current.length, from + random(20)) : from;
      document.update([{ from, to, insert: inserts[random(inserts.length)]! }]);
      if (step % 3 !== 2) continue; // Some versions are never converted: the next one takes over from the last converted.
      // Over the same tree: lezer's incremental parse of damaged code may differ from a fresh one.
      const fresh = new ParsedModule(document.module.text, document.module.tree).body;
      assert.equal(JSON.stringify(document.module.body), JSON.stringify(fresh), `after edit ${step}`);
    }
  });

  it("builds the view once per parsed module", () => {
    const module = parseModule("X = 1\n");
    assert.equal(module.body, module.body);
  });
});

describe("the view of half-typed code", () => {
  const base = readFileSync("test/fixtures/projects/lone/site/settings.py", "utf8");
  const original = cpython([base])[0] as Normal[];
  const lineStarts = [0, ...[...base.matchAll(/\n/g)].map((match) => match.index + 1)];
  /** Fragments a user may be in the middle of typing. */
  const FRAGMENTS = [
    "X = \n",
    "X = [\n",
    "X = {'a': \n",
    "X = os.environ.get(\n",
    "from django.conf import\n",
    "if DEBUG\n",
    "X = 'unterminated\n",
    "X = f'{\n",
    "X = 1 +\n",
    "def f(\n",
    "class A(\n",
    "X += \n",
    "X = (1,\n",
    "X = lambda\n",
    "try:\n",
    "@decorator\n",
    "X = [1, 2\n",
  ];
  // Insert each fragment before statements spread over the file.
  const insertionLines = [0, 5, 10, 20, 30, 40].filter((line) => line < lineStarts.length);

  for (const fragment of FRAGMENTS) {
    it(`keeps every statement around ${JSON.stringify(fragment)} and marks the damage`, () => {
      for (const line of insertionLines) {
        const at = lineStarts[line]!;
        // Only insert between top-level statements (not inside a multi-line one).
        if (!isTopLevelBoundary(original, base, at)) continue;
        const text = base.slice(0, at) + fragment + base.slice(at);
        const body = parseModule(text).body;
        const damaged = body.filter((statement) => containsSyntaxError(statement));
        assert.ok(damaged.length > 0, `damage at line ${line + 1} is marked`);
        const damageEnd = Math.max(...damaged.map((statement) => statement.to));
        const damageStart = Math.min(...damaged.map((statement) => statement.from));
        assert.ok(
          damageStart <= at + fragment.length && damageEnd >= at,
          "the damaged statement covers the fragment",
        );
        // Statements wholly before the damage, or after the last damaged statement, are intact and read
        // exactly as CPython reads them in the undamaged text (shifted by the fragment).
        const shift = fragment.length;
        const expectedIntact = (original as [unknown, ...unknown[]][]).filter((statement) => {
          const [from, to] = spanOf(statement);
          return to <= damageStart || from + shift >= damageEnd;
        });
        const normalForms = ours(text, body);
        const ourOutside = normalForms.filter((normal, index) => {
          if (containsSyntaxError(body[index]!)) return false;
          const [from, to] = spanOf(normal as unknown[]);
          return to <= damageStart || from >= damageEnd;
        });
        const shifted = expectedIntact.map((statement) => shiftSpans(statement, at, shift));
        // Lezer may read on differently after the damage (a block's body as top-level statements), so
        // our side may hold more statements than CPython's, but never fewer.
        const missing = shifted.filter(
          (statement) => !ourOutside.some((our) => isDeepStrictEqual(our, statement)),
        );
        assert.deepEqual(missing, [], `statements around line ${line + 1}`);
      }
    });
  }

  it("an unreadable line is an Error statement with its span", () => {
    const text = "X = 1\n$$$\nY = 2\n";
    const body = parseModule(text).body;
    assert.deepEqual(
      body.map((statement) => [statement.kind, text.slice(statement.from, statement.to)]),
      [
        ["Assign", "X = 1"],
        ["Error", "$$$\n"],
        ["Assign", "Y = 2"],
      ],
    );
  });

  it("a statement read around damage lists the damaged places", () => {
    const text = "X = {'a': 1, 'b'}\nY = 2\n";
    const [first, second] = parseModule(text).body;
    assert.equal(first?.kind, "Assign");
    assert.ok((first?.syntaxErrors?.length ?? 0) > 0);
    assert.equal(first?.kind === "Assign" && first.value.kind, "Error");
    assert.equal(second?.syntaxErrors, undefined);
  });
});

function spanOf(statement: unknown[]): [number, number] {
  const span = statement[statement.length - 1] as string;
  const [from, to] = span.slice(1).split(":").map(Number);
  return [from!, to!];
}

/** Whether `offset` is the start of a line between two top-level statements of the original. */
function isTopLevelBoundary(statements: Normal[], text: string, offset: number): boolean {
  return !(statements as unknown[][]).some((statement) => {
    const [from, to] = spanOf(statement);
    return from < offset && offset < to + (text[to] === "\n" ? 1 : 0);
  });
}

/** Moves every span at or after `at` by `shift`, in a normal form. */
function shiftSpans(normal: Normal, at: number, shift: number): Normal {
  if (Array.isArray(normal)) return normal.map((part) => shiftSpans(part, at, shift));
  if (typeof normal === "string" && /^@\d+:\d+$/.test(normal)) {
    const [from, to] = normal.slice(1).split(":").map(Number);
    const move = (offset: number) => (offset >= at ? offset + shift : offset);
    return `@${move(from!)}:${move(to!)}`;
  }
  return normal;
}
