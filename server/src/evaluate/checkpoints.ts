// Checkpoints of a module's evaluation, so that the evaluation of the next version of an edited
// module resumes before the first top-level statement that changed instead of starting from the top.
//
// Every CHECKPOINT_INTERVAL top-level statements the evaluator saves what it carries: the names it
// changed since the previous checkpoint (a delta: the whole table would cost its size at each
// checkpoint), the same for the assumptions and the prefixes of unknown names, the lengths of the
// lists it only appends to, and its flags, budget and environment. Nothing saved is changed in place
// afterwards: bindings are replaced, never edited, and values are copied when changed (mutations.ts).
//
// A checkpoint holds only while everything the statements before it drew from is the same:
// - the statements themselves: the same objects (the parser adapter hands an edited document's
//   unchanged statements over as they were) and the same text up to the checkpoint (line numbers);
// - the environment the module was evaluated under (compared by its entries);
// - every answer the import resolver gave before it (other modules' states, files, paths): the
//   calls are made again, in the same order, which also records the dependencies and messages they
//   record in the module loader, and each answer must be the same (a module's state by identity).
// When one of these differs the evaluation resumes from an earlier checkpoint, or starts afresh.
import type { ParsedModule } from "../python/parse";
import type { Statement } from "../python/ast";
import { containsSyntaxError } from "../python/astWalking";
import type { SourceFile } from "../python/sourceFile";
import type { Environment, Scope } from "./expressions";
import type { FunctionDefinition } from "./functions";
import type { ImportResolver } from "./moduleEvaluator";
import type { Binding, ImportRecord, ModuleState, RuntimeValue } from "./moduleState";
import type { SourceSpan } from "../python/location";
import type { UnknownValue } from "./values";

/**
 * Top-level statements between checkpoints. A resumed evaluation runs again half an interval before
 * the edit on average (about 13 µs a statement of the benchmarks' generated modules), and every
 * statement after it saves a checkpoint every interval (about 6 µs each): for the half of a
 * 10,000-line module (2,200 statements) after an edit in its middle, 32 costs about 0.6 ms, 16 and
 * 64 about 0.9 and 0.6 ms, and a 1,000-line module 0.25 ms. The memory hardly depends on it: each
 * checkpoint keeps the bindings changed since the last (for a 10,000-line module, 4,300 bindings
 * already held by the state, 0.55 MB in all; 3.7 MB for 50,000 lines).
 */
export const CHECKPOINT_INTERVAL = 32;

/**
 * The most versions of the module's text a chain of resumed evaluations may draw from: values saved
 * by an older version keep that version's line index (and its text) alive through their spans, so
 * past this many the evaluation starts afresh and lets them go.
 */
export const MAX_VERSIONS = 3;

/** One answer of the import resolver, recorded in the order the evaluation asked. */
export interface ResolverCall {
  method: "starImport" | "importName" | "importModule" | "pathExists" | "includeFiles";
  args: string[];
  answer: unknown;
}

/** What the evaluator carries at a checkpoint, before the statement `statement` runs. */
export interface Checkpoint {
  /** The number of top-level statements run before it. */
  statement: number;
  /** The text before this offset (the end of the last statement run) must be unchanged. */
  textEnd: number;
  /** The number of resolver calls made before it. */
  calls: number;
  /** The names changed since the previous checkpoint, with their binding (undefined: deleted). */
  bindings: Map<string, Binding | undefined>;
  fallback: UnknownValue | undefined;
  /** Assumptions set since the previous checkpoint. */
  assumptions: ReadonlyMap<string, string>;
  /** Prefixes of unknown names set since the previous checkpoint. */
  unknownPrefixes: ReadonlyMap<string, UnknownValue>;
  imports: number;
  syntaxErrors: number;
  unfollowed: number;
  lastImportEnd: number;
  raised: boolean;
  stopped: boolean;
  environment: Environment | undefined;
  unrolledIterations: number;
  /** The line indexes of the module's versions the saved values may hold spans of. */
  versions: readonly object[];
}

/** The checkpoints of one evaluation, with what they are checked against. */
export interface EvaluationCheckpoints {
  file: string;
  /** The module evaluated, its statements and its text. */
  module: ParsedModule;
  body: readonly Statement[];
  text: string;
  /** The environment given to the evaluation (before the module changed it). */
  environment: Environment | undefined;
  calls: ResolverCall[];
  /** The evaluation's lists that only grow; a checkpoint holds their lengths. */
  imports: readonly ImportRecord[];
  syntaxErrors: readonly SourceSpan[];
  unfollowed: readonly { module: string; span: SourceSpan }[];
  entries: Checkpoint[];
  /** Marks the functions this module's evaluations defined (see rebindFunctions). */
  lineage: object;
}

/** Where a new evaluation resumes: after `entries[index]`'s statements, with the calls replayed. */
export interface ResumePoint {
  previous: EvaluationCheckpoints;
  index: number;
  calls: ResolverCall[];
}

/** Records each answer the resolver gives, in order. */
export class RecordingResolver implements ImportResolver {
  readonly calls: ResolverCall[] = [];
  readonly importModule?: ImportResolver["importModule"];
  readonly pathExists?: ImportResolver["pathExists"];
  readonly includeFiles?: ImportResolver["includeFiles"];

  constructor(private readonly inner: ImportResolver) {
    if (inner.importModule)
      this.importModule = (module, fromFile) => this.record("importModule", [module, fromFile]);
    if (inner.pathExists) this.pathExists = (path) => this.record("pathExists", [path]);
    if (inner.includeFiles)
      this.includeFiles = (pattern, fromFile) => this.record("includeFiles", [pattern, fromFile]);
  }

  starImport(module: string, fromFile: string): ModuleState | UnknownValue | "missing" {
    return this.record("starImport", [module, fromFile]);
  }

  importName(module: string, name: string, fromFile: string): RuntimeValue | "missing" {
    return this.record("importName", [module, name, fromFile]);
  }

  private record<T>(method: ResolverCall["method"], args: string[]): T {
    const answer = ask(this.inner, method, args);
    this.calls.push({ method, args, answer });
    return answer as T;
  }
}

function ask(resolver: ImportResolver, method: ResolverCall["method"], args: string[]): unknown {
  switch (method) {
    case "starImport":
      return resolver.starImport(args[0]!, args[1]!);
    case "importName":
      return resolver.importName(args[0]!, args[1]!, args[2]!);
    case "importModule":
      return resolver.importModule!(args[0]!, args[1]!);
    case "pathExists":
      return resolver.pathExists!(args[0]!);
    case "includeFiles":
      return resolver.includeFiles!(args[0]!, args[1]!);
  }
}

/**
 * The latest checkpoint of `previous` that still holds for `module` under `environment`, with the
 * resolver's answers before it asked again (in order, as the evaluation asked them; the asking stops
 * at the first answer that differs). Undefined when none holds: the evaluation starts afresh.
 */
export function resumePoint(
  previous: EvaluationCheckpoints | undefined,
  module: ParsedModule,
  file: string,
  environment: Environment | undefined,
  resolver: ImportResolver,
): ResumePoint | undefined {
  if (!previous || previous.file !== file || previous.entries.length === 0) return undefined;
  if (!sameEnvironment(previous.environment, environment)) return undefined;
  const body = module.body;
  const common = Math.min(body.length, previous.body.length);
  let unchanged = 0;
  while (unchanged < common && sameStatement(body[unchanged]!, previous.body[unchanged]!)) unchanged++;
  const entries = previous.entries;
  let index = entries.length - 1;
  const text = module.text;
  while (
    index >= 0 &&
    (entries[index]!.statement > unchanged ||
      (text !== previous.text && !text.startsWith(previous.text.slice(0, entries[index]!.textEnd))))
  )
    index--;
  // Starting afresh lets the older versions go; the evaluations after it resume from its checkpoints.
  if (index < 0 || !withinVersions(entries[index]!.versions, module)) return undefined;
  const calls: ResolverCall[] = [];
  const needed = entries[index]!.calls;
  for (let at = 0; at < needed; at++) {
    const call = previous.calls[at]!;
    const answer = ask(resolver, call.method, call.args);
    if (!sameAnswer(answer, call.answer, 0)) {
      // This answer changed: only a checkpoint made before the call holds.
      while (index >= 0 && entries[index]!.calls > at) index--;
      break;
    }
    calls.push({ method: call.method, args: call.args, answer });
  }
  if (index < 0) return undefined;
  calls.length = entries[index]!.calls;
  return { previous, index, calls };
}

/**
 * Whether a statement of the new version is the previous version's: the same object (the parser
 * adapter hands unchanged statements over), or one it converted again at the same place (a statement
 * whose text occurs twice in the module is handed over only once) with the same kind and extent. The
 * text they were converted from is compared afterwards (up to the checkpoint), and the parser adapter
 * already takes a statement's conversion to follow from its text and place; a statement with a syntax
 * error is not taken to be the same unless it is the same object.
 */
function sameStatement(statement: Statement, previous: Statement): boolean {
  if (statement === previous) return true;
  return (
    statement.kind === previous.kind &&
    statement.from === previous.from &&
    statement.to === previous.to &&
    !containsSyntaxError(statement) &&
    !containsSyntaxError(previous)
  );
}

/** The versions a resumed evaluation of `module` would draw from stay within MAX_VERSIONS. */
function withinVersions(versions: readonly object[], module: ParsedModule): boolean {
  return versions.length + (versions.includes(module.lineIndex) ? 0 : 1) <= MAX_VERSIONS;
}

function sameEnvironment(a: Environment | undefined, b: Environment | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.size !== b.size) return false;
  const other = b.entries();
  for (const [name, entry] of a) {
    const next = other.next().value as [string, { value: string; file: string; line: number }];
    if (
      next[0] !== name ||
      next[1].value !== entry.value ||
      next[1].file !== entry.file ||
      next[1].line !== entry.line
    )
      return false;
  }
  return true;
}

/**
 * Whether two answers of the resolver are the same to the evaluation: the same object, or plain
 * objects and arrays whose parts are the same. Anything else (a module's state, a parsed module, a
 * span, a map, a function) must be the same object: comparing them by content would cost their size
 * and could keep an older version of another file alive.
 */
export function sameAnswer(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (depth > 200) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++)
      if (!sameAnswer(a[index], b[index], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const prototype = Object.getPrototypeOf(a) as unknown;
  if (prototype !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  // A module's state is compared by identity: the module loader keeps one per module and analysis.
  if ("bindings" in a) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    if (!sameAnswer((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1))
      return false;
  }
  return true;
}

/**
 * Which evaluations' functions a scope belongs to: a function of the module keeps the scope of the
 * evaluation that defined it (Python's globals). One saved at a checkpoint must run in the resumed
 * evaluation's names, not in those of the evaluation that saved it.
 */
const scopeLineages = new WeakMap<Scope, object>();

export function markScope(scope: Scope, lineage: object): Scope {
  scopeLineages.set(scope, lineage);
  return scope;
}

/**
 * The bindings with every function of this module's lineage (and the namespace classes holding
 * them) given the resumed evaluation's globals and source file; other values unchanged. A function
 * defined once keeps one definition, however many names hold it.
 */
export function rebindFunctions(
  bindings: Map<string, Binding | undefined>,
  lineage: object,
  globals: (environment: Environment | undefined) => Scope,
  source: SourceFile,
): void {
  // By the definition's statement and defaults: an earlier resumed evaluation's copy of a function
  // and the original are one function.
  const rebound = new Map<FunctionDefinition["node"], Map<object, FunctionDefinition>>();
  const rebindDefinition = (definition: FunctionDefinition): FunctionDefinition => {
    if (scopeLineages.get(definition.globals) !== lineage) return definition;
    let byDefaults = rebound.get(definition.node);
    if (!byDefaults) rebound.set(definition.node, (byDefaults = new Map()));
    let next = byDefaults.get(definition.defaults);
    if (!next) {
      let defaults = definition.defaults;
      for (const [name, value] of definition.defaults) {
        const changed = rebindValue(value);
        if (changed !== value) {
          if (defaults === definition.defaults) defaults = new Map(definition.defaults);
          defaults.set(name, changed);
        }
      }
      next = {
        node: definition.node,
        // A function of the module itself (not of a file it includes) is read from its current text.
        source: definition.source.file === source.file ? source : definition.source,
        defaults,
        globals: globals(definition.globals.environment),
      };
      byDefaults.set(definition.defaults, next);
    }
    return next;
  };
  const rebindValue = (value: RuntimeValue): RuntimeValue => {
    if (value.kind !== "symbol") return value;
    let changed = value;
    if (value.function) {
      const definition = rebindDefinition(value.function);
      if (definition !== value.function) changed = { ...changed, function: definition };
    }
    if (value.members) {
      let members = value.members;
      for (const [name, member] of value.members) {
        const next = rebindValue(member);
        if (next !== member) {
          if (members === value.members) members = new Map(value.members);
          members.set(name, next);
        }
      }
      if (members !== value.members) changed = { ...changed, members };
    }
    if (value.receiver) {
      const receiver = rebindValue(value.receiver);
      if (receiver !== value.receiver) changed = { ...changed, receiver };
    }
    return changed;
  };
  for (const [name, binding] of bindings) {
    if (!binding || binding.value.kind !== "symbol") continue;
    const value = rebindValue(binding.value);
    if (value !== binding.value) bindings.set(name, { ...binding, value });
  }
}
