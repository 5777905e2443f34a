// Writing a plan to the local file system, all or nothing. Every file's text first goes to a
// temporary file beside its target (and every folder it needs is made); only when all of them are
// staged are they renamed over their targets. When any step fails, what was done is undone: staged
// temporary files and new folders are removed, renamed targets get their previous text back (or are
// removed when they were new), so the project is as it was and no temporary file is left behind.
// An overwritten file's previous text is kept beside it as <name>.orig.
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { PlannedWrite } from "./planner";

/** The file system calls the writer makes; tests pass their own to make one of them fail. */
export interface WriteOperations {
  mkdir(folder: string): void;
  writeNew(file: string, content: string, mode: number): void;
  rename(from: string, to: string): void;
  unlink(file: string): void;
  rmdir(folder: string): void;
  modeOf(file: string): number | undefined;
}

export const nodeWriteOperations: WriteOperations = {
  mkdir: (folder) => fs.mkdirSync(folder),
  // "wx": the temporary file must be new, so a link planted at its name is never written through.
  writeNew: (file, content, mode) => fs.writeFileSync(file, content, { encoding: "utf8", mode, flag: "wx" }),
  rename: (from, to) => fs.renameSync(from, to),
  unlink: (file) => fs.rmSync(file, { force: true }),
  rmdir: (folder) => fs.rmdirSync(folder),
  modeOf: (file) => {
    try {
      return fs.statSync(file).mode & 0o7777;
    } catch {
      return undefined;
    }
  },
};

export class PlanWriteError extends Error {
  constructor(
    message: string,
    /** The workspace-relative path being written when it failed. */
    readonly relativePath: string,
    /** Whether everything done before the failure was undone. */
    readonly rolledBack: boolean,
  ) {
    super(message);
  }
}

export interface WriteOutcome {
  /** Workspace-relative paths written (created or overwritten). */
  written: string[];
  /** Workspace-relative paths of the .orig copies kept. */
  backups: string[];
}

interface Operation {
  target: string;
  relativePath: string;
  content: string;
  /** The target's text before, or undefined when there was no file. */
  previous: string | undefined;
  mode: number;
  /** A `.orig` copy of an overwritten file. */
  backup: boolean;
  temporary?: string;
  committed?: boolean;
}

export function backupPathOf(file: string): string {
  return `${file}.orig`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The folders from the nearest existing ancestor down to `folder`, which the writer would create. */
function missingFolders(folder: string): string[] {
  const missing: string[] = [];
  let current = folder;
  while (!fs.existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return missing;
}

/**
 * Writes the plan's "create" and "overwrite" entries; an overwrite keeps a `.orig` copy of the
 * previous text when `keepBackups`. Throws PlanWriteError, with everything undone, when it cannot.
 */
export function writePlan(
  writes: readonly PlannedWrite[],
  keepBackups: boolean,
  operations: WriteOperations = nodeWriteOperations,
  readCurrent: (file: string) => string | undefined = (file) => {
    try {
      return fs.readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  },
): WriteOutcome {
  const plan: Operation[] = [];
  for (const write of writes) {
    if (write.action !== "create" && write.action !== "overwrite") continue;
    const mode = operations.modeOf(write.path) ?? 0o644;
    if (write.action === "overwrite" && keepBackups && write.previousContent !== undefined) {
      const backup = backupPathOf(write.path);
      plan.push({
        target: backup,
        relativePath: `${write.relativePath}.orig`,
        content: write.previousContent,
        previous: readCurrent(backup),
        mode,
        backup: true,
      });
    }
    plan.push({
      target: write.path,
      relativePath: write.relativePath,
      content: write.content,
      previous: write.action === "overwrite" ? write.previousContent : undefined,
      mode,
      backup: false,
    });
  }

  const createdFolders: string[] = [];
  let current: Operation | undefined;
  try {
    for (const operation of plan) {
      current = operation;
      const folder = path.dirname(operation.target);
      for (const missing of missingFolders(folder)) {
        operations.mkdir(missing);
        createdFolders.push(missing);
      }
      const temporary = path.join(
        folder,
        `.${path.basename(operation.target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
      );
      operations.writeNew(temporary, operation.content, operation.mode);
      operation.temporary = temporary;
    }
    for (const operation of plan) {
      current = operation;
      operations.rename(operation.temporary as string, operation.target);
      operation.committed = true;
      operation.temporary = undefined;
    }
  } catch (error) {
    const rolledBack = undo(plan, createdFolders, operations);
    const where = current?.relativePath ?? "?";
    throw new PlanWriteError(
      `could not write ${where}: ${errorText(error)}; ` +
        (rolledBack
          ? "nothing was changed (what had been written was undone)"
          : "undoing the files written before it failed too, so check them"),
      where,
      rolledBack,
    );
  }
  return {
    written: plan.filter((operation) => !operation.backup).map((operation) => operation.relativePath),
    backups: plan.filter((operation) => operation.backup).map((operation) => operation.relativePath),
  };
}

/** Undoes a failed write; true when everything could be put back. */
function undo(plan: Operation[], createdFolders: string[], operations: WriteOperations): boolean {
  let complete = true;
  for (const operation of [...plan].reverse()) {
    try {
      if (operation.temporary) operations.unlink(operation.temporary);
      if (!operation.committed) continue;
      if (operation.previous === undefined) operations.unlink(operation.target);
      else {
        const restore = path.join(
          path.dirname(operation.target),
          `.${path.basename(operation.target)}.${process.pid}.restore.tmp`,
        );
        try {
          operations.writeNew(restore, operation.previous, operation.mode);
          operations.rename(restore, operation.target);
        } catch (error) {
          operations.unlink(restore);
          throw error;
        }
      }
    } catch {
      complete = false;
    }
  }
  for (const folder of createdFolders.reverse()) {
    try {
      operations.rmdir(folder);
    } catch {
      complete = false;
    }
  }
  return complete;
}
