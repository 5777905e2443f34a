// security.W006: SECURE_CONTENT_TYPE_NOSNIFF is not True, so no X-Content-Type-Options header is sent.
// https://docs.djangoproject.com/en/stable/ref/middleware/#x-content-type-options-nosniff
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { setSettingFix } from "../fixes/settingValue";
import { hasMiddleware, isTrue, isTruthy, SECURITY_MIDDLEWARE } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";

export const securityW006: CheckRecord = {
  id: "security.W006",
  severity: "warning",
  title: "SECURE_CONTENT_TYPE_NOSNIFF is not True",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    if (hasMiddleware(context, SECURITY_MIDDLEWARE) !== true) return [];
    if (isTrue(context, "SECURE_CONTENT_TYPE_NOSNIFF") !== false) return [];
    const setting = context.settings.get("SECURE_CONTENT_TYPE_NOSNIFF");
    const location = settingLocation(setting, context);
    const alreadyOn = isTruthy(context, "SECURE_CONTENT_TYPE_NOSNIFF") === true;
    const fix = setSettingFix(context, setting, {
      title: "Set SECURE_CONTENT_TYPE_NOSNIFF = True",
      applicability: alreadyOn ? "safe" : "unsafe",
      valueText: "True",
    });
    return [
      {
        message: "SECURE_CONTENT_TYPE_NOSNIFF is not True.",
        explanation: `${environmentSentence(setting.value)}Pages are served without 'X-Content-Type-Options: nosniff', and browsers may guess content types, running an upload as a script.`,
        location,
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
