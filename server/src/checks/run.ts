// Runs the registered checks on one profile's effective settings, as `check --deploy` would:
// only the checks the project's Django version has, minus the IDs in SILENCED_SYSTEM_CHECKS.
import { inVersionRange } from "../model/djangoDefaults";
import { possibleValues, type CheckContext } from "./context";
import { ALL_CHECKS } from "./index";
import type { CheckRecord, Finding } from "./types";

export function runChecks(context: CheckContext, checks: readonly CheckRecord[] = ALL_CHECKS): Finding[] {
  const silenced = silencedIds(context);
  const findings: Finding[] = [];
  for (const check of checks) {
    if (
      check.djangoVersions &&
      !inVersionRange(context.djangoVersion, check.djangoVersions.from, check.djangoVersions.to)
    )
      continue;
    if (silenced.has(check.id)) continue;
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
 * Django hides a message whose ID is in SILENCED_SYSTEM_CHECKS (exact string match). When the list
 * cannot be known, nothing is taken as silenced.
 */
function silencedIds(context: CheckContext): Set<string> {
  const values = possibleValues(context.settings.get("SILENCED_SYSTEM_CHECKS").value);
  if (!values || values.length !== 1) return new Set();
  const [list] = values;
  if (!list || (list.kind !== "list" && list.kind !== "tuple" && list.kind !== "set")) return new Set();
  return new Set(list.items.flatMap((item) => (item.kind === "str" ? [item.value] : [])));
}
