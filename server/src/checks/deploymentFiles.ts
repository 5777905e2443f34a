// The workspace's deployment files as the checks see them: read and classified once per check
// context by the project's rule (project/deploymentFiles.ts, readDeploymentFiles), the same the
// profile discovery follows, and the commands that start production's processes from them. Plus
// findOnLines, which places a finding on the word a reader's line points into.
import type { CheckContext } from "./context";
import type { SimpleCommand } from "../project/commandLine";
import { isDeploymentFileName, readDeploymentFiles } from "../project/deploymentFiles";
import type { DeploymentFile, DeploymentFileKind } from "../project/deploymentFileTypes";

/**
 * The files read, by the search result they came from (the project keeps one per search until files
 * change), with the texts they were read from: every profile of a monorepo shares one reading, and
 * an edited open file (a new text under the same search result) is read again.
 */
const read = new WeakMap<readonly string[], { texts: (string | undefined)[]; files: DeploymentFile[] }>();

/** Every deployment file of the workspace, classified (production's or not, and each thing it runs). */
export function deploymentFiles(context: CheckContext): DeploymentFile[] {
  return workspaceFact(context, deploymentFiles, () => readAll(context));
}

/**
 * A fact about the whole workspace, computed once per analysis when the engine shares facts between
 * profiles (`context.shared`), else on each call. `key` is a module-level object naming the fact;
 * `compute` must not depend on the profile.
 */
export function workspaceFact<Fact>(context: CheckContext, key: object, compute: () => Fact): Fact {
  return context.shared ? context.shared(key, compute) : compute();
}

function readAll(context: CheckContext): DeploymentFile[] {
  const names = context.workspaceFiles(isDeploymentFileName);
  const texts = names.map((file) => context.source(file));
  const known = read.get(names);
  if (known && known.texts.every((text, index) => text === texts[index])) return known.files;
  const files = readDeploymentFiles(names, (file) => context.source(file));
  read.set(names, { texts, files });
  return files;
}

/** The deployment files whose names make them production's (their services or images may still not be). */
export function productionDeploymentFiles(context: CheckContext): DeploymentFile[] {
  return workspaceFact(context, productionDeploymentFiles, () =>
    deploymentFiles(context).filter((file) => file.role.production),
  );
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

/**
 * The commands production's processes start with: of each Procfile process but `release`, the final
 * image's CMD and ENTRYPOINT, each production compose service's command: and entrypoint:, a systemd
 * unit's ExecStart=, in files and units the project's rule calls production's.
 */
export function servingCommands(context: CheckContext): ServingCommand[] {
  return workspaceFact(context, servingCommands, () => readServingCommands(context));
}

function readServingCommands(context: CheckContext): ServingCommand[] {
  const found: ServingCommand[] = [];
  for (const { file, kind, units } of productionDeploymentFiles(context))
    for (const unit of units) {
      if (!unit.role.production) continue;
      for (const start of unit.starts)
        for (const command of start.commands)
          found.push({ file, kind, line: start.line, command, where: start.where });
    }
  return found;
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
