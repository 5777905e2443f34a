// Walks a module's statements in order, as Python would run them at import, and records for every
// name the value it ends with and the statement that decided it. Branches whose condition is not
// known are all walked and their results merged into OneOf values.
import type { SyntaxNode } from "@lezer/common";
import type { ParsedModule } from "../python/parse";
import { isEnvironInstance } from "./environment";
import { BindingTable, mergeStates, type State } from "./branches";
import { type Environment, ExpressionEvaluator, type Scope } from "./expressions";
import type { SourceSpan } from "./location";
import {
  asValue,
  type Binding,
  type ImportRecord,
  type ModuleState,
  type Origin,
  type RuntimeValue,
  type SymbolValue,
} from "./moduleState";
import { augmented, getItem, mutate, setItem } from "./mutations";
import { children, hasError, meaningfulChildren, NodeContext } from "./syntax";
import { isSequence, truthiness, unknown, type UnknownValue, type Value } from "./values";

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

const BUILTINS = new Set([
  "bool",
  "int",
  "float",
  "str",
  "list",
  "tuple",
  "dict",
  "set",
  "open",
  "len",
  "print",
]);

/** Methods that change a list or dict in place. */
const MUTATING_METHODS = new Set([
  "append",
  "insert",
  "extend",
  "remove",
  "update",
  "setdefault",
  "pop",
  "clear",
  "add",
  "discard",
  "sort",
  "reverse",
]);

export function evaluateModule(
  module: ParsedModule,
  file: string,
  resolver: ImportResolver = noImports,
  environment?: Environment,
): ModuleState {
  const evaluator = new ModuleEvaluator(module, file, resolver, environment);
  return evaluator.run();
}

class ModuleEvaluator {
  private state: State = { bindings: new BindingTable() };
  private readonly imports: ImportRecord[] = [];
  private readonly syntaxErrors: SourceSpan[] = [];
  private conditionalDepth = 0;
  private lastImportEnd = 0;
  /** Set when an import of a module that does not exist raises ImportError. */
  private raised = false;
  private tryDepth = 0;

  constructor(
    private readonly module: ParsedModule,
    private readonly file: string,
    private readonly resolver: ImportResolver,
    private readonly environment?: Environment,
  ) {}

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

  private scope(): Scope {
    return {
      file: this.file,
      environment: this.environment,
      lookup: (name) => {
        const binding = this.state.bindings.get(name);
        if (binding) return binding.value;
        if (BUILTINS.has(name)) return { kind: "symbol", qualifiedName: name };
        return this.state.fallback ?? unknown(`${name} is not defined before this point`);
      },
    };
  }

  private expressions(context: NodeContext): ExpressionEvaluator {
    return new ExpressionEvaluator(context, this.scope());
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

  private origin(
    statement: SyntaxNode,
    target: SyntaxNode,
    value: SyntaxNode | undefined,
    context: NodeContext,
  ): Origin {
    return {
      statement: context.span(statement),
      target: context.span(target),
      value: value ? context.span(value) : undefined,
    };
  }

  private bind(name: string, value: RuntimeValue, origin: Origin): void {
    this.state.bindings.set(name, { name, value, origin });
  }

  private assignment(node: SyntaxNode, context: NodeContext): void {
    const parts = children(node).filter((child) => child.name !== "TypeDef" && child.name !== "Comment");
    if (hasError(node)) this.syntaxErrors.push(context.span(node));
    // Split `A = B = value` into target groups separated by `=`.
    const groups: SyntaxNode[][] = [[]];
    for (const part of parts) {
      if (part.name === "AssignOp") groups.push([]);
      else groups[groups.length - 1]!.push(part);
    }
    const valueGroup = groups.pop()!;
    if (groups.length === 0 || valueGroup.length === 0) return;
    const evaluator = this.expressions(context);
    const valueNodes = valueGroup.filter((child) => child.name !== ",");
    const isTupleValue = valueGroup.some((child) => child.name === ",");
    const value: RuntimeValue = isTupleValue
      ? {
          kind: "tuple",
          items: valueNodes.map((item) => evaluator.value(item)),
          span: context.spanOf(valueGroup[0]!.from, valueGroup[valueGroup.length - 1]!.to),
        }
      : this.evaluateAssigned(valueNodes[0]!, evaluator, context);
    const valueSpanNode = isTupleValue ? undefined : valueNodes[0];
    for (const group of groups) {
      const targets = group.filter((child) => child.name !== ",");
      const unpacking =
        group.some((child) => child.name === ",") ||
        (targets.length === 1 &&
          (targets[0]!.name === "TupleExpression" || targets[0]!.name === "ArrayExpression"));
      if (!unpacking && targets.length === 1) {
        this.assignTarget(targets[0]!, value, node, valueSpanNode, context);
        continue;
      }
      const flatTargets = targets.length === 1 ? meaningfulChildren(targets[0]!) : targets;
      const items =
        value.kind !== "symbol" && isSequence(value) && value.items.length === flatTargets.length
          ? value.items
          : undefined;
      flatTargets.forEach((target, index) => {
        const item: RuntimeValue = items ? items[index]! : unknown("unpacked from a value that is not known");
        this.assignTarget(target, item, node, undefined, context);
      });
    }
  }

  private evaluateAssigned(
    valueNode: SyntaxNode,
    evaluator: ExpressionEvaluator,
    context: NodeContext,
  ): RuntimeValue {
    const value = evaluator.evaluate(valueNode);
    // `env = environ.Env(DEBUG=(bool, False))`: keep the schema for later reads.
    if (
      value.kind === "symbol" &&
      isEnvironInstance(value.qualifiedName) &&
      valueNode.name === "CallExpression"
    ) {
      const args = evaluator.arguments(children(valueNode).find((child) => child.name === "ArgList"));
      const schema: NonNullable<SymbolValue["envSchema"]> = new Map();
      for (const [name, argument] of args.keywords) {
        const entry = argument.value;
        if (entry.kind === "tuple" && entry.items.length >= 1) {
          const castNode = meaningfulChildren(argument.node)[0];
          const cast = castNode ? context.text(castNode) : "str";
          const fallback = entry.items[1];
          schema.set(name, { cast, default: fallback, defaultSpan: fallback?.span });
        } else if (argument.value.kind === "symbol") {
          schema.set(name, { cast: argument.value.qualifiedName });
        }
      }
      return { ...value, envSchema: schema };
    }
    return value;
  }

  private assignTarget(
    target: SyntaxNode,
    value: RuntimeValue,
    statement: SyntaxNode,
    valueNode: SyntaxNode | undefined,
    context: NodeContext,
  ): void {
    if (target.name === "MemberExpression" && /^(globals|vars)\(\)\[/.test(context.text(target))) {
      this.makeEverythingUnknown(`the module sets names through ${context.text(target)}`);
      return;
    }
    if (target.name === "VariableName") {
      this.bind(context.text(target), value, this.origin(statement, target, valueNode, context));
      return;
    }
    if (target.name === "MemberExpression") {
      const path = this.itemPath(target, context);
      if (!path) return;
      const binding = this.state.bindings.get(path.name);
      if (!binding) return;
      const origin = this.origin(statement, target, valueNode, context);
      if (path.attribute) return;
      const updated = setItem(binding.value, path.keys, asValue(value, context.text(target)));
      this.changeInPlace(
        binding,
        updated ?? unknown(`${context.text(target)} is assigned into a value that is not known`),
        origin,
      );
    }
  }

  /** `NAME["a"]["b"]` → the name and the keys; undefined when a key is not known. */
  private itemPath(
    node: SyntaxNode,
    context: NodeContext,
  ): { name: string; keys: Value[]; attribute: boolean } | undefined {
    const keys: Value[] = [];
    let current: SyntaxNode | null = node;
    let attribute = false;
    while (current && current.name === "MemberExpression") {
      const parts = children(current);
      if (parts[1]?.name === "[") {
        const indexNode = parts[2];
        if (!indexNode || parts.length !== 4) return undefined;
        keys.unshift(this.expressions(context).value(indexNode));
      } else {
        attribute = true;
      }
      current = parts[0] ?? null;
    }
    if (!current || current.name !== "VariableName") return undefined;
    return { name: context.text(current), keys, attribute };
  }

  private changeInPlace(binding: Binding, value: RuntimeValue, origin: Origin): void {
    this.state.bindings.set(binding.name, {
      name: binding.name,
      value,
      origin,
      assignment: binding.assignment ?? binding.origin,
    });
  }

  private update(node: SyntaxNode, context: NodeContext): void {
    const parts = children(node).filter((child) => child.name !== "Comment");
    const [target, operatorNode, valueNode] = parts;
    if (!target || !operatorNode || !valueNode) {
      this.syntaxErrors.push(context.span(node));
      return;
    }
    const operator = context.text(operatorNode).replace(/=$/, "");
    const evaluator = this.expressions(context);
    const right = evaluator.value(valueNode);
    const origin = this.origin(node, target, valueNode, context);
    if (target.name === "VariableName") {
      const name = context.text(target);
      const binding = this.state.bindings.get(name);
      const left = binding
        ? asValue(binding.value, name)
        : (this.state.fallback ?? unknown(`${name} is not defined before this point`));
      const result = augmented(operator, left, right, context.span(node));
      if (binding) this.changeInPlace(binding, result, origin);
      else this.bind(name, result, origin);
    }
  }

  /** `class Production(Configuration)` with Configuration from django-configurations. */
  private isConfigurationClass(node: SyntaxNode, context: NodeContext): boolean {
    const bases = children(node).find((child) => child.name === "ArgList");
    if (!bases) return false;
    const evaluator = this.expressions(context);
    return meaningfulChildren(bases).some((base) => {
      const value = evaluator.evaluate(base);
      return value.kind === "symbol" && value.qualifiedName.startsWith("configurations.");
    });
  }

  private expressionStatement(node: SyntaxNode, context: NodeContext): void {
    const expression = children(node).find((child) => child.name !== "Comment");
    if (hasError(node)) this.syntaxErrors.push(context.span(node));
    if (!expression || expression.name !== "CallExpression") return;
    const callee = children(expression)[0];
    if (callee?.name === "VariableName" && ["exec", "execfile"].includes(context.text(callee))) {
      this.makeEverythingUnknown(
        `the module runs code with ${context.text(callee)}(), which the engine does not follow`,
      );
      return;
    }
    if (!callee || callee.name !== "MemberExpression") return;
    const calleeParts = children(callee);
    const method = context.text(calleeParts[calleeParts.length - 1]!);
    const objectNode = calleeParts[0]!;
    if (
      ["globals", "locals", "vars"].some((name) => context.text(objectNode) === `${name}()`) &&
      method === "update"
    ) {
      this.makeEverythingUnknown(`the module changes its names through ${context.text(objectNode)}.update()`);
      return;
    }
    if (!MUTATING_METHODS.has(method)) return;
    const path =
      objectNode.name === "VariableName"
        ? { name: context.text(objectNode), keys: [] as Value[], attribute: false }
        : this.itemPath(objectNode, context);
    if (!path || path.attribute) return;
    const binding = this.state.bindings.get(path.name);
    if (!binding) return;
    const evaluator = this.expressions(context);
    const args = evaluator.arguments(children(expression).find((child) => child.name === "ArgList"));
    const target = getItem(binding.value, path.keys);
    const origin = this.origin(node, objectNode, expression, context);
    const changed = target
      ? mutate(
          target,
          method,
          args.positional.map((argument) => asValue(argument.value, "argument")),
          args.spread || args.keywords.size > 0,
          context.span(expression),
        )
      : undefined;
    const updated = changed ? setItem(binding.value, path.keys, changed) : undefined;
    this.changeInPlace(
      binding,
      updated ?? unknown(`changed by .${method}() in a way the engine does not follow`, context.span(node)),
      origin,
    );
  }

  private makeEverythingUnknown(reason: string): void {
    for (const binding of this.state.bindings.all().values())
      this.state.bindings.set(binding.name, { ...binding, value: unknown(reason) });
    this.state.fallback = unknown(reason);
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

function findDeep(node: SyntaxNode, name: string): SyntaxNode | undefined {
  for (const child of children(node)) {
    if (child.name === name) return child;
    if (child.name === "FunctionDefinition" || child.name === "ClassDefinition") return findDeep(child, name);
  }
  return undefined;
}

export function isSettingName(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name);
}

/** Whether running a try body could raise: anything beyond assignments of literal-only expressions. */
function mayRaise(body: SyntaxNode): boolean {
  for (const statement of children(body)) {
    if ([":", "Comment", "PassStatement"].includes(statement.name)) continue;
    if (statement.name !== "AssignStatement") return true;
    let risky = false;
    const visit = (node: SyntaxNode) => {
      if (
        ["CallExpression", "MemberExpression", "VariableName", "BinaryExpression"].includes(node.name) &&
        node !== children(statement)[0]
      )
        risky = true;
      for (const child of children(node)) visit(child);
    };
    children(statement).slice(1).forEach(visit);
    if (risky) return true;
  }
  return false;
}
