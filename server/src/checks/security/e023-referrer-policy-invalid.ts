// security.E023: SECURE_REFERRER_POLICY holds a value that is not a referrer policy.
// https://docs.djangoproject.com/en/stable/ref/settings/#secure-referrer-policy
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { quotedLike, setSettingFix } from "../fixes/settingValue";
import {
  decide,
  hasMiddleware,
  isHashable,
  pythonStrip,
  SECURITY_MIDDLEWARE,
  singleValue,
} from "../predicates";
import type { CheckRecord, CheckResult } from "../types";
import type { KnownValue } from "../../evaluate/values";

export const REFERRER_POLICY_VALUES = [
  "no-referrer",
  "no-referrer-when-downgrade",
  "origin",
  "origin-when-cross-origin",
  "same-origin",
  "strict-origin",
  "strict-origin-when-cross-origin",
  "unsafe-url",
];

/**
 * Django's test: a string is split on commas and each piece stripped; any other value is made a
 * set. Every piece must be one of the policies, case-sensitively. Undefined when Python would raise
 * (an int, a Path, an unhashable item) or an item is not known.
 */
export function invalidReferrerPolicy(value: KnownValue): boolean | undefined {
  if (value.kind === "none") return false;
  if (value.kind === "str")
    return value.value.split(",").some((piece) => !REFERRER_POLICY_VALUES.includes(pythonStrip(piece)));
  const items =
    value.kind === "list" || value.kind === "tuple" || value.kind === "set"
      ? value.items
      : value.kind === "dict"
        ? value.entries.map((entry) => entry.key)
        : undefined;
  if (!items) return undefined;
  let invalid = false;
  for (const item of items) {
    if (isHashable(item) !== true) return undefined;
    const known = singleValue(item)!;
    if (known.kind !== "str" || !REFERRER_POLICY_VALUES.includes(known.value)) invalid = true;
  }
  return invalid;
}

export const securityE023: CheckRecord = {
  id: "security.E023",
  severity: "error",
  title: "SECURE_REFERRER_POLICY is invalid",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    if (hasMiddleware(context, SECURITY_MIDDLEWARE) !== true) return [];
    const setting = context.settings.get("SECURE_REFERRER_POLICY");
    if (decide(setting.value, invalidReferrerPolicy) !== true) return [];
    const location = settingLocation(setting, context);
    const fix = setSettingFix(context, setting, {
      title: "Set SECURE_REFERRER_POLICY = 'same-origin'",
      applicability: "unsafe",
      valueText: quotedLike(context, setting, "same-origin"),
    });
    return [
      {
        message: "SECURE_REFERRER_POLICY is not a valid referrer policy.",
        explanation: `${environmentSentence(setting.value)}Valid values (case-sensitive; several may be given as a comma-separated string or a list): ${REFERRER_POLICY_VALUES.join(", ")}.`,
        location,
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
