// Environment variables that production's deployment files set for the running process: `.env`
// files (read as python-dotenv reads them), Dockerfile `ENV` of the stages the final image is made
// of, compose `environment:` of services, systemd `Environment=`, and the environment a hosting
// platform's manifest gives an app (app.json, render.yaml, fly.toml, app.yaml, DigitalOcean's spec). Which files, services and
// images are production's is deploymentFiles.ts's rule (readDeploymentFiles), the one the profile
// discovery follows: `.env.example`, `docker-compose.override.yml`, a compose service that runs
// runserver in a plain docker-compose.yml, a Dockerfile.dev are not. A value that depends on
// something else (`${OTHER}`, compose's pass-through `KEY:`) is not known.
import type { DeploymentFile } from "./deploymentFileTypes";
import { parseDotenv } from "./dotenv";
import type { VariableAssignment } from "./variables";

export interface EnvironmentAssignment extends VariableAssignment {
  file: string;
}

/** What `file` gives the production process, in the order of the file; nothing when it is not production's. */
export function productionEnvironment(file: DeploymentFile): EnvironmentAssignment[] {
  if (!file.role.production) return [];
  const found: VariableAssignment[] = [];
  if (file.kind === "dotenv") {
    for (const [variable, entry] of parseDotenv(file.text).entries) {
      found.push({
        variable,
        value: entry.dependsOnEnvironment ? undefined : entry.value,
        line: entry.line,
        start: entry.start,
        end: entry.end,
      });
    }
  }
  for (const unit of file.units) {
    if (!unit.role.production) continue;
    if (unit.kind === "service") found.push(...unit.service.environment);
    else if (unit.kind === "unit") found.push(...unit.facts.environment);
    else if (unit.kind === "app") found.push(...unit.app.environment);
    else if (unit.kind === "image") {
      // Every ENV of the final image's stages, not only the last one of each variable.
      for (const index of unit.facts.runtimeStages)
        for (const instruction of unit.facts.stages[index]!.instructions)
          if (instruction.keyword === "ENV") found.push(...instruction.assignments);
    }
  }
  return found
    .map(({ variable, value, line, start, end }) => ({ file: file.file, variable, value, line, start, end }))
    .sort((a, b) => a.line - b.line || a.start - b.start);
}
