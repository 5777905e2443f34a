// deploy.W016: SECURE_HSTS_PRELOAD is on but the header does not meet the browsers' preload list:
// it needs a max-age of at least a year and includeSubDomains. Django sends the directive anyway.
// https://hstspreload.org/#submission-requirements
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { setSettingFix } from "../fixes/settingValue";
import { decide, hasMiddleware, isTruthy, SECURITY_MIDDLEWARE } from "../predicates";
import type { CheckRecord, CheckResult, Fix } from "../types";

export const PRELOAD_MINIMUM_SECONDS = 31536000;

const HARD_TO_UNDO =
  "HSTS cannot be withdrawn before it expires, and leaving the preload list takes months:\n" +
  "browsers will refuse plain HTTP for this site (and its subdomains) for this long.";

export const deployW016: CheckRecord = {
  id: "deploy.W016",
  severity: "warning",
  title: "SECURE_HSTS_PRELOAD is on but the header does not qualify for the preload list",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    if (isTruthy(context, "SECURE_HSTS_PRELOAD") !== true) return [];
    if (hasMiddleware(context, SECURITY_MIDDLEWARE) !== true) return [];
    // Without a max-age Django sends no HSTS header at all: security.W004's business.
    if (isTruthy(context, "SECURE_HSTS_SECONDS") !== true) return [];
    const seconds = context.settings.get("SECURE_HSTS_SECONDS");
    const subdomains = context.settings.get("SECURE_HSTS_INCLUDE_SUBDOMAINS");
    const tooShort = decide(seconds.value, (value) =>
      value.kind === "int" || value.kind === "float" ? value.value < PRELOAD_MINIMUM_SECONDS : undefined,
    );
    const noSubdomains = isTruthy(context, "SECURE_HSTS_INCLUDE_SUBDOMAINS") === false;
    if (tooShort !== true && !noSubdomains) return [];
    const missing = [
      ...(tooShort ? [`a max-age of at least ${PRELOAD_MINIMUM_SECONDS} seconds (one year)`] : []),
      ...(noSubdomains ? ["includeSubDomains"] : []),
    ];
    const fixes: Fix[] = [];
    if (tooShort) {
      const fix = setSettingFix(context, seconds, {
        title: `Raise SECURE_HSTS_SECONDS to ${PRELOAD_MINIMUM_SECONDS} (one year; hard to undo)`,
        applicability: "unsafe",
        valueText: String(PRELOAD_MINIMUM_SECONDS),
        comment: HARD_TO_UNDO,
        consequence: "browsers refuse plain HTTP for this site for a year once they have seen it",
      });
      if (fix) fixes.push(fix);
    }
    if (noSubdomains) {
      const fix = setSettingFix(context, subdomains, {
        title: "Set SECURE_HSTS_INCLUDE_SUBDOMAINS = True (every subdomain must serve HTTPS)",
        applicability: "unsafe",
        valueText: "True",
        consequence: "browsers refuse plain HTTP for every subdomain too",
      });
      if (fix) fixes.push(fix);
    }
    const preload = context.settings.get("SECURE_HSTS_PRELOAD");
    return [
      {
        message: "SECURE_HSTS_PRELOAD is on, but the preload list refuses this HSTS header.",
        explanation: `${environmentSentence(preload.value)}Browsers' HSTS preload list accepts a site only when its header has ${missing.join(" and ")}, besides preload; so the preload directive has no effect. Raise them once every page and subdomain is served over HTTPS, knowing that both are hard to undo, or remove SECURE_HSTS_PRELOAD.`,
        location: settingLocation(preload, context),
        related: [
          ...(tooShort
            ? [{ ...settingLocation(seconds, context), message: "SECURE_HSTS_SECONDS is set here" }]
            : []),
          ...(noSubdomains && subdomains.binding
            ? [
                {
                  ...settingLocation(subdomains, context),
                  message: "SECURE_HSTS_INCLUDE_SUBDOMAINS is set here",
                },
              ]
            : []),
        ],
        fixes,
      },
    ];
  },
};
