// caches.E001: CACHES has no 'default' alias. Not a deploy check, but `check --deploy` prints it too.
// https://docs.djangoproject.com/en/stable/ref/settings/#caches
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { containsString, decide } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";

export const cachesE001: CheckRecord = {
  id: "caches.E001",
  severity: "error",
  title: "CACHES has no 'default' cache",
  fixability: "none",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("CACHES");
    const missing = decide(setting.value, (value) => {
      if (value.kind !== "dict") return undefined;
      const present = containsString(value, "default");
      return present === undefined ? undefined : !present;
    });
    if (missing !== true) return [];
    const location = settingLocation(setting, context);
    return [
      {
        message: "CACHES has no 'default' cache.",
        explanation: `${environmentSentence(setting.value)}Django and most apps use the cache under that name, and Django refuses to start without it. Name one of the caches 'default'.`,
        location,
      },
    ];
  },
};
