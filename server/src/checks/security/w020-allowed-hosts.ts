// security.W020: ALLOWED_HOSTS must not be empty in production.
// https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts
import { environmentNote, holdsForAll, insertSetting, settingLocation, type CheckContext } from "../context";
import type { CheckRecord, CheckResult, Fix } from "../types";
import { truthiness } from "../../model/values";

const PLACEHOLDER = '["www.example.com"]';

export const securityW020: CheckRecord = {
  id: "security.W020",
  severity: "warning",
  title: "ALLOWED_HOSTS is empty",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("ALLOWED_HOSTS");
    if (!holdsForAll(setting.value, (value) => truthiness(value) === false)) return [];
    const valueSpan = setting.binding?.origin.value;
    const title = "Set ALLOWED_HOSTS to your site's host names (replace the placeholder)";
    const fix: Fix | undefined = valueSpan
      ? setting.value.kind === "list" || setting.value.kind === "tuple"
        ? {
            title,
            applicability: "unsafe",
            edits: [{ file: valueSpan.file, range: valueSpan.range, newText: PLACEHOLDER }],
          }
        : undefined
      : setting.binding
        ? undefined
        : { title, applicability: "unsafe", edits: [insertSetting(context, "ALLOWED_HOSTS", PLACEHOLDER)] };
    return [
      {
        message: `ALLOWED_HOSTS is empty${environmentNote(setting.value)}: with DEBUG off, Django answers every request with 400 Bad Request. List the host names the site is served under.`,
        location: settingLocation(setting, context),
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
