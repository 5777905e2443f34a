// deploy.W013: mail does not leave the server (the console, file, locmem or dummy email backend,
// or on 6.1+ such a backend as MAILERS' default mailer), or it leaves with Django's placeholder
// sender addresses while the project sends mail.
// https://docs.djangoproject.com/en/stable/topics/email/#email-backends
import {
  environmentSentence,
  holdsForAll,
  possibleValues,
  settingLocation,
  type CheckContext,
} from "../context";
import { readFromEnvironmentFix } from "../fixes/readFromEnvironment";
import { decide, singleValue } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";
import { inVersionRange } from "../../django/versions";
import { dictGet, type StrValue, truthiness, type Value } from "../../evaluate/values";
import type { Location } from "../../python/location";

/** Backends that keep mail on the server, with how the message names them. */
const LOCAL_BACKENDS: Record<string, string> = {
  "django.core.mail.backends.console.EmailBackend": "the console backend",
  "django.core.mail.backends.filebased.EmailBackend": "the file backend",
  "django.core.mail.backends.locmem.EmailBackend": "the in-memory backend",
  "django.core.mail.backends.dummy.EmailBackend": "the dummy backend",
};

const ADDRESSES = [
  {
    name: "DEFAULT_FROM_EMAIL",
    variable: "DJANGO_DEFAULT_FROM_EMAIL",
    use: "password reset and other mail",
    sent: sendsMail,
  },
  // Django sends from SERVER_EMAIL only to ADMINS and MANAGERS (error reports, mail_admins,
  // mail_managers): with both empty nothing ever goes out from it, whatever the backend.
  {
    name: "SERVER_EMAIL",
    variable: "DJANGO_SERVER_EMAIL",
    use: "error reports to ADMINS and MANAGERS",
    sent: mailsAdminsOrManagers,
  },
];

export const deployW013: CheckRecord = {
  id: "deploy.W013",
  severity: "warning",
  title: "Mail stays on the server, or is sent from Django's placeholder addresses",
  fixability: "unsafe",
  // Django 6.1 defines no default for MAILERS: a project that sets it has left EMAIL_BACKEND behind.
  thirdPartySettings: ["MAILERS"],
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    const backend = mailBackend(context);
    const local = decide(backend.value, (value) =>
      value.kind === "str" ? value.value in LOCAL_BACKENDS : undefined,
    );
    if (local === true) {
      const names = new Set(
        (possibleValues(backend.value) ?? []).map((value) => LOCAL_BACKENDS[(value as StrValue).value]!),
      );
      const name = names.size === 1 ? [...names][0]! : "a backend that keeps mail on the server";
      results.push({
        message: `${backend.label} is ${name}: no mail leaves the server.`,
        explanation: `${environmentSentence(backend.value)}Password reset links, error reports to ADMINS and every other mail the site sends are ${name === "the dummy backend" ? "thrown away" : "written where nobody reads them"}. Configure a real backend (SMTP or a mail service) for production.`,
        location: backend.location,
      });
      return results;
    }
    for (const address of ADDRESSES) {
      if (!address.sent(context)) continue;
      const setting = context.settings.get(address.name);
      const placeholder = setting.defaultValue;
      if (placeholder?.kind !== "str") continue;
      if (!holdsForAll(setting.value, (value) => value.kind === "str" && value.value === placeholder.value))
        continue;
      const fix = readFromEnvironmentFix(context, setting, address.variable);
      results.push({
        message: `${address.name} is Django's placeholder '${placeholder.value}'.`,
        explanation: `${environmentSentence(setting.value)}The project sends mail, and ${address.use} goes out from this address: mail servers reject or bin it, and replies go nowhere. Set an address of your domain, for example from the environment variable ${address.variable}.`,
        location: settingLocation(setting, context),
        fixes: fix ? [fix] : [],
      });
    }
    return results;
  },
};

/** The backend that sends the site's mail: MAILERS' default mailer on 6.1+ when set, else EMAIL_BACKEND. */
function mailBackend(context: CheckContext): { value: Value; label: string; location: Location } {
  if (inVersionRange(context.djangoVersion, "6.1")) {
    const mailers = context.settings.get("MAILERS");
    if (mailers.binding) {
      const configuration = singleValue(mailers.value);
      const mailer = configuration && dictGet(configuration, "default");
      const known = mailer && singleValue(mailer);
      const backend = known && dictGet(known, "BACKEND");
      const value: Value = backend ?? {
        kind: "unknown",
        reason: "the default mailer's backend is not known",
      };
      return {
        value,
        label: "The default mailer",
        location: backend?.span?.file
          ? { file: backend.span.file, range: backend.span.range }
          : settingLocation(mailers, context),
      };
    }
  }
  const setting = context.settings.get("EMAIL_BACKEND");
  return { value: setting.value, label: "EMAIL_BACKEND", location: settingLocation(setting, context) };
}

/** Whether ADMINS or MANAGERS is surely non-empty: someone receives mail from SERVER_EMAIL. */
function mailsAdminsOrManagers(context: CheckContext): boolean {
  return ["ADMINS", "MANAGERS"].some((name) => decide(context.settings.get(name).value, truthiness) === true);
}

/** Whether the settings show that the project sends mail: admins to notify, or mail configured. */
function sendsMail(context: CheckContext): boolean {
  if (mailsAdminsOrManagers(context)) return true;
  if (context.settings.get("EMAIL_BACKEND").binding || context.settings.get("EMAIL_HOST").binding)
    return true;
  return (
    inVersionRange(context.djangoVersion, "6.1") && context.settings.get("MAILERS").binding !== undefined
  );
}
