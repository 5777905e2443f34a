// Runs scripts/ground-truth.py (real Django 3.2's check --deploy on the real settings module) and
// caches its answer by everything that can change it.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Project } from "./manifest";

export const GROUND_TRUTH_SCRIPT = join(__dirname, "..", "ground-truth.py");
/** Debian's interpreter: the one with python3-django (3.2) and the env-reading libraries. */
export const DEBIAN_PYTHON = "/usr/bin/python3";

export interface GroundTruth {
  module: string;
  /** Every check ID `check --deploy` printed, sorted. */
  ids: string[];
  dropped: { setting: string; why: string }[];
  assumed: { variable: string; value: string }[];
  stubbed?: string[];
  error: string | null;
}

export function groundTruth(
  project: Project,
  dir: string,
  module: string,
  envFile: string | undefined,
  cacheDir: string,
  refresh: boolean,
): GroundTruth {
  const key = createHash("sha256")
    .update(
      JSON.stringify({
        commit: project.commit,
        module,
        sourceRoots: project.sourceRoots,
        setup: project.setup,
        env: envFile === undefined ? null : readFileSync(envFile, "utf8"),
        script: readFileSync(GROUND_TRUTH_SCRIPT, "utf8"),
      }),
    )
    .digest("hex")
    .slice(0, 24);
  const cached = join(cacheDir, `${project.name}--${module}--${key}.json`);
  if (!refresh && existsSync(cached)) return JSON.parse(readFileSync(cached, "utf8")) as GroundTruth;
  const args = [GROUND_TRUTH_SCRIPT, dir, module];
  for (const root of project.sourceRoots) args.push("--source-root", root);
  if (envFile !== undefined) args.push("--env-file", envFile);
  const run = spawnSync(DEBIAN_PYTHON, args, { encoding: "utf8", maxBuffer: 1 << 26, timeout: 600_000 });
  let result: GroundTruth;
  try {
    result = JSON.parse(run.stdout) as GroundTruth;
  } catch {
    result = {
      module,
      ids: [],
      dropped: [],
      assumed: [],
      error: `ground-truth.py failed (exit ${run.status}): ${(run.stderr || run.error?.message || "").trim().slice(-1500)}`,
    };
    return result; // not cached: a crash of the instrument is worth seeing again
  }
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, JSON.stringify(result, null, 2) + "\n");
  return result;
}
