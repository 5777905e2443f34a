// Environment variables that deployment files set for the running process: `.env` files (read as
// python-dotenv reads them), Dockerfile `ENV` of the stages the final image is made of, compose
// `environment:` of services that do not run a development server, and systemd `Environment=`.
// Each file is read by its own reader (dotenv.ts, dockerfile.ts, compose.ts, systemdUnit.ts); a
// value that depends on something else (`${OTHER}`, compose's pass-through `KEY:`) is not known.
// Files named for development, tests or as examples (`.env.example`, `docker-compose.dev.yml`,
// `docker-compose.override.yml`) are not production's and are skipped.
import { DEVELOPMENT_COMMANDS, djangoCommandOf, TEST_COMMANDS } from "./commandLine";
import { readComposeFile } from "./compose";
import { deploymentFileKind, fileRole } from "./deploymentFiles";
import { readDockerfile } from "./dockerfile";
import { parseDotenv } from "./dotenv";
import { readSystemdUnit } from "./systemdUnit";
import type { VariableAssignment } from "./variables";

export type EnvironmentFileKind = "dotenv" | "dockerfile" | "compose" | "systemd";

export interface EnvironmentAssignment extends VariableAssignment {
  file: string;
}

/** Which kind of deployment file a base name is, or undefined when it is none (or not production's). */
export function environmentFileKind(baseName: string): EnvironmentFileKind | undefined {
  const kind = deploymentFileKind(baseName);
  if (kind === undefined || kind === "procfile" || fileRole(baseName) !== "production") return undefined;
  return kind;
}

export function environmentAssignments(
  file: string,
  text: string,
  kind: EnvironmentFileKind,
): EnvironmentAssignment[] {
  const found: VariableAssignment[] = [];
  switch (kind) {
    case "dotenv":
      for (const [variable, entry] of parseDotenv(text).entries) {
        found.push({
          variable,
          value: entry.dependsOnEnvironment ? undefined : entry.value,
          line: entry.line,
          start: entry.start,
          end: entry.end,
        });
      }
      break;
    case "dockerfile":
      found.push(...runtimeEnvironmentAssignments(text));
      break;
    case "compose":
      for (const service of readComposeFile(text).services) {
        const commands = [...(service.entrypoint?.commands ?? []), ...(service.command?.commands ?? [])];
        const runs = commands.map(djangoCommandOf);
        if (
          runs.some(
            (name) => name !== undefined && (DEVELOPMENT_COMMANDS.has(name) || TEST_COMMANDS.has(name)),
          )
        )
          continue;
        found.push(...service.environment);
      }
      break;
    case "systemd":
      found.push(...readSystemdUnit(text).environment);
      break;
  }
  return found
    .map(({ variable, value, line, start, end }) => ({ file, variable, value, line, start, end }))
    .sort((a, b) => a.line - b.line || a.start - b.start);
}

/** Every ENV assignment of the final image's stages (not only the last one of each variable). */
function runtimeEnvironmentAssignments(text: string): VariableAssignment[] {
  const facts = readDockerfile(text);
  const found: VariableAssignment[] = [];
  for (const index of facts.runtimeStages) {
    for (const instruction of facts.stages[index]!.instructions) {
      if (instruction.keyword === "ENV") found.push(...instruction.assignments);
    }
  }
  return found;
}
