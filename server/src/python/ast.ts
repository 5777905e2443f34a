// A typed view of Python syntax for the evaluator, modelled on CPython's `ast` module, so that the
// evaluator does not depend on the parser: toAst.ts builds it from the parser's tree, and nothing
// outside server/src/python/ sees the parser's own node names.
//
// Where it departs from CPython's `ast`, and why:
// - Every node has `from` and `to`: absolute offsets into the module text (UTF-16 code units, as
//   JavaScript strings and LSP positions count), not lines and columns.
// - The parser recovers from errors, so the view can hold what CPython refuses: a stretch the parser
//   could not read as a statement is an `Error` statement, a damaged operand an `Error` expression,
//   and a statement read around damage lists the damaged places in `syntaxErrors`.
// - Parentheses that only group an expression (`X = ("a" "b")`) are kept as `parens`, because a fix
//   that replaces a value replaces them too. A tuple says whether its own parentheses are written.
// - Implicitly concatenated string literals keep the spans of their pieces.
// - A statement's span includes its decorators (CPython starts a decorated def at `def`), and the
//   end of a compound statement is where the parser ends it (it may include the newline after it).
// - Operators are written as in Python (`+`, `not in`), not as CPython's class names (Add, NotIn).
// - Await and yield are Unsupported expressions; match statements, type aliases and Python 2
//   print statements are Unsupported statements: settings modules do not use them.

/** A stretch of the module text: absolute offsets, `to` exclusive. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

/** A name written in the source that is not an expression: a def's name, an alias, a keyword. */
export interface Identifier extends Span {
  readonly name: string;
}

// ----------------------------------------------------------------------------------------------
// Expressions

interface ExpressionBase extends Span {
  /** Present when the expression is written inside parentheses that only group it: the span from the outermost `(` to its `)`. */
  readonly parens?: Span;
}

export interface Name extends ExpressionBase {
  readonly kind: "Name";
  readonly id: string;
}

/** A literal; `type` names the kind of value (`None` and `Ellipsis` for the two singletons). */
interface ConstantBase extends ExpressionBase {
  readonly kind: "Constant";
  /** With implicit concatenation (`'a' 'b'`), the span of each literal written. */
  readonly pieces?: readonly Span[];
}

/** A string; `value` is decoded (escapes applied, pieces concatenated). */
export interface StrConstant extends ConstantBase {
  readonly type: "str";
  readonly value: string;
}
/** A bytes literal; `value` holds one character per byte (0–255). */
export interface BytesConstant extends ConstantBase {
  readonly type: "bytes";
  readonly value: string;
}
export interface NumberConstant extends ConstantBase {
  /** For `complex`, `value` is the imaginary part (`2j` → 2). */
  readonly type: "int" | "float" | "complex";
  readonly value: number;
}
export interface BoolConstant extends ConstantBase {
  readonly type: "bool";
  readonly value: boolean;
}
export interface NoneConstant extends ConstantBase {
  readonly type: "None" | "Ellipsis";
  readonly value: null;
}
export type Constant = StrConstant | BytesConstant | NumberConstant | BoolConstant | NoneConstant;

/** An f-string (possibly concatenated with plain strings): literal parts and formatted values. */
export interface JoinedStr extends ExpressionBase {
  readonly kind: "JoinedStr";
  readonly values: readonly (StrConstant | FormattedValue)[];
  /** With implicit concatenation, the span of each literal written. */
  readonly pieces?: readonly Span[];
}

/** `{value!conversion:spec}` inside an f-string; `f"{x=}"` is a literal "x=" and `{x!r}`, as in CPython. */
export interface FormattedValue extends ExpressionBase {
  readonly kind: "FormattedValue";
  readonly value: Expression;
  readonly conversion?: "s" | "r" | "a";
  readonly formatSpec?: JoinedStr;
}

export interface List extends ExpressionBase {
  readonly kind: "List";
  readonly elts: readonly Expression[];
}
export interface Tuple extends ExpressionBase {
  readonly kind: "Tuple";
  readonly elts: readonly Expression[];
  /** Whether the tuple's own parentheses are written (`(1, 2)`, not `1, 2`); the span includes them. */
  readonly parenthesized: boolean;
}
export interface Set extends ExpressionBase {
  readonly kind: "Set";
  readonly elts: readonly Expression[];
}
/** `*value` in a list, tuple, set, call or assignment target. */
export interface Starred extends ExpressionBase {
  readonly kind: "Starred";
  readonly value: Expression;
}

/** One entry of a dict display; `key` is null for `**value`. */
export interface DictEntry {
  readonly key: Expression | null;
  readonly value: Expression;
}
export interface Dict extends ExpressionBase {
  readonly kind: "Dict";
  readonly entries: readonly DictEntry[];
}

export type BinaryOperator = "+" | "-" | "*" | "@" | "/" | "//" | "%" | "**" | "<<" | ">>" | "|" | "^" | "&";
export type CompareOperator = "==" | "!=" | "<" | "<=" | ">" | ">=" | "is" | "is not" | "in" | "not in";
export type UnaryOperator = "not" | "-" | "+" | "~";

export interface BinOp extends ExpressionBase {
  readonly kind: "BinOp";
  readonly left: Expression;
  readonly op: BinaryOperator;
  readonly right: Expression;
}
/** `a or b or c` is one BoolOp with three values, as in CPython. */
export interface BoolOp extends ExpressionBase {
  readonly kind: "BoolOp";
  readonly op: "and" | "or";
  readonly values: readonly Expression[];
}
/** `a < b <= c`: `ops[i]` compares the previous operand with `comparators[i]`. */
export interface Compare extends ExpressionBase {
  readonly kind: "Compare";
  readonly left: Expression;
  readonly ops: readonly CompareOperator[];
  readonly comparators: readonly Expression[];
}
export interface UnaryOp extends ExpressionBase {
  readonly kind: "UnaryOp";
  readonly op: UnaryOperator;
  readonly operand: Expression;
}
/** `body if test else orelse` */
export interface IfExp extends ExpressionBase {
  readonly kind: "IfExp";
  readonly test: Expression;
  readonly body: Expression;
  readonly orelse: Expression;
}
export interface Attribute extends ExpressionBase {
  readonly kind: "Attribute";
  readonly value: Expression;
  readonly attr: Identifier;
}
/** `value[slice]`; `a[1:2]` has a Slice, `a[1, 2:3]` a Tuple (not parenthesized) of indices. */
export interface Subscript extends ExpressionBase {
  readonly kind: "Subscript";
  readonly value: Expression;
  readonly slice: Expression;
}
export interface Slice extends ExpressionBase {
  readonly kind: "Slice";
  readonly lower?: Expression;
  readonly upper?: Expression;
  readonly step?: Expression;
}
/** `name=value`, or `**value` when `arg` is absent. */
export interface Keyword extends Span {
  readonly arg?: Identifier;
  readonly value: Expression;
}
export interface Call extends ExpressionBase {
  readonly kind: "Call";
  readonly func: Expression;
  /** Positional arguments in order, `*args` as Starred. */
  readonly args: readonly Expression[];
  readonly keywords: readonly Keyword[];
}
export interface Lambda extends ExpressionBase {
  readonly kind: "Lambda";
  readonly parameters: readonly Parameter[];
  readonly body: Expression;
}
/** One `for target in iter if …` clause of a comprehension. */
export interface Comprehension extends Span {
  readonly target: Expression;
  readonly iter: Expression;
  readonly ifs: readonly Expression[];
  readonly isAsync: boolean;
}
export interface ListComp extends ExpressionBase {
  readonly kind: "ListComp" | "SetComp" | "GeneratorExp";
  readonly elt: Expression;
  readonly generators: readonly Comprehension[];
}
export interface DictComp extends ExpressionBase {
  readonly kind: "DictComp";
  readonly key: Expression;
  readonly value: Expression;
  readonly generators: readonly Comprehension[];
}
/** `target := value` */
export interface NamedExpr extends ExpressionBase {
  readonly kind: "NamedExpr";
  readonly target: Name;
  readonly value: Expression;
}
/** Syntax the view does not model (await, yield); `description` says what it is ("a yield expression"). */
export interface UnsupportedExpression extends ExpressionBase {
  readonly kind: "Unsupported";
  readonly description: string;
}
/** An operand the parser could not read (half-typed code). */
export interface ErrorExpression extends ExpressionBase {
  readonly kind: "Error";
}

export type Expression =
  | Name
  | Constant
  | JoinedStr
  | FormattedValue
  | List
  | Tuple
  | Set
  | Starred
  | Dict
  | BinOp
  | BoolOp
  | Compare
  | UnaryOp
  | IfExp
  | Attribute
  | Subscript
  | Slice
  | Call
  | Lambda
  | ListComp
  | DictComp
  | NamedExpr
  | UnsupportedExpression
  | ErrorExpression;

// ----------------------------------------------------------------------------------------------
// Statements

interface StatementBase extends Span {
  /** Places inside the statement's own syntax (not inside nested statements) the parser could not read. */
  readonly syntaxErrors?: readonly Span[];
}

/** `a = b = value`: `targets` in order (`[a, b]`); `a, b = …` has one Tuple target. */
export interface Assign extends StatementBase {
  readonly kind: "Assign";
  readonly targets: readonly Expression[];
  readonly value: Expression;
}
/** `target op= value` */
export interface AugAssign extends StatementBase {
  readonly kind: "AugAssign";
  readonly target: Expression;
  readonly op: BinaryOperator;
  readonly value: Expression;
}
/** `target: annotation = value`, the value being optional. */
export interface AnnAssign extends StatementBase {
  readonly kind: "AnnAssign";
  readonly target: Expression;
  readonly annotation: Expression;
  readonly value?: Expression;
}
/** An expression used as a statement (a call, mostly); CPython's `Expr`. */
export interface ExpressionStatement extends StatementBase {
  readonly kind: "ExpressionStatement";
  readonly value: Expression;
}
/** An imported name: `name` is dotted (`a.b.c`), `asname` the local name when written. */
export interface Alias extends Span {
  readonly name: string;
  readonly asname?: Identifier;
}
/** `import a.b, c as d` */
export interface Import extends StatementBase {
  readonly kind: "Import";
  readonly names: readonly Alias[];
}
/** `from ..a.b import c as d` or `from . import *`: `module` as written with its leading dots. */
export interface ImportFrom extends StatementBase {
  readonly kind: "ImportFrom";
  readonly module: string;
  /** How many leading dots `module` has (CPython's `level`). */
  readonly level: number;
  readonly names: readonly Alias[] | "*";
}
/** `if`/`elif`/`else`; an `elif` is an If alone in `orelse` (with `elif: true`), as in CPython. */
export interface If extends StatementBase {
  readonly kind: "If";
  readonly test: Expression;
  readonly body: readonly Statement[];
  readonly orelse: readonly Statement[];
  /** True for an If that was written as `elif` (its span starts there). */
  readonly elif: boolean;
}
export interface For extends StatementBase {
  readonly kind: "For";
  readonly target: Expression;
  readonly iter: Expression;
  readonly body: readonly Statement[];
  readonly orelse: readonly Statement[];
  readonly isAsync: boolean;
}
export interface While extends StatementBase {
  readonly kind: "While";
  readonly test: Expression;
  readonly body: readonly Statement[];
  readonly orelse: readonly Statement[];
}
export interface ExceptHandler extends Span {
  /** The exception class (or tuple of classes); absent for a bare `except:`. */
  readonly type?: Expression;
  readonly name?: Identifier;
  readonly body: readonly Statement[];
}
export interface Try extends StatementBase {
  readonly kind: "Try";
  readonly body: readonly Statement[];
  readonly handlers: readonly ExceptHandler[];
  readonly orelse: readonly Statement[];
  readonly finalbody: readonly Statement[];
  /** `except*` (exception groups). */
  readonly star: boolean;
}
export interface WithItem extends Span {
  readonly contextExpr: Expression;
  readonly optionalVars?: Expression;
}
export interface With extends StatementBase {
  readonly kind: "With";
  readonly items: readonly WithItem[];
  readonly body: readonly Statement[];
  readonly isAsync: boolean;
}
export type ParameterKind = "positional-only" | "positional" | "*args" | "keyword-only" | "**kwargs";
export interface Parameter extends Span {
  readonly name: Identifier;
  readonly kind: ParameterKind;
  readonly default?: Expression;
  readonly annotation?: Expression;
}
export interface FunctionDef extends StatementBase {
  readonly kind: "FunctionDef";
  readonly name: Identifier;
  readonly parameters: readonly Parameter[];
  readonly body: readonly Statement[];
  readonly decorators: readonly Expression[];
  readonly returns?: Expression;
  readonly isAsync: boolean;
}
export interface ClassDef extends StatementBase {
  readonly kind: "ClassDef";
  readonly name: Identifier;
  /** Positional bases in order (`*bases` as Starred). */
  readonly bases: readonly Expression[];
  readonly keywords: readonly Keyword[];
  readonly body: readonly Statement[];
  readonly decorators: readonly Expression[];
}
export interface Return extends StatementBase {
  readonly kind: "Return";
  readonly value?: Expression;
}
export interface Delete extends StatementBase {
  readonly kind: "Delete";
  readonly targets: readonly Expression[];
}
export interface Raise extends StatementBase {
  readonly kind: "Raise";
  readonly exc?: Expression;
  readonly cause?: Expression;
}
/** `global a, b` or, with `nonlocal: true`, `nonlocal a, b`. */
export interface Global extends StatementBase {
  readonly kind: "Global";
  readonly names: readonly Identifier[];
  readonly nonlocal: boolean;
}
export interface Assert extends StatementBase {
  readonly kind: "Assert";
  readonly test: Expression;
  readonly msg?: Expression;
}
export interface SimpleStatement extends StatementBase {
  readonly kind: "Pass" | "Break" | "Continue";
}
/** Syntax the view does not model (match, type aliases, Python 2 print); `description` says what. */
export interface UnsupportedStatement extends StatementBase {
  readonly kind: "Unsupported";
  readonly description: string;
}
/** A stretch the parser could not read as a statement. */
export interface ErrorStatement extends StatementBase {
  readonly kind: "Error";
}

export type Statement =
  | Assign
  | AugAssign
  | AnnAssign
  | ExpressionStatement
  | Import
  | ImportFrom
  | If
  | For
  | While
  | Try
  | With
  | FunctionDef
  | ClassDef
  | Return
  | Delete
  | Raise
  | Global
  | Assert
  | SimpleStatement
  | UnsupportedStatement
  | ErrorStatement;
