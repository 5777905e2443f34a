// deploy.W054: a cookie is sent with SameSite=None but without the Secure flag. Browsers refuse
// such cookies (Chrome since 2020, Firefox, Safari), so the session or CSRF cookie never arrives
// from cross-site contexts — and without Secure it would travel over plain HTTP anyway.
// https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-samesite
import { environmentSentence, holdsForAll, settingLocation, type CheckContext } from "../context";
import { setSettingFix } from "../fixes/settingValue";
import { decide, isTruthy } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";
import { truthiness } from "../../evaluate/values";

const COOKIES = [
  { samesite: "SESSION_COOKIE_SAMESITE", secure: "SESSION_COOKIE_SECURE", cookie: "session" },
  { samesite: "CSRF_COOKIE_SAMESITE", secure: "CSRF_COOKIE_SECURE", cookie: "CSRF" },
] as const;

export const deployW054: CheckRecord = {
  id: "deploy.W054",
  severity: "warning",
  title: "A cookie has SameSite=None without the Secure flag",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    for (const { samesite, secure, cookie } of COOKIES) {
      // With CSRF_USE_SESSIONS, Django sets no CSRF cookie at all.
      if (cookie === "CSRF" && isTruthy(context, "CSRF_USE_SESSIONS") !== false) continue;
      const sameSite = context.settings.get(samesite);
      // Django writes the string as given; browsers compare it without regard to case.
      if (
        !holdsForAll(sameSite.value, (value) => value.kind === "str" && value.value.toLowerCase() === "none")
      )
        continue;
      const flag = context.settings.get(secure);
      // Django sets Secure when the setting is truthy.
      if (decide(flag.value, (value) => negate(truthiness(value))) !== true) continue;
      const elsewhere =
        flag.binding !== undefined && flag.binding.origin.statement.file !== context.profile.file;
      const fix = setSettingFix(context, flag, {
        title: `Set ${secure} = True${elsewhere ? " in the production settings" : ""}`,
        // Production serves HTTPS; a module development shares would lose the cookie over http://.
        applicability: context.dedicatedToProduction ? "safe" : "unsafe",
        valueText: "True",
      });
      results.push({
        message: `The ${cookie} cookie has SameSite=None without Secure: browsers reject it.`,
        explanation: `${environmentSentence(sameSite.value)}${samesite} is "None" while ${secure} is not on. Browsers refuse a cookie that says SameSite=None unless it also says Secure, so the ${cookie} cookie is dropped${cookie === "session" ? " and users cannot stay logged in" : " and form posts fail the CSRF check"}; an insecure cookie would also travel over plain HTTP. Set ${secure} = True (the site must be served over HTTPS).`,
        location: settingLocation(sameSite, context),
        fixes: fix ? [fix] : [],
      });
    }
    return results;
  },
};

function negate(answer: boolean | undefined): boolean | undefined {
  return answer === undefined ? undefined : !answer;
}
