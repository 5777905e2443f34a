// The fix shared by the SECRET_KEY checks: read the key from the environment instead.
import type { CheckContext } from "../context";
import { insertSetting } from "../context";
import type { EffectiveSetting } from "../../resolve/effectiveSettings";
import type { Fix } from "../types";
import type { Value } from "../../evaluate/values";
import { envExampleEdit } from "./developmentFriendly";
import { environmentReadStyle } from "./environmentRead";

export const SECRET_KEY_VARIABLE = "DJANGO_SECRET_KEY";

/**
 * Replaces the key with a read of DJANGO_SECRET_KEY that fails when the variable is missing.
 * Unsafe: the site no longer starts until the variable is set, and a new key logs everybody out.
 */
export function secretKeyFromEnvironment(setting: EffectiveSetting, context: CheckContext): Fix | undefined {
  const text = context.source(context.profile.file);
  if (text === undefined) return undefined;
  const style = environmentReadStyle(context.profileModule, text);
  // A key the settings already read from a variable (with a fallback) keeps that variable's name.
  const variable = variableRead(setting.value) ?? SECRET_KEY_VARIABLE;
  const expression = style.expression(variable);
  const valueSpan = setting.binding?.origin.value;
  // Written in the profile module: replaced there. Inherited or Django's default: overridden there.
  const edit =
    valueSpan && valueSpan.file === context.profile.file
      ? { file: valueSpan.file, range: valueSpan.range, newText: expression }
      : insertSetting(context, "SECRET_KEY", expression);
  // A module development runs too: the developer must set the variable as well, so it is documented.
  const documented = context.dedicatedToProduction
    ? undefined
    : envExampleEdit(
        context,
        variable,
        "",
        "Required everywhere, development too: a long random value, never the production key.",
      );
  return {
    title: `Read SECRET_KEY from the environment variable ${variable}`,
    applicability: "unsafe",
    edits: [...style.setup, edit, ...(documented ? [documented] : [])],
    consequence: context.dedicatedToProduction
      ? `the site stops starting until ${variable} is set; sessions end`
      : `manage.py fails until ${variable} is set, in development too`,
  };
}

/** The variable every possible value reads, when there is one. */
function variableRead(value: Value): string | undefined {
  const options = value.kind === "oneOf" ? value.options : [value];
  const variables = new Set(options.map((option) => (option.kind === "env" ? option.variable : undefined)));
  const [only] = variables;
  return variables.size === 1 ? only : undefined;
}
