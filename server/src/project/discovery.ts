// Which settings modules production runs, and why (ARCHITECTURE.md step 3; issue 12). Every
// deployment file is read by the reader of its format, and each place that names a settings
// module becomes a piece of evidence with its file and line (mentions.ts):
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
import { nameStem, readDeploymentFiles } from "./deploymentFiles";
import { deploymentFileMentions, entryFileMentions, type Mention } from "./mentions";
import { moduleNameOf, resolveModule } from "./moduleFiles";
import { nearestRootsOrdering } from "./nearestRoots";
import { profileKind } from "./profileNames";
import { starImportChain } from "./starImports";
import { testConfigMentions } from "./testConfigMentions";
import type {
  EvidenceKind,
  FileSystemHost,
  Profile,
  ProfileEvidence,
  RejectedCandidate,
  RejectionReason,
} from "./workspace";
import { compareText } from "../../../common/src/compareText";

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

/** How strongly each kind of evidence says "production". */
const PRODUCTION_STRENGTH: Partial<Record<EvidenceKind, number>> = {
  chosen: 4,
  runtime: 3,
  environment: 2,
  name: 2,
  default: 1,
  "lone-settings": 0,
};

export function discoverProfilesWithEvidence(
  inputs: DiscoveryInputs,
  host: FileSystemHost,
  chosen?: readonly ChosenProfile[],
  chosenWhere = "the djangoDeploy.profiles setting",
): ProfileDiscovery {
  const messages: string[] = [];
  const nearest = nearestRootsOrdering(inputs.sourceRoots);
  // A module no source root holds is found in none whatever their order: looked for once, not once
  // per file that names it (each look tries every root of the workspace).
  const notFound = new Set<string>();
  const resolveNearest = (module: string, file: string): string | undefined => {
    if (notFound.has(module)) return undefined;
    const found = resolveModule(module, nearest(file), host);
    if (found === undefined) notFound.add(module);
    return found;
  };
  // Each production-named module's chain is needed again when it wins: worked out once.
  const chains = new Map<string, Set<string>>();
  const starImportChainOf = (file: string): Set<string> => {
    let chain = chains.get(file);
    if (!chain) chains.set(file, (chain = starImportChain(file, resolveNearest, host)));
    return chain;
  };
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
    const file = resolveNearest(mention.module, mention.evidence.file);
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
    const imported = starImportChainOf(file);
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
  const winnerImports = new Map(winners.map((winner) => [winner.module, starImportChainOf(winner.file)]));
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
    compareText(a.file, b.file) ||
    a.line - b.line
  );
}

function displayPath(file: string, roots: readonly string[]): string {
  const root = roots.find((folder) => file.startsWith(`${folder}/`));
  return root ? relative(root, file) : file;
}
