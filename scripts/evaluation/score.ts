// Compares our findings with Django's on security.* IDs, per (settings module, ID) pair.
import type { CliRun } from "./cli";
import type { GroundTruth } from "./groundTruth";
import type { Project } from "./manifest";

export type Verdict = "TP" | "FP" | "FN";
export type RunKind = "discovery" | "given";

export interface Pair {
  project: string;
  run: RunKind;
  module: string;
  id: string;
  verdict: Verdict;
  /** Where we reported it (TP and FP). */
  at?: string;
  note?: string;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Discovery {
  found: string[];
  wronglyAdded: string[];
  missed: string[];
}

export const isSecurity = (id: string) => id.startsWith("security.");

/** The modules whose ground truth is usable: the others are left out of the scores. */
export function usableTruth(truths: GroundTruth[]): Map<string, Set<string>> {
  const usable = new Map<string, Set<string>>();
  for (const truth of truths) {
    if (truth.error === null) usable.set(truth.module, new Set(truth.ids.filter(isSecurity)));
  }
  return usable;
}

export function score(project: Project, run: RunKind, truth: Map<string, Set<string>>, cli: CliRun): Pair[] {
  const pairs: Pair[] = [];
  const ignored = new Set(project.otherProduction);
  const ours = new Map<string, string>(); // "module id" -> where
  for (const finding of cli.findings) {
    if (!isSecurity(finding.code)) continue;
    for (const profile of finding.profiles ?? [finding.profile]) {
      const key = `${profile} ${finding.code}`;
      if (!ours.has(key)) ours.set(key, `${finding.file}:${finding.range.start.line + 1}`);
    }
  }
  for (const [key, at] of ours) {
    const [module, id] = key.split(" ") as [string, string];
    if (ignored.has(module)) continue;
    const expected = truth.get(module);
    if (expected === undefined) {
      if (project.production.includes(module)) continue; // no usable ground truth for it
      pairs.push({
        project: project.name,
        run,
        module,
        id,
        verdict: "FP",
        at,
        note: project.nonProduction.includes(module)
          ? "reported on a module that is not production"
          : "reported on a module that is not a production module",
      });
    } else {
      pairs.push({ project: project.name, run, module, id, verdict: expected.has(id) ? "TP" : "FP", at });
    }
  }
  for (const [module, ids] of truth) {
    for (const id of ids) {
      if (!ours.has(`${module} ${id}`)) {
        pairs.push({
          project: project.name,
          run,
          module,
          id,
          verdict: "FN",
          note: cli.error ? `the CLI failed: ${cli.error}` : undefined,
        });
      }
    }
  }
  return pairs;
}

export function count(pairs: Pair[]): Counts {
  return {
    tp: pairs.filter((p) => p.verdict === "TP").length,
    fp: pairs.filter((p) => p.verdict === "FP").length,
    fn: pairs.filter((p) => p.verdict === "FN").length,
  };
}

export const precision = (c: Counts) => (c.tp + c.fp === 0 ? undefined : c.tp / (c.tp + c.fp));
export const recall = (c: Counts) => (c.tp + c.fn === 0 ? undefined : c.tp / (c.tp + c.fn));

export function discovery(project: Project, profiles: string[]): Discovery {
  const ignored = new Set(project.otherProduction);
  return {
    found: project.production.filter((m) => profiles.includes(m)),
    wronglyAdded: profiles.filter((m) => !project.production.includes(m) && !ignored.has(m)),
    missed: project.production.filter((m) => !profiles.includes(m)),
  };
}
