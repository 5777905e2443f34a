// security.W009: SECRET_KEY is empty, short, repetitive or Django's generated insecure key.
// https://docs.djangoproject.com/en/stable/ref/settings/#secret-key
import {
  environmentSentence,
  holdsForAll,
  possibleValues,
  settingLocation,
  type CheckContext,
} from "../context";
import { secretKeyFromEnvironment } from "../fixes/secretKey";
import type { CheckRecord, CheckResult } from "../types";
import { truthiness, type KnownValue, type Value } from "../../evaluate/values";

export const SECRET_KEY_MIN_LENGTH = 50;
export const SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5;
export const SECRET_KEY_INSECURE_PREFIX = "django-insecure-";

/** Why Django's rule (identical from 3.2 on) rejects a key, or undefined when it passes. */
export function weakKeyReason(value: KnownValue): string | undefined {
  if (truthiness(value) === false) return "it is empty";
  if (value.kind !== "str") return undefined;
  const characters = [...value.value];
  if (value.value.startsWith(SECRET_KEY_INSECURE_PREFIX))
    return `it starts with '${SECRET_KEY_INSECURE_PREFIX}' (made by startproject)`;
  if (characters.length < SECRET_KEY_MIN_LENGTH)
    return `it has ${characters.length} characters, fewer than ${SECRET_KEY_MIN_LENGTH}`;
  const unique = new Set(characters).size;
  if (unique < SECRET_KEY_MIN_UNIQUE_CHARACTERS)
    return `it has only ${unique} distinct characters, fewer than ${SECRET_KEY_MIN_UNIQUE_CHARACTERS}`;
  return undefined;
}

/**
 * A key read from a variable with no default of its own (`os.environ.get("SECRET_KEY") or None`),
 * empty only while the variable is unset: the variable is required, and Django refuses to start
 * without it. An explicit empty default (`os.environ.get("SECRET_KEY", "")`) is the project's own
 * choice, and Django's check reports it.
 */
function requiredVariable(value: Value): boolean {
  if (value.kind === "oneOf") return value.options.some(requiredVariable);
  return (
    value.kind === "env" &&
    !value.setBy &&
    !value.explicitDefault &&
    value.default !== undefined &&
    truthiness(value.default) === false
  );
}

export const securityW009: CheckRecord = {
  id: "security.W009",
  severity: "warning",
  title: "SECRET_KEY is weak",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("SECRET_KEY");
    if (requiredVariable(setting.value)) return [];
    if (!holdsForAll(setting.value, (value) => weakKeyReason(value) !== undefined)) return [];
    const reasons = new Set((possibleValues(setting.value) ?? []).map((value) => weakKeyReason(value)));
    const reason = [...reasons].filter(Boolean).join("; ");
    const fix = secretKeyFromEnvironment(setting, context);
    return [
      {
        message: `SECRET_KEY is weak: ${reason}.`,
        explanation: `${environmentSentence(setting.value)}Django signs sessions, password reset links and CSRF tokens with it; generate a long random value (at least ${SECRET_KEY_MIN_LENGTH} characters, ${SECRET_KEY_MIN_UNIQUE_CHARACTERS} distinct, without the '${SECRET_KEY_INSECURE_PREFIX}' prefix).`,
        location: settingLocation(setting, context),
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
