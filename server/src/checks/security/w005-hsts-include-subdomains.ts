// security.W005: HSTS is on but does not cover subdomains.
// https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-include-subdomains
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { setSettingFix } from "../fixes/settingValue";
import { hasMiddleware, isTrue, isTruthy, SECURITY_MIDDLEWARE } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";

export const securityW005: CheckRecord = {
  id: "security.W005",
  severity: "warning",
  title: "SECURE_HSTS_INCLUDE_SUBDOMAINS is not True",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    if (hasMiddleware(context, SECURITY_MIDDLEWARE) !== true) return [];
    if (isTruthy(context, "SECURE_HSTS_SECONDS") !== true) return [];
    if (isTrue(context, "SECURE_HSTS_INCLUDE_SUBDOMAINS") !== false) return [];
    const setting = context.settings.get("SECURE_HSTS_INCLUDE_SUBDOMAINS");
    const location = settingLocation(setting, context);
    // Django's middleware only tests truthiness: turning a truthy value into True changes nothing.
    const alreadyOn = isTruthy(context, "SECURE_HSTS_INCLUDE_SUBDOMAINS") === true;
    const fix = setSettingFix(context, setting, {
      title: "Set SECURE_HSTS_INCLUDE_SUBDOMAINS = True",
      applicability: alreadyOn ? "safe" : "unsafe",
      valueText: "True",
    });
    return [
      {
        message: "SECURE_HSTS_INCLUDE_SUBDOMAINS is not True: HSTS leaves subdomains out.",
        explanation: `${environmentSentence(setting.value)}The HSTS header does not cover subdomains, which stay open to attacks over plain HTTP. Set it only when every subdomain is served over HTTPS alone.`,
        location,
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
