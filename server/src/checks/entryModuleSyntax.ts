// What the entry-module checks need to know of a Python module's syntax, in one place: the names it
// binds at module level, its module-level imports, the statements that create the application
// (get_wsgi_application / get_asgi_application / django.setup) and where it names
// DJANGO_SETTINGS_MODULE. Read from the parser's tree through ParsedModule; when the typed syntax
// view (python/ast.ts) lands, only this file changes.
import type { SyntaxNode } from "@lezer/common";
import { parseStringLiteral } from "../python/literals";
import { parseModule, type ParsedModule } from "../python/parse";

/** A stretch of the module text: absolute offsets, `to` exclusive. */
export interface TextSpan {
  from: number;
  to: number;
}

export interface ModuleImport {
  /** The whole statement (one statement, even inside `a; b`). */
  statement: TextSpan;
  /** Modules imported, absolute or with their leading dots (`.routing`), one per name for `from`. */
  modules: string[];
  /** Names the statement binds. */
  names: string[];
  /** Whether the statement is the only one on its line (a fix may move the whole line). */
  ownLine: boolean;
}

export interface ApplicationCall {
  kind: "wsgi" | "asgi" | "setup";
  /** The module-level statement that contains the call. */
  statement: TextSpan;
  call: TextSpan;
  /** `name = …call…`: the name it is bound to, when the statement assigns one name. */
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
  setup: "setup",
};
const BODIES = new Set(["IfStatement", "TryStatement", "WithStatement", "ForStatement", "WhileStatement"]);
const HIDDEN_BINDINGS = /\b(globals|exec|setattr|vars)\s*\(/;

export function readEntryModule(text: string): EntryModuleSyntax {
  const parsed = parseModule(text);
  const facts: EntryModuleSyntax = {
    parsed,
    boundNames: new Map(),
    imports: [],
    applicationCalls: [],
    settingsModule: [],
  };
  const textOf = (node: SyntaxNode, offset: number) => text.slice(node.from + offset, node.to + offset);
  const bind = (name: string, from: number, to: number) => {
    if (facts.boundNames && !facts.boundNames.has(name)) facts.boundNames.set(name, { from, to });
  };

  const statement = (node: SyntaxNode, offset: number) => {
    const span = { from: node.from + offset, to: node.to + offset };
    switch (node.name) {
      case "StatementGroup":
        for (let child = node.firstChild; child; child = child.nextSibling) statement(child, offset);
        return;
      case "DecoratedStatement": {
        const inner = node.getChild("FunctionDefinition") ?? node.getChild("ClassDefinition");
        if (inner) statement(inner, offset);
        return;
      }
      case "FunctionDefinition":
      case "ClassDefinition": {
        const name = node.getChild("VariableName");
        if (name) {
          if (textOf(name, offset) === "__getattr__") facts.boundNames = undefined;
          bind(textOf(name, offset), name.from + offset, name.to + offset);
        }
        return;
      }
      case "ImportStatement":
        readImport(node, offset, span);
        return;
      case "AssignStatement":
      case "UpdateStatement": {
        const operators = node.getChildren(node.name === "AssignStatement" ? "AssignOp" : "UpdateOp");
        const last = operators[operators.length - 1];
        for (let child = node.firstChild; child && last && child.from < last.from; child = child.nextSibling)
          bindTargets(child, offset);
        break;
      }
      case "ExpressionStatement":
        break;
      default:
        if (BODIES.has(node.name)) {
          // `with … as name` and `for name in …` bind at module level too.
          for (let child = node.firstChild; child; child = child.nextSibling) {
            if (child.name === "Body") {
              for (let inner = child.firstChild; inner; inner = inner.nextSibling) statement(inner, offset);
            } else if (child.name === "VariableName" && child.prevSibling?.name.match(/^(as|for)$/)) {
              bind(textOf(child, offset), child.from + offset, child.to + offset);
            }
          }
        }
        return;
    }
    const statementText = textOf(node, offset);
    if (HIDDEN_BINDINGS.test(statementText)) facts.boundNames = undefined;
    readCalls(node, offset, span);
    readSettingsModule(node, offset);
  };

  const bindTargets = (node: SyntaxNode, offset: number) => {
    if (node.name === "VariableName") bind(textOf(node, offset), node.from + offset, node.to + offset);
    else if (["TupleExpression", "ArrayExpression", "ParenthesizedExpression"].includes(node.name))
      for (let child = node.firstChild; child; child = child.nextSibling) bindTargets(child, offset);
  };

  const readImport = (node: SyntaxNode, offset: number, span: TextSpan) => {
    const source = textOf(node, offset)
      .replace(/#[^\n]*/g, "")
      .replace(/\\\r?\n/g, " ")
      .replace(/[()]/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    const lineStart = text.lastIndexOf("\n", span.from - 1) + 1;
    const lineEnd = text.indexOf("\n", span.to);
    const ownLine =
      /^[ \t]*$/.test(text.slice(lineStart, span.from)) &&
      /^[ \t]*(#.*)?$/.test(text.slice(span.to, lineEnd < 0 ? text.length : lineEnd));
    const from = /^from (\S+) import (.+)$/.exec(source);
    const found: ModuleImport = { statement: span, modules: [], names: [], ownLine };
    if (from) {
      const base = from[1]!;
      for (const part of from[2]!.split(",")) {
        const [name, alias] = part.trim().split(/\s+as\s+/);
        if (!name) continue;
        if (name === "*") {
          facts.boundNames = undefined;
          found.modules.push(base);
          continue;
        }
        found.modules.push(base.endsWith(".") ? `${base}${name}` : `${base}.${name}`);
        found.names.push(alias ?? name);
        bind(alias ?? name, span.from, span.to);
      }
    } else {
      for (const part of source.replace(/^import /, "").split(",")) {
        const [name, alias] = part.trim().split(/\s+as\s+/);
        if (!name) continue;
        found.modules.push(name);
        const local = alias ?? name.split(".")[0]!;
        found.names.push(local);
        bind(local, span.from, span.to);
      }
    }
    facts.imports.push(found);
  };

  const readCalls = (node: SyntaxNode, offset: number, span: TextSpan) => {
    let target: ApplicationCall["target"];
    if (node.name === "AssignStatement" && node.getChildren("AssignOp").length === 1) {
      const first = node.firstChild;
      if (first?.name === "VariableName")
        target = { name: textOf(first, offset), from: first.from + offset, to: first.to + offset };
    }
    const seen: ApplicationCall[] = [];
    const visit = (current: SyntaxNode) => {
      // A call inside a function or lambda does not run when the module is imported.
      if (current.name === "FunctionDefinition" || current.name === "LambdaExpression") return;
      if (current.name === "CallExpression") {
        const callee = current.firstChild;
        const calleeText = callee ? textOf(callee, offset).replace(/\s+/g, "") : "";
        const kind = CALLS[calleeText.split(".").pop() ?? ""];
        // `setup` counts only as `django.setup()`.
        if (kind && (kind !== "setup" || /(^|\.)django\.setup$/.test(calleeText)))
          seen.push({
            kind,
            statement: span,
            call: { from: current.from + offset, to: current.to + offset },
            ...(target ? { target } : {}),
          });
      }
      for (let child = current.firstChild; child; child = child.nextSibling) visit(child);
    };
    visit(node);
    facts.applicationCalls.push(...seen);
  };

  const readSettingsModule = (node: SyntaxNode, offset: number) => {
    const stringValue = (string: SyntaxNode | null | undefined) =>
      string?.name === "String" ? parseStringLiteral(textOf(string, offset)) : undefined;
    if (node.name === "AssignStatement") {
      const target = node.firstChild;
      const value = node.lastChild;
      if (target?.name !== "MemberExpression" || value?.name !== "String") return;
      if (!/^(os\.)?environ\[/.test(textOf(target, offset).replace(/\s+/g, ""))) return;
      if (stringValue(target.getChild("String")) !== "DJANGO_SETTINGS_MODULE") return;
      const module = stringValue(value);
      if (module !== undefined)
        facts.settingsModule.push({
          how: "assignment",
          module,
          literal: { from: value.from + offset, to: value.to + offset },
          expression: { from: node.from + offset, to: node.to + offset },
        });
      return;
    }
    const call = node.firstChild;
    if (node.name !== "ExpressionStatement" || call?.name !== "CallExpression") return;
    const callee = call.firstChild;
    const args = call.getChild("ArgList");
    if (!callee || !args) return;
    if (!/^(os\.)?environ\.setdefault$/.test(textOf(callee, offset).replace(/\s+/g, ""))) return;
    const values = args.getChildren("String");
    if (values.length !== 2 || stringValue(values[0]) !== "DJANGO_SETTINGS_MODULE") return;
    const module = stringValue(values[1]);
    if (module !== undefined)
      facts.settingsModule.push({
        how: "default",
        module,
        literal: { from: values[1]!.from + offset, to: values[1]!.to + offset },
        expression: { from: call.from + offset, to: call.to + offset },
      });
  };

  for (const { node, offset } of parsed.statements) statement(node, offset);
  return facts;
}

/** The first module-level statement after which Django's app registry is ready, if any. */
export function registryReadyAt(syntax: EntryModuleSyntax): ApplicationCall | undefined {
  return syntax.applicationCalls.reduce<ApplicationCall | undefined>(
    (first, call) => (!first || call.statement.from < first.statement.from ? call : first),
    undefined,
  );
}
