// The module's control flow as it runs at import: `if` chains decided under the environment
// assumption or walked branch by branch and merged, `try` with its handlers, loops run item by item
// over values the engine knows or once with what they change made unknown. Apart from
// moduleEvaluator.ts, which dispatches each statement (`statement`), follows imports and keeps the
// checkpoints; the bodies here run through that dispatch.
import type { Expression, For, If, Statement, Try } from "../python/ast";
import { childExpressions } from "../python/astWalking";
import { BindingTable, mergeStates, type State } from "./branches";
import { bindTarget } from "./expressions";
import { iterate } from "./functions";
import type { RuntimeValue } from "./moduleState";
import { StatementEvaluator } from "./statements";
import { assumedNames } from "./assignedNames";
import { assumedTruth, unknown } from "./values";

export abstract class ControlFlowEvaluator extends StatementEvaluator {
  /** Runs one statement as the module runs it (ModuleEvaluator's dispatch). */
  protected abstract statement(node: Statement): void;

  protected body(statements: readonly Statement[]): void {
    for (const statement of statements) this.statement(statement);
  }

  protected ifStatement(node: If): void {
    for (const error of node.syntaxErrors ?? []) this.syntaxErrors.push(this.source.span(error));
    // Clauses in order, `elif`s included; `condition` is undefined for `else`. A clause without a
    // body (half-typed) is left out.
    const clauses: { condition?: Expression; body: readonly Statement[] }[] = [];
    let clause: If | undefined = node;
    while (clause) {
      if (clause.body.length > 0) clauses.push({ condition: clause.test, body: clause.body });
      const next: Statement | undefined = clause.orelse[0];
      if (clause.orelse.length === 1 && next?.kind === "If" && next.elif) {
        clause = next;
      } else {
        if (clause.orelse.length > 0) clauses.push({ body: clause.orelse });
        clause = undefined;
      }
    }
    const evaluator = this.expressions();
    const possible: (readonly Statement[])[] = [];
    let decided = false;
    for (const clause of clauses) {
      if (!clause.condition) {
        possible.push(clause.body);
        decided = true;
        break;
      }
      // A condition on the environment is decided by the same assumption the findings rest on (the
      // variable is unset, so its default applies; a `.env` file named for the profile sets it), as
      // Django decides it when it starts in that environment. What every clause sets or leaves unset
      // then rests on the assumption, which findings about those names say.
      const { truth, assumption } = assumedTruth(evaluator.value(clause.condition));
      if (assumption)
        for (const name of assumedNames(clauses.flatMap((entry) => entry.body)))
          if (!this.assumptions.has(name)) this.setAssumption(name, assumption);
      if (truth === false) continue;
      possible.push(clause.body);
      if (truth === true) {
        decided = true;
        break;
      }
    }
    this.branches(possible, !decided);
  }

  /** Runs each body from the current state and merges; `includeNone` adds the path that runs none. */
  private branches(bodies: (readonly Statement[])[], includeNone: boolean): void {
    if (bodies.length === 1 && !includeNone) {
      this.body(bodies[0]!);
      return;
    }
    const before = this.state;
    const outcomes: State[] = [];
    this.conditionalDepth++;
    for (const body of bodies) {
      this.state = { bindings: new BindingTable(before.bindings), fallback: before.fallback };
      this.body(body);
      outcomes.push(this.state);
    }
    this.conditionalDepth--;
    if (includeNone) outcomes.push(before);
    this.state = mergeStates(before, outcomes);
  }

  protected tryStatement(node: Try): void {
    const handlers = node.handlers.map((handler) => handler.body);
    if (node.body.length > 0 && handlers.length > 0 && !mayRaise(node.body)) {
      // Plain assignments of literals cannot fail: the handlers never run.
      this.body(node.body);
      this.body(node.orelse);
    } else if (node.body.length > 0) {
      const before = this.state;
      this.conditionalDepth++;
      this.tryDepth++;
      const raisedBefore = this.raised;
      this.raised = false;
      this.state = { bindings: new BindingTable(before.bindings), fallback: before.fallback };
      this.body(node.body);
      const bodyRaised = this.raised;
      this.raised = raisedBefore;
      this.tryDepth--;
      if (!bodyRaised) this.body(node.orelse);
      const succeeded = this.state;
      // A body that certainly raises (an import of a module not in the workspace) leaves only the handlers.
      const outcomes = bodyRaised && handlers.length > 0 ? [] : [succeeded];
      for (const handler of handlers) {
        this.state = { bindings: new BindingTable(before.bindings), fallback: before.fallback };
        this.body(handler);
        outcomes.push(this.state);
      }
      this.conditionalDepth--;
      this.state = mergeStates(before, handlers.length > 0 ? outcomes : [succeeded]);
    }
    this.body(node.finalbody);
  }

  /**
   * A `for` loop over values the engine knows (a list, a dict's items, `range(3)`), with no `break`
   * or `continue`: run once per item, as Python does, up to a bound.
   */
  /** Iterations of loops run item by item so far (see MAX_UNROLLED_ITERATIONS). */
  protected unrolledIterations = 0;

  protected unrollLoop(node: For): boolean {
    if (node.isAsync || hasLoopControl(node.body)) return false;
    const items = iterate(this.expressions().value(node.iter));
    if (!items || items.length > MAX_LOOP_ITERATIONS) return false;
    // Nested loops multiply: three levels of range(200) are 8,000,000 runs of the innermost body.
    // Past the module's budget a loop is run once, and what it changes is Unknown.
    if (this.unrolledIterations + items.length > MAX_UNROLLED_ITERATIONS) return false;
    this.unrolledIterations += items.length;
    const span = this.source.span(node);
    for (const item of items) {
      const bound = new Map<string, RuntimeValue>();
      if (!bindTarget(node.target, item, bound)) return false;
      for (const [name, value] of bound) this.bind(name, value, { statement: span, target: span });
      this.body(node.body);
    }
    this.body(node.orelse);
    return true;
  }

  /** Runs a loop's statements (its body and its `else`) once; what they change depends on how often it runs. */
  protected loop(statements: readonly Statement[]): void {
    const before = this.state;
    this.state = { bindings: new BindingTable(before.bindings), fallback: before.fallback };
    this.conditionalDepth++;
    this.body(statements);
    this.conditionalDepth--;
    const loop = this.state;
    for (const name of [...loop.bindings.changedNames()]) {
      const binding = loop.bindings.get(name);
      if (binding) loop.bindings.set(name, { ...binding, value: unknown(`${name} is changed in a loop`) });
    }
    this.state = mergeStates(before, [loop]);
  }
}

/**
 * Whether running a try body could raise: anything beyond assignments whose values (and targets
 * after the first) have no names, attribute or item accesses, calls or operators.
 */
function mayRaise(body: readonly Statement[]): boolean {
  for (const statement of body) {
    if (statement.kind === "Pass") continue;
    if (statement.kind !== "Assign" && statement.kind !== "AnnAssign") return true;
    const [first, ...otherTargets] = statement.kind === "Assign" ? statement.targets : [statement.target];
    // The first target's first name is what the statement assigns; the rest is looked at.
    const looked: Expression[] = [...otherTargets];
    if (first && first.kind === "Tuple" && !first.parenthesized && !first.parens) {
      const [head, ...tail] = first.elts;
      if (head?.kind === "Starred") looked.push(head.value);
      looked.push(...tail);
    }
    if (statement.kind === "AnnAssign") looked.push(statement.annotation);
    if (statement.value) looked.push(statement.value);
    if (looked.some(isRisky)) return true;
  }
  return false;
}

const RISKY_KINDS = new Set<Expression["kind"]>([
  "Call",
  "Attribute",
  "Subscript",
  "Name",
  "BinOp",
  "BoolOp",
  "Compare",
]);

function isRisky(expression: Expression): boolean {
  if (RISKY_KINDS.has(expression.kind)) return true;
  if (expression.kind === "Lambda" && expression.parameters.length > 0) return true;
  return childExpressions(expression).some(isRisky);
}

/** The most items a module-level loop is run for, item by item. */
const MAX_LOOP_ITERATIONS = 200;
/** The most loop iterations run item by item in one module, nested loops included. */
const MAX_UNROLLED_ITERATIONS = 5_000;

/** Whether a loop body leaves or skips iterations (`break`/`continue` outside nested loops). */
function hasLoopControl(statements: readonly Statement[]): boolean {
  return statements.some((statement) => {
    if (statement.kind === "Break" || statement.kind === "Continue") return true;
    if (statement.kind === "If") return hasLoopControl(statement.body) || hasLoopControl(statement.orelse);
    if (statement.kind === "Try")
      return (
        hasLoopControl(statement.body) ||
        statement.handlers.some((handler) => hasLoopControl(handler.body)) ||
        hasLoopControl(statement.orelse) ||
        hasLoopControl(statement.finalbody)
      );
    if (statement.kind === "With") return hasLoopControl(statement.body);
    return false;
  });
}
