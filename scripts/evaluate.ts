// The real-world evaluation (docs/evaluation.md): real Django's check --deploy on public projects'
// production settings, against our CLI with discovery (a) and with the module given (b).
//
//   npx tsx scripts/evaluate.ts [--write] [--project NAME]… [--at COMMIT | --no-build] [--refresh]
//                               [--eval-dir DIR] [--mirrors DIR]
//
// --write puts the manifest and results tables into docs/evaluation.md; --at measures the CLI of a
// commit (built in a worktree of its own) instead of this work tree's; --refresh ignores the
// ground-truth cache.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ensureCheckout, productionEnvFile } from "./evaluation/checkout";
import { build, REPO_ROOT, runCli, useEngineAt } from "./evaluation/cli";
import { groundTruth } from "./evaluation/groundTruth";
import { loadManifest } from "./evaluation/manifest";
import { type ProjectResult, renderManifest, renderMarkdown, writeIntoDoc } from "./evaluation/report";
import { count, discovery, score, usableTruth } from "./evaluation/score";

const { values } = parseArgs({
  options: {
    write: { type: "boolean", default: false },
    project: { type: "string", multiple: true },
    "no-build": { type: "boolean", default: false },
    at: { type: "string" },
    refresh: { type: "boolean", default: false },
    "eval-dir": { type: "string", default: process.env.DJANGO_DEPLOY_EVAL_DIR ?? "/work/eval" },
    mirrors: { type: "string", default: process.env.DJANGO_DEPLOY_MIRRORS ?? "/work/.mirror" },
  },
});

const evalDir = values["eval-dir"]!;
const folders = { projects: join(evalDir, "projects"), mirrors: values.mirrors! };
const cacheDir = join(evalDir, "cache");
const envDir = join(evalDir, "env");

function engineDescription(at: string | undefined): string {
  const git = (args: string[]) => execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
  const commit = git(["rev-parse", "--short", at ?? "HEAD"]);
  const subject = git(["log", "-1", "--format=%s", at ?? "HEAD"]);
  const dirty = at === undefined && git(["status", "--porcelain", "--", "server", "cli", "common"]) !== "";
  const short = subject.length > 60 ? `${subject.slice(0, 57)}…` : subject;
  return `commit ${commit} ("${short}")${dirty ? " with uncommitted changes" : ""}`;
}

function main(): void {
  let projects = loadManifest();
  if (values.project) {
    const unknown = values.project.filter((n) => !projects.some((p) => p.name === n));
    if (unknown.length > 0) throw new Error(`no project named ${unknown.join(", ")} in the manifest`);
    projects = projects.filter((p) => values.project!.includes(p.name));
  }
  // Resolved once: HEAD may move while the projects run.
  const at = values.at === undefined ? undefined : useEngineAt(values.at, evalDir);
  if (at === undefined && !values["no-build"]) build();
  const results: ProjectResult[] = [];
  for (const project of projects) {
    const result: ProjectResult = {
      project,
      truth: new Map(),
      truthErrors: [],
      truthRuns: [],
      discoveryPairs: [],
      givenPairs: [],
      cliErrors: [],
    };
    results.push(result);
    const checkout = ensureCheckout(project, folders);
    if ("skip" in checkout) {
      result.skipped = checkout.skip;
      process.stderr.write(`${project.name}: skipped: ${checkout.skip}\n`);
      continue;
    }
    const envFile = productionEnvFile(project, checkout.dir, envDir);
    const truths = project.production.map((module) =>
      groundTruth(project, checkout.dir, module, envFile, cacheDir, values.refresh!),
    );
    for (const t of truths)
      if (t.error !== null) result.truthErrors.push({ module: t.module, error: t.error });
    result.truth = usableTruth(truths);
    const cliDir = join(checkout.dir, project.projectDir);
    // Both runs see the production environment the manifest records (what the deployment sets, such
    // as DJANGO_ENV=production): run (a) measures which modules are found, not what the user passes.
    const found = runCli(cliDir, [], envFile);
    const given = runCli(cliDir, project.production, envFile);
    for (const run of [found, given]) if (run.error) result.cliErrors.push(run.error);
    result.discovery = discovery(project, found.profiles);
    result.discoveryPairs = score(project, "discovery", result.truth, found);
    result.givenPairs = score(project, "given", result.truth, given);
    const a = count(result.discoveryPairs);
    const b = count(result.givenPairs);
    process.stderr.write(
      `${project.name}: truth ${[...result.truth.values()].map((s) => s.size).join("+") || "none"}` +
        ` | (a) ${a.tp}/${a.fp}/${a.fn} | (b) ${b.tp}/${b.fp}/${b.fn}` +
        (result.cliErrors.length ? ` | CLI: ${result.cliErrors.join("; ")}` : "") +
        "\n",
    );
  }
  const engine = engineDescription(at);
  const markdown = renderMarkdown(results, engine);
  process.stdout.write(markdown);
  mkdirSync(evalDir, { recursive: true });
  writeFileSync(
    join(evalDir, "last-run.json"),
    JSON.stringify(
      {
        engine,
        date: new Date().toISOString(),
        projects: results.map((r) => ({
          name: r.project.name,
          skipped: r.skipped,
          truth: Object.fromEntries([...r.truth].map(([m, s]) => [m, [...s]])),
          truthErrors: r.truthErrors,
          groundTruth: r.truthRuns,
          cliErrors: r.cliErrors,
          discovery: r.discovery,
          discoveryCounts: count(r.discoveryPairs),
          givenCounts: count(r.givenPairs),
        })),
        disagreements: results.flatMap((r) =>
          [...r.discoveryPairs, ...r.givenPairs].filter((p) => p.verdict !== "TP"),
        ),
        agreements: results.flatMap((r) =>
          [...r.discoveryPairs, ...r.givenPairs].filter((p) => p.verdict === "TP"),
        ),
      },
      null,
      2,
    ) + "\n",
  );
  if (values.write) {
    const doc = join(REPO_ROOT, "docs", "evaluation.md");
    writeIntoDoc(doc, "manifest", renderManifest(loadManifest()));
    writeIntoDoc(doc, "results", markdown);
  }
}

main();
