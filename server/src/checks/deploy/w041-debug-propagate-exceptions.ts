// deploy.W041: DEBUG_PROPAGATE_EXCEPTIONS is on in production, so Django lets exceptions reach the
// server instead of answering with its 500 page and logging them (with the request) to its loggers.
// https://docs.djangoproject.com/en/stable/ref/settings/#debug-propagate-exceptions
import { environmentSentence, holdsForAll, settingLocation, type CheckContext } from "../context";
import { setSettingFix } from "../fixes/settingValue";
import type { CheckRecord, CheckResult } from "../types";
import { truthiness } from "../../evaluate/values";

export const deployW041: CheckRecord = {
  id: "deploy.W041",
  severity: "warning",
  title: "DEBUG_PROPAGATE_EXCEPTIONS is on in production",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("DEBUG_PROPAGATE_EXCEPTIONS");
    if (!holdsForAll(setting.value, (value) => truthiness(value) === true)) return [];
    const elsewhere =
      setting.binding !== undefined && setting.binding.origin.statement.file !== context.profile.file;
    const fix = setSettingFix(context, setting, {
      title: `Set DEBUG_PROPAGATE_EXCEPTIONS = False${elsewhere ? " in the production settings" : ""}`,
      // In a module only production runs, turning it off is what the deployment checklist wants; in a
      // module development shares, tests or tools that rely on seeing the exception change too.
      applicability: context.dedicatedToProduction ? "safe" : "unsafe",
      valueText: "False",
    });
    return [
      {
        message: "DEBUG_PROPAGATE_EXCEPTIONS is on: errors bypass Django's 500 page and error logging.",
        explanation: `${environmentSentence(setting.value)}With it on, an exception in a view is not turned into Django's 500 response: it propagates to the WSGI or ASGI server, which answers with its own error page, and Django neither logs it to the django.request logger nor mails ADMINS. It exists for tests and special set-ups; turn it off in production.`,
        location: settingLocation(setting, context),
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
