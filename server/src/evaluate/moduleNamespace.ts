// The module's namespace as its evaluation builds it: the state kept between statements (names,
// imports, assumptions, syntax errors, whether it stopped), the scope its expressions see it through,
// and the ways statements write names: binding one, changing one in place, writing through
// `globals()`, or making names unknown when code writes them in a way the engine does not follow.
// Kept apart from the statements that bind names (statements.ts), which build on it.
import type { Expression, Span, Statement } from "../python/ast";
import type { ParsedModule } from "../python/parse";
import { SourceFile } from "../python/sourceFile";
import { BindingTable, type State } from "./branches";
import type { ImportResolver } from "./moduleEvaluator";
import { type Environment, ExpressionEvaluator, type Scope } from "./expressions";
import type { SourceSpan } from "../python/location";
import type { Binding, ImportRecord, Origin, RuntimeValue } from "./moduleState";
import { unknown, type UnknownValue } from "./values";
import { bounded } from "./valueBounds";

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
  "range",
  "sorted",
]);

export abstract class ModuleNamespace {
  protected state: State = { bindings: new BindingTable() };
  protected readonly imports: ImportRecord[] = [];
  protected readonly syntaxErrors: SourceSpan[] = [];
  protected conditionalDepth = 0;
  protected lastImportEnd = 0;
  /** Set when an import of a module that does not exist raises ImportError. */
  protected raised = false;
  /** Set when the module stops with an exception outside any try: nothing after it runs. */
  protected stopped = false;
  protected tryDepth = 0;
  /** The file whose statements run: the module's, or a file django-split-settings includes into it. */
  protected source: SourceFile;
  /** Star imports of libraries that could not be read (see ModuleState.unfollowedStarImports). */
  protected readonly unfollowed: { module: string; span: SourceSpan }[] = [];
  /** Prefixes of names written through globals() with names not known, and the Unknown they get. */
  protected readonly unknownPrefixes = new Map<string, UnknownValue>();
  /**
   * Names whose value follows from an assumption about production (see ModuleState.assumptions);
   * "*" for every name, when a skipped branch could have imported any.
   */
  protected readonly assumptions = new Map<string, string>();
  /** The assumptions and prefixes set since the last checkpoint (see checkpoints.ts). */
  protected changedAssumptions = new Set<string>();
  protected changedUnknownPrefixes = new Set<string>();

  constructor(
    protected readonly module: ParsedModule,
    protected readonly file: string,
    protected readonly resolver: ImportResolver,
    protected environment?: Environment,
  ) {
    this.source = new SourceFile(module, file);
  }

  protected setAssumption(name: string, assumption: string): void {
    this.assumptions.set(name, assumption);
    this.changedAssumptions.add(name);
  }

  protected setUnknownPrefix(prefix: string, value: UnknownValue): void {
    this.unknownPrefixes.set(prefix, value);
    this.changedUnknownPrefixes.add(prefix);
  }

  protected scope(): Scope {
    // Methods rather than arrow functions: the bundles keep function names (esbuild's keepNames),
    // which gives every arrow function stored in a property its name with Object.defineProperty each
    // time it is made, and a scope is made per statement (that cost about half of an evaluation).
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const evaluator = this;
    return {
      file: this.file,
      environment: this.environment,
      pathExists(path) {
        return evaluator.resolver.pathExists?.(path);
      },
      importName(module, name) {
        return evaluator.resolver.importName(module, name, evaluator.file);
      },
      assign(name, value, span) {
        evaluator.bind(name, value, { statement: span, target: span });
      },
      changeInPlace(name, value, span) {
        const binding = evaluator.state.bindings.get(name);
        const origin = { statement: span, target: span };
        if (binding) evaluator.changeInPlace(binding, value, origin);
        else evaluator.bind(name, value, origin);
      },
      lookup(name) {
        const binding = evaluator.state.bindings.get(name);
        if (binding) return binding.value;
        for (const [prefix, value] of evaluator.unknownPrefixes) if (name.startsWith(prefix)) return value;
        if (BUILTINS.has(name)) return { kind: "symbol", qualifiedName: name };
        return evaluator.state.fallback ?? unknown(`${name} is not defined before this point`);
      },
    };
  }

  protected expressions(): ExpressionEvaluator {
    return new ExpressionEvaluator(this.source, this.scope());
  }

  /** Where a binding was decided; the value's span includes parentheses that only group it. */
  protected origin(statement: Span, target: Span, value: Expression | undefined): Origin {
    return {
      statement: this.source.span(statement),
      target: this.source.span(target),
      value: value ? this.source.writtenSpan(value) : undefined,
    };
  }

  protected bind(name: string, value: RuntimeValue, origin: Origin): void {
    // Values also grow without an expression (`X += X`, `X.extend(X)`): each binding is bounded.
    this.state.bindings.set(name, { name, value: bounded(value), origin });
  }

  protected changeInPlace(binding: Binding, value: RuntimeValue, origin: Origin): void {
    this.state.bindings.set(binding.name, {
      name: binding.name,
      value: bounded(value),
      origin,
      assignment: binding.assignment ?? binding.origin,
    });
  }

  /**
   * `globals()[name] = value`: a name that is known is bound like an assignment; a name built from a
   * known prefix (`"QUEUE_" + key`) makes only the names with that prefix unknown; any other name
   * makes every name the module does not assign itself unknown.
   */
  protected globalsItem(
    key: Expression,
    value: RuntimeValue,
    statement: Statement,
    valueNode?: Expression,
  ): void {
    const name = this.expressions().value(key);
    if (name.kind === "str") {
      this.bind(name.value, value, this.origin(statement, key, valueNode));
      return;
    }
    const prefix = key.kind === "BinOp" && key.op === "+" ? this.expressions().value(key.left) : undefined;
    if (prefix?.kind === "str" && prefix.value.length > 0) {
      this.setUnknownPrefix(
        prefix.value,
        unknown(`names starting with ${prefix.value} are set through globals() with names not known`),
      );
      return;
    }
    this.dynamicWrite(`the module sets names through globals()[${this.source.written(key)}]`);
  }

  /**
   * Code that writes the module's names in a way the engine cannot follow (`globals().update(…)`,
   * `setattr(sys.modules[__name__], …)`, a class copying its attributes in with `load(__name__)`): the
   * names the module assigns itself keep their values; any other name is unknown, never Django's default.
   */
  protected dynamicWrite(reason: string): void {
    this.state.fallback = unknown(reason);
  }

  protected makeEverythingUnknown(reason: string): void {
    for (const binding of this.state.bindings.all().values())
      this.state.bindings.set(binding.name, { ...binding, value: unknown(reason) });
    this.state.fallback = unknown(reason);
  }
}
