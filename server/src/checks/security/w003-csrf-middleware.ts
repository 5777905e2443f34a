// security.W003: CsrfViewMiddleware is missing, so forms are not protected against cross-site request forgery.
// https://docs.djangoproject.com/en/stable/ref/csrf/
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { addMiddlewareFix, after } from "../fixes/middleware";
import {
  COMMON_MIDDLEWARE,
  CSRF_MIDDLEWARE,
  hasMiddleware,
  SECURITY_MIDDLEWARE,
  SESSION_MIDDLEWARE,
} from "../predicates";
import type { CheckRecord, CheckResult } from "../types";

export const securityW003: CheckRecord = {
  id: "security.W003",
  severity: "warning",
  title: "CsrfViewMiddleware is not in MIDDLEWARE",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    if (hasMiddleware(context, CSRF_MIDDLEWARE) !== false) return [];
    const setting = context.settings.get("MIDDLEWARE");
    const location = settingLocation(setting, context);
    // startproject's order: Security, Session, Common, then Csrf (after Session, which
    // CSRF_USE_SESSIONS needs, and before the authentication middleware).
    const fix = addMiddlewareFix(context, {
      title: `Add '${CSRF_MIDDLEWARE}' to MIDDLEWARE after SessionMiddleware`,
      applicability: "unsafe",
      path: CSRF_MIDDLEWARE,
      position: after(SECURITY_MIDDLEWARE, SESSION_MIDDLEWARE, COMMON_MIDDLEWARE),
    });
    return [
      {
        message: "CsrfViewMiddleware is not in MIDDLEWARE: CSRF protection is off.",
        explanation: `${environmentSentence(setting.value)}Without '${CSRF_MIDDLEWARE}', Django's protection against cross-site request forgery is off unless every view applies it itself. The middleware is the safest way to leave no view out.`,
        location,
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
