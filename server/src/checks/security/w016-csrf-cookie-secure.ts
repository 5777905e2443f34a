// security.W016: CsrfViewMiddleware is on but the CSRF cookie is not Secure-only.
// https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-secure
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { setSettingFix } from "../fixes/settingValue";
import { cookieFlagNotSet, CSRF_MIDDLEWARE, hasMiddleware, isTruthy } from "../predicates";
import { followDebugFix } from "../fixes/developmentFriendly";
import { cookieFixApplicability, cookieFixConsequence } from "../sessionCookie";
import type { CheckRecord, CheckResult } from "../types";

export const securityW016: CheckRecord = {
  id: "security.W016",
  severity: "warning",
  title: "CSRF_COOKIE_SECURE is not True",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    if (hasMiddleware(context, CSRF_MIDDLEWARE) !== true) return [];
    // With CSRF_USE_SESSIONS the token lives in the session, not in a cookie of its own.
    if (isTruthy(context, "CSRF_USE_SESSIONS") !== false) return [];
    if (cookieFlagNotSet(context, "CSRF_COOKIE_SECURE") !== true) return [];
    const setting = context.settings.get("CSRF_COOKIE_SECURE");
    const location = settingLocation(setting, context);
    const fix = setSettingFix(context, setting, {
      title: "Set CSRF_COOKIE_SECURE = True",
      applicability: cookieFixApplicability(context, "CSRF_COOKIE_SECURE"),
      valueText: "True",
      consequence: cookieFixConsequence(context, "CSRF_COOKIE_SECURE"),
    });
    const followDebug = cookieFixConsequence(context, "CSRF_COOKIE_SECURE")
      ? followDebugFix(context, setting)
      : undefined;
    return [
      {
        message: "CSRF_COOKIE_SECURE is not True: the CSRF cookie also travels over HTTP.",
        explanation: `${environmentSentence(setting.value)}'${CSRF_MIDDLEWARE}' is in MIDDLEWARE but the browser also sends the CSRF cookie over plain HTTP, where a network sniffer can steal the token.`,
        location,
        fixes: [followDebug, fix].filter((candidate) => candidate !== undefined),
      },
    ];
  },
};
