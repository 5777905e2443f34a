// Asking which WSGI or ASGI middleware wraps `application`: the well-known ones the project's
// requirements name, or any dotted path, checked with the planner's own rules.
import * as path from "node:path";
import * as vscode from "vscode";
import {
  type EntryKind,
  type RawAnswers,
  checkAnswer,
  middlewareInRequirements,
  readTextFile,
} from "../../../scaffold/src/index";
import { BACK, type Choice, inputStep, pickStep, type StepContext } from "./multiStepInput";

const ENTER_ANOTHER = Symbol("enter another");

async function pick<T>(items: Choice<T>[], placeHolder: string): Promise<T | undefined> {
  const chosen = await vscode.window.showQuickPick(items, { placeHolder, ignoreFocusOut: true });
  return chosen?.value;
}

function requirementsText(projectFolder: string): string {
  return ["requirements.txt", "requirements/base.txt", "requirements/production.txt", "pyproject.toml"]
    .map((name) => readTextFile(path.join(projectFolder, ...name.split("/"))) ?? "")
    .join("\n");
}

/** No middleware, the well-known ones the requirements name, or a dotted path to type. */
function middlewareChoices(kind: EntryKind, projectFolder: string): Choice<string | typeof ENTER_ANOTHER>[] {
  const known = middlewareInRequirements(requirementsText(projectFolder), kind);
  return [
    { label: "No middleware", description: "application stays Django's handler", value: "" },
    ...known.map((entry) => ({
      label: entry.dotted,
      description: entry.description,
      detail: `${entry.distribution} is in the project's requirements`,
      value: entry.dotted,
    })),
    {
      label: "Enter a dotted path…",
      description: `any ${kind.toUpperCase()} middleware callable`,
      value: ENTER_ANOTHER,
    },
  ];
}

/** The middleware step of the wizard: a dotted path, "" for none, BACK, or undefined. */
export async function middlewareStep(
  context: StepContext,
  answers: RawAnswers,
  kind: EntryKind,
  projectFolder: string,
): Promise<string | typeof BACK | undefined> {
  const choice = await pickStep<string | typeof ENTER_ANOTHER>(context, {
    placeholder: `Wrap application in ${kind.toUpperCase()} middleware?`,
    items: middlewareChoices(kind, projectFolder),
  });
  if (choice === undefined || choice === BACK || choice !== ENTER_ANOTHER) return choice;
  return inputStep(context, {
    prompt: `Dotted path of the ${kind.toUpperCase()} middleware, such as mypackage.middleware.Middleware`,
    validate: (value) => checkAnswer({ ...answers, middleware: [value] }, "middleware"),
  });
}

/** A dotted middleware path, "" for none, or null when the user cancels. */
export async function askMiddleware(
  answers: RawAnswers,
  kind: EntryKind,
  projectFolder: string,
): Promise<string | null> {
  const choice = await pick<string | typeof ENTER_ANOTHER>(
    middlewareChoices(kind, projectFolder),
    `Wrap application in ${kind.toUpperCase()} middleware?`,
  );
  if (choice === undefined) return null;
  if (choice !== ENTER_ANOTHER) return choice;
  const typed = await vscode.window.showInputBox({
    prompt: `Dotted path of the ${kind.toUpperCase()} middleware, such as mypackage.middleware.Middleware`,
    ignoreFocusOut: true,
    validateInput: (value) => checkAnswer({ ...answers, middleware: [value.trim()] }, "middleware"),
  });
  return typed === undefined ? null : typed.trim();
}
