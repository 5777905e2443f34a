// Functions written in the project (`def env_bool(name, default): …`), evaluated where they are
// called, as Python would run them: parameters bound from the call (positional, keyword, defaults
// evaluated when the function was defined), local variables, `if`/`elif`/`else` (a condition on the
// environment decided by the same assumption as everywhere else, an unknown one followed both ways),
// early `return`, `for` over known values, nested calls, and reads of the environment inside. A path
// that raises is one production does not take (the site would not start), so it is left out; when
// every path raises, what the call gives is Unknown. The work is bounded: call depth, statements run,
// paths followed and loop iterations. Anything the interpreter does not follow makes the call Unknown,
// with the reason.
//
// callFunction is the entry; the statements of the body run in functionStatements.ts, on the call's
// frame (functionFrame.ts).
import type { FunctionDef } from "../python/ast";
import type { SourceSpan } from "../python/location";
import type { SourceFile } from "../python/sourceFile";
import type { CallArguments, Scope } from "./expressions";
import { GiveUp, merge } from "./functionFrame";
import { Interpreter } from "./functionStatements";
import type { RuntimeValue } from "./moduleState";
import { isSequence, none, str, unknown, type Value } from "./values";

/** A function of the project: its definition, where it was written and the module it sees. */
export interface FunctionDefinition {
  node: FunctionDef;
  source: SourceFile;
  /** Parameter defaults, evaluated when the function was defined (as Python does). */
  defaults: Map<string, RuntimeValue>;
  /** The defining module's names, looked up when the function runs (Python's globals). */
  globals: Scope;
}

/** How much work calls may do, shared by the calls a call makes. */
export interface CallBudget {
  depth: number;
  steps: { remaining: number };
}

const MAX_DEPTH = 8;
const MAX_STEPS = 20_000;

export function newBudget(): CallBudget {
  return { depth: 0, steps: { remaining: MAX_STEPS } };
}

/** Calls a function of the project; what it gives, or Unknown with the reason it cannot be known. */
export function callFunction(
  definition: FunctionDefinition,
  args: CallArguments,
  callSpan: SourceSpan,
  budget: CallBudget,
): Value {
  const name = definition.node.name.name;
  if (budget.depth >= MAX_DEPTH) return unknown(`${name}() calls functions too deeply to follow`, callSpan);
  const interpreter = new Interpreter(definition, { depth: budget.depth + 1, steps: budget.steps });
  try {
    const locals = interpreter.bindParameters(args);
    const outcome = interpreter.block(definition.node.body, [{ locals }]);
    interpreter.writeBackGlobals(outcome, callSpan);
    const returned = [...outcome.returned, ...(outcome.paths.length > 0 ? [none()] : [])];
    if (returned.length === 0)
      return unknown(`${name}() raises unless production provides what it needs`, callSpan);
    const value = merge(returned);
    // Said from the call's side: which function, and why what it returns cannot be known.
    if (value.kind === "unknown" && !value.reason.startsWith(`${name}()`))
      return unknown(`${name}() returns ${value.reason}`, callSpan);
    return atCallSite(value, callSpan, definition);
  } catch (error) {
    if (error instanceof GiveUp) {
      interpreter.abandonGlobals();
      return unknown(`${name}() ${error.message}`, callSpan);
    }
    throw error;
  }
}

/**
 * A value given by a call is reported where the call is: fixes must edit the call, never the
 * function, which other settings use too. A default written inside the function is not the call's.
 */
function atCallSite(value: Value, callSpan: SourceSpan, definition: FunctionDefinition): Value {
  if (value.kind === "env") {
    const inFunction =
      value.defaultSpan &&
      value.defaultSpan.file === definition.source.file &&
      value.defaultSpan.from >= definition.node.from &&
      value.defaultSpan.to <= definition.node.to;
    const { defaultSpan, ...rest } = value;
    return { ...rest, span: callSpan, ...(defaultSpan && !inFunction ? { defaultSpan } : {}) };
  }
  return { ...value, span: callSpan };
}

/** The items a `for` loop goes through, for values whose items are known. */
export function iterate(value: Value): Value[] | undefined {
  if (isSequence(value)) return value.items;
  if (value.kind === "dict") return value.entries.map((entry) => entry.key);
  if (value.kind === "str") return [...value.value].map((character) => str(character));
  return undefined;
}
