// Runs the whole engine on fuzzed settings modules held in memory, the way the CLI (a fresh parse of
// every file) and the language server (open documents parsed incrementally, edit after edit, by one
// long-lived DjangoProject) run it, and checks what must hold for any input: nothing throws, every
// reported range lies inside its document, and both ways give the same findings.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Finding } from "../../../server/src/checks/types";
import type { ModuleSource } from "../../../server/src/engine/analysisFiles";
import { DjangoProject } from "../../../server/src/engine/project";
import type { AnalysisResult } from "../../../server/src/engine/analysis";
import type { FileSystemHost } from "../../../server/src/project/workspace";
import { IncrementalDocument, type TextChange } from "../../../server/src/python/incrementalDocument";

export const ROOT = "/project";
export const SETTINGS = "mysite/settings.py";
export const MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';

/** A case that takes more CPU time than this fails; cases over SLOW_MS are listed (not a timing assertion). */
export const BUDGET_MS = 10_000;
export const SLOW_MS = 1_000;

/** The files of a project, relative to ROOT. */
export type Files = Record<string, string>;

export function projectWith(settings: string, others: Files = {}): Files {
  return { "manage.py": MANAGE, "mysite/__init__.py": "", [SETTINGS]: settings, ...others };
}

function hostOf(files: Files, open?: Map<string, IncrementalDocument>): FileSystemHost & ModuleSource {
  const absolute = new Map(Object.entries(files).map(([path, text]) => [`${ROOT}/${path}`, text]));
  return {
    readFile: (path) => open?.get(path)?.module.text ?? absolute.get(path),
    findFiles: (root, accept) =>
      [...absolute.keys()]
        .filter((path) => path.startsWith(`${root}/`) && accept(path.split("/").pop()!))
        .sort(),
    parsed: (path) => open?.get(path)?.module,
  };
}

/** The CLI's way: every file read and parsed afresh. */
export function analyzeFresh(files: Files): AnalysisResult {
  return new DjangoProject([ROOT], hostOf(files), { djangoVersion: "5.2" }).analyze();
}

/**
 * The language server's way: the settings module is an open document that starts as `start` and is
 * changed by `edits` (each in the coordinates of the text before it), one DjangoProject analysing it
 * after each edit, as it would after each keystroke. Returns every analysis and the final text.
 */
export function analyzeEdited(
  files: Files,
  start: string,
  edits: readonly TextChange[],
): { results: AnalysisResult[]; text: string } {
  const document = new IncrementalDocument(start);
  const open = new Map([[`${ROOT}/${SETTINGS}`, document]]);
  const project = new DjangoProject([ROOT], hostOf({ ...files, [SETTINGS]: start }, open), {
    djangoVersion: "5.2",
  });
  const results = [project.analyze()];
  for (const edit of edits) {
    document.update([edit]);
    results.push(project.analyze());
  }
  return { results, text: document.module.text };
}

/** What a user sees of the findings: ID, message, place and the fixes' edits. */
export function visible(findings: Finding[]): string[] {
  return findings
    .map((finding) =>
      JSON.stringify([
        finding.code,
        finding.severity,
        finding.message,
        finding.location.file,
        finding.location.range,
        finding.fixes.map((fix) => [
          fix.title,
          fix.edits.map((edit) => [edit.file, edit.range, edit.newText]),
        ]),
      ]),
    )
    .sort();
}

/** The lines of a text as an editor counts them (\n, \r\n and \r end a line), without their ends. */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

/** Fails when the analysis failed inside, or a finding or fix points outside its document. */
export function assertSound(result: AnalysisResult, files: Files, label: string): void {
  assert.deepEqual(
    result.internalErrors.map((error) => `${error.check}: ${error.message}`),
    [],
    `${label}: internal errors`,
  );
  const texts = new Map(Object.entries(files).map(([path, text]) => [`${ROOT}/${path}`, text]));
  const check = (file: string, range: Finding["location"]["range"], what: string) => {
    const text = texts.get(file);
    if (text === undefined) return; // Outside the project (a library's module, a .env file): not ours to check.
    const lengths = lineLengths(text);
    for (const position of [range.start, range.end]) {
      const within =
        Number.isInteger(position.line) &&
        Number.isInteger(position.character) &&
        position.line >= 0 &&
        position.line < lengths.length &&
        position.character >= 0 &&
        position.character <= lengths[position.line]!;
      assert.ok(
        within,
        `${label}: ${what} at ${position.line}:${position.character} is outside ${file} (${lengths.length} lines)`,
      );
    }
    const ordered =
      range.start.line < range.end.line ||
      (range.start.line === range.end.line && range.start.character <= range.end.character);
    assert.ok(ordered, `${label}: ${what} ends before it starts: ${JSON.stringify(range)}`);
  };
  for (const finding of result.findings) {
    check(finding.location.file, finding.location.range, `${finding.code}'s location`);
    for (const related of finding.related) check(related.file, related.range, `${finding.code}'s related`);
    for (const fix of finding.fixes)
      for (const edit of fix.edits) check(edit.file, edit.range, `${finding.code}'s fix "${fix.title}"`);
  }
}

/** Times a case: fails past BUDGET_MS, and remembers it among the slow ones past SLOW_MS. */
export class Timer {
  readonly slow: { label: string; milliseconds: number; size: number }[] = [];
  cases = 0;
  slowest = { label: "", milliseconds: 0, size: 0 };

  /**
   * The budget counts this process's CPU time, not the clock: tests share the machine with other
   * work, and a loaded machine must not fail a case that is not slow.
   */
  run<T>(label: string, size: number, work: () => T): T {
    const started = process.cpuUsage();
    const result = work();
    const used = process.cpuUsage(started);
    const milliseconds = (used.user + used.system) / 1000;
    this.cases++;
    if (milliseconds > this.slowest.milliseconds) this.slowest = { label, milliseconds, size };
    if (milliseconds > SLOW_MS) this.slow.push({ label, milliseconds, size });
    assert.ok(
      milliseconds < BUDGET_MS,
      `${label} (${size} characters) took ${Math.round(milliseconds)} ms, more than ${BUDGET_MS} ms`,
    );
    return result;
  }

  report(): string {
    const slow = this.slow.map(
      (entry) => `  ${Math.round(entry.milliseconds)} ms: ${entry.label} (${entry.size} characters)`,
    );
    return [
      `${this.cases} analyses; slowest ${Math.round(this.slowest.milliseconds)} ms of CPU: ${this.slowest.label} (${this.slowest.size} characters)`,
      ...(slow.length > 0 ? [`over ${SLOW_MS} ms:`, ...slow] : []),
    ].join("\n");
  }
}

/** Real-looking settings modules to mutate: the sample project's and the test fixtures'. */
export function seedModules(): { name: string; text: string }[] {
  const root = join(import.meta.dirname, "..", "..", "..");
  const folders = ["samples", "test/fixtures/patterns", "test/fixtures/hardened"].map((folder) =>
    join(root, folder),
  );
  const found: { name: string; text: string }[] = [];
  const visit = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      if (name.startsWith(".") || name === "node_modules") continue;
      const path = join(folder, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (name.endsWith(".py") && statSync(path).size < 20_000) {
        const text = readFileSync(path, "utf8");
        if (/^[A-Z_]+\s*=/m.test(text)) found.push({ name: relative(root, path), text });
      }
    }
  };
  for (const folder of folders) visit(folder);
  return found;
}
