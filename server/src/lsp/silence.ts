// "Silence <ID> in SILENCED_SYSTEM_CHECKS": the edit is computed when asked for, from the profile
// module as it is now, so it is never out of date. The module is evaluated with its imports followed:
// a list defined in base.py must be extended (`[*SILENCED_SYSTEM_CHECKS, …]`), not replaced.
import type { TextEdit } from "../checks/types";
import { silenceEdit } from "../checks/silence";
import type { DjangoProject } from "../engine/project";
import type { Profile } from "../project/workspace";

/** The edit that adds `code` to the profile module's SILENCED_SYSTEM_CHECKS, or undefined when it cannot be read. */
export function silenceCheckEdit(
  project: DjangoProject,
  profile: Profile,
  code: string,
): TextEdit | undefined {
  const parsed = project.module(profile.file);
  const state = parsed ? project.evaluateProfile(profile) : undefined;
  return parsed && state ? silenceEdit(state, parsed.text, code) : undefined;
}
