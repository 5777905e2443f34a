// Runs the registered checks on one profile's effective settings, as `check --deploy` would:
// only the checks the project's Django version has, minus the IDs in SILENCED_SYSTEM_CHECKS.
import { inVersionRange } from "../django/versions";
import type { CheckContext } from "../checks/context";
import { containsString, decide } from "../checks/predicates";
import { ALL_CHECKS } from "../checks/index";
import type { CheckRecord, Finding } from "../checks/types";

export function runChecks(context: CheckContext, checks: readonly CheckRecord[] = ALL_CHECKS): Finding[] {
  const silenced = silencer(context);
  const findings: Finding[] = [];
  for (const check of checks) {
    if (
      check.djangoVersions &&
      !inVersionRange(context.djangoVersion, check.djangoVersions.from, check.djangoVersions.to)
    )
      continue;
    if (silenced(check.id)) continue;
    for (const result of check.run(context)) {
      findings.push({
        code: check.id,
        severity: result.severity ?? check.severity,
        message: result.message,
        location: result.location,
        related: result.related ?? [],
        fixes: result.fixes ?? [],
        profile: context.profile.module,
      });
    }
  }
  return findings;
}

/**
 * Django hides a message when `id in settings.SILENCED_SYSTEM_CHECKS`: item equality for a list or
 * tuple, a substring test for a string. An ID counts as silenced only when it is for every value the
 * setting may have in production; when that cannot be known, nothing is silenced.
 */
function silencer(context: CheckContext): (id: string) => boolean {
  const value = context.settings.get("SILENCED_SYSTEM_CHECKS").value;
  return (id) => decide(value, (candidate) => containsString(candidate, id)) === true;
}
