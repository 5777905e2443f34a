// security.W008: SECURE_SSL_REDIRECT is not True, so plain HTTP requests are not redirected to HTTPS.
// https://docs.djangoproject.com/en/stable/ref/middleware/#ssl-redirect
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { followDebugFix } from "../fixes/developmentFriendly";
import { setSettingFix } from "../fixes/settingValue";
import { hasMiddleware, isTrue, isTruthy, SECURITY_MIDDLEWARE } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";

const PROXY_COMMENT =
  "Behind a proxy or load balancer that terminates TLS, Django sees plain HTTP: set\n" +
  'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") (the proxy must set and strip\n' +
  "that header), or let the proxy redirect instead, or every request redirects forever.";

export const securityW008: CheckRecord = {
  id: "security.W008",
  severity: "warning",
  title: "SECURE_SSL_REDIRECT is not True",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    if (hasMiddleware(context, SECURITY_MIDDLEWARE) !== true) return [];
    if (isTrue(context, "SECURE_SSL_REDIRECT") !== false) return [];
    const setting = context.settings.get("SECURE_SSL_REDIRECT");
    const location = settingLocation(setting, context);
    const alreadyOn = isTruthy(context, "SECURE_SSL_REDIRECT") === true;
    const fix = setSettingFix(context, setting, {
      title: "Set SECURE_SSL_REDIRECT = True",
      applicability: alreadyOn ? "safe" : "unsafe",
      valueText: "True",
      comment: alreadyOn ? undefined : PROXY_COMMENT,
      consequence: alreadyOn
        ? undefined
        : context.dedicatedToProduction
          ? "behind a TLS proxy, needs SECURE_PROXY_SSL_HEADER or it loops"
          : "the development server then redirects to https",
    });
    const followDebug = alreadyOn ? undefined : followDebugFix(context, setting);
    return [
      {
        message: "SECURE_SSL_REDIRECT is not True: plain HTTP is served, not redirected.",
        explanation: `${environmentSentence(setting.value)}Requests over plain HTTP are served instead of redirected to HTTPS. Set it, or make the web server, proxy or load balancer in front of Django redirect.`,
        location,
        fixes: [followDebug, fix].filter((candidate) => candidate !== undefined),
      },
    ];
  },
};
