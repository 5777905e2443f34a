// The deployment files of the workspace that production runs with, and the commands that start the
// site from them: a Procfile's processes (not `release`), the CMD and ENTRYPOINT of the stages a
// Dockerfile's final image is made of (not RUN, not other build stages), each compose service's
// command: and entrypoint:, and a systemd unit's ExecStart=. Files named for development, tests or
// as examples (Dockerfile.dev, docker-compose.override.yml, .env.local, .env.example), compose
// services named or configured for development, and a plain file beside one named for production
// (docker-compose.yml next to docker-compose.prod.yml) are not production's.
import { basename, dirname } from "node:path";
import type { CheckContext } from "./context";
import type { SimpleCommand } from "../project/commandLine";
import { readComposeFile, type ComposeService } from "../project/compose";
import { readDockerfile } from "../project/dockerfile";
import { isReleaseProcess, readProcfile } from "../project/procfile";
import { readSystemdUnit } from "../project/systemdUnit";

export type DeploymentFileKind = "dotenv" | "dockerfile" | "compose" | "procfile" | "systemd";

/** The kind of deployment file a base name is (as the profile discovery names them). */
export function deploymentFileKind(name: string): DeploymentFileKind | undefined {
  if (name === ".env" || name.startsWith(".env.") || name.endsWith(".env")) return "dotenv";
  if (/^(Dockerfile|Containerfile)([._-].*)?$/.test(name) || /\.(Dockerfile|Containerfile)$/.test(name))
    return "dockerfile";
  if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(name)) return "compose";
  // cookiecutter-django's compose files are named for their environment only.
  if (/^(local|production|prod|staging|dev|development|docs)\.ya?ml$/.test(name)) return "compose";
  if (name === "Procfile" || name.startsWith("Procfile.")) return "procfile";
  if (name.endsWith(".service")) return "systemd";
  return undefined;
}

/** Parts of a file name that say the file is not production's. */
const NOT_PRODUCTION =
  /(^|[._-])(dev|devel|develop|development|local|debug|test|tests|testing|ci|example|examples|sample|template|dist|defaults?|override|docs)([._-]|$)/i;
const PRODUCTION = /(^|[._-])(prod|production|live|staging|deploy)([._-]|$)/i;
const DEVELOPMENT_SERVICE = /(^|[._-])(dev|develop|development|local|debug|test|tests|ci)([._-]|$)/i;
const TRUE_STRINGS = new Set(["1", "true", "True", "TRUE", "yes", "on"]);

/** The part of a deployment file's name that says which environment it is for ("" for a plain name). */
function nameStem(name: string): string {
  return name
    .replace(/^\.env\.?/, "")
    .replace(/\.(env|ya?ml|service)$/, "")
    .replace(/^(docker-)?compose\.?/, "")
    .replace(/^(Dockerfile|Containerfile|Procfile)\.?/, "")
    .replace(/\.(Dockerfile|Containerfile)$/, "");
}

/** One function object per kind, so the engine reuses its search of the workspace. */
const isDeploymentFileName = (name: string) => deploymentFileKind(name) !== undefined;

export interface DeploymentFile {
  file: string;
  kind: DeploymentFileKind;
}

/** The deployment files production runs with, by kind. */
export function productionDeploymentFiles(context: CheckContext): DeploymentFile[] {
  const all = context.workspaceFiles(isDeploymentFileName).map((file) => ({
    file,
    kind: deploymentFileKind(basename(file))!,
  }));
  return all.filter(({ file, kind }) => {
    const stem = nameStem(basename(file));
    if (NOT_PRODUCTION.test(stem)) return false;
    // cookiecutter-django's compose files are named for their environment only.
    if (kind === "compose" && !/compose/.test(basename(file)) && !PRODUCTION.test(stem)) return false;
    if (stem !== "" || kind === "dotenv") return true;
    // A plain Dockerfile, compose file or Procfile beside one named for production is development's.
    return !all.some(
      (other) =>
        other.kind === kind &&
        dirname(other.file) === dirname(file) &&
        PRODUCTION.test(nameStem(basename(other.file))),
    );
  });
}

/** A command that starts a long-running process of the production deployment. */
export interface ServingCommand {
  file: string;
  kind: DeploymentFileKind;
  /** 0-based line where the instruction, process, key or Exec line starts. */
  line: number;
  command: SimpleCommand;
  /** Where it is, as a phrase: "the web process", "CMD of the final image", "command: of service web". */
  where: string;
}

export function servingCommands(context: CheckContext): ServingCommand[] {
  const found: ServingCommand[] = [];
  for (const { file, kind } of productionDeploymentFiles(context)) {
    const text = context.source(file);
    if (text === undefined) continue;
    const add = (line: number, commands: readonly SimpleCommand[], where: string) => {
      for (const command of commands) found.push({ file, kind, line, command, where });
    };
    try {
      if (kind === "procfile") {
        for (const process of readProcfile(text))
          if (!isReleaseProcess(process.type))
            add(process.line, process.commands, `the ${process.type} process`);
      } else if (kind === "dockerfile") {
        const facts = readDockerfile(text);
        for (const index of facts.runtimeStages)
          for (const instruction of facts.stages[index]!.instructions)
            if (instruction.keyword === "CMD" || instruction.keyword === "ENTRYPOINT")
              add(instruction.line, instruction.commands, `${instruction.keyword} of the final image`);
      } else if (kind === "compose") {
        for (const service of readComposeFile(text).services) {
          if (isDevelopmentService(service)) continue;
          for (const field of ["entrypoint", "command"] as const) {
            const entry = service[field];
            if (entry) add(entry.line, entry.commands, `${field}: of service ${service.name}`);
          }
        }
      } else if (kind === "systemd") {
        for (const exec of readSystemdUnit(text).exec)
          if (exec.key === "ExecStart") add(exec.line, exec.commands, "ExecStart=");
      }
    } catch {
      // A file its reader rejects starts nothing we can see.
    }
  }
  return found;
}

/** A compose service named, put in a profile, or configured (DEBUG on) for development. */
export function isDevelopmentService(service: ComposeService): boolean {
  if (DEVELOPMENT_SERVICE.test(service.name)) return true;
  if (service.profiles.some((profile) => DEVELOPMENT_SERVICE.test(profile))) return true;
  return service.environment.some(
    (assignment) =>
      /^(DJANGO_)?DEBUG$/.test(assignment.variable) &&
      TRUE_STRINGS.has(assignment.value ?? assignment.expanded ?? ""),
  );
}

/**
 * Where `pattern` first matches in `text` at or after the start of 0-based `line`, within `lines`
 * lines (an instruction continued over several lines): its line and columns.
 */
export function findOnLines(
  text: string,
  line: number,
  pattern: RegExp,
  lines = 20,
): { line: number; start: number; end: number } | undefined {
  const all = text.split("\n");
  for (let index = line; index < Math.min(all.length, line + lines); index++) {
    const source = all[index]!;
    const match = new RegExp(pattern.source, pattern.flags.replace("g", "")).exec(source);
    if (match) return { line: index, start: match.index, end: match.index + match[0].length };
  }
  return undefined;
}
