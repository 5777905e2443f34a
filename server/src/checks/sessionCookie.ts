// The session cookie checks (security.W010–W015): one Django function per flag, reporting W010 /
// W011 when only the sessions app / only the session middleware is in use, and the combined ID
// (W012 / W015) when both are.
import { environmentSentence, settingLocation, type CheckContext } from "./context";
import { followDebugFix } from "./fixes/developmentFriendly";
import { setSettingFix } from "./fixes/settingValue";
import { cookieFlagNotSet, isTruthy, SESSION_MIDDLEWARE, SESSIONS_APP, settingContains } from "./predicates";
import type { Applicability, CheckResult } from "./types";

export type SessionCookieCase = "app" | "middleware" | "both";

/** Which of the three IDs Django reports for the flag, or undefined when none or when it cannot be known. */
export function sessionCookieCase(context: CheckContext, flag: string): SessionCookieCase | undefined {
  if (cookieFlagNotSet(context, flag) !== true) return undefined;
  const app = settingContains(context, "INSTALLED_APPS", SESSIONS_APP);
  const middleware = settingContains(context, "MIDDLEWARE", SESSION_MIDDLEWARE);
  if (app === undefined || middleware === undefined) return undefined;
  if (app && middleware) return "both";
  if (app) return "app";
  if (middleware) return "middleware";
  return undefined;
}

const WHY = {
  SESSION_COOKIE_SECURE:
    "the browser also sends the session cookie over plain HTTP, where anyone on the network can read it and take over the session",
  SESSION_COOKIE_HTTPONLY:
    "scripts in the page can read the session cookie, so a cross-site scripting hole leaks sessions",
} as const;

export function sessionCookieFinding(
  context: CheckContext,
  flag: keyof typeof WHY,
  found: SessionCookieCase,
): CheckResult {
  const setting = context.settings.get(flag);
  const location = settingLocation(setting, context);
  const because =
    found === "app"
      ? `'${SESSIONS_APP}' is in INSTALLED_APPS but `
      : found === "middleware"
        ? `'${SESSION_MIDDLEWARE}' is in MIDDLEWARE but `
        : "";
  const fix = setSettingFix(context, setting, {
    title: `Set ${flag} = True`,
    applicability: cookieFixApplicability(context, flag),
    valueText: "True",
    consequence: cookieFixConsequence(context, flag),
  });
  const followDebug =
    cookieFixApplicability(context, flag) === "unsafe" ? followDebugFix(context, setting) : undefined;
  return {
    message: `${flag} is not True${found === "both" ? "" : ` while ${found === "app" ? "the sessions app" : "SessionMiddleware"} is in use`}.`,
    explanation: `${environmentSentence(setting.value)}${because}${flag} is not True: ${WHY[flag]}.`,
    location,
    fixes: [followDebug, fix].filter((candidate) => candidate !== undefined),
  };
}

/** What turning a Secure flag on changes for development, when that is why the fix is unsafe. */
export function cookieFixConsequence(context: CheckContext, flag: string): string | undefined {
  if (cookieFixApplicability(context, flag) !== "unsafe") return undefined;
  return flag === "CSRF_COOKIE_SECURE"
    ? "forms fail the CSRF check on the development server (plain HTTP)"
    : "logging in stops working on the development server (plain HTTP)";
}

/**
 * Turning a cookie flag on: safe when the value is already truthy (Django sets the flag on any
 * truthy value, so nothing changes), and for HttpOnly (no page script should read the session
 * cookie). The Secure flags are safe only in a module dedicated to production: a development
 * server over plain HTTP would stop receiving the cookie, and logging in would break there.
 */
export function cookieFixApplicability(context: CheckContext, flag: string): Applicability {
  if (isTruthy(context, flag) === true) return "safe";
  if (flag === "SESSION_COOKIE_HTTPONLY") return "safe";
  return context.dedicatedToProduction ? "safe" : "unsafe";
}
