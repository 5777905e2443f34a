// security.W018: DEBUG must be off in production.
// https://docs.djangoproject.com/en/stable/ref/settings/#debug
import {
  environmentNote,
  holdsForAll,
  insertSetting,
  profileRelated,
  settingLocation,
  type CheckContext,
} from "../context";
import type { CheckRecord, CheckResult, Fix } from "../types";
import { truthiness } from "../../model/values";

export const securityW018: CheckRecord = {
  id: "security.W018",
  severity: "warning",
  title: "DEBUG is on in production",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("DEBUG");
    if (!holdsForAll(setting.value, (value) => truthiness(value) === true)) return [];
    const location = settingLocation(setting, context);
    const fixes: Fix[] = [];
    const valueSpan = setting.binding?.origin.value;
    const applicability = context.dedicatedToProduction ? "safe" : "unsafe";
    if (valueSpan && valueSpan.file !== context.profile.file) {
      // Decided in a module production shares with development: override it in the profile instead.
      fixes.push({
        title: "Set DEBUG = False in the production settings",
        applicability,
        edits: [insertSetting(context, "DEBUG", "False")],
      });
    } else if (
      valueSpan &&
      setting.value.kind !== "env" &&
      setting.value.kind !== "oneOf" &&
      setting.value.span?.from === valueSpan.from
    ) {
      // Only a literal written right there is replaced; a value read from the environment is the
      // business of deploy.W003 / deploy.W004, whose fixes keep the environment in charge.
      fixes.push({
        title: "Set DEBUG = False",
        applicability,
        edits: [{ file: valueSpan.file, range: valueSpan.range, newText: "False" }],
      });
    }
    return [
      {
        message: `DEBUG is on in production${environmentNote(setting.value)}: error pages show source code, local variables and settings to anyone. You must never enable debug in production.`,
        location,
        related: profileRelated(location, context),
        fixes,
      },
    ];
  },
};
