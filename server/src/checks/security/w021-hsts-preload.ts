// security.W021: HSTS is on but SECURE_HSTS_PRELOAD is not True, so the site cannot join the preload list.
// https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-preload
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { setSettingFix } from "../fixes/settingValue";
import { hasMiddleware, isTrue, isTruthy, SECURITY_MIDDLEWARE } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";

export const securityW021: CheckRecord = {
  id: "security.W021",
  severity: "warning",
  title: "SECURE_HSTS_PRELOAD is not True",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    if (hasMiddleware(context, SECURITY_MIDDLEWARE) !== true) return [];
    if (isTruthy(context, "SECURE_HSTS_SECONDS") !== true) return [];
    if (isTrue(context, "SECURE_HSTS_PRELOAD") !== false) return [];
    const setting = context.settings.get("SECURE_HSTS_PRELOAD");
    const location = settingLocation(setting, context);
    const alreadyOn = isTruthy(context, "SECURE_HSTS_PRELOAD") === true;
    const fix = setSettingFix(context, setting, {
      title: "Set SECURE_HSTS_PRELOAD = True",
      applicability: alreadyOn ? "safe" : "unsafe",
      valueText: "True",
    });
    return [
      {
        message: "SECURE_HSTS_PRELOAD is not True.",
        explanation: `${environmentSentence(setting.value)}The HSTS header lacks the preload directive, so the site cannot be submitted to the browsers' preload list. Once listed, a site is hard to remove: preload only when HTTPS is there to stay.`,
        location,
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
