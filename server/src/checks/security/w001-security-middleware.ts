// security.W001: SecurityMiddleware is missing, so the SECURE_* header and redirect settings do nothing.
// https://docs.djangoproject.com/en/stable/ref/middleware/#module-django.middleware.security
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { addMiddlewareFix } from "../fixes/middleware";
import { hasMiddleware, SECURITY_MIDDLEWARE } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";
import { inVersionRange } from "../../django/versions";

export const securityW001: CheckRecord = {
  id: "security.W001",
  severity: "warning",
  title: "SecurityMiddleware is not in MIDDLEWARE",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    if (hasMiddleware(context, SECURITY_MIDDLEWARE) !== false) return [];
    const setting = context.settings.get("MIDDLEWARE");
    const location = settingLocation(setting, context);
    // Django 4.0 dropped SECURE_BROWSER_XSS_FILTER and added SECURE_CROSS_ORIGIN_OPENER_POLICY.
    const idle = inVersionRange(context.djangoVersion, "4.0")
      ? "SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF, SECURE_REFERRER_POLICY, SECURE_CROSS_ORIGIN_OPENER_POLICY and SECURE_SSL_REDIRECT"
      : "SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF, SECURE_BROWSER_XSS_FILTER, SECURE_REFERRER_POLICY and SECURE_SSL_REDIRECT";
    const fix = addMiddlewareFix(context, {
      title: `Add '${SECURITY_MIDDLEWARE}' at the top of MIDDLEWARE`,
      applicability: "unsafe",
      path: SECURITY_MIDDLEWARE,
      position: () => 0,
    });
    return [
      {
        message: "SecurityMiddleware is not in MIDDLEWARE: the SECURE_* settings do nothing.",
        explanation: `${environmentSentence(setting.value)}Without '${SECURITY_MIDDLEWARE}', ${idle} have no effect: no HSTS, no nosniff or referrer headers, no redirect to HTTPS.`,
        location,
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
