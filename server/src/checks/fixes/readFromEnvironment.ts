// "Read it from the environment" for any setting: the value becomes a read of an environment variable
// with no default (a missing variable fails loudly), in the project's own style (environmentRead.ts),
// written where the production module writes the value or added to it as an override.
import type { CheckContext } from "../context";
import type { Fix } from "../types";
import type { EffectiveSetting } from "../../resolve/effectiveSettings";
import { environmentReadStyle } from "./environmentRead";
import { setSettingFix } from "./settingValue";

/**
 * Sets `setting` to a read of `variable`. Unsafe: the site no longer starts until the variable is set
 * in production. Undefined when the value may not be replaced (see setSettingFix).
 */
export function readFromEnvironmentFix(
  context: CheckContext,
  setting: EffectiveSetting,
  variable: string,
  options: { consequence?: string } = {},
): Fix | undefined {
  const text = context.source(context.profile.file);
  if (text === undefined) return undefined;
  const style = environmentReadStyle(context.profileModule, text);
  const fix = setSettingFix(context, setting, {
    title: `Read ${setting.name} from the environment variable ${variable}`,
    applicability: "unsafe",
    valueText: style.expression(variable),
    consequence:
      options.consequence ??
      `the site stops starting until ${variable} is set${context.dedicatedToProduction ? "" : ", in development too"}`,
  });
  return fix && { ...fix, edits: [...style.setup, ...fix.edits] };
}
