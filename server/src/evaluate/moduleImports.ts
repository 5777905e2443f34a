// Imports as the module runs them: `import`, `from … import`, star imports (each name the imported
// module's, or everything unknown from a library that cannot be read), django-split-settings'
// include() of files into the module's namespace, and an import that fails (inside `try` the
// handlers take over, elsewhere the module stops). Apart from moduleEvaluator.ts, which dispatches
// each statement and keeps the checkpoints; the resolver answers which module an import reaches.
import type { Expression, Import, ImportFrom } from "../python/ast";
import type { SourceSpan } from "../python/location";
import { SourceFile } from "../python/sourceFile";
import { SPLIT_SETTINGS_OPTIONAL } from "./calls";
import { ControlFlowEvaluator } from "./controlFlow";
import { isSettingName, type RuntimeValue, type SymbolValue } from "./moduleState";
import { looksLikeProjectModule } from "./projectModules";
import { dictGet, isSequence } from "./values";

export abstract class ImportEvaluator extends ControlFlowEvaluator {
  /**
   * django-split-settings' `include("components/base.py", "components/*.py", optional("local.py"))`:
   * each file (sorted, for a pattern) runs in this module's namespace, as the library runs it. A
   * file that is missing raises IOError unless it is `optional()`. Relative to the file that
   * includes it. True when the statement was such a call.
   */
  protected splitSettingsInclude(expression: Expression): boolean {
    if (expression.kind !== "Call") return false;
    const evaluator = this.expressions();
    const callee = evaluator.evaluate(expression.func);
    if (callee.kind !== "symbol" || callee.qualifiedName !== "split_settings.tools.include") return false;
    const patterns: { pattern: string; optional: boolean }[] = [];
    for (const argument of expression.args) {
      // `include(*FILES)` with a tuple of names, `optional(…)` among them.
      const value = evaluator.value(argument.kind === "Starred" ? argument.value : argument);
      const items = argument.kind === "Starred" && isSequence(value) ? value.items : [value];
      for (const item of items) {
        const optional = item.kind === "dict" ? dictGet(item, SPLIT_SETTINGS_OPTIONAL) : undefined;
        // A name built from the environment (`"environments/{0}.py".format(ENV)`) under the same
        // assumption as everywhere: the variable's default, or what the profile's .env file sets.
        const written = optional ?? item;
        const pattern = written.kind === "env" && written.default ? written.default : written;
        if (written.kind === "env" && !written.setBy && !this.assumptions.has("*"))
          this.setAssumption("*", `${written.variable} is unset in production (it picks the files included)`);
        if (pattern.kind !== "str" || !this.resolver.includeFiles) {
          this.dynamicWrite(`include(${this.source.written(argument)}) names files the engine cannot tell`);
          return true;
        }
        patterns.push({ pattern: pattern.value, optional: optional !== undefined });
      }
    }
    for (const { pattern, optional } of patterns) {
      const including = this.source;
      const files = this.resolver.includeFiles!(pattern, including.file);
      if (files.length === 0 && !optional) {
        this.raise(`include() finds no file ${pattern}`);
        return true;
      }
      for (const { file, module } of files) {
        this.source = new SourceFile(module, file);
        try {
          this.body(module.body);
        } finally {
          this.source = including;
        }
      }
    }
    return true;
  }

  protected importStatement(node: Import | ImportFrom): void {
    if (node.syntaxErrors) this.syntaxErrors.push(this.source.span(node));
    const span = this.source.span(node);
    if (this.conditionalDepth === 0) this.lastImportEnd = Math.max(this.lastImportEnd, span.to);
    const conditional = this.conditionalDepth > 0;
    if (node.kind === "ImportFrom") {
      const module = node.module;
      if (node.names === "*") {
        this.imports.push({ module, names: "*", span, conditional });
        this.starImport(module, span);
        return;
      }
      const imported: { name: string; local: string }[] = [];
      for (const alias of node.names) {
        const name = alias.name;
        const local = alias.asname?.name ?? name;
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
    for (const alias of node.names) {
      const dotted = alias.name;
      if (alias.asname) {
        const local = alias.asname.name;
        this.bind(local, this.moduleSymbol(dotted), { statement: span, target: span });
        this.imports.push({ module: dotted, names: [{ name: dotted, local }], span, conditional });
        continue;
      }
      const head = dotted.split(".")[0]!;
      this.bind(head, { kind: "symbol", qualifiedName: head }, { statement: span, target: span });
      this.imports.push({ module: dotted, names: [{ name: dotted, local: head }], span, conditional });
    }
  }

  /** `import a.b as c`: a symbol that carries the module's state when it is in the workspace. */
  protected moduleSymbol(dotted: string): SymbolValue {
    const state = this.resolver.importModule?.(dotted, this.file);
    if (state && state !== "missing" && !("kind" in state))
      return { kind: "symbol", qualifiedName: dotted, module: state };
    return { kind: "symbol", qualifiedName: dotted };
  }

  /**
   * An import that fails: inside `try` the handlers take over; elsewhere Django would not start, so
   * nothing after it runs and every name is unknown.
   */
  protected raise(reason: string): void {
    this.raised = true;
    if (this.tryDepth === 0) {
      this.makeEverythingUnknown(`the module fails to import: ${reason}`);
      // In a branch that may not run, what follows still runs on the other ways through.
      if (this.conditionalDepth === 0) this.stopped = true;
    }
  }

  protected starImport(module: string, span: SourceSpan): void {
    const resolved = this.resolver.starImport(module, this.file);
    if (resolved === "missing" && (module.startsWith(".") || looksLikeProjectModule(module))) {
      // The project's own module (local settings, secrets) that the repository does not hold: an
      // ImportError, handled by a surrounding `try` or stopping the module, as in production.
      this.raise(`${module} is not in the workspace`);
      return;
    }
    if (resolved === "missing") {
      // A library neither the project nor its virtual environment holds: its defaults are taken to
      // set none of Django's own settings (libraries name theirs with their own prefix), and the
      // import is listed so the user can see what was not read.
      this.unfollowed.push({ module, span });
      return;
    }
    const imported = resolved;
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
      const assumption = imported.assumptions.get(binding.name);
      if (assumption) this.setAssumption(binding.name, assumption);
    }
    const everything = imported.assumptions.get("*");
    if (everything && !this.assumptions.has("*")) this.setAssumption("*", everything);
    if (imported.fallback) this.state.fallback = imported.fallback;
    for (const [prefix, value] of imported.unknownPrefixes ?? []) this.setUnknownPrefix(prefix, value);
    this.unfollowed.push(...(imported.unfollowedStarImports ?? []));
    void span;
  }
}
