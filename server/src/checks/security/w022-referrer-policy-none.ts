// security.W022: SECURE_REFERRER_POLICY is None, so no Referrer-Policy header is sent.
// https://docs.djangoproject.com/en/stable/ref/middleware/#referrer-policy
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { quotedLike, setSettingFix } from "../fixes/settingValue";
import { hasMiddleware, isNone, SECURITY_MIDDLEWARE } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";

export const securityW022: CheckRecord = {
  id: "security.W022",
  severity: "warning",
  title: "SECURE_REFERRER_POLICY is None",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    if (hasMiddleware(context, SECURITY_MIDDLEWARE) !== true) return [];
    if (isNone(context, "SECURE_REFERRER_POLICY") !== true) return [];
    const setting = context.settings.get("SECURE_REFERRER_POLICY");
    const location = settingLocation(setting, context);
    const fix = setSettingFix(context, setting, {
      title: "Set SECURE_REFERRER_POLICY = 'same-origin'",
      applicability: "unsafe",
      valueText: quotedLike(context, setting, "same-origin"),
    });
    return [
      {
        message: "SECURE_REFERRER_POLICY is None: no Referrer-Policy header is sent.",
        explanation: `${environmentSentence(setting.value)}Browsers may send full URLs of your pages to other sites. Consider a policy such as 'same-origin'.`,
        location,
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
