// Where a project names a settings module, each place as a piece of evidence with its file and line
// (the input of discovery.ts): Python entry files through the parser, and every deployment file through
// the reader of its format (and deploymentFiles.ts's rule of what production runs); the test runners'
// configuration is testConfigMentions.ts. A mention says what kind of evidence it is; discovery.ts
// ranks them.
import { basename, dirname, join } from "node:path";
import {
  DEVELOPMENT_COMMANDS,
  djangoCommandOf,
  settingsNamedBy,
  TEST_COMMANDS,
  type SimpleCommand,
} from "./commandLine";
import type { DeploymentFile, DeploymentRole } from "./deploymentFileTypes";
import { parseDotenv } from "./dotenv";
import { settingsNamedInPython } from "./pythonEntry";
import { cachedByText } from "./textCache";
import type { EvidenceKind, FileSystemHost, ProfileEvidence } from "./workspace";

export interface Mention {
  module: string;
  evidence: ProfileEvidence;
}

/** An entry file's mentions of a settings module, by its text (discoveryFingerprint reads them too). */
export const pythonMentions = cachedByText(settingsNamedInPython);
const dotenvFacts = cachedByText((text: string) => parseDotenv(text));

/** Development servers: what a service, image or process production runs may wrongly start (deploy.W055). */
const DEVELOPMENT_SERVERS = new Set(["runserver", "runserver_plus"]);
export const VARIABLE = "DJANGO_SETTINGS_MODULE";
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const IN_COMMENT = /DJANGO_SETTINGS_MODULE["']?\s*[=:]\s*["']?([A-Za-z_][\w.]*)/;

export function mention(
  module: string | undefined,
  kind: EvidenceKind,
  file: string,
  line: number,
  says: string,
): Mention[] {
  return module !== undefined && DOTTED.test(module)
    ? [{ module, evidence: { kind, file, line, says } }]
    : [];
}

export function entryFileMentions(file: string, host: FileSystemHost): Mention[] {
  const text = host.readFile(file);
  if (text === undefined) return [];
  const name = basename(file);
  return pythonMentions(text).flatMap((found) =>
    found.how === "commented-out"
      ? mention(found.module, "commented-out", file, found.line, `a comment in ${name}`)
      : mention(
          found.module,
          "default",
          file,
          found.line,
          found.how === "default"
            ? `${name}'s default`
            : `${name} sets ${VARIABLE}, whatever the environment says`,
        ),
  );
}

export function deploymentFileMentions(deployment: DeploymentFile, host: FileSystemHost): Mention[] {
  try {
    switch (deployment.kind) {
      case "dotenv":
        return dotenvMentions(deployment);
      case "dockerfile":
        return dockerfileMentions(deployment);
      case "compose":
        return composeMentions(deployment, host);
      case "procfile":
        return procfileMentions(deployment);
      case "systemd":
        return systemdMentions(deployment, host);
      case "platform":
        return platformMentions(deployment);
    }
  } catch {
    // A file its reader rejects says nothing about the settings.
    return [];
  }
}

/** The evidence a file, service, process, image or unit gives: `production` when production runs it. */
function evidenceKindOf(role: DeploymentRole, production: EvidenceKind = "runtime"): EvidenceKind {
  if (role.production) return production;
  switch (role.reason) {
    case "development":
    case "development-server":
    case "beside-production":
      return "development";
    case "test":
      return "test";
    case "example":
      return "example";
    case "build-time":
      return "build";
  }
}

/** Why the role is not production's, as a parenthesis to add to what the evidence says ("" when it is). */
const whyNot = (role: DeploymentRole) => (role.production ? "" : ` (${role.says})`);

function commentMentions(file: string, text: string, comment: RegExp, says: string): Mention[] {
  const found: Mention[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = comment.exec(line);
    if (!match) return;
    const named = IN_COMMENT.exec(match[1]!);
    if (named) found.push(...mention(named[1]!.replace(/\.$/, ""), "commented-out", file, index, says));
  });
  return found;
}

function dotenvMentions({ file, text, role }: DeploymentFile): Mention[] {
  const name = basename(file);
  const entry = dotenvFacts(text).entries.get(VARIABLE);
  const found: Mention[] = [];
  if (entry && !entry.dependsOnEnvironment) {
    const says = role.production ? `${VARIABLE} in ${name}` : `${VARIABLE} in ${name}${whyNot(role)}`;
    // A plain .env is as often a developer's own as production's; one named for production is production's.
    found.push(
      ...mention(
        entry.value,
        evidenceKindOf(role, role.production && role.markedBy ? "runtime" : "environment"),
        file,
        entry.line,
        says,
      ),
    );
  }
  found.push(...commentMentions(file, text, /^\s*#(.*)$/, `a comment in ${name}`));
  return found;
}

/**
 * Settings named by commands, as evidence of `kind`. In something production runs, a command that
 * runs the tests or an interactive shell names test or development settings; a development server
 * there (a Procfile's web process running runserver) is still production's, as the rule says.
 */
function commandMentions(
  commands: readonly SimpleCommand[],
  kind: EvidenceKind,
  file: string,
  line: number,
  says: (how: string) => string,
): Mention[] {
  return commands.flatMap((command) => {
    const django = djangoCommandOf(command);
    const own: EvidenceKind =
      kind !== "runtime"
        ? kind
        : django && DEVELOPMENT_COMMANDS.has(django) && !DEVELOPMENT_SERVERS.has(django)
          ? "development"
          : django && TEST_COMMANDS.has(django)
            ? "test"
            : kind;
    return settingsNamedBy(command).flatMap((named) =>
      mention(
        named.module,
        own,
        file,
        line,
        says(django ? `${named.how} of manage.py ${django}` : named.how),
      ),
    );
  });
}

function dockerfileMentions({ file, text, units }: DeploymentFile): Mention[] {
  const name = basename(file);
  const image = units.find((unit) => unit.kind === "image");
  if (!image) return [];
  const facts = image.facts;
  const found: Mention[] = [];
  // What the container runs with: the last ENV of the variable, the last CMD and the last
  // ENTRYPOINT of the final image's stages. Earlier ones are overridden before the image runs.
  const runtime = new Set(facts.runtimeStages);
  const chain = facts.runtimeStages.flatMap((index) => facts.stages[index]!.instructions);
  const last = (keyword: "CMD" | "ENTRYPOINT") =>
    chain.filter((instruction) => instruction.keyword === keyword).pop();
  const effectiveCommands = [last("ENTRYPOINT"), last("CMD")].filter(
    (instruction) => instruction !== undefined,
  );
  const effectiveEnv = chain
    .flatMap((instruction) => (instruction.keyword === "ENV" ? instruction.assignments : []))
    .filter((assignment) => assignment.variable === VARIABLE)
    .pop();
  const runtimeKind = evidenceKindOf(image.role);
  const why = whyNot(image.role);
  const at = (line: number) => `${name}:${line + 1}`;
  for (const stage of facts.stages) {
    const inRuntime = runtime.has(stage.index);
    const stageName = stage.name ? `stage ${stage.name}` : `stage ${stage.index + 1}`;
    for (const instruction of stage.instructions) {
      if (instruction.keyword === "ENV" || instruction.keyword === "ARG") {
        for (const assignment of instruction.assignments) {
          if (assignment.variable !== VARIABLE) continue;
          const value = assignment.value ?? assignment.expanded;
          const says =
            instruction.keyword === "ARG"
              ? `ARG ${VARIABLE} in ${name}, a build argument`
              : !inRuntime
                ? `ENV ${VARIABLE} in ${stageName} of ${name}, which the final image does not run with`
                : assignment === effectiveEnv
                  ? `ENV ${VARIABLE} in the runtime stage of ${name}${why}`
                  : `ENV ${VARIABLE} in ${stageName} of ${name}, overridden by the ENV at ${at(effectiveEnv!.line)}`;
          const kind = instruction.keyword === "ENV" && assignment === effectiveEnv ? runtimeKind : "build";
          found.push(...mention(value, kind, file, assignment.line, says));
        }
      } else if (instruction.keyword === "RUN") {
        found.push(
          ...commandMentions(
            instruction.commands,
            "build",
            file,
            instruction.line,
            (how) => `RUN in ${name} (${how}): a build-time command`,
          ),
        );
      } else if (instruction.keyword === "CMD" || instruction.keyword === "ENTRYPOINT") {
        const effective = effectiveCommands.includes(instruction);
        const keyword = instruction.keyword;
        const override = last(keyword);
        found.push(
          ...commandMentions(
            instruction.commands,
            effective ? runtimeKind : "build",
            file,
            instruction.line,
            (how) =>
              effective
                ? `${keyword} of the runtime stage of ${name} (${how})${why}`
                : inRuntime && override
                  ? `${keyword} in ${stageName} of ${name} (${how}), overridden by the ${keyword} at ${at(override.line)}`
                  : `${keyword} in ${stageName} of ${name} (${how}), which the final image does not run`,
          ),
        );
      }
    }
  }
  found.push(...commentMentions(file, text, /^\s*#(.*)$/, `a comment in ${name}`));
  return found;
}

function composeMentions({ file, text, units }: DeploymentFile, host: FileSystemHost): Mention[] {
  const name = basename(file);
  const folder = dirname(file);
  const found: Mention[] = [];
  for (const unit of units) {
    if (unit.kind !== "service") continue;
    const service = unit.service;
    const kind = evidenceKindOf(unit.role);
    const why = whyNot(unit.role);
    const of = `of service ${service.name} in ${name}`;
    for (const assignment of service.environment) {
      if (assignment.variable !== VARIABLE) continue;
      found.push(
        ...mention(
          assignment.value ?? assignment.expanded,
          kind,
          file,
          assignment.line,
          `environment: ${of}${why}`,
        ),
      );
    }
    for (const envFile of service.envFiles) {
      const path = join(folder, envFile.path);
      const envText = host.readFile(path);
      const entry = envText === undefined ? undefined : dotenvFacts(envText).entries.get(VARIABLE);
      if (!entry || entry.dependsOnEnvironment) continue;
      found.push(...mention(entry.value, kind, file, envFile.line, `env_file ${envFile.path} ${of}${why}`));
    }
    for (const field of ["entrypoint", "command"] as const) {
      const entry = service[field];
      if (!entry) continue;
      found.push(
        ...commandMentions(entry.commands, kind, file, entry.line, (how) => `${field}: ${of} (${how})${why}`),
      );
    }
  }
  found.push(...commentMentions(file, text, /^\s*#(.*)$/, `a comment in ${name}`));
  return found;
}

function procfileMentions({ file, units }: DeploymentFile): Mention[] {
  const name = basename(file);
  return units.flatMap((unit) => {
    if (unit.kind !== "process") return [];
    const process = unit.process;
    const release = !unit.role.production && unit.role.reason === "build-time";
    const says = (how: string) =>
      release
        ? `${process.type} process in ${name} (${how}): runs once per release, not the site`
        : `${process.type} process in ${name} (${how})${whyNot(unit.role)}`;
    return commandMentions(process.commands, evidenceKindOf(unit.role), file, process.line, says);
  });
}

function platformMentions({ file, units }: DeploymentFile): Mention[] {
  const name = basename(file);
  return units.flatMap((unit) => {
    if (unit.kind !== "app") return [];
    const kind = evidenceKindOf(unit.role);
    const why = whyNot(unit.role);
    const of = `of ${unit.name} in ${name}`;
    const found: Mention[] = [];
    // A job run before each deployment shares the app's environment: its module is the app's own.
    const environment = unit.app.releaseOnly ? [] : unit.app.environment;
    for (const assignment of environment)
      if (assignment.variable === VARIABLE)
        found.push(...mention(assignment.value, kind, file, assignment.line, `${VARIABLE} ${of}${why}`));
    for (const assignment of unit.app.buildEnvironment)
      if (assignment.variable === VARIABLE)
        found.push(
          ...mention(
            assignment.value,
            "build",
            file,
            assignment.line,
            `${VARIABLE} ${of}, set only while building`,
          ),
        );
    for (const start of unit.starts)
      found.push(
        ...commandMentions(start.commands, kind, file, start.line, (how) => `${start.where} (${how})${why}`),
      );
    return found;
  });
}

function systemdMentions({ file, text, units }: DeploymentFile, host: FileSystemHost): Mention[] {
  const name = basename(file);
  const unit = units.find((candidate) => candidate.kind === "unit");
  if (!unit) return [];
  const kind = evidenceKindOf(unit.role);
  const why = whyNot(unit.role);
  const facts = unit.facts;
  const found: Mention[] = [];
  for (const assignment of facts.environment) {
    if (assignment.variable === VARIABLE)
      found.push(...mention(assignment.value, kind, file, assignment.line, `Environment= in ${name}${why}`));
  }
  for (const environmentFile of facts.environmentFiles) {
    // The unit names a path on the server; the file is looked for beside the unit.
    for (const path of [
      join(dirname(file), environmentFile.path),
      join(dirname(file), basename(environmentFile.path)),
    ]) {
      const envText =
        environmentFile.path.startsWith("/") && path === join(dirname(file), environmentFile.path)
          ? undefined
          : host.readFile(path);
      const entry = envText === undefined ? undefined : dotenvFacts(envText).entries.get(VARIABLE);
      if (!entry || entry.dependsOnEnvironment) continue;
      found.push(
        ...mention(
          entry.value,
          kind,
          file,
          environmentFile.line,
          `EnvironmentFile= ${environmentFile.path} of ${name}${why}`,
        ),
      );
      break;
    }
  }
  for (const exec of facts.exec) {
    const oneOff = exec.key !== "ExecStart" && exec.key !== "ExecReload";
    found.push(
      ...commandMentions(exec.commands, oneOff ? "build" : kind, file, exec.line, (how) =>
        oneOff
          ? `${exec.key}= in ${name} (${how}): a one-off command around the service`
          : `${exec.key}= in ${name} (${how})${why}`,
      ),
    );
  }
  found.push(...commentMentions(file, text, /^\s*[#;](.*)$/, `a comment in ${name}`));
  return found;
}
