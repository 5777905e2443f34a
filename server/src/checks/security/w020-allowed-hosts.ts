// security.W020: ALLOWED_HOSTS must not be empty in production.
// https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts
import { environmentSentence, holdsForAll, settingLocation, type CheckContext } from "../context";
import { envExampleEdit } from "../fixes/developmentFriendly";
import { environmentReadStyle } from "../fixes/environmentRead";
import { setSettingFix } from "../fixes/settingValue";
import type { CheckRecord, CheckResult } from "../types";
import { truthiness } from "../../evaluate/values";

/** What the user must type over; never a plausible host name, which would deploy unnoticed. */
const PLACEHOLDER = "<your host name>";
const VARIABLE = "DJANGO_ALLOWED_HOSTS";

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
      title: "Set ALLOWED_HOSTS to your site's host names (type over the placeholder)",
      applicability: "unsafe",
      valueText: `["${PLACEHOLDER}"]`,
      placeholder: PLACEHOLDER,
      consequence: "type the real host names, or every request still gets 400",
    });
    const text = context.source(context.profile.file);
    const style = text === undefined ? undefined : environmentReadStyle(context.profileModule, text);
    const read =
      style &&
      setSettingFix(context, setting, {
        title: `Read ALLOWED_HOSTS from the environment variable ${VARIABLE} (comma-separated)`,
        applicability: "unsafe",
        valueText: style.list(VARIABLE),
        consequence: `the site stops starting until ${VARIABLE} is set${context.dedicatedToProduction ? "" : ", in development too"}`,
      });
    const documented = context.dedicatedToProduction
      ? undefined
      : envExampleEdit(context, VARIABLE, "localhost,127.0.0.1", "The host names the site answers to.");
    const fromEnvironment = read &&
      style && { ...read, edits: [...style.setup, ...read.edits, ...(documented ? [documented] : [])] };
    return [
      {
        message: "ALLOWED_HOSTS is empty: every request gets 400 Bad Request.",
        explanation: `${environmentSentence(setting.value)}With DEBUG off, Django answers every request with 400 Bad Request. List the host names the site is served under.`,
        location,
        fixes: [fromEnvironment, fix].filter((candidate) => candidate !== undefined),
      },
    ];
  },
};
