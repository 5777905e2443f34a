// security.W018: DEBUG must be off in production.
// https://docs.djangoproject.com/en/stable/ref/settings/#debug
import { environmentSentence, holdsForAll, settingLocation, type CheckContext } from "../context";
import { debugForDevelopmentFix } from "../fixes/developmentFriendly";
import { setSettingFix } from "../fixes/settingValue";
import type { CheckRecord, CheckResult } from "../types";
import { truthiness } from "../../evaluate/values";

export const securityW018: CheckRecord = {
  id: "security.W018",
  severity: "warning",
  title: "DEBUG is on in production",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("DEBUG");
    if (!holdsForAll(setting.value, (value) => truthiness(value) === true)) return [];
    const location = settingLocation(setting, context);
    // Decided in a module production shares with development: the fix overrides it in the profile.
    const elsewhere =
      setting.binding !== undefined && setting.binding.origin.statement.file !== context.profile.file;
    const fix = setSettingFix(context, setting, {
      title: elsewhere ? "Set DEBUG = False in the production settings" : "Set DEBUG = False",
      applicability: context.dedicatedToProduction ? "safe" : "unsafe",
      valueText: "False",
      consequence: context.dedicatedToProduction
        ? undefined
        : "development too: runserver then needs ALLOWED_HOSTS, serves no static files",
    });
    const forDevelopment = debugForDevelopmentFix(context, setting);
    return [
      {
        message: "DEBUG is on in production.",
        explanation: `${environmentSentence(setting.value)}Error pages show source code, local variables and settings to anyone. You must never enable debug in production.`,
        location,
        fixes: [forDevelopment, fix].filter((candidate) => candidate !== undefined),
      },
    ];
  },
};
