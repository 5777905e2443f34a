// urls.E006: STATIC_URL or MEDIA_URL does not end with a slash. Not a deploy check, but
// `check --deploy` prints it too.
// https://docs.djangoproject.com/en/stable/ref/settings/#static-url
import { environmentSentence, offsetToPosition, settingLocation, type CheckContext } from "../context";
import { quotedLike, setSettingFix } from "../fixes/settingValue";
import { decide, singleValue } from "../predicates";
import type { CheckRecord, CheckResult, Fix } from "../types";
import type { EffectiveSetting } from "../../resolve/effectiveSettings";
import { isKnown } from "../../evaluate/values";

export const urlsE006: CheckRecord = {
  id: "urls.E006",
  severity: "error",
  title: "STATIC_URL or MEDIA_URL does not end with a slash",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    for (const name of ["STATIC_URL", "MEDIA_URL"]) {
      const setting = context.settings.get(name);
      // Django first prefixes a relative value with the script prefix ('' becomes '/'), then
      // requires a trailing slash. A value that is not a string makes Django raise instead.
      const missingSlash = decide(setting.value, (value) => {
        if (value.kind === "none") return false;
        if (value.kind !== "str") return undefined;
        return value.value !== "" && !value.value.endsWith("/");
      });
      if (missingSlash !== true) continue;
      const location = settingLocation(setting, context);
      const fix = appendSlash(context, setting);
      results.push({
        message: `${name} does not end with a slash.`,
        explanation: `${environmentSentence(setting.value)}Django joins file names straight onto it, so the URLs it builds are wrong.`,
        location,
        fixes: fix ? [fix] : [],
      });
    }
    return results;
  },
};

/** Adds the slash inside a plain string literal written in the production module. */
function appendSlash(context: CheckContext, setting: EffectiveSetting): Fix | undefined {
  const title = "Add the trailing slash";
  if (setting.binding && setting.binding.origin.statement.file !== context.profile.file) {
    // Decided in a module production shares: set the corrected value in the production module.
    const value = singleValue(setting.value);
    if (value?.kind !== "str" || /['"\\\n]/.test(value.value)) return undefined;
    return setSettingFix(context, setting, {
      title,
      applicability: "safe",
      valueText: quotedLike(context, setting, `${value.value}/`),
    });
  }
  const span = setting.binding?.origin.value;
  if (!span || span.file !== context.profile.file || setting.binding?.assignment) return undefined;
  if (!isKnown(setting.value) || setting.value.span?.from !== span.from) return undefined;
  const text = context.source(span.file);
  const literal = text?.slice(span.from, span.to);
  if (!text || !literal || !/^(['"])[^'"\\\n]*\1$/.test(literal)) return undefined;
  const position = offsetToPosition(text, span.to - 1);
  return {
    title,
    applicability: "safe",
    edits: [{ file: span.file, range: { start: position, end: position }, newText: "/" }],
  };
}
