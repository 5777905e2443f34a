// security.E024: SECURE_CROSS_ORIGIN_OPENER_POLICY holds a value that is not a policy (Django 4.0+).
// https://docs.djangoproject.com/en/stable/ref/middleware/#cross-origin-opener-policy
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { quotedLike, setSettingFix } from "../fixes/settingValue";
import { decide, hasMiddleware, isHashable, SECURITY_MIDDLEWARE } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";

export const CROSS_ORIGIN_OPENER_POLICY_VALUES = ["same-origin", "same-origin-allow-popups", "unsafe-none"];

export const securityE024: CheckRecord = {
  id: "security.E024",
  severity: "error",
  title: "SECURE_CROSS_ORIGIN_OPENER_POLICY is invalid",
  djangoVersions: { from: "4.0" },
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    if (hasMiddleware(context, SECURITY_MIDDLEWARE) !== true) return [];
    const setting = context.settings.get("SECURE_CROSS_ORIGIN_OPENER_POLICY");
    // `value not in {…}`: None turns the header off; an unhashable value makes Python raise.
    const invalid = decide(setting.value, (value) => {
      if (value.kind === "none") return false;
      if (isHashable(value) !== true) return undefined;
      return value.kind !== "str" || !CROSS_ORIGIN_OPENER_POLICY_VALUES.includes(value.value);
    });
    if (invalid !== true) return [];
    const location = settingLocation(setting, context);
    const fix = setSettingFix(context, setting, {
      title: "Set SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same-origin'",
      applicability: "unsafe",
      valueText: quotedLike(context, setting, "same-origin"),
    });
    return [
      {
        message: "SECURE_CROSS_ORIGIN_OPENER_POLICY is not a valid policy.",
        explanation: `${environmentSentence(setting.value)}Valid values: ${CROSS_ORIGIN_OPENER_POLICY_VALUES.join(", ")} (or None to send no header).`,
        location,
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
