// The part of module evaluation that binds names: assignments (plain, chained, unpacking, into
// items), augmented assignments, in-place changes through list and dict methods, and the state
// they work on. Imports and control flow build on it in evaluate.ts.
import type { SyntaxNode } from "@lezer/common";
import type { ParsedModule } from "../python/parse";
import { BindingTable, type State } from "./branches";
import { isEnvironInstance } from "./environmentReads";
import type { ImportResolver } from "./moduleEvaluator";
import { type Environment, ExpressionEvaluator, type Scope } from "./expressions";
import type { SourceSpan } from "../python/location";
import {
  asValue,
  type Binding,
  type ImportRecord,
  type Origin,
  type RuntimeValue,
  type SymbolValue,
} from "./moduleState";
import { augmented, getItem, mutate, setItem } from "./mutations";
import { children, hasError, meaningfulChildren, type NodeContext } from "../python/syntax";
import { isSequence, unknown, type Value } from "./values";

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

export abstract class StatementEvaluator {
  protected state: State = { bindings: new BindingTable() };
  protected readonly imports: ImportRecord[] = [];
  protected readonly syntaxErrors: SourceSpan[] = [];
  protected conditionalDepth = 0;
  protected lastImportEnd = 0;
  /** Set when an import of a module that does not exist raises ImportError. */
  protected raised = false;
  protected tryDepth = 0;

  constructor(
    protected readonly module: ParsedModule,
    protected readonly file: string,
    protected readonly resolver: ImportResolver,
    protected readonly environment?: Environment,
  ) {}

  protected scope(): Scope {
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

  protected expressions(context: NodeContext): ExpressionEvaluator {
    return new ExpressionEvaluator(context, this.scope());
  }

  protected origin(
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

  protected bind(name: string, value: RuntimeValue, origin: Origin): void {
    this.state.bindings.set(name, { name, value, origin });
  }

  protected assignment(node: SyntaxNode, context: NodeContext): void {
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

  protected evaluateAssigned(
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

  protected assignTarget(
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
  protected itemPath(
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

  protected changeInPlace(binding: Binding, value: RuntimeValue, origin: Origin): void {
    this.state.bindings.set(binding.name, {
      name: binding.name,
      value,
      origin,
      assignment: binding.assignment ?? binding.origin,
    });
  }

  protected update(node: SyntaxNode, context: NodeContext): void {
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
  protected isConfigurationClass(node: SyntaxNode, context: NodeContext): boolean {
    const bases = children(node).find((child) => child.name === "ArgList");
    if (!bases) return false;
    const evaluator = this.expressions(context);
    return meaningfulChildren(bases).some((base) => {
      const value = evaluator.evaluate(base);
      return value.kind === "symbol" && value.qualifiedName.startsWith("configurations.");
    });
  }

  protected expressionStatement(node: SyntaxNode, context: NodeContext): void {
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

  protected makeEverythingUnknown(reason: string): void {
    for (const binding of this.state.bindings.all().values())
      this.state.bindings.set(binding.name, { ...binding, value: unknown(reason) });
    this.state.fallback = unknown(reason);
  }
}
