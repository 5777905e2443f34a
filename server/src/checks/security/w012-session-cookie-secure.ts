// security.W012: SESSION_COOKIE_SECURE is not True.
// https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure
import type { CheckContext } from "../context";
import { sessionCookieCase, sessionCookieFinding } from "../sessionCookie";
import type { CheckRecord, CheckResult } from "../types";

export const securityW012: CheckRecord = {
  id: "security.W012",
  severity: "warning",
  title: "SESSION_COOKIE_SECURE is not True",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    if (sessionCookieCase(context, "SESSION_COOKIE_SECURE") !== "both") return [];
    return [sessionCookieFinding(context, "SESSION_COOKIE_SECURE", "both")];
  },
};
