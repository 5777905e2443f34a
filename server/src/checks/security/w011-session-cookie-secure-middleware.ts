// security.W011: SessionMiddleware in use but SESSION_COOKIE_SECURE is not True.
// https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure
import type { CheckContext } from "../context";
import { sessionCookieCase, sessionCookieFinding } from "../sessionCookie";
import type { CheckRecord, CheckResult } from "../types";

export const securityW011: CheckRecord = {
  id: "security.W011",
  severity: "warning",
  title: "SessionMiddleware in use but SESSION_COOKIE_SECURE is not True",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    if (sessionCookieCase(context, "SESSION_COOKIE_SECURE") !== "middleware") return [];
    return [sessionCookieFinding(context, "SESSION_COOKIE_SECURE", "middleware")];
  },
};
