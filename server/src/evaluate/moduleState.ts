// What evaluating one module yields: for each name, its value and where it was decided.
import type { SourceSpan } from "../python/location";
import type { FunctionDefinition } from "./functions";
import { unknown, type UnknownValue, type Value } from "./values";

/** Where a binding was decided: the whole statement, the assigned name and the value expression. */
export interface Origin {
  statement: SourceSpan;
  target: SourceSpan;
  /** The expression assigned, when the binding comes from an assignment. */
  value?: SourceSpan;
}

/**
 * A name the evaluator knows that is not a setting value: an imported module or function
 * (`os`, `pathlib.Path`, `decouple.config`) or a django-environ `Env` instance with its schema.
 */
export interface SymbolValue {
  kind: "symbol";
  qualifiedName: string;
  /** For `environ.Env(NAME=(type, default))`: the schema entries. */
  envSchema?: Map<string, { cast: string; default?: Value; defaultSpan?: SourceSpan }>;
  /** For a method looked up on a value (`"a,b".split`): the value it is called on. */
  receiver?: RuntimeValue;
  /** For a settings module imported as a module (`from . import base`): its evaluated state. */
  module?: ModuleState;
  /** For a function written in the project: what it takes to run it where it is called. */
  function?: FunctionDefinition;
  /**
   * For a class used as a namespace (`class Setup:` with static methods and plain attributes): its
   * members, looked up as `Setup.name`.
   */
  members?: Map<string, RuntimeValue>;
}

export type RuntimeValue = Value | SymbolValue;

export interface Binding {
  name: string;
  value: RuntimeValue;
  /** The statement that decided the current value (the assignment, or the last change to it). */
  origin: Origin;
  /** The assignment that created the value, when a later statement changed it in place. */
  assignment?: Origin;
}

export interface ImportRecord {
  /** Module as written, with its leading dots: `.base`, `mysite.settings.base`. */
  module: string;
  /** `*` for a star import, else the imported names with their local names. */
  names: "*" | { name: string; local: string }[];
  span: SourceSpan;
  /** True when the import sits in a branch or `try` that may not run. */
  conditional: boolean;
}

export interface ModuleState {
  file: string;
  bindings: Map<string, Binding>;
  /** After a star import the engine cannot follow, every name not assigned later is unknown. */
  fallback?: UnknownValue;
  /**
   * Names whose value (or absence) follows from an assumption about production, with it: a name set
   * or left unset by a branch that a variable's default decided ("DJANGO_DEBUG is unset in production").
   */
  assumptions: Map<string, string>;
  /**
   * Star imports of modules that are neither in the project nor in its virtual environment (a
   * library's defaults): taken to set none of the settings the checks read, and listed as such.
   */
  unfollowedStarImports?: { module: string; span: SourceSpan }[];
  /** Prefixes of names written through globals() with names not known: such names are unknown. */
  unknownPrefixes?: Map<string, UnknownValue>;
  imports: ImportRecord[];
  /** Ranges the parser could not make sense of. */
  syntaxErrors: SourceSpan[];
  /** `SILENCED_SYSTEM_CHECKS` list expression and others fixes may extend are found through bindings. */
  lastStatementEnd: number;
  /** End of the last top-level import, where inserted settings should go at the earliest. */
  lastImportEnd: number;
}

/** A runtime value as a setting value: a module or function where a value belongs is Unknown. */
export function asValue(value: RuntimeValue, context: string): Value {
  return value.kind === "symbol" ? unknown(`${context} is ${value.qualifiedName}, not a value`) : value;
}

/** Whether a module-level name is one Django reads as a setting: upper case, as Django requires. */
export function isSettingName(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name);
}
