// Walks a module's statements in order, as Python would run them at import, and records for every
// name the value it ends with and the statement that decided it. Branches whose condition is not
// known are all walked and their results merged into OneOf values.
import type { SyntaxNode } from "@lezer/common";
import type { ParsedModule } from "../python/parse";
import { BindingTable, mergeStates, type State } from "./branches";
import type { Environment } from "./expressions";
import type { SourceSpan } from "../python/location";
import type { ModuleState, RuntimeValue, SymbolValue } from "./moduleState";
import { StatementEvaluator } from "./statements";
import { children, findDeep, hasError, mayRaise, meaningfulChildren, NodeContext } from "../python/syntax";
import { truthiness, unknown, type UnknownValue } from "./values";

/** Follows imports of other modules; the default follows none (every imported name is Unknown). */
export interface ImportResolver {
  /**
   * The state of the module a star import names, the reason it cannot be followed, or "missing"
   * when no such module exists in the workspace (a relative import then raises ImportError).
   */
  starImport(module: string, fromFile: string): ModuleState | UnknownValue | "missing";
  /**
   * One name from another module (a submodule of a package comes back as a symbol carrying its
   * state), or "missing" as above.
   */
  importName(module: string, name: string, fromFile: string): RuntimeValue | "missing";
  /** A whole module (`import a.b as c`), when it is in the workspace. */
  importModule?(module: string, fromFile: string): ModuleState | UnknownValue | "missing";
}

export const noImports: ImportResolver = {
  starImport: (module) => unknown(`may be set by \`from ${module} import *\`, which is not followed`),
  importName: (module, name) =>
    module.startsWith(".") ? unknown(`imported from ${module}.${name}, which is not followed`) : "missing",
};

export function evaluateModule(
  module: ParsedModule,
  file: string,
  resolver: ImportResolver = noImports,
  environment?: Environment,
): ModuleState {
  const evaluator = new ModuleEvaluator(module, file, resolver, environment);
  return evaluator.run();
}

class ModuleEvaluator extends StatementEvaluator {
  run(): ModuleState {
    for (const statement of this.module.statements) {
      const context = new NodeContext(this.module, this.file, statement.offset);
      this.statement(statement.node, context);
    }
    let lastStatementEnd = 0;
    const last = this.module.statements[this.module.statements.length - 1];
    if (last) lastStatementEnd = last.node.to + last.offset;
    return {
      file: this.file,
      bindings: this.state.bindings.all(),
      fallback: this.state.fallback,
      imports: this.imports,
      syntaxErrors: this.syntaxErrors,
      lastStatementEnd,
      lastImportEnd: this.lastImportEnd,
    };
  }

  private statement(node: SyntaxNode, context: NodeContext): void {
    if (node.type.isError) {
      this.syntaxErrors.push(context.span(node));
      return;
    }
    switch (node.name) {
      case "AssignStatement":
        return this.assignment(node, context);
      case "UpdateStatement":
        return this.update(node, context);
      case "ExpressionStatement":
        return this.expressionStatement(node, context);
      case "ImportStatement":
        return this.importStatement(node, context);
      case "IfStatement":
        return this.ifStatement(node, context);
      case "TryStatement":
        return this.tryStatement(node, context);
      case "WithStatement":
        return this.body(
          children(node).find((child) => child.name === "Body"),
          context,
        );
      case "StatementGroup":
        for (const child of children(node)) if (child.name !== ";") this.statement(child, context);
        return;
      case "FunctionDefinition":
      case "ClassDefinition":
      case "DecoratedStatement": {
        const nameNode = findDeep(node, "VariableName");
        if (nameNode)
          this.bind(
            context.text(nameNode),
            unknown(
              `${context.text(nameNode)} is a ${node.name === "ClassDefinition" ? "class" : "function"}`,
            ),
            this.origin(node, nameNode, undefined, context),
          );
        if (hasError(node)) this.syntaxErrors.push(context.span(node));
        if (node.name === "ClassDefinition" && this.isConfigurationClass(node, context)) {
          this.makeEverythingUnknown(
            "the module uses class-based settings (django-configurations): the values are attributes of the class DJANGO_CONFIGURATION names, which the engine does not evaluate",
          );
        }
        return;
      }
      case "ForStatement":
      case "WhileStatement":
        return this.loop(node, context);
      case "DeleteStatement":
        for (const target of meaningfulChildren(node))
          if (target.name === "VariableName") this.state.bindings.set(context.text(target), undefined);
        return;
      default:
        if (hasError(node)) this.syntaxErrors.push(context.span(node));
    }
  }

  private importStatement(node: SyntaxNode, context: NodeContext): void {
    const parts = children(node);
    if (hasError(node)) this.syntaxErrors.push(context.span(node));
    const span = context.span(node);
    if (this.conditionalDepth === 0) this.lastImportEnd = Math.max(this.lastImportEnd, span.to);
    const conditional = this.conditionalDepth > 0;
    if (parts[0]?.name === "from") {
      const importIndex = parts.findIndex((part) => part.name === "import");
      const module = parts
        .slice(1, importIndex)
        .map((part) => context.text(part))
        .join("");
      const names = parts.slice(importIndex + 1).filter((part) => !["(", ")", ","].includes(part.name));
      if (names[0]?.name === "*") {
        this.imports.push({ module, names: "*", span, conditional });
        this.starImport(module, span);
        return;
      }
      const imported: { name: string; local: string }[] = [];
      for (let index = 0; index < names.length; index++) {
        const name = context.text(names[index]!);
        let local = name;
        if (names[index + 1]?.name === "as" && names[index + 2]) {
          local = context.text(names[index + 2]!);
          index += 2;
        }
        imported.push({ name, local });
        const resolved = this.resolver.importName(module, name, this.file);
        if (resolved === "missing" && module.startsWith(".")) {
          this.raise(`${module} is not in the workspace`);
          continue;
        }
        const value: RuntimeValue =
          resolved === "missing" ? { kind: "symbol", qualifiedName: `${module}.${name}` } : resolved;
        this.bind(local, value, { statement: span, target: span });
      }
      this.imports.push({ module, names: imported, span, conditional });
      return;
    }
    // `import a.b.c` binds `a`; `import a.b as c` binds `c` to a.b.
    const items = parts.slice(1).filter((part) => part.name !== ",");
    let dotted = "";
    for (let index = 0; index < items.length; index++) {
      const item = items[index]!;
      if (item.name === ".") {
        dotted += ".";
        continue;
      }
      if (item.name === "as") {
        const alias = items[index + 1];
        if (alias)
          this.bind(context.text(alias), this.moduleSymbol(dotted), { statement: span, target: span });
        this.imports.push({
          module: dotted,
          names: [{ name: dotted, local: alias ? context.text(alias) : dotted }],
          span,
          conditional,
        });
        dotted = "";
        index++;
        continue;
      }
      dotted += context.text(item);
      const next = items[index + 1];
      if (!next || (next.name !== "." && next.name !== "as")) {
        const head = dotted.split(".")[0]!;
        this.bind(head, { kind: "symbol", qualifiedName: head }, { statement: span, target: span });
        this.imports.push({ module: dotted, names: [{ name: dotted, local: head }], span, conditional });
        dotted = "";
      }
    }
  }

  /** `import a.b as c`: a symbol that carries the module's state when it is in the workspace. */
  private moduleSymbol(dotted: string): SymbolValue {
    const state = this.resolver.importModule?.(dotted, this.file);
    if (state && state !== "missing" && !("kind" in state))
      return { kind: "symbol", qualifiedName: dotted, module: state };
    return { kind: "symbol", qualifiedName: dotted };
  }

  /** An import that fails: inside `try` the handlers take over; elsewhere Django would not start. */
  private raise(reason: string): void {
    this.raised = true;
    if (this.tryDepth === 0) this.makeEverythingUnknown(`the module fails to import: ${reason}`);
  }

  private starImport(module: string, span: SourceSpan): void {
    const resolved = this.resolver.starImport(module, this.file);
    if (resolved === "missing" && module.startsWith(".")) {
      this.raise(`${module} is not in the workspace`);
      return;
    }
    const imported =
      resolved === "missing"
        ? unknown(`may be set by \`from ${module} import *\`, which is outside the workspace`)
        : resolved;
    if ("kind" in imported) {
      // Anything set before may be replaced, and anything not set may come from there.
      for (const binding of this.state.bindings.all().values()) {
        if (isSettingName(binding.name))
          this.state.bindings.set(binding.name, { ...binding, value: imported });
      }
      this.state.fallback = imported;
      return;
    }
    for (const binding of imported.bindings.values()) {
      if (binding.name.startsWith("_")) continue;
      this.state.bindings.set(binding.name, binding);
    }
    if (imported.fallback) this.state.fallback = imported.fallback;
    void span;
  }

  private body(node: SyntaxNode | undefined, context: NodeContext): void {
    if (!node) return;
    for (const child of children(node)) {
      if (child.name === ":" || child.name === "Comment") continue;
      this.statement(child, context);
    }
  }

  private ifStatement(node: SyntaxNode, context: NodeContext): void {
    const parts = children(node).filter((child) => child.name !== "Comment");
    // Clauses: (condition | undefined for else, body).
    const clauses: { condition?: SyntaxNode; body: SyntaxNode }[] = [];
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]!;
      if (part.name === "if" || part.name === "elif") {
        const condition = parts[index + 1];
        const body = parts[index + 2];
        if (condition && body?.name === "Body") clauses.push({ condition, body });
        index += 2;
      } else if (part.name === "else") {
        const body = parts[index + 1];
        if (body?.name === "Body") clauses.push({ body });
        index += 1;
      } else if (part.type.isError) {
        this.syntaxErrors.push(context.span(part));
      }
    }
    const evaluator = this.expressions(context);
    const possible: SyntaxNode[] = [];
    let decided = false;
    for (const clause of clauses) {
      if (!clause.condition) {
        possible.push(clause.body);
        decided = true;
        break;
      }
      const condition = evaluator.value(clause.condition);
      // A condition on the environment is not decided by the assumption that a variable is unset:
      // such branches usually tell environments apart, so both are kept. A `.env` file that sets
      // the variable for this profile decides it.
      const truth =
        condition.kind === "env"
          ? condition.setBy && condition.default
            ? truthiness(condition.default)
            : undefined
          : truthiness(condition);
      if (truth === false) continue;
      possible.push(clause.body);
      if (truth === true) {
        decided = true;
        break;
      }
    }
    this.branches(possible, !decided, context);
  }

  /** Runs each body from the current state and merges; `includeNone` adds the path that runs none. */
  private branches(bodies: SyntaxNode[], includeNone: boolean, context: NodeContext): void {
    if (bodies.length === 1 && !includeNone) {
      this.body(bodies[0], context);
      return;
    }
    const before = this.state;
    const outcomes: State[] = [];
    this.conditionalDepth++;
    for (const body of bodies) {
      this.state = { bindings: new BindingTable(before.bindings), fallback: before.fallback };
      this.body(body, context);
      outcomes.push(this.state);
    }
    this.conditionalDepth--;
    if (includeNone) outcomes.push(before);
    this.state = mergeStates(before, outcomes);
  }

  private tryStatement(node: SyntaxNode, context: NodeContext): void {
    const parts = children(node).filter((child) => child.name !== "Comment");
    const tryBody = parts.find((part) => part.name === "Body");
    const handlers: SyntaxNode[] = [];
    let elseBody: SyntaxNode | undefined;
    let finallyBody: SyntaxNode | undefined;
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]!;
      if (part.name === "except") {
        let cursor = index + 1;
        while (cursor < parts.length && parts[cursor]!.name !== "Body") cursor++;
        if (parts[cursor]) handlers.push(parts[cursor]!);
        index = cursor;
      } else if (part.name === "else") {
        elseBody = parts[index + 1];
        index++;
      } else if (part.name === "finally") {
        finallyBody = parts[index + 1];
        index++;
      }
    }
    if (tryBody && handlers.length > 0 && !mayRaise(tryBody)) {
      // Plain assignments of literals cannot fail: the handlers never run.
      this.body(tryBody, context);
      this.body(elseBody, context);
    } else if (tryBody) {
      const before = this.state;
      this.conditionalDepth++;
      this.tryDepth++;
      const raisedBefore = this.raised;
      this.raised = false;
      this.state = { bindings: new BindingTable(before.bindings), fallback: before.fallback };
      this.body(tryBody, context);
      const bodyRaised = this.raised;
      this.raised = raisedBefore;
      this.tryDepth--;
      if (!bodyRaised) this.body(elseBody, context);
      const succeeded = this.state;
      // A body that certainly raises (an import of a module not in the workspace) leaves only the handlers.
      const outcomes = bodyRaised && handlers.length > 0 ? [] : [succeeded];
      for (const handler of handlers) {
        this.state = { bindings: new BindingTable(before.bindings), fallback: before.fallback };
        this.body(handler, context);
        outcomes.push(this.state);
      }
      this.conditionalDepth--;
      this.state = mergeStates(before, handlers.length > 0 ? outcomes : [succeeded]);
    }
    this.body(finallyBody, context);
  }

  private loop(node: SyntaxNode, context: NodeContext): void {
    // Names assigned or changed in a loop depend on how often it runs.
    const before = this.state;
    this.state = { bindings: new BindingTable(before.bindings), fallback: before.fallback };
    this.conditionalDepth++;
    for (const body of children(node).filter((child) => child.name === "Body")) this.body(body, context);
    this.conditionalDepth--;
    const loop = this.state;
    for (const name of [...loop.bindings.changedNames()]) {
      const binding = loop.bindings.get(name);
      if (binding) loop.bindings.set(name, { ...binding, value: unknown(`${name} is changed in a loop`) });
    }
    this.state = mergeStates(before, [loop]);
  }
}

export function isSettingName(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name);
}
