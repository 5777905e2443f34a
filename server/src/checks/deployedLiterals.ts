// Literal values that the production deployment files give to environment variables: a compose
// service's `environment:` (a plain value, or the default of `${NAME:-default}` interpolation), a
// `.env` file that git does not ignore, the final image's Dockerfile `ENV`, a systemd unit's
// `Environment=`. Each file is read by its reader in project/; the place of the value is then found
// on the line the reader names.
import { basename } from "node:path";
import type { CheckContext } from "./context";
import { productionDeploymentFiles, workspaceFact } from "./deploymentFiles";
import type { DeploymentUnit } from "../project/deploymentFileTypes";
import { isGitIgnored } from "./gitIgnored";
import type { TextEdit } from "./types";
import { parseDotenv } from "../project/dotenv";
import type { VariableAssignment } from "../project/variables";
import type { Location } from "../python/location";

export interface DeployedLiteral {
  /** The variable the process gets. */
  variable: string;
  value: string;
  /** Where the literal is written. */
  location: Location;
  file: string;
  /** How, as a phrase: "the default of ${DJANGO_SECRET_KEY:-…} in docker-compose.yml". */
  how: string;
  /** An edit that makes the deployment fail when the variable is missing, instead of using the literal. */
  fix?: TextEdit;
}

const INTERPOLATION = /\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-)([^}]*)\}/g;

interface CandidateLiteral {
  literal: DeployedLiteral;
  /** Its place among all the literals (the order they are reported in). */
  order: number;
  /** The settings modules the unit setting it runs (DJANGO_SETTINGS_MODULE), when it names any. */
  otherThan?: readonly string[];
}

export function deployedLiterals(context: CheckContext, variables: ReadonlySet<string>): DeployedLiteral[] {
  const all = workspaceFact(context, allDeployedLiterals, () => allDeployedLiterals(context));
  const module = context.profile.module;
  const candidates: CandidateLiteral[] = [];
  for (const variable of variables) candidates.push(...(all.get(variable) ?? []));
  // A unit that runs another settings module gives its variables to that module's processes.
  return candidates
    .filter((candidate) => !candidate.otherThan?.every((named) => named !== module))
    .sort((a, b) => a.order - b.order)
    .map((candidate) => candidate.literal);
}

/**
 * Every literal of the workspace's production deployment files, whatever variable it sets, in the
 * order of the files and of the lines: the same for every profile, so read once per analysis.
 */
function allDeployedLiterals(context: CheckContext): Map<string, CandidateLiteral[]> {
  const byVariable = new Map<string, CandidateLiteral[]>();
  let order = 0;
  let otherThan: readonly string[] | undefined;
  const add = (found: DeployedLiteral) => {
    let list = byVariable.get(found.variable);
    if (!list) byVariable.set(found.variable, (list = []));
    list.push({ literal: found, order: order++, ...(otherThan ? { otherThan } : {}) });
  };
  const found = { push: add };
  for (const { file, kind, text, units } of productionDeploymentFiles(context)) {
    const lines = text.split("\n");
    const name = basename(file);
    const literal = (assignment: VariableAssignment, how: string) => {
      const value = assignment.value;
      if (!value) return;
      const line = lines[assignment.line] ?? "";
      const at = line.indexOf(value, assignment.end);
      const start = at >= 0 ? at : assignment.start;
      const end = at >= 0 ? at + value.length : assignment.end;
      found.push({
        variable: assignment.variable,
        value,
        file,
        location: {
          file,
          range: {
            start: { line: assignment.line, character: start },
            end: { line: assignment.line, character: end },
          },
        },
        how: `${how} ${name}`,
      });
    };
    try {
      if (kind === "dotenv") {
        if (isGitIgnored(context, file)) continue;
        for (const [variable, entry] of parseDotenv(text).entries)
          if (!entry.dependsOnEnvironment) literal({ ...entry, variable }, "set in");
      }
      // The final image, systemd unit and compose services the project's rule calls production's.
      for (const unit of units) {
        if (!unit.role.production) continue;
        otherThan = settingsModulesOf(unit);
        if (unit.kind === "image") {
          for (const index of unit.facts.runtimeStages)
            for (const instruction of unit.facts.stages[index]!.instructions)
              if (instruction.keyword === "ENV")
                for (const assignment of instruction.assignments) literal(assignment, "an ENV of");
        } else if (unit.kind === "unit") {
          for (const assignment of unit.facts.environment) literal(assignment, "Environment= of");
        } else if (unit.kind === "app") {
          for (const assignment of unit.app.environment)
            literal(assignment, `the environment of ${unit.name} in`);
        } else if (unit.kind === "service") {
          const service = unit.service;
          for (const assignment of service.environment) {
            if (assignment.value !== undefined) {
              literal(assignment, `environment: of service ${service.name} in`);
              continue;
            }
            const line = lines[assignment.line] ?? "";
            for (const match of line.slice(assignment.end).matchAll(INTERPOLATION)) {
              const written = match[3]!;
              // `$$` is compose's escaped dollar; any other `$` interpolates something else.
              if (written === "" || written.replace(/\$\$/g, "").includes("$")) continue;
              const fallback = written.replace(/\$\$/g, "$");
              const operatorStart = assignment.end + match.index + 2 + match[1]!.length;
              const start = operatorStart + match[2]!.length;
              const range = (from: number, to: number) => ({
                start: { line: assignment.line, character: from },
                end: { line: assignment.line, character: to },
              });
              found.push({
                variable: assignment.variable,
                value: fallback,
                file,
                location: { file, range: range(start, start + written.length) },
                how: `the default of \${${match[1]}${match[2]}…} in ${name}`,
                // `${NAME:?message}` stops compose when NAME is unset or empty.
                fix: {
                  file,
                  range: range(operatorStart, start + written.length),
                  newText: `:?${match[1]} must be set`,
                },
              });
            }
          }
        }
      }
    } catch {
      // A file its reader rejects sets nothing we can see.
    }
    otherThan = undefined;
  }
  return byVariable;
}

/**
 * The settings modules a unit sets DJANGO_SETTINGS_MODULE to, when it sets it: its variables go to
 * that module's processes (a compose service running `settings.dev` beside the production image), not
 * to another profile's. Undefined when it sets none.
 */
function settingsModulesOf(unit: DeploymentUnit): readonly string[] | undefined {
  const assignments =
    unit.kind === "image"
      ? unit.facts.runtimeStages.flatMap((index) =>
          unit.facts.stages[index]!.instructions.flatMap((instruction) =>
            instruction.keyword === "ENV" ? instruction.assignments : [],
          ),
        )
      : unit.kind === "unit"
        ? unit.facts.environment
        : unit.kind === "service"
          ? unit.service.environment
          : unit.kind === "app"
            ? unit.app.environment
            : [];
  const named = assignments.filter(
    (assignment) => assignment.variable === "DJANGO_SETTINGS_MODULE" && assignment.value,
  );
  return named.length > 0 ? named.map((assignment) => assignment.value!) : undefined;
}
