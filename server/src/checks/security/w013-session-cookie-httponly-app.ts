// security.W013: sessions app installed but SESSION_COOKIE_HTTPONLY is not True.
// https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly
import type { CheckContext } from "../context";
import { sessionCookieCase, sessionCookieFinding } from "../sessionCookie";
import type { CheckRecord, CheckResult } from "../types";

export const securityW013: CheckRecord = {
  id: "security.W013",
  severity: "warning",
  title: "sessions app installed but SESSION_COOKIE_HTTPONLY is not True",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    if (sessionCookieCase(context, "SESSION_COOKIE_HTTPONLY") !== "app") return [];
    return [sessionCookieFinding(context, "SESSION_COOKIE_HTTPONLY", "app")];
  },
};
