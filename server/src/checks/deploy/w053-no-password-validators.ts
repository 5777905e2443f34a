// deploy.W053: AUTH_PASSWORD_VALIDATORS is empty while django.contrib.auth is installed, so users
// may choose any password at all ("1", their user name).
// https://docs.djangoproject.com/en/stable/topics/auth/passwords/#module-django.contrib.auth.password_validation
import { environmentSentence, possibleValues, settingLocation, type CheckContext } from "../context";
import { setSettingFix } from "../fixes/settingValue";
import { settingContains } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";
import { truthiness } from "../../evaluate/values";

const VALIDATION = "django.contrib.auth.password_validation.";
/** The four validators `startproject` writes, in its order. */
const STANDARD_VALIDATORS = [
  "UserAttributeSimilarityValidator",
  "MinimumLengthValidator",
  "CommonPasswordValidator",
  "NumericPasswordValidator",
];

export const deployW053: CheckRecord = {
  id: "deploy.W053",
  severity: "warning",
  title: "AUTH_PASSWORD_VALIDATORS is empty while django.contrib.auth is installed",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    if (settingContains(context, "INSTALLED_APPS", "django.contrib.auth") !== true) return [];
    const setting = context.settings.get("AUTH_PASSWORD_VALIDATORS");
    const values = possibleValues(setting.value);
    if (!values || !values.every((value) => truthiness(value) === false)) return [];
    const valueText = `[\n${STANDARD_VALIDATORS.map((name) => `    {"NAME": "${VALIDATION}${name}"},\n`).join("")}]`;
    const fix = setSettingFix(context, setting, {
      title: "Use Django's four standard password validators",
      // New and changed passwords that were accepted before are then refused.
      applicability: "unsafe",
      valueText,
    });
    return [
      {
        message: "No password validators: users may choose any password, however weak.",
        explanation: `${environmentSentence(setting.value)}AUTH_PASSWORD_VALIDATORS is ${setting.binding ? "empty" : "Django's default, an empty list"}, so the password forms of django.contrib.auth (and createsuperuser) accept any password: "1", "password", the user's own name. Add validators; startproject writes four: similarity to the user's attributes, a minimum length, a list of common passwords, and not only digits.`,
        location: settingLocation(setting, context),
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
