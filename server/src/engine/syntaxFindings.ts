// Modules Python cannot parse: Django imports the settings module at start-up and stops at the first
// syntax error, so each such module (a profile's own or one it imports) gets one error finding at that
// error, whatever else is reported about the parts that parse.
import type { Finding } from "../checks/types";
import type { Profile } from "../project/workspace";
import type { ParsedModule } from "../python/parse";
import { firstSyntaxError } from "../python/syntaxErrors";
import { SYNTAX_ERROR } from "./analysis";

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
