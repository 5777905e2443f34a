// The fix shared by the SECRET_KEY checks: read the key from the environment instead.
import type { CheckContext } from "../context";
import { insertSetting } from "../context";
import type { EffectiveSetting } from "../../resolve/effectiveSettings";
import type { Fix } from "../types";
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
  const expression = style.expression(SECRET_KEY_VARIABLE);
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
        SECRET_KEY_VARIABLE,
        "",
        "Required everywhere, development too: a long random value, never the production key.",
      );
  return {
    title: `Read SECRET_KEY from the environment variable ${SECRET_KEY_VARIABLE}`,
    applicability: "unsafe",
    edits: [...style.setup, edit, ...(documented ? [documented] : [])],
    consequence: context.dedicatedToProduction
      ? `the site stops starting until ${SECRET_KEY_VARIABLE} is set; sessions end`
      : `manage.py fails until ${SECRET_KEY_VARIABLE} is set, in development too`,
  };
}
