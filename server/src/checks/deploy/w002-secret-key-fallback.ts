// deploy.W002: SECRET_KEY (or an entry of SECRET_KEY_FALLBACKS) falls back to a literal key: the
// default of an environment read, of a config mapping's `.get`, after `or`, or in a fallback dict;
// or a deployment file (compose, a committed `.env`, a Dockerfile ENV, a systemd unit) writes the
// key the settings read. The literal is public; when the variable is missing, the site runs on it.
// A weak literal that security.W009 (W025 for the fallbacks) already reports is left to it.
// https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key
import { holdsForAll, type CheckContext } from "../context";
import { deployedLiterals } from "../deployedLiterals";
import { literalFallbacks, type LiteralFallback } from "../literalFallbacks";
import { singleValue } from "../predicates";
import { weakKeyReason } from "../security/w009-secret-key";
import { readFromEnvironmentFix } from "../fixes/readFromEnvironment";
import type { CheckRecord, CheckResult, Fix } from "../types";
import { inVersionRange } from "../../django/versions";
import { str, type Value } from "../../evaluate/values";
import type { SourceSpan } from "../../python/location";

/** The variables a project that reads its key in a way the engine cannot follow most likely uses. */
const CONVENTIONAL_VARIABLES = ["DJANGO_SECRET_KEY", "SECRET_KEY"];

const PUBLIC =
  "A key written in a repository is public: everyone who can read it can forge sessions, password reset links and signed data.";

export const deployW002: CheckRecord = {
  id: "deploy.W002",
  severity: "warning",
  title: "SECRET_KEY falls back to a literal key",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    const variables = new Set<string>();
    const key = context.settings.get("SECRET_KEY");
    const targets: { label: string; value: Value; span?: SourceSpan }[] = [
      { label: "SECRET_KEY", value: key.value, span: key.binding?.origin.value },
    ];
    if (inVersionRange(context.djangoVersion, "4.1")) {
      const fallbacks = context.settings.get("SECRET_KEY_FALLBACKS");
      const list = singleValue(fallbacks.value);
      if (list && (list.kind === "list" || list.kind === "tuple"))
        list.items.forEach((item, index) =>
          targets.push({ label: `SECRET_KEY_FALLBACKS[${index}]`, value: item, span: item.span }),
        );
    }
    for (const target of targets) {
      for (const variable of reads(target.value)) variables.add(variable);
      // Weak keys are security.W009's (W025's) business when it sees them: when they apply.
      const weakReported = holdsForAll(target.value, (value) => weakKeyReason(value) !== undefined);
      for (const fallback of literalFallbacks(context, target.value, target.span)) {
        if (weakReported && !fallback.read?.setBy && weakKeyReason(str(fallback.value))) continue;
        results.push({
          ...pythonFinding(target.label, fallback),
          fixes: fixesFor(context, target.label, fallback),
        });
      }
    }
    if (key.value.kind === "unknown") CONVENTIONAL_VARIABLES.forEach((name) => variables.add(name));
    for (const literal of deployedLiterals(context, variables)) {
      // The .env file this profile reads: security.W009 judges a weak key there.
      if (literal.file === context.profile.envFile && weakKeyReason(str(literal.value))) continue;
      results.push({
        message: literal.fix
          ? `${literal.variable} falls back to a literal key in this file.`
          : `${literal.variable} is set to a literal key in a file kept in the repository.`,
        explanation: `The key is ${literal.how}, and the settings read SECRET_KEY from ${literal.variable}. ${PUBLIC} ${literal.fix ? "Require the variable instead (`${NAME:?message}` stops compose when it is missing), " : "Remove it from the file, "}generate a new key and set it only in the production environment.`,
        location: literal.location,
        fixes: literal.fix
          ? [
              {
                title: `Require ${literal.variable} instead of a default key`,
                applicability: "unsafe",
                edits: [literal.fix],
                consequence: `compose stops starting the service until ${literal.variable} is set`,
              },
            ]
          : [],
      });
    }
    return results;
  },
};

function reads(value: Value): string[] {
  if (value.kind === "env") return [value.variable];
  if (value.kind === "oneOf") return value.options.flatMap(reads);
  return [];
}

function pythonFinding(label: string, fallback: LiteralFallback): CheckResult {
  const when = fallback.read
    ? `when ${fallback.read.variable} is unset`
    : fallback.how.startsWith("the fallback value")
      ? "when the secrets cannot be read"
      : fallback.how.startsWith("the value after")
        ? "when the value is empty"
        : "when the key is missing";
  const set = fallback.read?.setBy
    ? ` (${fallback.read.setBy.file.split("/").pop()} sets ${fallback.read.variable} for this profile, but production may not have that file)`
    : "";
  return {
    message: `${label} falls back to a literal key ${when}.`,
    explanation: `The key is ${fallback.how}${set}. ${PUBLIC} When the value is missing in production, the site silently runs on it. Drop the fallback so that a missing key stops the site, generate a new key and set it only in the production environment.`,
    location: fallback.location,
  };
}

/**
 * Drops the fallback where the production module writes it. A fallback in a module development
 * shares stays (development may rely on it): the production module reads the key from the same
 * variable instead, with no fallback.
 */
function fixesFor(context: CheckContext, label: string, fallback: LiteralFallback): Fix[] {
  if (fallback.fix?.file === context.profile.file)
    return [
      {
        title: "Drop the literal fallback (a missing key then stops the site)",
        applicability: "unsafe",
        edits: [fallback.fix],
        consequence: `the site stops starting until ${fallback.read ? fallback.read.variable : "the key"} is set${context.dedicatedToProduction ? "" : ", in development too"}`,
      },
    ];
  if (label !== "SECRET_KEY" || !fallback.read) return [];
  const fix = readFromEnvironmentFix(context, context.settings.get("SECRET_KEY"), fallback.read.variable);
  return fix ? [fix] : [];
}
