// The fix shared by the SECRET_KEY checks: read the key from the environment instead.
import type { CheckContext } from "../context";
import { insertSetting } from "../context";
import type { EffectiveSetting } from "../../model/effective";
import type { Fix } from "../types";
import { environmentReadStyle } from "./environmentRead";

export const SECRET_KEY_VARIABLE = "DJANGO_SECRET_KEY";

/**
 * Replaces the key with a read of DJANGO_SECRET_KEY that fails when the variable is missing.
 * Unsafe: the site no longer starts until the variable is set, and a new key logs everybody out.
 */
export function secretKeyFromEnvironment(setting: EffectiveSetting, context: CheckContext): Fix | undefined {
  const valueSpan = setting.binding?.origin.value;
  const module = setting.binding ? undefined : context.profileModule;
  const file = valueSpan?.file ?? context.profile.file;
  const text = context.source(file);
  if (text === undefined) return undefined;
  const targetModule = module ?? (file === context.profileModule.file ? context.profileModule : undefined);
  if (!targetModule) return undefined;
  const style = environmentReadStyle(targetModule, text);
  const expression = style.expression(SECRET_KEY_VARIABLE);
  const title = `Read SECRET_KEY from the environment variable ${SECRET_KEY_VARIABLE}`;
  if (valueSpan) {
    return {
      title,
      applicability: "unsafe",
      edits: [...style.setup, { file, range: valueSpan.range, newText: expression }],
    };
  }
  if (setting.binding) return undefined;
  return {
    title,
    applicability: "unsafe",
    edits: [...style.setup, insertSetting(context, "SECRET_KEY", expression)],
  };
}
