// security.W002: XFrameOptionsMiddleware is missing, so pages carry no X-Frame-Options header.
// https://docs.djangoproject.com/en/stable/ref/clickjacking/
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { addMiddlewareFix } from "../fixes/middleware";
import { hasMiddleware, XFRAME_MIDDLEWARE } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";

export const securityW002: CheckRecord = {
  id: "security.W002",
  severity: "warning",
  title: "XFrameOptionsMiddleware is not in MIDDLEWARE",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    if (hasMiddleware(context, XFRAME_MIDDLEWARE) !== false) return [];
    const setting = context.settings.get("MIDDLEWARE");
    const location = settingLocation(setting, context);
    const fix = addMiddlewareFix(context, {
      title: `Add '${XFRAME_MIDDLEWARE}' at the end of MIDDLEWARE`,
      applicability: "unsafe",
      path: XFRAME_MIDDLEWARE,
      position: (paths) => paths.length,
    });
    return [
      {
        message: "XFrameOptionsMiddleware is not in MIDDLEWARE: any site can frame your pages.",
        explanation: `${environmentSentence(setting.value)}Without '${XFRAME_MIDDLEWARE}' pages are served without an X-Frame-Options header and any site can show them in a frame (clickjacking). Add it unless the site must be framed by others.`,
        location,
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
