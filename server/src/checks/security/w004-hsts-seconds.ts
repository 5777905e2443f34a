// security.W004: SecurityMiddleware is on but SECURE_HSTS_SECONDS is not set, so no HSTS header is sent.
// https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { setSettingFix } from "../fixes/settingValue";
import { hasMiddleware, isTruthy, SECURITY_MIDDLEWARE } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";

/** What the HSTS fixes say above the staged value: HSTS cannot be withdrawn before it expires. */
export const HSTS_COMMENT =
  "HSTS: browsers refuse plain HTTP for this site for this many seconds, and it cannot be\n" +
  "withdrawn before it expires. Start small, check every page and subdomain over HTTPS,\n" +
  "then raise it step by step to a year (31536000).";

export const securityW004: CheckRecord = {
  id: "security.W004",
  severity: "warning",
  title: "SECURE_HSTS_SECONDS is not set",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    if (hasMiddleware(context, SECURITY_MIDDLEWARE) !== true) return [];
    if (isTruthy(context, "SECURE_HSTS_SECONDS") !== false) return [];
    const setting = context.settings.get("SECURE_HSTS_SECONDS");
    const location = settingLocation(setting, context);
    const fix = setSettingFix(context, setting, {
      title: "Set SECURE_HSTS_SECONDS = 3600 (one hour, to start with)",
      applicability: "unsafe",
      valueText: "3600",
      comment: HSTS_COMMENT,
      consequence: "browsers refuse plain HTTP for this site for an hour",
    });
    return [
      {
        message: "SECURE_HSTS_SECONDS is not set: browsers are not told to insist on HTTPS.",
        explanation: `${environmentSentence(setting.value)}Browsers are not told to use HTTPS only (HTTP Strict Transport Security). If the whole site is served over HTTPS, consider enabling it, but read the documentation first: HSTS set carelessly is hard to undo.`,
        location,
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
