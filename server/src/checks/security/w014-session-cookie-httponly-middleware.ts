// security.W014: SessionMiddleware in use but SESSION_COOKIE_HTTPONLY is not True.
// https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly
import type { CheckContext } from "../context";
import { sessionCookieCase, sessionCookieFinding } from "../sessionCookie";
import type { CheckRecord, CheckResult } from "../types";

export const securityW014: CheckRecord = {
  id: "security.W014",
  severity: "warning",
  title: "SessionMiddleware in use but SESSION_COOKIE_HTTPONLY is not True",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    if (sessionCookieCase(context, "SESSION_COOKIE_HTTPONLY") !== "middleware") return [];
    return [sessionCookieFinding(context, "SESSION_COOKIE_HTTPONLY", "middleware")];
  },
};
