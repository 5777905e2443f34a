// Runs the whole engine on files held in memory, for tests.
import type { Finding, TextEdit } from "../../server/src/checks/types";
import type { DjangoVersion } from "../../server/src/django/versions";
import { DjangoProject } from "../../server/src/engine/project";
import type { FileSystemHost } from "../../server/src/project/workspace";
import { parseModule } from "../../server/src/python/parse";
import { LineIndex } from "../../server/src/python/lineIndex";

export const ROOT = "/project";

/** The files, by their paths under `root`, as a host the engine reads. */
export function memoryHost(files: Record<string, string>, root = ROOT): FileSystemHost {
  const absolute = new Map(Object.entries(files).map(([path, text]) => [`${root}/${path}`, text]));
  return {
    readFile: (path) => absolute.get(path),
    findFiles: (root, accept) =>
      [...absolute.keys()]
        .filter((path) => path.startsWith(`${root}/`) && accept(path.split("/").pop()!))
        .sort(),
  };
}

export function analyzeFiles(
  files: Record<string, string>,
  options: { djangoVersion?: DjangoVersion; profiles?: string[] } = {},
) {
  return new DjangoProject([ROOT], memoryHost(files), options).analyze();
}

/** The usual single-module project: manage.py naming mysite.settings, and that module. */
export function analyzeSettings(
  settings: string,
  options: { djangoVersion?: DjangoVersion; module?: string } = {},
) {
  const module = options.module ?? "mysite.settings";
  const path = `${module.replace(/\./g, "/")}.py`;
  return analyzeFiles(
    {
      "manage.py": `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\n`,
      [path]: settings,
    },
    { djangoVersion: options.djangoVersion },
  );
}

/** `ID@line:column` (1-based) for each finding, sorted: compact and exact for table tests. */
export function summarize(findings: Finding[], code?: string): string[] {
  return findings
    .filter((finding) => code === undefined || finding.code === code)
    .map(
      (finding) =>
        `${finding.code}@${finding.location.range.start.line + 1}:${finding.location.range.start.character + 1}`,
    )
    .sort();
}

/** Applies edits to one file's text (edits must not overlap). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const index = new LineIndex(text);
  const sorted = edits
    .map((edit) => ({
      from: index.offsetAt(edit.range.start),
      to: index.offsetAt(edit.range.end),
      text: edit.newText,
    }))
    .sort((a, b) => b.from - a.from);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.from) + edit.text + result.slice(edit.to);
  return result;
}

/** Whether Python text parses without errors (our parser; the oracle tests use CPython). */
export function parsesCleanly(text: string): boolean {
  const module = parseModule(text);
  let clean = true;
  module.tree.iterate({
    enter(node) {
      if (node.type.isError) clean = false;
    },
  });
  return clean;
}
