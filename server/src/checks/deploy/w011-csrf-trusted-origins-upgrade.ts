// deploy.W011: on Django 3.2, an entry of CSRF_TRUSTED_ORIGINS has no scheme. That is 3.2's own form
// (a host name compared with the Referer's), but Django 4.0 refuses to start with it (4_0.E001),
// so the upgrade needs it changed. From 4.0 on, 4_0.E001 reports the same entries: the two
// never both run, since each is limited to its versions.
// https://docs.djangoproject.com/en/stable/releases/4.0/#csrf-trusted-origins-changes
import { environmentSentence, shorten, type CheckContext } from "../context";
import { prefixScheme, schemelessOrigins } from "../trustedOrigins";
import type { CheckRecord, CheckResult } from "../types";

export const deployW011: CheckRecord = {
  id: "deploy.W011",
  severity: "warning",
  title: "An entry of CSRF_TRUSTED_ORIGINS has no scheme (Django 4.0 refuses it)",
  // From 4.0 on, Django's own 4_0.E001 reports these entries.
  djangoVersions: { to: "3.2" },
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    return schemelessOrigins(context).map(({ item, text, location }) => {
      const fix = prefixScheme(context, item, {
        title: "Prefix the origin with https:// (the form Django 4.0 requires; apply it with the upgrade)",
        applicability: "unsafe",
        consequence: "on Django 3.2 the entry then matches no Referer",
      });
      return {
        message: `CSRF_TRUSTED_ORIGINS entry ${text !== undefined ? `'${shorten(text)}' ` : ""}has no scheme: Django 4.0 refuses it.`,
        explanation: `${environmentSentence(item)}Django 3.2 compares these entries with the host name of the Referer header, so a host name is right today. From Django 4.0 each entry must be an origin with its scheme ('https://example.com'), and a host name stops the site from starting (4_0.E001). Change the entries together with the upgrade: on 3.2 an entry with a scheme matches nothing.`,
        location,
        fixes: fix ? [fix] : [],
      };
    });
  },
};
