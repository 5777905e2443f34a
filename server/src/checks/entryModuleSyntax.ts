// What the entry-module checks need to know of a Python module's syntax, in one place: the names it
// binds at module level, its module-level imports, the statements that make Django's app registry
// ready (get_wsgi_application / get_asgi_application / django.setup) and where it names
// DJANGO_SETTINGS_MODULE. Read from the typed syntax view (python/ast.ts).
import type { Expression, Span, Statement, StrConstant } from "../python/ast";
import { childExpressions, childStatements } from "../python/astWalking";
import { parseModule, type ParsedModule } from "../python/parse";

export type TextSpan = Span;

export interface ModuleImport {
  statement: TextSpan;
  /** Modules imported, absolute or with their leading dots (`.routing`); `from a import b` gives `a.b`. */
  modules: string[];
  /** Names the statement binds. */
  names: string[];
  /** Whether the statement is alone on its lines (a fix may move the whole line). */
  ownLine: boolean;
  /** Whether it sits directly in the module, not in an `if`, `try` or `with`. */
  topLevel: boolean;
}

export interface ApplicationCall {
  kind: "wsgi" | "asgi" | "setup";
  /** The module-level statement that contains the call (the outermost, for calls inside an `if`). */
  statement: TextSpan;
  call: TextSpan;
  /** `name = …call…`: the name it is bound to, when the statement assigns exactly one name. */
  target?: { name: string } & TextSpan;
}

export interface SettingsModuleMention {
  how: "default" | "assignment";
  module: string;
  /** The string literal, quotes included. */
  literal: TextSpan;
  /** The call `os.environ.setdefault(…)`, or the assignment statement. */
  expression: TextSpan;
}

export interface EntryModuleSyntax {
  parsed: ParsedModule;
  /**
   * Names bound at module level with the place of their first binding; undefined when the module
   * may bind names that cannot be seen (a star import, `globals()`, `exec`, a module `__getattr__`).
   */
  boundNames: Map<string, TextSpan> | undefined;
  imports: ModuleImport[];
  applicationCalls: ApplicationCall[];
  settingsModule: SettingsModuleMention[];
}

const CALLS: Record<string, ApplicationCall["kind"]> = {
  get_wsgi_application: "wsgi",
  get_asgi_application: "asgi",
};
const HIDDEN_BINDINGS = new Set(["globals", "exec", "setattr", "vars", "__import__"]);
const VARIABLE = "DJANGO_SETTINGS_MODULE";

export function readEntryModule(text: string): EntryModuleSyntax {
  const parsed = parseModule(text);
  const facts: EntryModuleSyntax = {
    parsed,
    boundNames: new Map(),
    imports: [],
    applicationCalls: [],
    settingsModule: [],
  };
  const bind = (name: string, span: TextSpan) => {
    if (facts.boundNames && !facts.boundNames.has(name)) facts.boundNames.set(name, span);
  };
  const bindTarget = (target: Expression) => {
    if (target.kind === "Name") bind(target.id, target);
    else if (target.kind === "Tuple" || target.kind === "List") target.elts.forEach(bindTarget);
    else if (target.kind === "Starred") bindTarget(target.value);
  };

  const visit = (statement: Statement, outermost: Statement, topLevel: boolean) => {
    switch (statement.kind) {
      case "FunctionDef":
      case "ClassDef":
        if (statement.name.name === "__getattr__") facts.boundNames = undefined;
        bind(statement.name.name, statement.name);
        // Decorators and defaults run at import; the body does not.
        statement.decorators.forEach((expression) => readExpression(expression, statement, outermost));
        return;
      case "Import":
      case "ImportFrom":
        readImport(statement, topLevel);
        return;
      case "Assign":
        statement.targets.forEach(bindTarget);
        break;
      case "AugAssign":
      case "AnnAssign":
        bindTarget(statement.target);
        break;
      case "For":
        bindTarget(statement.target);
        break;
      case "With":
        for (const item of statement.items) if (item.optionalVars) bindTarget(item.optionalVars);
        break;
      case "Try":
        for (const handler of statement.handlers) if (handler.name) bind(handler.name.name, handler.name);
        break;
      default:
        break;
    }
    for (const expression of ownExpressions(statement)) readExpression(expression, statement, outermost);
    if (statement.kind === "ExpressionStatement" || statement.kind === "Assign")
      readSettingsModule(statement);
    // Nested statements that run when the module is imported (definitions returned above).
    for (const inner of childStatements(statement)) visit(inner, outermost, false);
  };

  const readImport = (statement: Statement & { kind: "Import" | "ImportFrom" }, topLevel: boolean) => {
    const found: ModuleImport = {
      statement: { from: statement.from, to: statement.to },
      modules: [],
      names: [],
      ownLine: aloneOnItsLines(text, statement),
      topLevel,
    };
    if (statement.kind === "Import") {
      for (const alias of statement.names) {
        const local = alias.asname?.name ?? alias.name.split(".")[0]!;
        found.modules.push(alias.name);
        found.names.push(local);
        bind(local, statement);
      }
    } else if (statement.names === "*") {
      facts.boundNames = undefined;
      found.modules.push(statement.module);
    } else {
      for (const alias of statement.names) {
        const local = alias.asname?.name ?? alias.name;
        const base = statement.module;
        found.modules.push(base.endsWith(".") ? `${base}${alias.name}` : `${base}.${alias.name}`);
        found.names.push(local);
        bind(local, statement);
      }
    }
    facts.imports.push(found);
  };

  const readExpression = (expression: Expression, statement: Statement, outermost: Statement) => {
    // A lambda's body does not run when the module is imported.
    if (expression.kind === "Lambda") return;
    if (expression.kind === "Call") {
      const func = expression.func;
      if (func.kind === "Name" && HIDDEN_BINDINGS.has(func.id)) facts.boundNames = undefined;
      const name = func.kind === "Name" ? func.id : func.kind === "Attribute" ? func.attr.name : "";
      const setup =
        func.kind === "Attribute" &&
        func.attr.name === "setup" &&
        func.value.kind === "Name" &&
        func.value.id === "django";
      const kind = setup ? "setup" : CALLS[name];
      if (kind) {
        const target =
          statement.kind === "Assign" &&
          statement.targets.length === 1 &&
          statement.targets[0]!.kind === "Name"
            ? statement.targets[0]
            : undefined;
        facts.applicationCalls.push({
          kind,
          statement: { from: outermost.from, to: outermost.to },
          call: { from: expression.from, to: expression.to },
          ...(target?.kind === "Name"
            ? { target: { name: target.id, from: target.from, to: target.to } }
            : {}),
        });
      }
    }
    for (const child of childExpressions(expression)) readExpression(child, statement, outermost);
  };

  const readSettingsModule = (statement: Statement & { kind: "ExpressionStatement" | "Assign" }) => {
    if (statement.kind === "Assign") {
      const target = statement.targets[0];
      if (statement.targets.length !== 1 || target?.kind !== "Subscript") return;
      if (!isEnviron(target.value) || stringOf(target.slice)?.value !== VARIABLE) return;
      const value = stringOf(statement.value);
      if (value)
        facts.settingsModule.push({
          how: "assignment",
          module: value.value,
          literal: { from: value.from, to: value.to },
          expression: { from: statement.from, to: statement.to },
        });
      return;
    }
    const call = statement.value;
    if (call.kind !== "Call" || call.func.kind !== "Attribute" || call.func.attr.name !== "setdefault")
      return;
    if (!isEnviron(call.func.value) || call.args.length !== 2 || stringOf(call.args[0]!)?.value !== VARIABLE)
      return;
    const value = stringOf(call.args[1]!);
    if (value)
      facts.settingsModule.push({
        how: "default",
        module: value.value,
        literal: { from: value.from, to: value.to },
        expression: { from: call.from, to: call.to },
      });
  };

  for (const statement of parsed.body) visit(statement, statement, true);
  return facts;
}

/** The expressions a statement evaluates itself (not those of the statements nested in it). */
function ownExpressions(statement: Statement): Expression[] {
  switch (statement.kind) {
    case "Assign":
      return [...statement.targets, statement.value];
    case "AugAssign":
      return [statement.target, statement.value];
    case "AnnAssign":
      return statement.value ? [statement.value] : [];
    case "ExpressionStatement":
      return [statement.value];
    case "If":
    case "While":
      return [statement.test];
    case "For":
      return [statement.iter];
    case "With":
      return statement.items.map((item) => item.contextExpr);
    default:
      return [];
  }
}

/** `os.environ` or `environ`. */
function isEnviron(expression: Expression): boolean {
  if (expression.kind === "Name") return expression.id === "environ";
  return (
    expression.kind === "Attribute" &&
    expression.attr.name === "environ" &&
    expression.value.kind === "Name" &&
    expression.value.id === "os"
  );
}

function stringOf(expression: Expression): StrConstant | undefined {
  return expression.kind === "Constant" && expression.type === "str" ? expression : undefined;
}

function aloneOnItsLines(text: string, span: TextSpan): boolean {
  const lineStart = text.lastIndexOf("\n", span.from - 1) + 1;
  const lineEnd = text.indexOf("\n", span.to);
  return (
    /^[ \t]*$/.test(text.slice(lineStart, span.from)) &&
    /^[ \t]*(#.*)?\r?$/.test(text.slice(span.to, lineEnd < 0 ? text.length : lineEnd))
  );
}

/** The first module-level statement after which Django's app registry is ready, if any. */
export function registryReadyAt(syntax: EntryModuleSyntax): ApplicationCall | undefined {
  return syntax.applicationCalls.reduce<ApplicationCall | undefined>(
    (first, call) => (!first || call.statement.from < first.statement.from ? call : first),
    undefined,
  );
}
