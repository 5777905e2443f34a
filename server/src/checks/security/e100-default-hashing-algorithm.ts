// security.E100: DEFAULT_HASHING_ALGORITHM is neither 'sha1' nor 'sha256' (Django 3.1 and 3.2 only;
// the setting was removed in 4.0). Not a deploy check, but `check --deploy` prints it too.
// https://docs.djangoproject.com/en/3.2/ref/settings/#default-hashing-algorithm
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { quotedLike, setSettingFix } from "../fixes/settingValue";
import { decide, isHashable } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";

export const securityE100: CheckRecord = {
  id: "security.E100",
  severity: "error",
  title: "DEFAULT_HASHING_ALGORITHM is not 'sha1' or 'sha256'",
  djangoVersions: { to: "3.2" },
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("DEFAULT_HASHING_ALGORITHM");
    const invalid = decide(setting.value, (value) =>
      isHashable(value) !== true
        ? undefined
        : value.kind !== "str" || !["sha1", "sha256"].includes(value.value),
    );
    if (invalid !== true) return [];
    const location = settingLocation(setting, context);
    const fix = setSettingFix(context, setting, {
      title: "Set DEFAULT_HASHING_ALGORITHM = 'sha256'",
      applicability: "unsafe",
      valueText: quotedLike(context, setting, "sha256"),
    });
    return [
      {
        message: "DEFAULT_HASHING_ALGORITHM is neither 'sha1' nor 'sha256'.",
        explanation: `${environmentSentence(setting.value)}The setting only eases the move from Django 3.0 to 3.1; it is gone in 4.0.`,
        location,
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
