// Branches of the module: the bindings each branch sees (layered, so a branch costs what it
// changes), and the merge of the states branches end in into OneOf values.
import { asValue, type Binding, type RuntimeValue } from "./moduleState";
import { pythonEquals, type UnknownValue, type Value } from "./values";

/**
 * Bindings of one branch, layered over those before it, so a branch costs what it changes and not
 * the size of the module (a 50,000-line module has thousands of `if` blocks).
 */
export class BindingTable {
  private readonly own: Map<string, Binding | undefined>;
  /** The names set since the last checkpoint, for the module's own table (see checkpoints.ts). */
  private journal: Set<string> | undefined;

  constructor(
    private readonly parent?: BindingTable,
    /** The layer's names, for a table restored from a checkpoint (taken over, not copied). */
    own?: Map<string, Binding | undefined>,
  ) {
    this.own = own ?? new Map();
  }

  get(name: string): Binding | undefined {
    if (this.own.has(name)) return this.own.get(name);
    return this.parent?.get(name);
  }

  set(name: string, binding: Binding | undefined): void {
    this.own.set(name, binding);
    this.journal?.add(name);
  }

  /**
   * The names set since the previous call (at the first call: all of them), with their bindings
   * (undefined: deleted), in the order they were first set. Only for a table without a parent.
   */
  changesSinceCheckpoint(): Map<string, Binding | undefined> {
    let changes: Map<string, Binding | undefined>;
    if (this.journal) {
      changes = new Map();
      for (const name of this.journal) changes.set(name, this.own.get(name));
    } else changes = new Map(this.own);
    this.journal = new Set();
    return changes;
  }

  /** Names this layer changed (set or deleted). */
  changedNames(): IterableIterator<string> {
    return this.own.keys();
  }

  /** Every binding visible from this layer. */
  all(): Map<string, Binding> {
    const result = this.parent ? this.parent.all() : new Map<string, Binding>();
    for (const [name, binding] of this.own) {
      if (binding) result.set(name, binding);
      else result.delete(name);
    }
    return result;
  }
}

export interface State {
  bindings: BindingTable;
  fallback?: UnknownValue;
}

/**
 * Merges the states branches ended in (each layered over `before`) back into `before`: a name that
 * differs between them becomes a OneOf; `before` itself may be one of the outcomes (no branch ran).
 */
export function mergeStates(before: State, outcomes: State[]): State {
  const names = new Set<string>();
  for (const outcome of outcomes)
    if (outcome !== before) for (const name of outcome.bindings.changedNames()) names.add(name);
  const merged = new Map<string, Binding | undefined>();
  for (const name of names) {
    const bindings = outcomes.map((outcome) => outcome.bindings.get(name));
    const first = bindings[0];
    if (bindings.every((binding) => binding === first)) {
      merged.set(name, first);
      continue;
    }
    const options: Value[] = [];
    for (const binding of bindings) {
      const value: Value = binding ? asValue(binding.value, name) : (before.fallback ?? { kind: "unset" });
      for (const option of value.kind === "oneOf" ? value.options : [value]) {
        if (!options.some((existing) => existing === option || pythonEquals(existing, option) === true))
          options.push(option);
      }
    }
    // The finding belongs where the last branch that sets the name decides it.
    const decided = [...bindings].reverse().find((binding) => binding !== undefined)!;
    const symbols = bindings.filter((binding) => binding?.value.kind === "symbol");
    const value: RuntimeValue =
      symbols.length === bindings.length
        ? decided.value
        : options.length === 1
          ? options[0]!
          : { kind: "oneOf", options };
    merged.set(name, { ...decided, value });
  }
  for (const [name, binding] of merged) before.bindings.set(name, binding);
  const fallbacks = outcomes.map((outcome) => outcome.fallback).filter((fallback) => fallback !== undefined);
  return { bindings: before.bindings, fallback: fallbacks[0] ?? before.fallback };
}
