// security.W010: sessions app installed but SESSION_COOKIE_SECURE is not True.
// https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure
import type { CheckContext } from "../context";
import { sessionCookieCase, sessionCookieFinding } from "../sessionCookie";
import type { CheckRecord, CheckResult } from "../types";

export const securityW010: CheckRecord = {
  id: "security.W010",
  severity: "warning",
  title: "sessions app installed but SESSION_COOKIE_SECURE is not True",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    if (sessionCookieCase(context, "SESSION_COOKIE_SECURE") !== "app") return [];
    return [sessionCookieFinding(context, "SESSION_COOKIE_SECURE", "app")];
  },
};
