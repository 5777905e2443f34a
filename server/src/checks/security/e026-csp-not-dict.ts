// security.E026: SECURE_CSP or SECURE_CSP_REPORT_ONLY is neither a dict nor None (Django 6.0+),
// one error per setting. Not a deploy check, but `check --deploy` prints it too.
// https://docs.djangoproject.com/en/stable/ref/settings/#secure-csp
import { environmentSentence, environmentSource, settingLocation, type CheckContext } from "../context";
import { decide, singleValue } from "../predicates";
import { describeValue } from "../secrets";
import type { CheckRecord, CheckResult } from "../types";

export const securityE026: CheckRecord = {
  id: "security.E026",
  severity: "error",
  title: "SECURE_CSP or SECURE_CSP_REPORT_ONLY is not a dict",
  djangoVersions: { from: "6.0" },
  fixability: "none",
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    for (const name of ["SECURE_CSP", "SECURE_CSP_REPORT_ONLY"]) {
      const setting = context.settings.get(name);
      if (decide(setting.value, (value) => value.kind !== "none" && value.kind !== "dict") !== true) continue;
      const location = settingLocation(setting, context);
      // A value read from the environment is named by the sentence before, not quoted.
      const value = environmentSource(setting.value) ? undefined : singleValue(setting.value);
      results.push({
        message: `${name} is not a dict of directives.`,
        explanation: `${environmentSentence(setting.value)}${name} must be a dict of directives (or None)${value ? `, not ${describeValue(value, name)}` : ""}.`,
        location,
      });
    }
    return results;
  },
};
