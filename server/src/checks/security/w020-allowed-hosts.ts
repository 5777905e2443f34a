// security.W020: ALLOWED_HOSTS must not be empty in production.
// https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts
import { environmentSentence, holdsForAll, settingLocation, type CheckContext } from "../context";
import { setSettingFix } from "../fixes/settingValue";
import type { CheckRecord, CheckResult } from "../types";
import { truthiness } from "../../evaluate/values";

const PLACEHOLDER = '["www.example.com"]';

export const securityW020: CheckRecord = {
  id: "security.W020",
  severity: "warning",
  title: "ALLOWED_HOSTS is empty",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("ALLOWED_HOSTS");
    if (!holdsForAll(setting.value, (value) => truthiness(value) === false)) return [];
    const location = settingLocation(setting, context);
    const fix = setSettingFix(context, setting, {
      title: "Set ALLOWED_HOSTS to your site's host names (replace the placeholder)",
      applicability: "unsafe",
      valueText: PLACEHOLDER,
    });
    return [
      {
        message: "ALLOWED_HOSTS is empty: every request gets 400 Bad Request.",
        explanation: `${environmentSentence(setting.value)}With DEBUG off, Django answers every request with 400 Bad Request. List the host names the site is served under.`,
        location,
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
