// security.W019: XFrameOptionsMiddleware is on but X_FRAME_OPTIONS is not 'DENY'.
// https://docs.djangoproject.com/en/stable/ref/clickjacking/#setting-x-frame-options-for-all-responses
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { quotedLike, setSettingFix } from "../fixes/settingValue";
import { decide, hasMiddleware, XFRAME_MIDDLEWARE } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";
import { pythonEquals, str } from "../../evaluate/values";

export const securityW019: CheckRecord = {
  id: "security.W019",
  severity: "warning",
  title: "X_FRAME_OPTIONS is not 'DENY'",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    if (hasMiddleware(context, XFRAME_MIDDLEWARE) !== true) return [];
    const setting = context.settings.get("X_FRAME_OPTIONS");
    // Django compares with ==, case-sensitively: 'deny' fires.
    if (decide(setting.value, (value) => pythonEquals(value, str("DENY"))) !== false) return [];
    const location = settingLocation(setting, context);
    // 'SAMEORIGIN' lets the site frame its own pages on purpose; other values (a different case of
    // DENY, a value browsers ignore) are mistakes that DENY corrects.
    const sameOrigin = decide(
      setting.value,
      (value) => value.kind === "str" && value.value.toUpperCase() === "SAMEORIGIN",
    );
    const fix = setSettingFix(context, setting, {
      title: "Set X_FRAME_OPTIONS = 'DENY'",
      applicability: sameOrigin === false ? "safe" : "unsafe",
      valueText: quotedLike(context, setting, "DENY"),
    });
    return [
      {
        message: "X_FRAME_OPTIONS is not 'DENY'.",
        explanation: `${environmentSentence(setting.value)}'${XFRAME_MIDDLEWARE}' is in MIDDLEWARE. Unless the site frames its own pages on purpose, use 'DENY'.`,
        location,
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
