// security.W025: an entry of SECRET_KEY_FALLBACKS is weak (Django 4.1+), one warning per entry.
// https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks
import { environmentSentence, possibleValues, settingLocation, type CheckContext } from "../context";
import { decide, singleValue } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";
import { SECRET_KEY_MIN_LENGTH, weakKeyReason } from "./w009-secret-key";
import type { Location } from "../../python/location";

export const securityW025: CheckRecord = {
  id: "security.W025",
  severity: "warning",
  title: "An entry of SECRET_KEY_FALLBACKS is weak",
  djangoVersions: { from: "4.1" },
  fixability: "none",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("SECRET_KEY_FALLBACKS");
    const fallbacks = singleValue(setting.value);
    if (!fallbacks || (fallbacks.kind !== "list" && fallbacks.kind !== "tuple")) return [];
    const results: CheckResult[] = [];
    fallbacks.items.forEach((item, index) => {
      // Django's rule for SECRET_KEY, applied to each entry: an empty string fails too.
      const weak = decide(item, (value) =>
        value.kind === "str" ? weakKeyReason(value) !== undefined : undefined,
      );
      if (weak !== true) return;
      const reason = [...new Set((possibleValues(item) ?? []).map((value) => weakKeyReason(value)))]
        .filter(Boolean)
        .join("; ");
      const location: Location =
        item.span && item.span.file
          ? { file: item.span.file, range: item.span.range }
          : settingLocation(setting, context);
      results.push({
        message: `SECRET_KEY_FALLBACKS[${index}] is weak${reason ? `: ${reason}` : ""}.`,
        explanation: `${environmentSentence(item)}Old keys still verify signatures until they are removed, so a weak one lets an attacker forge sessions and tokens; keep only long random keys (at least ${SECRET_KEY_MIN_LENGTH} characters) here, and drop old ones once rotated out.`,
        location,
      });
    });
    return results;
  },
};
