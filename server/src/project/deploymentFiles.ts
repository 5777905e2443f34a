// Which deployment files production runs with, and which of the things in them it runs: the one rule
// that the profile discovery (discovery.ts), the production environment (environmentFiles.ts) and
// every check that reads deployment files (checks/deploymentFiles.ts) follow, so that a compose
// service the discovery calls development's is not reported as production's by a check. The rule
// itself is written out at readDeploymentFiles.
import { basename, dirname, join } from "node:path";
import { DEVELOPMENT_COMMANDS, djangoCommandOf, TEST_COMMANDS } from "./commandLine";
import { readComposeFile, type ComposeFacts, type ComposeService } from "./compose";
import type {
  DeploymentFile,
  DeploymentFileKind,
  DeploymentRole,
  DeploymentUnit,
  NotProductionReason,
  StartCommand,
} from "./deploymentFileTypes";
import { readDockerfile, type DockerfileFacts } from "./dockerfile";
import { parseDotenv } from "./dotenv";
import { PLATFORM_MANIFEST_NAMES, readPlatformManifest, type PlatformApp } from "./platformManifest";
import { isReleaseProcess, readProcfile, type ProcfileProcess } from "./procfile";
import { readSystemdUnit, type SystemdUnitFacts } from "./systemdUnit";
import { cachedByText } from "./textCache";

// Module-level patterns: a literal in the function made a RegExp object per call, and every file name
// of the workspace is asked about (250,000 at 2,000 projects, for several searches).
const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)([._-].*)?$/;
const DOCKERFILE_SUFFIX = /\.(Dockerfile|Containerfile)$/;
const COMPOSE_NAME = /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/;
const ENVIRONMENT_COMPOSE_NAME = /^(local|production|prod|staging|dev|development|docs)\.ya?ml$/;

/** The kind of deployment file a base name is, or undefined when it is none. */
export function deploymentFileKind(name: string): DeploymentFileKind | undefined {
  if (name === ".env" || name.startsWith(".env.") || name.endsWith(".env")) return "dotenv";
  if (DOCKERFILE_NAME.test(name) || DOCKERFILE_SUFFIX.test(name)) return "dockerfile";
  if (COMPOSE_NAME.test(name)) return "compose";
  // cookiecutter-django's compose files are named for their environment only.
  if (ENVIRONMENT_COMPOSE_NAME.test(name)) return "compose";
  if (name === "Procfile" || name.startsWith("Procfile.")) return "procfile";
  if (name.endsWith(".service")) return "systemd";
  // Hosting platforms' app manifests (app.json, render.yaml, fly.toml, app.yaml, DigitalOcean's spec).
  if (PLATFORM_MANIFEST_NAMES.has(name)) return "platform";
  return undefined;
}

/** One function object, so that workspace searches keyed by their filter are reused. */
export const isDeploymentFileName = (name: string): boolean => deploymentFileKind(name) !== undefined;

// Words of a file's name, beside the kind's own (`docker-compose.`, `.yml`, `Dockerfile.`, `.env.`).
const EXAMPLE_WORDS = /(^|[._-])(example|examples|sample|template|dist|defaults?)([._-]|$)/i;
// CI services name the files only their runs use (.env.actions for GitHub Actions, .env.gitlab).
const TEST_WORDS = /(^|[._-])(test|tests|testing|ci|actions|github|gitlab|travis)([._-]|$)/i;
const DEVELOPMENT_WORDS = /(^|[._-])(dev|devel|develop|development|local|debug|override|docs)([._-]|$)/i;
const PRODUCTION_WORDS = /(^|[._-])(prod|production|live|staging|deploy)([._-]|$)/i;
// Words of a compose service's name or profile.
const DEVELOPMENT_SERVICE = /(^|[._-])(dev|devel|develop|development|local|debug)([._-]|$)/i;
const TEST_SERVICE = /(^|[._-])(test|tests|testing|ci|pytest)([._-]|$)/i;
const TRUE_STRINGS = new Set(["1", "true", "True", "TRUE", "yes", "on"]);
/** Kinds of which a plain file beside one named for production is the development setup. */
const PAIRED_KINDS = new Set<DeploymentFileKind>(["dockerfile", "compose", "procfile"]);

const composeFacts = cachedByText((key: string) => {
  const [text, nearbyEnv] = key.split("\0") as [string, string];
  const interpolation = new Map(
    [...parseDotenv(nearbyEnv).entries].map(([name, entry]) => [name, entry.value]),
  );
  return readComposeFile(text, (variable) => interpolation.get(variable));
});
/** A Dockerfile's facts, by its text (the source roots read them too). */
export const dockerfileFacts = cachedByText(readDockerfile);
const procfileFacts = cachedByText(readProcfile);
const unitFacts = cachedByText(readSystemdUnit);
const platformFacts = cachedByText((key: string) => {
  const [name, text] = [key.slice(0, key.indexOf("\0")), key.slice(key.indexOf("\0") + 1)];
  return readPlatformManifest(name, text);
});

/**
 * Reads the deployment files among `files` (absolute paths; `read` gives a file's text) and decides,
 * for each file and for each thing in it that runs (a compose service, a Procfile process, the final
 * image of a Dockerfile, a systemd unit), whether production runs it and, when not, why. The rule:
 *
 * 1. A file's name says what it is for, by the words beside its kind's own (`override` in
 *    `docker-compose.override.yml`, `dev` in `Dockerfile.dev`, `example` in `.env.example`), checked
 *    in this order: example, sample, template, dist, default(s) make an example; test(s), testing, ci
 *    the tests'; dev, devel, develop, development, local, debug, override, docs development's; prod,
 *    production, live, staging, deploy production's, and that *marks* it production.
 * 2. A plain Dockerfile, compose file or Procfile (none of those words) in a folder that holds one of
 *    its kind named for production (`docker-compose.yml` beside `docker-compose.prod.yml`) is the
 *    development setup. A plain `.env` is not: the settings read it wherever they run (the discovery
 *    weighs it below one named for production instead).
 * 3. What a file runs is not production's when the file is not, for the same reason. Otherwise:
 *    - a Procfile's `release` (`predeploy`, `postdeploy`) process runs once per release: build-time.
 *      Its other processes are marked production: Heroku and Dokku run them there;
 *    - a systemd unit is marked production: it starts the site on a server;
 *    - a compose service named or put in a profile for development (`web-dev`, `profiles: [debug]`)
 *      is development's; one named for the tests or that runs them (`manage.py test`, `pytest`) the
 *      tests'; one whose `environment:` turns DEBUG on development's. A service named for
 *      production, or in a file named for production, is marked production;
 *    - a Dockerfile's final image is marked production when the file's name says so, or when a
 *      compose service marked production builds it and runs its CMD (sets no command: or
 *      entrypoint: of its own).
 * 4. A compose service or final image that runs `manage.py runserver` (or `runserver_plus`,
 *    `shell`, `shell_plus`) while nothing marks it production is development's: a plain
 *    `docker-compose.yml` whose web service runs runserver, a plain `Dockerfile` whose CMD does. A
 *    compose service without a command of its own runs the CMD of the image it builds. What is marked
 *    production (a service of docker-compose.prod.yml or production.yml, the image of
 *    Dockerfile.production, a Procfile's web process, a systemd unit) stays production's even when it
 *    runs runserver: that is the mistake deploy.W055 reports.
 * 5. Everything else is production's: nothing says otherwise.
 *
 * Files `read` cannot read, and YAML files that are no compose file after all, are left out.
 */
export function readDeploymentFiles(
  files: readonly string[],
  read: (file: string) => string | undefined,
): DeploymentFile[] {
  const named = files.flatMap((file) => {
    const kind = deploymentFileKind(basename(file));
    return kind ? [{ file, kind }] : [];
  });
  // A file's role depends only on the deployment files of its own folder: grouped once, so that a
  // monorepo of thousands of Dockerfiles is not searched once per file.
  const byFolder = new Map<string, typeof named>();
  for (const entry of named) {
    const folder = dirname(entry.file);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), entry]);
  }
  const result: DeploymentFile[] = [];
  for (const { file, kind } of named) {
    const text = read(file);
    if (text === undefined) continue;
    const role = fileRole(file, kind, byFolder.get(dirname(file)) ?? []);
    const entry: DeploymentFile = { file, kind, text, role, units: [] };
    try {
      if (kind === "compose") {
        const facts = composeFacts(`${text}\0${read(join(dirname(file), ".env")) ?? ""}`);
        if (!facts.isCompose) continue;
        entry.units = composeUnits(file, facts, role, read);
      } else if (kind === "procfile") {
        entry.units = procfileFacts(text).map((process) => processUnit(process, role));
      } else if (kind === "dockerfile") {
        entry.units = [imageUnit(dockerfileFacts(text), role)];
      } else if (kind === "systemd") {
        entry.units = [systemdUnit(unitFacts(text), role)];
      } else if (kind === "platform") {
        const facts = platformFacts(`${basename(file)}\0${text}`);
        if (!facts) continue;
        entry.units = facts.apps.map((app) => appUnit(app, facts.platform, basename(file)));
      }
    } catch {
      // A file its reader rejects runs nothing we can see.
    }
    result.push(entry);
  }
  markImagesBuiltForProduction(result);
  return result;
}

/** The part of a deployment file's name that says which environment it is for ("" for a plain name). */
export function nameStem(name: string): string {
  return name
    .replace(/^\.env\.?/, "")
    .replace(/\.(env|ya?ml|service)$/, "")
    .replace(/^(docker-)?compose\.?/, "")
    .replace(/^(Dockerfile|Containerfile|Procfile)\.?/, "")
    .replace(/\.?(Dockerfile|Containerfile)$/, "");
}

/** Steps 1 and 2 of the rule: what the file's name, and those of its neighbours, say. */
function fileRole(
  file: string,
  kind: DeploymentFileKind,
  all: readonly { file: string; kind: DeploymentFileKind }[],
): DeploymentRole {
  const name = basename(file);
  // What a platform deploys is production's: its manifest's name says which platform, not which
  // environment (DigitalOcean's deploy.template.yaml is what its Deploy button deploys).
  if (kind === "platform") return { production: true };
  const stem = nameStem(name);
  if (EXAMPLE_WORDS.test(stem)) return notProduction("example", `${name} is an example file`);
  if (TEST_WORDS.test(stem)) return notProduction("test", `${name} is named for tests`);
  if (DEVELOPMENT_WORDS.test(stem)) return notProduction("development", `${name} is named for development`);
  // Heroku runs only the file named Procfile; Procfile.windows is its convention for `heroku local`.
  if (kind === "procfile" && stem.toLowerCase() === "windows")
    return notProduction("development", `${name} is for running the app locally on Windows (heroku local)`);
  if (PRODUCTION_WORDS.test(stem)) return { production: true, markedBy: `${name} is named for production` };
  if (stem === "" && PAIRED_KINDS.has(kind)) {
    const production = all.find(
      (other) =>
        other.kind === kind &&
        dirname(other.file) === dirname(file) &&
        PRODUCTION_WORDS.test(nameStem(basename(other.file))) &&
        !EXAMPLE_WORDS.test(nameStem(basename(other.file))),
    );
    if (production)
      return notProduction(
        "beside-production",
        `${name} sits beside ${basename(production.file)}, which is named for production`,
      );
  }
  return { production: true };
}

function notProduction(reason: NotProductionReason, says: string): DeploymentRole {
  return { production: false, reason, says };
}

/** The development command (`runserver`, …) one of `starts` runs, if any. */
function developmentCommandIn(starts: readonly StartCommand[]): string | undefined {
  for (const start of starts)
    for (const command of start.commands) {
      const django = djangoCommandOf(command);
      if (django !== undefined && DEVELOPMENT_COMMANDS.has(django)) return django;
    }
  return undefined;
}

function runsTests(starts: readonly StartCommand[]): boolean {
  return starts.some((start) =>
    start.commands.some((command) => {
      const django = djangoCommandOf(command);
      return django !== undefined && TEST_COMMANDS.has(django);
    }),
  );
}

/** An app of a platform manifest: deployed by the platform, unless it is a job run before each release. */
function appUnit(app: PlatformApp, platform: string, fileName: string): DeploymentUnit {
  return {
    kind: "app",
    name: app.name,
    platform,
    app,
    line: app.line,
    role: app.releaseOnly
      ? notProduction("build-time", `${app.name} is a ${platform} job that runs before each deployment`)
      : { production: true, markedBy: `${platform} deploys what ${fileName} describes` },
    starts: app.starts.map((start) => ({ ...start, where: `${start.where} of ${app.name} in ${fileName}` })),
  };
}

function processUnit(process: ProcfileProcess, fileRole: DeploymentRole): DeploymentUnit {
  const starts = [{ line: process.line, commands: process.commands, where: `the ${process.type} process` }];
  const role: DeploymentRole = !fileRole.production
    ? fileRole
    : isReleaseProcess(process.type)
      ? notProduction("build-time", `the ${process.type} process runs once per release, not the site`)
      : {
          production: true,
          markedBy: fileRole.markedBy ?? "Heroku and Dokku run a Procfile's processes in production",
        };
  return { kind: "process", name: process.type, process, line: process.line, role, starts };
}

function systemdUnit(facts: SystemdUnitFacts, fileRole: DeploymentRole): DeploymentUnit {
  const starts = facts.exec
    .filter((exec) => exec.key === "ExecStart")
    .map((exec) => ({ line: exec.line, commands: exec.commands, where: "ExecStart=" }));
  const role: DeploymentRole = fileRole.production
    ? { production: true, markedBy: fileRole.markedBy ?? "a systemd unit starts the site on a server" }
    : fileRole;
  return { kind: "unit", facts, line: starts[0]?.line ?? 0, role, starts };
}

/** The final image's effective CMD and ENTRYPOINT: the last of each in the stages it is made of. */
function imageStarts(facts: DockerfileFacts): StartCommand[] {
  const chain = facts.runtimeStages.flatMap((index) => facts.stages[index]!.instructions);
  const starts: StartCommand[] = [];
  for (const keyword of ["ENTRYPOINT", "CMD"] as const) {
    const last = chain.filter((instruction) => instruction.keyword === keyword).pop();
    if (last && "commands" in last)
      starts.push({ line: last.line, commands: last.commands, where: `${keyword} of the final image` });
  }
  return starts.sort((a, b) => a.line - b.line);
}

function imageUnit(facts: DockerfileFacts, fileRole: DeploymentRole): DeploymentUnit {
  const starts = imageStarts(facts);
  const line = facts.stages[facts.runtimeStages[facts.runtimeStages.length - 1] ?? 0]?.line ?? 0;
  let role = fileRole;
  const development = developmentCommandIn(starts);
  if (fileRole.production && !fileRole.markedBy && development)
    role = notProduction("development-server", `the image runs manage.py ${development}`);
  return { kind: "image", facts, line, role, starts };
}

/** A compose service's image, when it builds one from a Dockerfile in the workspace. */
function builtDockerfile(composeFile: string, service: ComposeService): string | undefined {
  const build = service.build;
  // A remote context, or a target stage other than the last, runs something this rule cannot see.
  if (!build || build.target !== undefined || /^[\w+-]+:\/\/|^git@/.test(build.context)) return undefined;
  return join(dirname(composeFile), build.context, build.dockerfile ?? "Dockerfile");
}

function composeUnits(
  file: string,
  facts: ComposeFacts,
  fileRole: DeploymentRole,
  read: (file: string) => string | undefined,
): DeploymentUnit[] {
  return facts.services.map((service) => {
    const starts: StartCommand[] = [];
    for (const field of ["entrypoint", "command"] as const) {
      const entry = service[field];
      if (entry)
        starts.push({
          line: entry.line,
          commands: entry.commands,
          where: `${field}: of service ${service.name}`,
        });
    }
    const unit = (role: DeploymentRole): DeploymentUnit => ({
      kind: "service",
      name: service.name,
      service,
      line: service.line,
      role,
      starts,
    });
    if (!fileRole.production) return unit(fileRole);
    const named = (pattern: RegExp) =>
      pattern.test(service.name)
        ? "named"
        : service.profiles.some((profile) => pattern.test(profile))
          ? "in a profile"
          : undefined;
    const development = named(DEVELOPMENT_SERVICE);
    if (development)
      return unit(notProduction("development", `service ${service.name} is ${development} for development`));
    const test = named(TEST_SERVICE);
    if (test || runsTests(starts))
      return unit(
        notProduction(
          "test",
          test ? `service ${service.name} is ${test} for tests` : `service ${service.name} runs the tests`,
        ),
      );
    if (
      service.environment.some(
        (assignment) =>
          /^(DJANGO_)?DEBUG$/.test(assignment.variable) &&
          TRUE_STRINGS.has(assignment.value ?? assignment.expanded ?? ""),
      )
    )
      return unit(notProduction("development", `service ${service.name} turns DEBUG on`));
    const markedBy =
      fileRole.markedBy ??
      (named(PRODUCTION_WORDS)
        ? `service ${service.name} is ${named(PRODUCTION_WORDS)} for production`
        : undefined);
    // Without a command of its own, the service runs the CMD of the image it builds.
    const dockerfile = starts.length === 0 ? builtDockerfile(file, service) : undefined;
    const dockerfileText = dockerfile === undefined ? undefined : read(dockerfile);
    let runs = developmentCommandIn(starts);
    let through = "";
    if (runs === undefined && dockerfileText !== undefined) {
      try {
        runs = developmentCommandIn(imageStarts(dockerfileFacts(dockerfileText)));
        through = ` (the CMD of the image it builds from ${basename(dockerfile!)})`;
      } catch {
        // An image its reader rejects runs nothing we can see.
      }
    }
    if (runs && !markedBy)
      return unit(
        notProduction("development-server", `service ${service.name} runs manage.py ${runs}${through}`),
      );
    return unit(markedBy ? { production: true, markedBy } : { production: true });
  });
}

/**
 * Step 3's last case: the final image of a Dockerfile that a service marked production builds, and
 * whose CMD that service runs, is marked production too (and so stays production's with runserver).
 */
function markImagesBuiltForProduction(files: DeploymentFile[]): void {
  const images = new Map(
    files.flatMap((entry) =>
      entry.units.flatMap((unit) => (unit.kind === "image" ? [[entry.file, { entry, unit }] as const] : [])),
    ),
  );
  for (const entry of files) {
    for (const unit of entry.units) {
      if (unit.kind !== "service" || !unit.role.production || !unit.role.markedBy || unit.starts.length > 0)
        continue;
      const dockerfile = builtDockerfile(entry.file, unit.service);
      const image = dockerfile === undefined ? undefined : images.get(dockerfile);
      if (!image || !image.entry.role.production) continue;
      if (image.unit.role.production && image.unit.role.markedBy) continue;
      image.unit.role = {
        production: true,
        markedBy: `service ${unit.name} of ${basename(entry.file)} (${unit.role.markedBy}) runs its CMD`,
      };
    }
  }
}
