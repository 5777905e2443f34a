// The part of module evaluation that binds names: assignments (plain, chained, unpacking, into
// items), augmented assignments, in-place changes through list and dict methods. The state they
// work on is in moduleNamespace.ts; imports and control flow build on them in moduleEvaluator.ts.
import type {
  AnnAssign,
  Assign,
  AugAssign,
  Call,
  ClassDef,
  Expression,
  ExpressionStatement,
  Statement,
} from "../python/ast";
import { childExpressions } from "../python/astWalking";
import { isEnvironInstance } from "./environmentReads";
import type { ExpressionEvaluator } from "./expressions";
import { ModuleNamespace } from "./moduleNamespace";
import { asValue, type RuntimeValue, type SymbolValue } from "./moduleState";
import { augmented, changeEachOption, getItem, mutateWithCall, MUTATING_METHODS, setItem } from "./mutations";
import { isSequence, pythonEquals, unknown, unpackedItems, type Value } from "./values";

/**
 * A call that hands the module's namespace to other code: `f(__name__)`, `f(globals())`,
 * `setattr(sys.modules[__name__], …)`.
 */
function writesModuleNames(call: Call, written: (node: Expression) => string): boolean {
  const callee = written(call.func);
  if (callee === "setattr" && call.args[0] && /sys\.modules\[__name__\]/.test(written(call.args[0])))
    return true;
  return [...call.args, ...call.keywords.map((keyword) => keyword.value)].some((argument) =>
    /^(__name__|globals\(\)|locals\(\)|vars\(\)|sys\.modules\[__name__\])$/.test(written(argument)),
  );
}

export abstract class StatementEvaluator extends ModuleNamespace {
  /** `A = B = value`, `A, B = value`, `A: int = value` (an annotation without a value binds nothing). */
  protected assignment(node: Assign | AnnAssign): void {
    if (node.syntaxErrors) this.syntaxErrors.push(this.source.span(node));
    const valueNode = node.value;
    if (!valueNode) return;
    const targets = node.kind === "Assign" ? node.targets : [node.target];
    const evaluator = this.expressions();
    const isTupleValue = valueNode.kind === "Tuple" && !valueNode.parenthesized && !valueNode.parens;
    const value: RuntimeValue = isTupleValue
      ? {
          kind: "tuple",
          items: valueNode.elts.map((item) => evaluator.value(item)),
          span: this.source.span(valueNode),
        }
      : this.evaluateAssigned(valueNode, evaluator);
    // An unparenthesised tuple of values has no single value expression for fixes to replace.
    const valueSpanNode = isTupleValue ? undefined : valueNode;
    for (const target of targets) {
      const unpacking = !target.parens && (target.kind === "Tuple" || target.kind === "List");
      if (!unpacking) {
        this.assignTarget(target, value, node, valueSpanNode);
        continue;
      }
      // A starred target takes one item, as the evaluator has always counted it (`a, *b = 1, 2, 3`
      // gives b the 3); see the notes of the change that introduced the syntax view.
      const flatTargets = target.elts.flatMap((element) =>
        element.kind === "Starred" && !element.parens ? [undefined, element.value] : [element],
      );
      const items = value.kind !== "symbol" ? unpackedItems(value, flatTargets.length) : undefined;
      flatTargets.forEach((flatTarget, index) => {
        const item: RuntimeValue = items ? items[index]! : unknown("unpacked from a value that is not known");
        if (flatTarget) this.assignTarget(flatTarget, item, node, undefined);
      });
    }
  }

  protected evaluateAssigned(valueNode: Expression, evaluator: ExpressionEvaluator): RuntimeValue {
    const value = evaluator.evaluate(valueNode);
    // `env = environ.Env(DEBUG=(bool, False))`: keep the schema for later reads.
    if (
      value.kind === "symbol" &&
      isEnvironInstance(value.qualifiedName) &&
      valueNode.kind === "Call" &&
      !valueNode.parens
    ) {
      const args = evaluator.arguments(valueNode);
      const schema: NonNullable<SymbolValue["envSchema"]> = new Map();
      for (const [name, argument] of args.keywords) {
        const entry = argument.value;
        if (entry.kind === "tuple" && entry.items.length >= 1) {
          const castNode = argument.node.parens ? argument.node : childExpressions(argument.node)[0];
          const cast = castNode
            ? castNode === argument.node
              ? this.source.text(castNode)
              : this.source.written(castNode)
            : "str";
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
    target: Expression,
    value: RuntimeValue,
    statement: Statement,
    valueNode: Expression | undefined,
  ): void {
    // A target in parentheses (`(X) = 1`) has never been assigned by the evaluator.
    if (target.parens) return;
    const isItem = target.kind === "Subscript" || target.kind === "Attribute";
    if (target.kind === "Subscript" && /^(globals|vars)\(\)$/.test(this.source.written(target.value))) {
      this.globalsItem(target.slice, value, statement, valueNode);
      return;
    }
    if (target.kind === "Name") {
      this.bind(target.id, value, this.origin(statement, target, valueNode));
      return;
    }
    if (target.kind === "Subscript" && target.slice.kind === "Slice" && target.value.kind === "Name") {
      if (this.assignSlice(target.value.id, target.slice, value, statement, target, valueNode)) return;
    }
    if (isItem) {
      const path = this.itemPath(target);
      if (!path) return;
      const binding = this.state.bindings.get(path.name);
      if (!binding) return;
      const origin = this.origin(statement, target, valueNode);
      if (path.attribute) return;
      const text = this.source.text(target);
      const updated = changeEachOption(binding.value, (option) =>
        setItem(option, path.keys, asValue(value, text)),
      );
      this.changeInPlace(
        binding,
        updated ?? unknown(`${text} is assigned into a value that is not known`),
        origin,
      );
    }
  }

  /**
   * `NAME[i:j] = [...]`: the list's items from i to j replaced by the new ones, as Python does.
   * False for the forms left to the item path (`NAME[:]`, a step).
   */
  private assignSlice(
    name: string,
    slice: Extract<Expression, { kind: "Slice" }>,
    value: RuntimeValue,
    statement: Statement,
    target: Expression,
    valueNode: Expression | undefined,
  ): boolean {
    if (slice.step || (!slice.lower && !slice.upper) || target.parens) return false;
    const binding = this.state.bindings.get(name);
    if (!binding) return true;
    const evaluator = this.expressions();
    const bound = (node: Expression | undefined | null) => {
      if (!node) return undefined;
      const known = evaluator.value(node);
      return known.kind === "int" ? known.value : null;
    };
    const lower = bound(slice.lower);
    const upper = bound(slice.upper);
    const text = this.source.text(target);
    const updated = changeEachOption(binding.value, (option) => {
      if (
        option.kind !== "list" ||
        lower === null ||
        upper === null ||
        value.kind === "symbol" ||
        !isSequence(value)
      )
        return undefined;
      const length = option.items.length;
      const resolve = (index: number | undefined, fallback: number) =>
        index === undefined ? fallback : Math.min(Math.max(index < 0 ? index + length : index, 0), length);
      const start = resolve(lower, 0);
      const end = Math.max(start, resolve(upper, length));
      return {
        ...option,
        items: [...option.items.slice(0, start), ...value.items, ...option.items.slice(end)],
      };
    });
    this.changeInPlace(
      binding,
      updated ?? unknown(`${text} is assigned into a value that is not known`),
      this.origin(statement, target, valueNode),
    );
    return true;
  }

  /** `del NAME[key]` (and `del NAME["a"][0]`): the item removed from each option of the value. */
  protected deleteItem(target: Expression, statement: Statement): void {
    if (target.kind !== "Subscript" || target.parens || target.slice.kind === "Slice") return;
    const path = this.itemPath(target);
    if (!path || path.attribute) return;
    const binding = this.state.bindings.get(path.name);
    if (!binding) return;
    const keys = path.keys.slice(0, -1);
    const key = path.keys[path.keys.length - 1]!;
    const updated = changeEachOption(binding.value, (option) => {
      const container = getItem(option, keys);
      let changed: Value | undefined;
      if (container?.kind === "dict") {
        const index = container.entries.findIndex((entry) => pythonEquals(entry.key, key) === true);
        if (index >= 0)
          changed = { ...container, entries: container.entries.filter((_, at) => at !== index) };
      } else if (container?.kind === "list" && key.kind === "int") {
        const index = key.value < 0 ? container.items.length + key.value : key.value;
        if (index >= 0 && index < container.items.length)
          changed = { ...container, items: container.items.filter((_, at) => at !== index) };
      }
      // A missing key or position raises, which the engine does not follow.
      return changed ? setItem(option, keys, changed) : undefined;
    });
    this.changeInPlace(
      binding,
      updated ?? unknown(`${this.source.text(target)} is deleted from a value that is not known`),
      this.origin(statement, target, undefined),
    );
  }

  /** `NAME["a"]["b"]` → the name and the keys; undefined when a key is not known. */
  protected itemPath(node: Expression): { name: string; keys: Value[]; attribute: boolean } | undefined {
    const keys: Value[] = [];
    let current: Expression = node;
    let attribute = false;
    while ((current.kind === "Subscript" || current.kind === "Attribute") && !current.parens) {
      if (current.kind === "Subscript") {
        const slice = current.slice;
        if (slice.kind === "Slice") {
          // `X[:] = …` has always been read as an item whose key is not known, other slices as
          // no item at all.
          if (slice.lower || slice.upper || slice.step) return undefined;
          keys.unshift(unknown("a : is not evaluated", this.source.span(slice)));
        } else if (slice.kind === "Tuple" && !slice.parenthesized) {
          return undefined;
        } else {
          keys.unshift(this.expressions().value(slice));
        }
      } else {
        attribute = true;
      }
      current = current.value;
    }
    if (current.kind !== "Name" || current.parens) return undefined;
    return { name: current.id, keys, attribute };
  }

  protected update(node: AugAssign): void {
    if (node.syntaxErrors) this.syntaxErrors.push(this.source.span(node));
    const target = node.target;
    // `X += 1, 2` has always added only the first item; see the notes of the syntax view's change.
    const valueNode =
      node.value.kind === "Tuple" && !node.value.parenthesized && !node.value.parens
        ? (node.value.elts[0] ?? node.value)
        : node.value;
    const evaluator = this.expressions();
    const right = evaluator.value(valueNode);
    const origin = this.origin(node, target, valueNode);
    if (target.kind === "Name" && !target.parens) {
      const name = target.id;
      const binding = this.state.bindings.get(name);
      const left = binding
        ? asValue(binding.value, name)
        : (this.state.fallback ?? unknown(`${name} is not defined before this point`));
      const result =
        changeEachOption(left, (option) =>
          option.kind === "symbol" ? undefined : augmented(node.op, option, right, this.source.span(node)),
        ) ?? unknown(`${node.op}= on a value that is not known`, this.source.span(node));
      if (binding) this.changeInPlace(binding, result, origin);
      else this.bind(name, result, origin);
    }
  }

  /** `class Production(Configuration)` with Configuration from django-configurations. */
  protected isConfigurationClass(node: ClassDef): boolean {
    const evaluator = this.expressions();
    return [...node.bases, ...node.keywords.map((keyword) => keyword.value)].some((base) => {
      const value = evaluator.evaluate(base);
      return value.kind === "symbol" && value.qualifiedName.startsWith("configurations.");
    });
  }

  protected expressionStatement(node: ExpressionStatement): void {
    if (node.syntaxErrors) this.syntaxErrors.push(this.source.span(node));
    // Of `a.append(1), b`, only the first expression has ever been looked at.
    const expression =
      node.value.kind === "Tuple" && !node.value.parenthesized && !node.value.parens
        ? node.value.elts[0]
        : node.value;
    if (!expression || expression.kind !== "Call" || expression.parens) return;
    const callee = expression.func;
    if (callee.kind === "Name" && !callee.parens && ["exec", "execfile"].includes(callee.id)) {
      this.makeEverythingUnknown(
        `the module runs code with ${callee.id}(), which the engine does not follow`,
      );
      return;
    }
    if (this.environmentDefault(expression)) return;
    if (writesModuleNames(expression, (node) => this.source.written(node))) {
      this.dynamicWrite(
        `${this.source.written(expression.func)}(…) may set the module's names, which the engine does not follow`,
      );
      return;
    }
    // A call of the project's own function runs it, for what it changes in the module's names
    // (`configure()` with `global DEBUG` inside); what it gives is dropped.
    const calleeValue = this.expressions().evaluate(callee);
    if (calleeValue.kind === "symbol" && calleeValue.function) {
      void this.expressions().evaluate(expression);
      return;
    }
    if (callee.kind !== "Attribute" || callee.parens) return;
    const method = callee.attr.name;
    const objectNode = callee.value;
    const objectText = this.source.written(objectNode);
    if (["globals", "locals", "vars"].some((name) => objectText === `${name}()`) && method === "update") {
      const argument =
        expression.args.length === 1 ? this.expressions().value(expression.args[0]!) : undefined;
      if (argument?.kind === "dict" && expression.keywords.length === 0) {
        for (const entry of argument.entries)
          if (entry.key.kind === "str")
            this.bind(entry.key.value, entry.value, this.origin(node, node, expression));
          else this.dynamicWrite(`the module changes its names through ${objectText}.update()`);
        return;
      }
      this.dynamicWrite(`the module changes its names through ${objectText}.update()`);
      return;
    }
    if (!MUTATING_METHODS.has(method)) return;
    const path = this.itemPath(objectNode);
    if (!path || path.attribute) return;
    const binding = this.state.bindings.get(path.name);
    if (!binding) return;
    const evaluator = this.expressions();
    const args = evaluator.arguments(expression);
    const origin = this.origin(node, objectNode, expression);
    const updated = changeEachOption(binding.value, (option) => {
      const target = getItem(option, path.keys);
      const changed = target ? mutateWithCall(target, method, args, this.source.span(expression)) : undefined;
      return changed ? setItem(option, path.keys, changed) : undefined;
    });
    this.changeInPlace(
      binding,
      updated ??
        unknown(`changed by .${method}() in a way the engine does not follow`, this.source.span(node)),
      origin,
    );
  }

  /**
   * `os.environ.setdefault("DJANGO_ENV", "development")`: the variable has that value from here on
   * unless production (the profile's `.env` file) sets it. True when the statement was such a call.
   */
  private environmentDefault(call: Call): boolean {
    const callee = this.expressions().evaluate(call.func);
    if (
      callee.kind !== "symbol" ||
      callee.qualifiedName !== "os.environ.setdefault" ||
      call.args.length !== 2
    )
      return false;
    const [name, value] = call.args.map((argument) => this.expressions().value(argument));
    if (name?.kind !== "str" || value?.kind !== "str") return false;
    if (this.environment?.has(name.value)) return true;
    const line = this.source.span(call).range.start.line;
    this.environment = new Map(this.environment ?? []).set(name.value, {
      value: value.value,
      file: this.source.file,
      line,
    });
    return true;
  }
}
