// 4_0.E001: an entry of CSRF_TRUSTED_ORIGINS has no scheme (Django 4.0+ requires one, e.g.
// 'https://example.com'). Not a deploy check, but `check --deploy` prints it too.
// https://docs.djangoproject.com/en/stable/ref/settings/#csrf-trusted-origins
import { environmentSentence, settingLocation, shorten, type CheckContext } from "../context";
import { singleValue } from "../predicates";
import { prefixScheme, schemelessOrigins } from "../trustedOrigins";
import type { CheckRecord, CheckResult } from "../types";

export const django40E001: CheckRecord = {
  id: "4_0.E001",
  severity: "error",
  title: "An entry of CSRF_TRUSTED_ORIGINS has no scheme",
  djangoVersions: { from: "4.0" },
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("CSRF_TRUSTED_ORIGINS");
    const origins = singleValue(setting.value);
    if (origins?.kind === "str" && origins.value.length > 0) {
      // Django iterates over the setting: over a string, character by character, and no character
      // holds "://", so it reports every one (one finding here, which says how many).
      return [
        {
          message: "CSRF_TRUSTED_ORIGINS is a string, not a list of origins.",
          explanation: `${environmentSentence(setting.value)}Django reads each of its ${origins.value.length} characters as an origin without a scheme and refuses to start. Write a list: ["${shorten(origins.value)}"] (a value read from the environment needs .split(",")).`,
          location: settingLocation(setting, context),
        },
      ];
    }
    return schemelessOrigins(context).map(({ item, text, location }) => {
      const fix = prefixScheme(context, item, {
        title: "Prefix the origin with https://",
        applicability: "unsafe",
      });
      return {
        message: `CSRF_TRUSTED_ORIGINS entry ${text !== undefined ? `'${shorten(text)}' ` : ""}has no scheme.`,
        explanation: `${environmentSentence(item)}Since Django 4.0 each entry must start with a scheme, usually 'https://'; Django refuses to start otherwise.`,
        location,
        fixes: fix ? [fix] : [],
      };
    });
  },
};
