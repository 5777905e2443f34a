// deploy.W011: on Django 3.2, an entry of CSRF_TRUSTED_ORIGINS has no scheme. That is 3.2's own form
// (a host name compared with the Referer's), but Django 4.0 refuses to start with it (4_0.E001),
// so the upgrade needs it changed. From 4.0 on, 4_0.E001 reports the same entries: the two
// never both run, since each is limited to its versions.
// https://docs.djangoproject.com/en/stable/releases/4.0/#csrf-trusted-origins-changes
import {
  environmentSentence,
  offsetToPosition,
  settingLocation,
  shorten,
  type CheckContext,
} from "../context";
import { PLAIN_STRING } from "../listItemEdits";
import { decide, singleValue } from "../predicates";
import type { CheckRecord, CheckResult, Fix } from "../types";
import type { Value } from "../../evaluate/values";
import type { Location } from "../../python/location";

export const deployW011: CheckRecord = {
  id: "deploy.W011",
  severity: "warning",
  title: "An entry of CSRF_TRUSTED_ORIGINS has no scheme (Django 4.0 refuses it)",
  // From 4.0 on, Django's own 4_0.E001 reports these entries.
  djangoVersions: { to: "3.2" },
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("CSRF_TRUSTED_ORIGINS");
    const origins = singleValue(setting.value);
    if (!origins || (origins.kind !== "list" && origins.kind !== "tuple")) return [];
    const results: CheckResult[] = [];
    for (const item of origins.items) {
      const missing = decide(item, (value) =>
        value.kind === "str" ? !value.value.includes("://") : undefined,
      );
      if (missing !== true) continue;
      const origin = singleValue(item);
      const location: Location = item.span?.file
        ? { file: item.span.file, range: item.span.range }
        : settingLocation(setting, context);
      const fix = prefixScheme(context, item);
      results.push({
        message: `CSRF_TRUSTED_ORIGINS entry ${origin?.kind === "str" ? `'${shorten(origin.value)}' ` : ""}has no scheme: Django 4.0 refuses it.`,
        explanation: `${environmentSentence(item)}Django 3.2 compares these entries with the host name of the Referer header, so a host name is right today. From Django 4.0 each entry must be an origin with its scheme ('https://example.com'), and a host name stops the site from starting (4_0.E001). Change the entries together with the upgrade: on 3.2 an entry with a scheme matches nothing.`,
        location,
        fixes: fix ? [fix] : [],
      });
    }
    return results;
  },
};

/**
 * Puts `https://` inside a plain string literal written in the production module. Unsafe: on 3.2
 * the entry then no longer matches, so it belongs with the upgrade to 4.0.
 */
function prefixScheme(context: CheckContext, item: Value): Fix | undefined {
  const span = item.span;
  if (!span || span.file !== context.profile.file || item.kind !== "str") return undefined;
  const text = context.source(span.file);
  if (text === undefined || !PLAIN_STRING.test(text.slice(span.from, span.to))) return undefined;
  const quote = text.slice(span.from, span.to).search(/['"]/);
  const position = offsetToPosition(text, span.from + quote + 1);
  return {
    title: "Prefix the origin with https:// (the form Django 4.0 requires; apply it with the upgrade)",
    applicability: "unsafe",
    consequence: "on Django 3.2 the entry then matches no Referer",
    edits: [{ file: span.file, range: { start: position, end: position }, newText: "https://" }],
  };
}
