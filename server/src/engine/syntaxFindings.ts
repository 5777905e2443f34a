// Modules Python cannot parse: Django imports the settings module at start-up and stops at the first
// syntax error, so each such module (a profile's own or one it imports) gets one error finding at that
// error, whatever else is reported about the parts that parse. A module that cannot be read at all
// (not UTF-8, unreadable, too large) gets an error finding too: Python refuses it as well, and the
// profile must not pass as having no problems.
import type { Finding } from "../checks/types";
import type { Profile } from "../project/workspace";
import type { ParsedModule } from "../python/parse";
import { firstSyntaxError } from "../python/syntaxErrors";
import { SYNTAX_ERROR, UNREADABLE_MODULE } from "./analysis";

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function syntaxErrorFindings(
  profiles: readonly { profile: Profile; chain: string[] }[],
  parsed: (file: string) => ParsedModule | undefined,
): Finding[] {
  const findings = new Map<string, Finding>();
  for (const { profile, chain } of profiles) {
    for (const file of chain) {
      const known = findings.get(file);
      if (known) {
        if (!known.profiles.includes(profile.module)) known.profiles.push(profile.module);
        continue;
      }
      const module = parsed(file);
      const error = module && firstSyntaxError(module);
      if (!module || !error) continue;
      findings.set(file, {
        code: SYNTAX_ERROR,
        severity: "error",
        message: `${error.kind}: ${error.message}. Django cannot import this module, so the site does not start.`,
        location: { file, range: module.lineIndex.rangeOf(error.from, error.to) },
        related:
          file === profile.file
            ? []
            : [{ file: profile.file, range: START, message: `imported by ${profile.module}` }],
        fixes: [],
        profiles: [profile.module],
      });
    }
  }
  return [...findings.values()];
}

/** A module the engine needed but could not read, with why, and the production profiles that import it. */
export interface UnreadableModule {
  reason: string;
  profiles: Profile[];
}

export function unreadableModuleFindings(unreadable: ReadonlyMap<string, UnreadableModule>): Finding[] {
  return [...unreadable].flatMap(([file, { reason, profiles }]) => {
    const first = profiles[0];
    if (!first) return [];
    return [
      {
        code: UNREADABLE_MODULE,
        severity: "error" as const,
        message: `This module cannot be read: ${reason}. ${
          /^it is larger/.test(reason)
            ? "Nothing in it was checked"
            : `Python cannot import it either, so Django does not start with ${first.module}; nothing in it was checked`
        }.`,
        location: { file, range: START },
        related: profiles
          .filter((profile) => profile.file !== file)
          .map((profile) => ({ file: profile.file, range: START, message: `imported by ${profile.module}` })),
        fixes: [],
        profiles: profiles.map((profile) => profile.module),
      },
    ];
  });
}
