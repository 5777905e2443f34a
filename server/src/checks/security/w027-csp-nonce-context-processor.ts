// security.W027: the CSP middleware sends a nonce that templates cannot use, because the csp
// context processor is missing (Django 6.1+). Not a deploy check, but `check --deploy` prints it.
// https://docs.djangoproject.com/en/stable/ref/csp/#nonce-usage
import { settingLocation, type CheckContext } from "../context";
import { decide, hasMiddleware, singleValue } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";
import { CSP_NONCE } from "../../django/libraries";
import { dictGet, type KnownValue, type Value } from "../../evaluate/values";

export const CSP_MIDDLEWARE = "django.middleware.csp.ContentSecurityPolicyMiddleware";
export const CSP_CONTEXT_PROCESSOR = "django.template.context_processors.csp";

/** Whether a policy dict has a directive that equals or contains the nonce placeholder. */
function usesNonce(policy: KnownValue): boolean | undefined {
  if (policy.kind === "none") return false;
  if (policy.kind !== "dict") return undefined;
  let unsure = false;
  for (const entry of policy.entries) {
    const value = singleValue(entry.value);
    if (!value) {
      unsure = true;
      continue;
    }
    if (value.kind === "str" && value.value.includes(CSP_NONCE)) return true;
    if (value.kind === "list" || value.kind === "tuple" || value.kind === "set") {
      for (const item of value.items) {
        const known = singleValue(item);
        if (!known) unsure = true;
        else if (known.kind === "str" && known.value === CSP_NONCE) return true;
      }
    }
  }
  return unsure ? undefined : false;
}

/** Whether some template engine lists the csp context processor. */
function hasContextProcessor(templates: KnownValue): boolean | undefined {
  if (templates.kind !== "list" && templates.kind !== "tuple") return undefined;
  let unsure = false;
  for (const engine of templates.items) {
    const processors = lookup(lookup(engine, "OPTIONS"), "context_processors");
    const known = processors && singleValue(processors);
    if (!known) {
      unsure = true;
      continue;
    }
    const items =
      known.kind === "list" || known.kind === "tuple" || known.kind === "set"
        ? known.items
        : known.kind === "dict"
          ? known.entries.map((entry) => entry.key)
          : undefined;
    if (!items) {
      unsure = true;
      continue;
    }
    for (const item of items) {
      const processor = singleValue(item);
      if (!processor) unsure = true;
      else if (processor.kind === "str" && processor.value === CSP_CONTEXT_PROCESSOR) return true;
    }
  }
  return unsure ? undefined : false;
}

/** `value.get(key, {})`, or undefined when not known. */
function lookup(value: Value | undefined, key: string): Value | undefined {
  const known = value && singleValue(value);
  if (!known || known.kind !== "dict") return undefined;
  return dictGet(known, key) ?? { kind: "dict", entries: [] };
}

export const securityW027: CheckRecord = {
  id: "security.W027",
  severity: "warning",
  title: "CSP nonce in use without the csp context processor",
  djangoVersions: { from: "6.1" },
  fixability: "none",
  run(context: CheckContext): CheckResult[] {
    if (hasMiddleware(context, CSP_MIDDLEWARE) !== true) return [];
    const policies = ["SECURE_CSP", "SECURE_CSP_REPORT_ONLY"].map((name) =>
      decide(context.settings.get(name).value, usesNonce),
    );
    if (!policies.includes(true)) return [];
    const templates = context.settings.get("TEMPLATES");
    if (decide(templates.value, hasContextProcessor) !== false) return [];
    const location = settingLocation(templates, context);
    return [
      {
        message: "The CSP uses a nonce, but templates lack the csp context processor.",
        explanation: `'${CSP_MIDDLEWARE}' is in MIDDLEWARE and a Content Security Policy uses CSP.NONCE, but no TEMPLATES engine lists '${CSP_CONTEXT_PROCESSOR}' in its context processors: templates cannot put the nonce on their scripts and styles, so the browser blocks them. Add the context processor.`,
        location,
      },
    ];
  },
};
