// The Markdown results of the evaluation, and their place in docs/evaluation.md.
import { readFileSync, writeFileSync } from "node:fs";
import type { GroundTruth } from "./groundTruth";
import type { Project } from "./manifest";
import { type Counts, type Discovery, type Pair, count, precision, recall } from "./score";

export interface ProjectResult {
  project: Project;
  skipped?: string;
  /** Module -> security.* IDs Django reports; absent modules had no usable ground truth. */
  truth: Map<string, Set<string>>;
  truthErrors: { module: string; error: string }[];
  /** The ground-truth script's full answers, for the record. */
  truthRuns: GroundTruth[];
  discovery?: Discovery;
  discoveryPairs: Pair[];
  givenPairs: Pair[];
  cliErrors: string[];
}

const percent = (value: number | undefined) => (value === undefined ? "–" : `${(value * 100).toFixed(1)} %`);
const counts = (c: Counts) => `${c.tp} / ${c.fp} / ${c.fn}`;

export function renderMarkdown(results: ProjectResult[], engine: string): string {
  const scored = results.filter((r) => !r.skipped && r.truth.size > 0);
  const all = (pick: (r: ProjectResult) => Pair[]) => count(scored.flatMap(pick));
  const a = all((r) => r.discoveryPairs);
  const b = all((r) => r.givenPairs);
  const lines: string[] = [];
  lines.push(
    `Engine: ${engine}. ${scored.length} projects scored` +
      (results.length > scored.length ? ` (${results.length - scored.length} left out, see below)` : "") +
      `, ${[...scored].reduce((n, r) => n + r.truth.size, 0)} production modules, ` +
      `${scored.reduce((n, r) => n + [...r.truth.values()].reduce((m, s) => m + s.size, 0), 0)} security.* IDs reported by Django.`,
    "",
    "| run | TP | FP | FN | precision | recall |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    `| (a) discovery | ${a.tp} | ${a.fp} | ${a.fn} | ${percent(precision(a))} | ${percent(recall(a))} |`,
    `| (b) given module | ${b.tp} | ${b.fp} | ${b.fn} | ${percent(precision(b))} | ${percent(recall(b))} |`,
    "",
  );
  const withDiscovery = scored.filter((r) => r.discovery);
  const total = (pick: (d: Discovery) => string[]) =>
    withDiscovery.reduce((n, r) => n + pick(r.discovery!).length, 0);
  const exact = withDiscovery.filter(
    (r) => r.discovery!.missed.length === 0 && r.discovery!.wronglyAdded.length === 0,
  ).length;
  lines.push(
    `Profile discovery: ${total((d) => d.found)} of ${total((d) => d.found) + total((d) => d.missed)} production modules found, ` +
      `${total((d) => d.wronglyAdded)} non-production modules checked as production, ` +
      `${exact} of ${withDiscovery.length} projects exactly right.`,
    "",
    "Per project (TP / FP / FN on (module, security.* ID) pairs):",
    "",
    "| project | Django's IDs | (a) discovery | (a) P | (a) R | (b) given | (b) P | (b) R | discovery: found / wrongly added / missed |",
    "| --- | --- | --- | ---: | ---: | --- | ---: | ---: | --- |",
  );
  for (const r of results) {
    if (r.skipped || r.truth.size === 0) continue;
    const ca = count(r.discoveryPairs);
    const cb = count(r.givenPairs);
    const ids = [...r.truth.entries()]
      .map(
        ([m, s]) =>
          (r.truth.size > 1 ? `${m}: ` : "") + ([...s].map((id) => id.slice(9)).join(" ") || "none"),
      )
      .join("; ");
    const d = r.discovery;
    const disc = d
      ? `${d.found.length} / ${d.wronglyAdded.length ? d.wronglyAdded.join(", ") : "0"} / ${d.missed.length ? d.missed.join(", ") : "0"}`
      : "–";
    lines.push(
      `| ${r.project.name} | ${ids} | ${counts(ca)} | ${percent(precision(ca))} | ${percent(recall(ca))} | ${counts(cb)} | ${percent(precision(cb))} | ${percent(recall(cb))} | ${disc} |`,
    );
  }
  const left = results.filter((r) => r.skipped || r.truthErrors.length > 0);
  if (left.length > 0) {
    lines.push("", "Left out of the scores:", "");
    for (const r of left) {
      if (r.skipped) lines.push(`- ${r.project.name}: ${r.skipped}`);
      for (const e of r.truthErrors)
        lines.push(`- ${r.project.name} (${e.module}): no ground truth: ${e.error}`);
    }
  }
  return lines.join("\n") + "\n";
}

/** The manifest as a table, for docs/evaluation.md. */
export function renderManifest(projects: Project[]): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const lines = [
    "| project | repository @ commit | style | production module(s) | evidence |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const p of projects) {
    const extra: string[] = [];
    if (Object.keys(p.env).length > 0) {
      extra.push(
        `with ${Object.entries(p.env)
          .map(([k, v]) => `${k}=${v}`)
          .join(" ")}`,
      );
    }
    if (p.sourceRoots.join() !== ".") extra.push(`source root ${p.sourceRoots.join(", ")}`);
    lines.push(
      `| ${p.name} | [${p.repository}](https://github.com/${p.repository}/tree/${p.commit}) @ \`${p.commit.slice(0, 10)}\` | ${p.styles.join(", ")} | ${p.production.map((m) => `\`${m}\``).join(", ")}${extra.length ? ` (${extra.join("; ")})` : ""} | ${cell(p.evidence)} |`,
    );
  }
  return lines.join("\n") + "\n";
}

/** Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` in the file. */
export function writeIntoDoc(path: string, name: string, markdown: string): void {
  const START = `<!-- ${name}:start -->`;
  const END = `<!-- ${name}:end -->`;
  const text = readFileSync(path, "utf8");
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${path} has no ${START} … ${END} section`);
  writeFileSync(path, `${text.slice(0, start + START.length)}\n\n${markdown}\n${text.slice(end)}`);
}
