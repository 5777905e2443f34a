// Which settings modules production runs, and why (ARCHITECTURE.md step 3; issue 12). Every
// deployment file is read by the reader of its format, and each place that names a settings
// module becomes a piece of evidence with its file and line:
// - Python entry files (manage.py, wsgi.py, asgi.py) through the parser: a default
//   (`setdefault`) or an assignment; a comment that would name a module is only "commented out";
// - Dockerfiles: ENV, CMD and ENTRYPOINT of the stages the final image is made of are the runtime;
//   RUN, ARG and the other stages are build-time;
// - compose files: each service's environment:, env_file: and command:/entrypoint:;
// - Procfiles: each process's command;
// - systemd units: Environment=, EnvironmentFile= and ExecStart= (ExecStartPre= is a one-off);
// - .env files: `.env` and `.env.production` set the environment;
// - pytest.ini, tox.ini, setup.cfg and pyproject.toml name test profiles;
// - a module named like production settings that lies in a settings package or star-imports
//   (directly or not) the module an entry file names.
// Whether production runs a deployment file, compose service, Procfile process, final image or
// systemd unit is deploymentFiles.ts's rule, the one the checks follow too: what is not production's
// gives development, test, example or build-time evidence instead (docker-compose.override.yml,
// a service that runs runserver in a plain docker-compose.yml, `.env.example`, the `release`
// process), with the rule's reason in what the evidence says.
// Evidence is ranked: what a deployment runs (3) beats a production name or a plain .env file (2)
// beats an entry module's default (1), which usually names development. The production profiles are the modules
// with the strongest production evidence found; the others are rejected, each with its reason.
import { basename, dirname, join, relative } from "node:path";
import { parse as parseToml } from "smol-toml";
import {
  DEVELOPMENT_COMMANDS,
  djangoCommandOf,
  settingsNamedBy,
  TEST_COMMANDS,
  type SimpleCommand,
} from "./commandLine";
import { readConfigFile } from "./configFile";
import { type DeploymentFile, type DeploymentRole, nameStem, readDeploymentFiles } from "./deploymentFiles";
import { parseDotenv } from "./dotenv";
import { moduleNameOf, resolveModule, resolveRelativeModule } from "./moduleFiles";
import { settingsNamedInPython, starImportsIn } from "./pythonEntry";
import { sourceRootsNearest } from "./sourceRoots";
import { cachedByText } from "./textCache";
import type {
  EvidenceKind,
  FileSystemHost,
  Profile,
  ProfileEvidence,
  RejectedCandidate,
  RejectionReason,
} from "./workspace";

export { deploymentFileKind, type DeploymentFileKind } from "./deploymentFiles";

const pythonMentions = cachedByText(settingsNamedInPython);
const starImports = cachedByText(starImportsIn);
const dotenvFacts = cachedByText((text: string) => parseDotenv(text));

/** What the discovery reads: the files found by scanWorkspace (profiles.ts). */
export interface DiscoveryInputs {
  roots: readonly string[];
  sourceRoots: readonly string[];
  entryFiles: readonly string[];
  deploymentFiles: readonly string[];
  testConfigFiles: readonly string[];
  settingsFiles: readonly string[];
  /** Python files whose module name says production, anywhere in the workspace. */
  productionNamedFiles: readonly string[];
}

export interface ProfileDiscovery {
  /** Production profiles, and the development and test modules found (as before). */
  profiles: Profile[];
  /** Every candidate that is not checked as production, with the reason (development and test too). */
  rejected: RejectedCandidate[];
  messages: string[];
}

export interface ChosenProfile {
  settings: string;
  envFile?: string;
}

const DEVELOPMENT_NAMES = /(^|_)(dev|develop|development|local|debug)$/;
const TEST_NAMES = /(^|_)(test|tests|testing|ci)$/;
export const PRODUCTION_NAMES = /(^|_)(prod|production|live|deploy|deployment)$/;
/** Development servers: what a service, image or process production runs may wrongly start (deploy.W055). */
const DEVELOPMENT_SERVERS = new Set(["runserver", "runserver_plus"]);
const VARIABLE = "DJANGO_SETTINGS_MODULE";
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const IN_COMMENT = /DJANGO_SETTINGS_MODULE["']?\s*[=:]\s*["']?([A-Za-z_][\w.]*)/;

/** How strongly each kind of evidence says "production". */
const PRODUCTION_STRENGTH: Partial<Record<EvidenceKind, number>> = {
  chosen: 4,
  runtime: 3,
  environment: 2,
  name: 2,
  default: 1,
  "lone-settings": 0,
};

/** The kind of profile a module's name says (test and development names win over evidence). */
export function profileKind(module: string): Profile["kind"] {
  const last = module.split(".").pop() ?? module;
  if (TEST_NAMES.test(last)) return "test";
  if (DEVELOPMENT_NAMES.test(last)) return "development";
  return "production";
}

/** Whether the module's name says it is for production only. */
export function isDedicatedProductionModule(module: string): boolean {
  return PRODUCTION_NAMES.test(module.split(".").pop() ?? module);
}

interface Mention {
  module: string;
  evidence: ProfileEvidence;
}

export function discoverProfilesWithEvidence(
  inputs: DiscoveryInputs,
  host: FileSystemHost,
  chosen?: readonly ChosenProfile[],
  chosenWhere = "the djangoDeploy.profiles setting",
): ProfileDiscovery {
  const messages: string[] = [];
  const where = (file: string, line: number) => `${displayPath(file, inputs.roots)}:${line + 1}`;

  if (chosen && chosen.length > 0) {
    const profiles: Profile[] = [];
    for (const profile of chosen) {
      if (profiles.some((existing) => existing.module === profile.settings)) continue;
      const file = resolveModule(profile.settings, inputs.sourceRoots, host);
      const says = `chosen in ${chosenWhere}`;
      if (!file) {
        messages.push(`The settings module ${profile.settings} (${says}) is not in the workspace.`);
        continue;
      }
      profiles.push({
        module: profile.settings,
        file,
        kind: "production",
        reason: says,
        evidence: [{ kind: "chosen", file: "", line: 0, says }],
        ...(profile.envFile ? { envFile: profile.envFile } : {}),
      });
    }
    return { profiles, rejected: [], messages };
  }

  const mentions: Mention[] = [];
  for (const file of inputs.entryFiles) mentions.push(...entryFileMentions(file, host));
  // Which files, services, processes, images and units production runs: the project's one rule.
  const deployments = readDeploymentFiles(inputs.deploymentFiles, (file) => host.readFile(file));
  /** Production's deployment files that name no settings module themselves, by the word of their name. */
  const unnamedDeployments = new Map<string, string>();
  for (const deployment of deployments) {
    const found = deploymentFileMentions(deployment, host);
    mentions.push(...found);
    const stem = nameStem(basename(deployment.file));
    if (
      deployment.role.production &&
      /^[a-z][a-z0-9_]*$/.test(stem) &&
      !found.some((item) => item.evidence.kind === "runtime")
    )
      unnamedDeployments.set(stem, deployment.file);
  }
  for (const file of inputs.testConfigFiles) mentions.push(...testConfigMentions(file, host));

  // Resolve each module against the source roots nearest to the file that names it.
  const candidates = new Map<string, { module: string; file?: string; evidence: ProfileEvidence[] }>();
  // The same dotted name may be two modules in a workspace with two projects: one candidate per file.
  for (const mention of mentions) {
    const file = resolveModule(
      mention.module,
      sourceRootsNearest(inputs.sourceRoots, mention.evidence.file),
      host,
    );
    const key = `${mention.module}\0${file ?? ""}`;
    let candidate = candidates.get(key);
    if (!candidate) {
      candidate = { module: mention.module, file, evidence: [] };
      candidates.set(key, candidate);
    }
    candidate.evidence.push(mention.evidence);
  }

  // Modules named like production settings: in a settings package, or star-importing a module an
  // entry file names (then that module is shared, not a profile).
  const defaultFiles = new Map<string, string>();
  for (const candidate of candidates.values()) {
    if (candidate.file && candidate.evidence.some((evidence) => evidence.kind === "default"))
      defaultFiles.set(candidate.file, candidate.module);
  }
  for (const file of inputs.productionNamedFiles) {
    const module = moduleNameOf(file, inputs.sourceRoots);
    if (!module || profileKind(module) !== "production") continue;
    const folder = basename(dirname(file));
    const imported = starImportChain(file, inputs.sourceRoots, host);
    const base = [...imported].map((path) => defaultFiles.get(path)).find((name) => name !== undefined);
    let says: string | undefined;
    if (base)
      says = `named like production settings and star-imports ${base}, the module the entry files name`;
    else if (folder.endsWith("settings")) says = `named like production settings, in the ${folder} package`;
    if (!says) continue;
    const key = `${module}\0${file}`;
    let candidate = candidates.get(key);
    if (!candidate) {
      candidate = { module, file, evidence: [] };
      candidates.set(key, candidate);
    }
    candidate.evidence.push({ kind: "name", file, line: 0, says });
  }

  // A settings module named like a deployment file production runs that names none itself
  // (Dockerfile.cabotage beside settings/cabotage.py): that deployment's settings, by their names.
  const settingsFolders = new Set(
    [...candidates.values()].flatMap((candidate) =>
      candidate.file && basename(dirname(candidate.file)).endsWith("settings")
        ? [dirname(candidate.file)]
        : [],
    ),
  );
  for (const [stem, deploymentFile] of unnamedDeployments) {
    for (const folder of settingsFolders) {
      const file = join(folder, `${stem}.py`);
      const module = moduleNameOf(file, inputs.sourceRoots);
      if (!module || profileKind(module) !== "production" || host.readFile(file) === undefined) continue;
      const key = `${module}\0${file}`;
      let candidate = candidates.get(key);
      if (!candidate) {
        candidate = { module, file, evidence: [] };
        candidates.set(key, candidate);
      }
      const says = `named like ${basename(deploymentFile)}, which production runs and which names no settings module`;
      candidate.evidence.push({ kind: "name", file: deploymentFile, line: 0, says });
    }
  }

  // Classify each candidate.
  const production: { module: string; file: string; evidence: ProfileEvidence[]; strength: number }[] = [];
  const others: Profile[] = [];
  const rejected: RejectedCandidate[] = [];
  const strongest = (evidence: ProfileEvidence[]) =>
    Math.max(-1, ...evidence.map((item) => PRODUCTION_STRENGTH[item.kind] ?? -1));
  const first = (evidence: ProfileEvidence[], kind: EvidenceKind) =>
    evidence.find((item) => item.kind === kind);
  const reject = (
    candidate: { module: string; file?: string; evidence: ProfileEvidence[] },
    reason: RejectionReason,
    summary: string,
    by?: string[],
  ) =>
    rejected.push({
      module: candidate.module,
      file: candidate.file,
      reason,
      summary,
      evidence: candidate.evidence,
      ...(by ? { by } : {}),
    });

  for (const candidate of candidates.values()) {
    candidate.evidence.sort(byStrength);
    const evidence = candidate.evidence;
    const top = evidence[0]!;
    if (!candidate.file) {
      const counted = evidence.filter((item) => item.kind !== "commented-out" && item.kind !== "example");
      if (counted.length > 0)
        messages.push(
          `The settings module ${candidate.module} (${counted[0]!.says}, ${where(counted[0]!.file, counted[0]!.line)}) is not in the workspace.`,
        );
      reject(
        candidate,
        "not-in-workspace",
        `${candidate.module} is named (${top.says}, ${where(top.file, top.line)}) but is not in the workspace: no source root holds it.`,
      );
      continue;
    }
    const strength = strongest(evidence);
    const byName = profileKind(candidate.module);
    const development = first(evidence, "development");
    const test = first(evidence, "test");
    const kind: Profile["kind"] | undefined =
      byName !== "production"
        ? byName
        : strength >= 3 || (strength >= 1 && !development)
          ? "production"
          : development
            ? "development"
            : test
              ? "test"
              : undefined;
    if (kind === "production") {
      production.push({ module: candidate.module, file: candidate.file, evidence, strength });
      continue;
    }
    if (kind) {
      const deciding = byName !== "production" ? undefined : kind === "test" ? test : development;
      const decisive = deciding
        ? `${deciding.says}, ${where(deciding.file, deciding.line)}`
        : `its name says ${byName === "test" ? "tests" : "development"}`;
      others.push({
        module: candidate.module,
        file: candidate.file,
        kind,
        reason: deciding ? decisive : `${top.says} (${where(top.file, top.line)}); ${decisive}`,
        evidence,
      });
      reject(
        candidate,
        kind,
        `${candidate.module} is a ${kind === "test" ? "test" : "development"} profile: ${decisive}.`,
      );
      continue;
    }
    const build = first(evidence, "build");
    if (build) {
      reject(
        candidate,
        "build-time",
        `${candidate.module} is only used while building or releasing (${build.says}, ${where(build.file, build.line)}), not by the running site.`,
      );
      continue;
    }
    const example = first(evidence, "example");
    if (example) {
      reject(
        candidate,
        "example",
        `${candidate.module} is only named in an example file (${example.says}, ${where(example.file, example.line)}), which no deployment reads.`,
      );
      continue;
    }
    const comment = first(evidence, "commented-out");
    if (comment)
      reject(
        candidate,
        "commented-out",
        `${candidate.module} is only named in a comment (${where(comment.file, comment.line)}), which Python and the deployment tools ignore.`,
      );
  }

  // Rank: only the strongest production evidence found decides.
  const best = Math.max(-1, ...production.map((candidate) => candidate.strength));
  const profiles: Profile[] = [];
  const winners = production.filter((candidate) => candidate.strength === best);
  const winnerImports = new Map(
    winners.map((winner) => [winner.module, starImportChain(winner.file, inputs.sourceRoots, host)]),
  );
  for (const candidate of production) {
    const top = candidate.evidence[0]!;
    if (candidate.strength === best) {
      profiles.push({
        module: candidate.module,
        file: candidate.file,
        kind: "production",
        reason: `${top.says} (${where(top.file, top.line)})`,
        evidence: candidate.evidence,
      });
      continue;
    }
    const importers = [...winnerImports]
      .filter(([, files]) => files.has(candidate.file))
      .map(([module]) => module);
    if (importers.length > 0) {
      for (const importer of importers)
        candidate.evidence.push({
          kind: "star-imported",
          file: winners.find((winner) => winner.module === importer)!.file,
          line: 0,
          says: `star-imported (directly or not) by the production module ${importer}`,
        });
      reject(
        candidate,
        "superseded",
        `${candidate.module} (${top.says}, ${where(top.file, top.line)}) is a shared module: the production module ${importers.join(", ")} star-imports it and overrides what it needs.`,
        importers,
      );
      continue;
    }
    const winner = winners[0]!;
    const winning = winner.evidence[0]!;
    reject(
      candidate,
      "outranked",
      `${candidate.module} (${top.says}, ${where(top.file, top.line)}) is outranked: ${winner.module} has stronger evidence (${winning.says}, ${where(winning.file, winning.line)}).`,
      winners.map((entry) => entry.module),
    );
  }
  profiles.push(...others);

  if (profiles.length === 0 && inputs.settingsFiles.length === 1) {
    const file = inputs.settingsFiles[0]!;
    const module = moduleNameOf(file, inputs.sourceRoots) ?? "settings";
    const says = "the only settings.py in the workspace";
    profiles.push({
      module,
      file,
      kind: "production",
      reason: `${says} (${displayPath(file, inputs.roots)})`,
      evidence: [{ kind: "lone-settings", file, line: 0, says }],
    });
  }
  return { profiles, rejected, messages };
}

/** Stronger production evidence first, then the other kinds, then by file and line. */
function byStrength(a: ProfileEvidence, b: ProfileEvidence): number {
  return (
    (PRODUCTION_STRENGTH[b.kind] ?? -1) - (PRODUCTION_STRENGTH[a.kind] ?? -1) ||
    a.file.localeCompare(b.file) ||
    a.line - b.line
  );
}

function displayPath(file: string, roots: readonly string[]): string {
  const root = roots.find((folder) => file.startsWith(`${folder}/`));
  return root ? relative(root, file) : file;
}

/** The files a module star-imports, directly or through other star-imports. */
function starImportChain(file: string, sourceRoots: readonly string[], host: FileSystemHost): Set<string> {
  const seen = new Set<string>();
  const queue = [file];
  while (queue.length > 0) {
    const current = queue.shift()!;
    // An open document is parsed already: its tree is walked, not parsed again on every keystroke.
    const open = host.parsed?.(current);
    const text = open ? undefined : host.readFile(current);
    if (!open && text === undefined) continue;
    for (const { module } of open ? starImportsIn(open.text, open) : starImports(text!)) {
      const target = module.startsWith(".")
        ? resolveRelativeModule(module, current, host)
        : resolveModule(module, sourceRootsNearest(sourceRoots, current), host);
      if (target && !seen.has(target) && target !== file) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

function mention(
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

function entryFileMentions(file: string, host: FileSystemHost): Mention[] {
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

function deploymentFileMentions(deployment: DeploymentFile, host: FileSystemHost): Mention[] {
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

/** pytest.ini, tox.ini, setup.cfg and pyproject.toml: the settings pytest-django and tox use. */
function testConfigMentions(file: string, host: FileSystemHost): Mention[] {
  const text = host.readFile(file);
  if (text === undefined) return [];
  const name = basename(file);
  const found: Mention[] = [];
  const fromOptions = (value: string, line: number, says: string) => {
    const match =
      /(?:^|\s)--ds[=\s]+([A-Za-z_][\w.]*)/.exec(value) ??
      /(?:^|\s)--settings[=\s]+([A-Za-z_][\w.]*)/.exec(value);
    if (match) found.push(...mention(match[1], "test", file, line, says));
  };
  try {
    if (name === "pyproject.toml") {
      const document = parseToml(text) as Record<
        string,
        Record<string, Record<string, Record<string, unknown>>>
      >;
      const options = document.tool?.pytest?.ini_options ?? {};
      const lines = text.split(/\r?\n/);
      const lineOf = (key: string) =>
        Math.max(
          0,
          lines.findIndex((line) => new RegExp(`^\\s*["']?${key}["']?\\s*=`).test(line)),
        );
      const value = options[VARIABLE];
      if (typeof value === "string")
        found.push(
          ...mention(
            value,
            "test",
            file,
            lineOf(VARIABLE),
            `${VARIABLE} in [tool.pytest.ini_options] of ${name}`,
          ),
        );
      const addopts = options.addopts;
      const text2 = Array.isArray(addopts) ? addopts.join(" ") : typeof addopts === "string" ? addopts : "";
      fromOptions(text2, lineOf("addopts"), `addopts of [tool.pytest.ini_options] in ${name}`);
      return found;
    }
    for (const section of readConfigFile(text)) {
      const pytest = section.name === "pytest" || section.name === "tool:pytest";
      for (const entry of section.entries) {
        const key = entry.key.toLowerCase();
        if (pytest && key === VARIABLE.toLowerCase())
          found.push(
            ...mention(
              entry.value.trim(),
              "test",
              file,
              entry.line,
              `${VARIABLE} in [${section.name}] of ${name}`,
            ),
          );
        else if (pytest && key === "addopts")
          fromOptions(entry.value.replace(/\n/g, " "), entry.line, `addopts of [${section.name}] in ${name}`);
        else if (section.name.startsWith("testenv") && (key === "setenv" || key === "set_env")) {
          for (const line of entry.lines) {
            const match = /^DJANGO_SETTINGS_MODULE\s*=\s*(\S+)/.exec(line.text);
            if (match)
              found.push(
                ...mention(match[1], "test", file, line.line, `setenv of [${section.name}] in ${name}`),
              );
          }
        } else if (section.name.startsWith("testenv") && key === "commands") {
          for (const line of entry.lines)
            fromOptions(line.text, line.line, `commands of [${section.name}] in ${name}`);
        }
      }
    }
  } catch {
    // A configuration its reader rejects names no test settings.
  }
  return found;
}
