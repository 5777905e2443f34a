// How right our own deploy.* checks are on the real-world evaluation (docs/evaluation.md, section
// "Our own checks"). Django cannot judge these IDs, so a person judged every finding by reading the
// project's settings code; the verdicts are in judgements.json beside this file. This script reruns
// the CLI on every project's production module(s), exactly as run (b) of scripts/evaluate.ts does,
// counts the deploy.* findings per check and per project, and joins them with the verdicts.
//
//   npx tsx scripts/evaluation/ourChecks.ts [--project NAME]… [--at COMMIT | --no-build] [--write]
//                                           [--eval-dir DIR] [--mirrors DIR]
//
// Every finding, with its message, explanation and verdict, is written to EVAL_DIR/our-checks.json
// (what the judging was done from). Findings without a verdict (new since the judging) and verdicts
// whose finding is gone are listed on stderr: both mean judgements.json needs another look. --at
// measures the CLI of a commit (built apart, as scripts/evaluate.ts --at does); --write puts the
// tables into docs/evaluation.md between the our-checks markers.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ensureCheckout, productionEnvFile } from "./checkout";
import { build, type CliFinding, REPO_ROOT, runCli, useEngineAt } from "./cli";
import { loadManifest } from "./manifest";
import { writeIntoDoc } from "./report";

const { values } = parseArgs({
  options: {
    project: { type: "string", multiple: true },
    at: { type: "string" },
    "no-build": { type: "boolean", default: false },
    write: { type: "boolean", default: false },
    "eval-dir": { type: "string", default: process.env.DJANGO_DEPLOY_EVAL_DIR ?? "/work/eval" },
    mirrors: { type: "string", default: process.env.DJANGO_DEPLOY_MIRRORS ?? "/work/.mirror" },
  },
});

/** A check with more findings than this is judged on a sample of this many (see sampled()). */
const SAMPLE_SIZE = 40;

const JUDGEMENTS_PATH = join(__dirname, "judgements.json");

const verdict = z.enum(["right", "wrong", "debatable"]);
type Verdict = z.infer<typeof verdict>;

const judgement = z
  .object({
    project: z.string(),
    check: z.string().regex(/^deploy\.[EWI]\d{3}$/),
    /** file:line as the CLI reports it: the path relative to the project folder, the line 1-based. */
    at: z.string().regex(/^.+:\d+$/),
    /**
     * The setting the finding is about, only where one check reports two settings at one place
     * (deploy.W013 on DEFAULT_FROM_EMAIL and SERVER_EMAIL): the first upper-case name in its message.
     */
    setting: z.string().optional(),
    verdict,
    /** One sentence: why. For a wrong finding, which pattern the engine or the check misread. */
    reason: z.string().min(1),
    /** The short name of the cause (wrong) or the doubt (debatable), described under `causes`. */
    cause: z.string().optional(),
  })
  .strict()
  .refine((j) => j.verdict === "right" || j.cause !== undefined, {
    message: "a wrong or debatable finding names its cause",
  });
type Judgement = z.infer<typeof judgement>;

const judgementsFile = z
  .object({
    $comment: z.string().optional(),
    /** The engine the verdicts were made on. */
    engine: z.string(),
    /** Each cause: one sentence naming the check or engine part and the pattern it misreads. */
    causes: z.record(z.string(), z.string()),
    judgements: z.array(judgement),
  })
  .strict();
type JudgementsFile = z.infer<typeof judgementsFile>;

interface Finding {
  project: string;
  check: string;
  at: string;
  severity: string;
  /** The first upper-case name in the message: the setting it is about (see judgement.setting). */
  setting: string;
  message: string;
  explanation: string;
  profiles: string[];
}

/** Findings of the CLI carry an explanation in the json-report format. */
type ReportedFinding = CliFinding & { explanation?: string };

const placeOf = (f: { project: string; check: string; at: string }) => `${f.project}\t${f.check}\t${f.at}`;
/** A finding's identity: its place and the setting it is about. */
const keyOf = (f: Finding) => `${placeOf(f)}\t${f.setting}`;
/** Where a judgement is filed in the map verdictOf reads. */
const judgementKey = (j: Judgement) => (j.setting === undefined ? placeOf(j) : `${placeOf(j)}\t${j.setting}`);

/** The verdict on a finding: the one naming its setting, else the one for its place. */
function verdictOf(f: Finding, verdicts: Map<string, Judgement>): Judgement | undefined {
  return verdicts.get(keyOf(f)) ?? verdicts.get(placeOf(f));
}

/**
 * The findings of a check that are judged: all of them, or when there are more than SAMPLE_SIZE, the
 * SAMPLE_SIZE whose keys hash lowest. The hash makes the sample random with respect to the project
 * and the place, yet the same on every run, so the verdicts keep matching the sample.
 */
function sampled(findings: Finding[]): Finding[] {
  if (findings.length <= SAMPLE_SIZE) return findings;
  const hash = (f: Finding) => createHash("sha256").update(keyOf(f)).digest("hex");
  return [...findings].sort((a, b) => (hash(a) < hash(b) ? -1 : 1)).slice(0, SAMPLE_SIZE);
}

function collect(evalDir: string): { findings: Finding[]; errors: string[]; projects: string[] } {
  let projects = loadManifest();
  if (values.project) {
    const unknown = values.project.filter((n) => !projects.some((p) => p.name === n));
    if (unknown.length > 0) throw new Error(`no project named ${unknown.join(", ")} in the manifest`);
    projects = projects.filter((p) => values.project!.includes(p.name));
  }
  const folders = { projects: join(evalDir, "projects"), mirrors: values.mirrors! };
  const findings: Finding[] = [];
  const errors: string[] = [];
  for (const project of projects) {
    const checkout = ensureCheckout(project, folders);
    if ("skip" in checkout) {
      errors.push(`${project.name}: skipped: ${checkout.skip}`);
      continue;
    }
    const envFile = productionEnvFile(project, checkout.dir, join(evalDir, "env"));
    const run = runCli(join(checkout.dir, project.projectDir), project.production, envFile);
    if (run.error) errors.push(`${project.name}: ${run.error}`);
    const ours = (run.findings as ReportedFinding[]).filter((f) => f.code.startsWith("deploy."));
    for (const f of ours) {
      findings.push({
        project: project.name,
        check: f.code,
        at: `${f.file}:${f.range.start.line + 1}`,
        severity: f.severity,
        setting: /\b[A-Z][A-Z0-9_]{2,}\b/.exec(f.message)?.[0] ?? "",
        message: f.message,
        explanation: f.explanation ?? "",
        profiles: f.profiles ?? [f.profile],
      });
    }
    process.stderr.write(`${project.name}: ${ours.length} deploy.* findings\n`);
  }
  return { findings, errors, projects: projects.map((p) => p.name) };
}

const percent = (right: number, wrong: number) =>
  right + wrong === 0 ? "–" : `${((100 * right) / (right + wrong)).toFixed(1)} %`;

/** Markdown table cells must not hold a pipe. */
const cell = (text: string) => text.replace(/\|/g, "\\|");

/** The judged findings of one verdict, grouped by cause, the most frequent cause first. */
function byCause(
  judged: { finding: Finding; judgement: Judgement }[],
  which: Verdict,
  file: JudgementsFile,
): string[] {
  const groups = new Map<string, { finding: Finding; judgement: Judgement }[]>();
  for (const entry of judged) {
    if (entry.judgement.verdict !== which) continue;
    const cause = entry.judgement.cause ?? "unnamed";
    groups.set(cause, [...(groups.get(cause) ?? []), entry]);
  }
  const lines: string[] = [];
  const sorted = [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  for (const [cause, entries] of sorted) {
    const checks = [...new Set(entries.map((e) => e.finding.check))].sort().join(", ");
    lines.push(`- **${cause}** (${entries.length}, ${checks}): ${file.causes[cause] ?? "no description"}`);
    if (which !== "wrong") continue;
    for (const { finding, judgement } of entries) {
      const setting = judgement.setting === undefined ? "" : ` (${judgement.setting})`;
      lines.push(`  - ${finding.project} \`${finding.at}\` ${finding.check}${setting}: ${judgement.reason}`);
    }
  }
  return lines;
}

function render(
  findings: Finding[],
  projects: string[],
  verdicts: Map<string, Judgement>,
  file: JudgementsFile,
  engine: string,
): string {
  const checks = [...new Set(findings.map((f) => f.check))].sort();
  const lines: string[] = [];
  lines.push(
    `Engine: ${engine}; verdicts made on ${file.engine}. ${findings.length} deploy.* findings on ` +
      `the production modules of ${projects.length} projects.`,
    "",
    "| check | findings | judged | right | wrong | debatable | precision |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  const total = { findings: 0, judged: 0, right: 0, wrong: 0, debatable: 0 };
  const judgedEntries: { finding: Finding; judgement: Judgement }[] = [];
  for (const check of checks) {
    const all = findings.filter((f) => f.check === check);
    const judged = sampled(all);
    for (const finding of judged) {
      const judgement = verdictOf(finding, verdicts);
      if (judgement) judgedEntries.push({ finding, judgement });
    }
    const count = (v: Verdict) => judged.filter((f) => verdictOf(f, verdicts)?.verdict === v).length;
    const row = { right: count("right"), wrong: count("wrong"), debatable: count("debatable") };
    const unjudged = judged.length - row.right - row.wrong - row.debatable;
    total.findings += all.length;
    total.judged += judged.length;
    total.right += row.right;
    total.wrong += row.wrong;
    total.debatable += row.debatable;
    const judgedCell =
      (all.length > judged.length ? `${judged.length} (sample)` : `${judged.length}`) +
      (unjudged > 0 ? `, ${unjudged} without verdict` : "");
    lines.push(
      `| ${check} | ${all.length} | ${judgedCell} | ${row.right} | ${row.wrong} | ${row.debatable} | ` +
        `${percent(row.right, row.wrong)} |`,
    );
  }
  lines.push(
    `| **all** | ${total.findings} | ${total.judged} | ${total.right} | ${total.wrong} | ` +
      `${total.debatable} | ${percent(total.right, total.wrong)} |`,
    "",
    "Precision = right / (right + wrong); debatable findings are counted apart.",
    "",
    "Findings per project (the checks' IDs without `deploy.`):",
    "",
    "| project | findings | right / wrong / debatable | by check |",
    "| --- | ---: | --- | --- |",
  );
  for (const project of projects) {
    const mine = findings.filter((f) => f.project === project);
    const count = (v: Verdict) =>
      judgedEntries.filter((e) => e.finding.project === project && e.judgement.verdict === v).length;
    const byCheck = checks
      .map((check) => [check, mine.filter((f) => f.check === check).length] as const)
      .filter(([, n]) => n > 0)
      .map(([check, n]) => `${check.replace("deploy.", "")} ×${n}`)
      .join(", ");
    lines.push(
      `| ${project} | ${mine.length} | ${count("right")} / ${count("wrong")} / ${count("debatable")} | ` +
        `${cell(byCheck || "none")} |`,
    );
  }
  lines.push(
    "",
    "Wrong findings by cause, the most frequent first:",
    "",
    ...byCause(judgedEntries, "wrong", file),
    "",
    "Debatable findings by doubt (each finding's reason is in `judgements.json`):",
    "",
    ...byCause(judgedEntries, "debatable", file),
  );
  return lines.join("\n") + "\n";
}

/** The commit whose CLI ran, and whether the engine's folders had uncommitted changes. */
function engineDescription(at: string | undefined): string {
  const git = (args: string[]) => execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
  const commit = git(["rev-parse", "--short", at ?? "HEAD"]);
  const dirty = at === undefined && git(["status", "--porcelain", "--", "server", "cli", "common"]) !== "";
  return `commit ${commit}${dirty ? " with uncommitted changes" : ""}`;
}

function loadJudgements(): { file: JudgementsFile; verdicts: Map<string, Judgement> } {
  const file = judgementsFile.parse(JSON.parse(readFileSync(JUDGEMENTS_PATH, "utf8")));
  const verdicts = new Map<string, Judgement>();
  for (const j of file.judgements) {
    const key = judgementKey(j);
    if (verdicts.has(key)) throw new Error(`judgements.json: ${key.replace(/\t/g, " ")} is judged twice`);
    if (j.cause !== undefined && file.causes[j.cause] === undefined)
      throw new Error(`judgements.json: the cause ${j.cause} is not described under causes`);
    verdicts.set(key, j);
  }
  return { file, verdicts };
}

function main(): void {
  const evalDir = values["eval-dir"]!;
  const { file, verdicts } = loadJudgements();
  // Resolved once: HEAD may move while the projects run.
  const at = values.at === undefined ? undefined : useEngineAt(values.at, evalDir);
  if (at === undefined && !values["no-build"]) build();
  const engine = engineDescription(at);
  const { findings, errors, projects } = collect(evalDir);
  for (const error of errors) process.stderr.write(`CLI: ${error}\n`);
  const judged = new Set(
    [...new Set(findings.map((f) => f.check))].flatMap((check) =>
      sampled(findings.filter((f) => f.check === check)).map(keyOf),
    ),
  );
  for (const f of findings) {
    if (judged.has(keyOf(f)) && verdictOf(f, verdicts) === undefined)
      process.stderr.write(`no verdict: ${f.project} ${f.check} ${f.at}: ${f.message}\n`);
  }
  const present = new Set(findings.flatMap((f) => [keyOf(f), placeOf(f)]));
  const ranProjects = new Set(projects);
  for (const j of file.judgements) {
    if (ranProjects.has(j.project) && !present.has(judgementKey(j)))
      process.stderr.write(`verdict without a finding (fixed, or moved): ${j.project} ${j.check} ${j.at}\n`);
  }
  const markdown = render(findings, projects, verdicts, file, engine);
  process.stdout.write(markdown);
  mkdirSync(evalDir, { recursive: true });
  writeFileSync(
    join(evalDir, "our-checks.json"),
    JSON.stringify(
      findings.map((f) => ({ ...f, sampled: judged.has(keyOf(f)), verdict: verdictOf(f, verdicts) })),
      null,
      2,
    ) + "\n",
  );
  if (values.write) writeIntoDoc(join(REPO_ROOT, "docs", "evaluation.md"), "our-checks", markdown);
}

main();
