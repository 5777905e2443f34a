// Findings about what the infrastructure in front of Django does instead (a proxy that redirects to
// HTTPS, a load balancer that sets HSTS): the user lists those check IDs, and their findings become
// information-level notes that say so. Unlike silencing, the note stays visible, so the day the
// infrastructure changes, the reminder is there.
import type { Finding } from "../checks/types";

export function markHandledByInfrastructure(
  findings: Finding[],
  handled: readonly string[] | undefined,
): Finding[] {
  if (!handled || handled.length === 0) return findings;
  return findings.map((finding) => {
    if (!handled.some((id) => finding.code === id || finding.code.startsWith(`${id}.`))) return finding;
    const note =
      "You said the infrastructure in front of Django handles this (djangoDeploy.handledByInfrastructure): keep it so, or Django's setting matters again.";
    return {
      ...finding,
      severity: "information",
      handledByInfrastructure: true,
      explanation: finding.explanation ? `${note} ${finding.explanation}` : note,
    };
  });
}
