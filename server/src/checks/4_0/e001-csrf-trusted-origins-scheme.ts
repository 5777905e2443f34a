// 4_0.E001: an entry of CSRF_TRUSTED_ORIGINS has no scheme (Django 4.0+ requires one, e.g.
// 'https://example.com'). Not a deploy check, but `check --deploy` prints it too.
// https://docs.djangoproject.com/en/stable/ref/settings/#csrf-trusted-origins
import {
  environmentSentence,
  shorten,
  offsetToPosition,
  settingLocation,
  type CheckContext,
} from "../context";
import { decide, singleValue } from "../predicates";
import type { CheckRecord, CheckResult, Fix } from "../types";
import type { Location } from "../../python/location";
import type { Value } from "../../evaluate/values";

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
    if (!origins || (origins.kind !== "list" && origins.kind !== "tuple" && origins.kind !== "set"))
      return [];
    const results: CheckResult[] = [];
    for (const item of origins.items) {
      const missing = decide(item, (value) =>
        value.kind === "str" ? !value.value.includes("://") : undefined,
      );
      if (missing !== true) continue;
      const origin = singleValue(item);
      const location: Location =
        item.span && item.span.file
          ? { file: item.span.file, range: item.span.range }
          : settingLocation(setting, context);
      const fix = prefixScheme(context, item);
      results.push({
        message: `CSRF_TRUSTED_ORIGINS entry ${origin?.kind === "str" ? `'${shorten(origin.value)}' ` : ""}has no scheme.`,
        explanation: `${environmentSentence(item)}Since Django 4.0 each entry must start with a scheme, usually 'https://'; Django refuses to start otherwise.`,
        location,
        fixes: fix ? [fix] : [],
      });
    }
    return results;
  },
};

/** Puts `https://` inside a plain string literal written in the production module. */
function prefixScheme(context: CheckContext, item: Value): Fix | undefined {
  const span = item.span;
  if (!span || span.file !== context.profile.file || item.kind !== "str") return undefined;
  const text = context.source(span.file);
  const literal = text?.slice(span.from, span.to);
  if (!text || !literal || !/^(['"])[^'"\\\n]*\1$/.test(literal)) return undefined;
  const position = offsetToPosition(text, span.from + 1);
  return {
    title: "Prefix the origin with https://",
    applicability: "unsafe",
    edits: [{ file: span.file, range: { start: position, end: position }, newText: "https://" }],
  };
}
