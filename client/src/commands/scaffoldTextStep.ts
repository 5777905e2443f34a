// The scaffold wizard's state and its step for a typed answer, which checks the answer with the
// planner's own rules while the user types. Apart from scaffoldPrompts.ts so that its list of steps
// reads as the questions the wizard asks.
import { BACK, inputStep, type Step } from "./multiStepInput";
import { type AnswerField, type RawAnswers, checkAnswer } from "../../../scaffold/src/index";

/** The answers so far, with what the steps need to remember. */
export interface WizardState {
  answers: RawAnswers;
}

/** A text answer checked with the planner's own rules while the user types. */
export function textStep(
  field: AnswerField,
  options: (answers: RawAnswers) => {
    prompt: string;
    value?: string;
    placeholder?: string;
    optional?: boolean;
  },
  applies?: (answers: RawAnswers) => boolean,
): Step<WizardState> {
  return {
    ...(applies ? { applies: (state: WizardState) => applies(state.answers) } : {}),
    async run(context, state) {
      const asked = options(state.answers);
      const current = state.answers[field];
      const text = await inputStep(context, {
        ...asked,
        value: typeof current === "string" || typeof current === "number" ? String(current) : asked.value,
        validate: (value) => checkAnswer({ ...state.answers, [field]: value } as RawAnswers, field),
      });
      if (text === undefined || text === BACK) return text;
      const answers = { ...state.answers } as Record<string, unknown>;
      if (text === "") delete answers[field];
      else answers[field] = text;
      return { answers: answers as RawAnswers };
    },
  };
}
