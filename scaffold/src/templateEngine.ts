// A deliberately tiny template language for the files under templates/.
//
//   {{name}}            the value of `name`; a line holding only a placeholder whose value is empty
//                       disappears, so optional blocks computed in code leave no blank line behind
//   {{#if name}}        on a line of its own: keep the following lines when `name` is truthy
//   {{#if !name}}       … when it is falsy
//   {{else}} {{/if}}    on lines of their own; blocks nest
//
// Truthy means a non-empty string or `true`. A placeholder without a value is a bug in the template
// or in the planner, so it throws instead of leaving `{{name}}` in a generated file.

export type TemplateValue = string | boolean;
export type TemplateValues = Readonly<Record<string, TemplateValue>>;

export class TemplateError extends Error {}

const directivePattern = /^\s*\{\{\s*(#if\s+(!?)([A-Za-z][A-Za-z0-9]*)|else|\/if)\s*\}\}\s*$/;
const placeholderPattern = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;
const lonePlaceholderPattern = /^\s*\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}\s*$/;

interface Frame {
  /** Whether lines in the current branch are kept. */
  active: boolean;
  /** Whether the enclosing block was active, so `{{else}}` can only turn lines on inside it. */
  parentActive: boolean;
  condition: boolean;
  line: number;
}

function lookUp(values: TemplateValues, name: string, templateName: string, line: number): TemplateValue {
  if (!Object.hasOwn(values, name)) {
    throw new TemplateError(`${templateName}:${line}: no value for {{${name}}}`);
  }
  return values[name] as TemplateValue;
}

function isTruthy(value: TemplateValue): boolean {
  return value === true || (typeof value === "string" && value.length > 0);
}

/** Renders `template` with `values`; `templateName` only appears in error messages. */
export function renderTemplate(template: string, values: TemplateValues, templateName = "template"): string {
  const output: string[] = [];
  const stack: Frame[] = [];
  const lines = template.replace(/\r\n/g, "\n").split("\n");
  lines.forEach((text, index) => {
    const lineNumber = index + 1;
    const active = stack.length === 0 || (stack[stack.length - 1] as Frame).active;
    const directive = directivePattern.exec(text);
    if (directive) {
      const [, keyword, negation, name] = directive;
      if (keyword === "else") {
        const frame = stack[stack.length - 1];
        if (!frame) throw new TemplateError(`${templateName}:${lineNumber}: {{else}} outside {{#if}}`);
        frame.active = frame.parentActive && !frame.condition;
      } else if (keyword === "/if") {
        if (!stack.pop()) throw new TemplateError(`${templateName}:${lineNumber}: {{/if}} without {{#if}}`);
      } else {
        const value = isTruthy(lookUp(values, name as string, templateName, lineNumber));
        const condition = negation === "!" ? !value : value;
        stack.push({ active: active && condition, parentActive: active, condition, line: lineNumber });
      }
      return;
    }
    if (!active) return;
    const lone = lonePlaceholderPattern.exec(text);
    if (lone) {
      const value = lookUp(values, lone[1] as string, templateName, lineNumber);
      if (value === "" || value === false) return;
    }
    output.push(
      text.replace(placeholderPattern, (_match, name: string) => {
        const value = lookUp(values, name, templateName, lineNumber);
        if (typeof value !== "string") {
          throw new TemplateError(`${templateName}:${lineNumber}: {{${name}}} is a condition, not text`);
        }
        return value;
      }),
    );
  });
  const unclosed = stack[stack.length - 1];
  if (unclosed) throw new TemplateError(`${templateName}:${unclosed.line}: {{#if}} is never closed`);
  return output.join("\n");
}
