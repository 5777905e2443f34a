// deploy.W001: SECRET_KEY is written in the settings module, so it is in version control.
// https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key
import { settingLocation, type CheckContext } from "../context";
import { SECRET_KEY_VARIABLE, secretKeyFromEnvironment } from "../fixes/secretKey";
import type { CheckRecord, CheckResult } from "../types";
import { weakKeyReason } from "../security/w009-secret-key";

export const deployW001: CheckRecord = {
  id: "deploy.W001",
  severity: "warning",
  title: "SECRET_KEY is a literal in the settings module",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("SECRET_KEY");
    if (setting.value.kind !== "str" || setting.value.value === "" || !setting.binding) return [];
    // A weak literal is security.W009's finding, with the same fix: one diagnostic, not two.
    if (weakKeyReason(setting.value) !== undefined) return [];
    const fix = secretKeyFromEnvironment(setting, context);
    return [
      {
        message: "SECRET_KEY is written in the settings, so it is in version control.",
        explanation: `Everyone who can read the repository can forge sessions and password reset links. Load it from the environment (for example ${SECRET_KEY_VARIABLE}) or a file outside version control.`,
        location: settingLocation(setting, context),
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
