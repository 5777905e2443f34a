// VS Code's multi-step input pattern (its extension samples' MultiStepInput): one quick input whose
// title names the wizard, "Step 3/8", a Back button from the second step on, and Escape to cancel
// the whole wizard. Steps are functions of the answers so far; which steps apply may depend on
// earlier answers, so the total is counted again after each step.
import * as vscode from "vscode";

/** Returned by a prompt when the user pressed Back. */
export const BACK = Symbol("back");

export interface Choice<T> extends vscode.QuickPickItem {
  value: T;
}

export interface StepContext {
  title: string;
  step: number;
  totalSteps: number;
}

/** One step: `applies` decides from the state whether it is asked; `run` asks and returns the new state. */
export interface Step<S> {
  applies?(state: S): boolean;
  run(context: StepContext, state: S): Promise<S | typeof BACK | undefined>;
}

/**
 * Runs `steps` from `initial`. Back returns to the previous step that was asked (with the state as it
 * was before it); Escape or closing the input cancels: the result is undefined and nothing is kept.
 */
export async function runSteps<S>(
  title: string,
  steps: readonly Step<S>[],
  initial: S,
): Promise<S | undefined> {
  const history: { index: number; state: S }[] = [];
  let state = initial;
  let index = 0;
  while (index < steps.length) {
    const step = steps[index]!;
    if (step.applies && !step.applies(state)) {
      index++;
      continue;
    }
    const applicable = steps.filter(
      (candidate, at) => at >= index && (!candidate.applies || candidate.applies(state)),
    );
    const context = { title, step: history.length + 1, totalSteps: history.length + applicable.length };
    const result = await step.run(context, state);
    if (result === undefined) return undefined;
    if (result === BACK) {
      const previous = history.pop();
      if (!previous) continue;
      index = previous.index;
      state = previous.state;
      continue;
    }
    history.push({ index, state });
    state = result;
    index++;
  }
  return state;
}

/** A quick pick step; resolves with the picked item's value, BACK, or undefined when cancelled. */
export function pickStep<T>(
  context: StepContext,
  options: { placeholder: string; items: Choice<T>[]; activeValue?: T },
): Promise<T | typeof BACK | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<Choice<T>>();
    pick.title = context.title;
    pick.step = context.step;
    pick.totalSteps = context.totalSteps;
    pick.placeholder = options.placeholder;
    pick.items = options.items;
    pick.ignoreFocusOut = true;
    pick.buttons = context.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    const active = options.items.find((item) => item.value === options.activeValue);
    if (active) pick.activeItems = [active];
    let done = false;
    const finish = (value: T | typeof BACK | undefined) => {
      if (done) return;
      done = true;
      resolve(value);
      pick.dispose();
    };
    pick.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish(BACK);
    });
    pick.onDidAccept(() => {
      const [chosen] = pick.selectedItems;
      if (chosen && chosen.kind !== vscode.QuickPickItemKind.Separator) finish(chosen.value);
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}

/**
 * An input box step; resolves with the trimmed text ("" when left empty and `optional`), BACK, or
 * undefined when cancelled. `validate` runs as the user types; an invalid answer cannot be accepted.
 */
export function inputStep(
  context: StepContext,
  options: {
    prompt: string;
    value?: string;
    placeholder?: string;
    optional?: boolean;
    validate?(value: string): string | undefined;
  },
): Promise<string | typeof BACK | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = context.title;
    box.step = context.step;
    box.totalSteps = context.totalSteps;
    box.prompt = options.prompt;
    box.value = options.value ?? "";
    box.placeholder = options.placeholder;
    box.ignoreFocusOut = true;
    box.buttons = context.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    const check = (value: string): string | undefined => {
      if (value.trim() === "") return options.optional ? undefined : "An answer is needed here.";
      return options.validate?.(value.trim());
    };
    box.validationMessage = box.value === "" ? undefined : check(box.value);
    let done = false;
    const finish = (value: string | typeof BACK | undefined) => {
      if (done) return;
      done = true;
      resolve(value);
      box.dispose();
    };
    box.onDidChangeValue((value) => (box.validationMessage = check(value)));
    box.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish(BACK);
    });
    box.onDidAccept(() => {
      const message = check(box.value);
      box.validationMessage = message;
      if (message === undefined) finish(box.value.trim());
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}
