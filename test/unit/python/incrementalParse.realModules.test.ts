// Random edits of real modules (Django 5.2's own sources in ../shared/django, as the oracle uses them):
// after every edit, the edited document's statements and first syntax error must be those of its text
// parsed afresh. The kinds of edit are those that showed the parser adapter's mistakes: a line typed
// and removed again, a line typed or deleted, one character typed or deleted, and an update of two
// changes. Each module gets its own reproducible sequence (INCREMENTAL_MODULES=<n> takes every n-th
// module, 1 takes all 1,000; INCREMENTAL_SEED=<n> draws other sequences).
//
// Modules longer than the parser adapter's FRESH_PARSE_LIMIT (50,000 characters, a dozen of Django's)
// are left out: for those it keeps lezer's fragments whatever they hold, and can differ (a known
// limit, said in docs/architecture.md).
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { parseModule } from "../../../server/src/python/parse";
import { IncrementalDocument } from "../../../server/src/python/incrementalDocument";
import { firstSyntaxError } from "../../../server/src/python/syntaxErrors";

const SOURCES = join(__dirname, "..", "..", "..", "..", "shared", "django", "5.2", "django");
const EVERY = Number(process.env.INCREMENTAL_MODULES ?? 12);
const SEED = Number(process.env.INCREMENTAL_SEED ?? 0);
const STEPS = 6;
const LINES = [
  "x = 1\n",
  "\n",
  "    y = 2\n",
  "  \n",
  "#c\n",
  "     True\n",
  "if x:\n",
  "try:\n",
  "(\n",
  '"""\n',
  "\\\n",
  "def f():\n",
];
const CHARACTERS = [" ", "x", "(", ")", ":", "\n", "'"];

function modules(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return modules(path);
      return name.endsWith(".py") && readFileSync(path, "utf8").length <= 50_000 ? [path] : [];
    });
}

/** A small linear congruential generator: the same edits on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

describe("edits of real modules read as the texts parsed afresh", () => {
  const files = modules(SOURCES).filter((_, index) => index % EVERY === 0);

  it(`${files.length} of Django 5.2's modules, ${STEPS} random edits each`, () => {
    assert.ok(files.length > 50, `Django's sources are missing from ${SOURCES}`);
    const differ: string[] = [];
    files.forEach((file, index) => {
      const random = seeded(SEED * 100_003 + index + 1);
      const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
      const document = new IncrementalDocument(readFileSync(file, "utf8"));
      void document.module.body;
      for (let step = 0; step < STEPS; step++) {
        const text = document.module.text;
        const lineStarts = [0];
        for (let at = text.indexOf("\n"); at >= 0 && at < text.length - 1; at = text.indexOf("\n", at + 1))
          lineStarts.push(at + 1);
        const at = pick(lineStarts);
        const kind = Math.floor(random() * 5);
        let edit: string;
        if (kind === 0) {
          const line = pick(LINES);
          document.update([{ from: at, to: at, insert: line }]);
          void document.module.body;
          document.update([{ from: at, to: at + line.length, insert: "" }]);
          edit = `${JSON.stringify(line)} typed at ${at} and removed`;
        } else if (kind === 1) {
          const line = pick(LINES);
          document.update([{ from: at, to: at, insert: line }]);
          edit = `${JSON.stringify(line)} typed at ${at}`;
        } else if (kind === 2) {
          const end = text.indexOf("\n", at);
          document.update([{ from: at, to: end < 0 ? text.length : end + 1, insert: "" }]);
          edit = `the line at ${at} deleted`;
        } else if (kind === 3) {
          // Two changes in one update, as several cursors make: a line typed at one line start and a
          // character deleted at another, each in the coordinates the one before it left.
          const line = pick(LINES);
          const other = pick(lineStarts);
          const deleted = other >= at ? other + line.length : other;
          document.update([
            { from: at, to: at, insert: line },
            { from: deleted, to: Math.min(text.length + line.length, deleted + 1), insert: "" },
          ]);
          edit = `${JSON.stringify(line)} typed at ${at} and the character at ${other} deleted, in one update`;
        } else {
          const position = Math.floor(random() * text.length);
          const typed = random() < 0.5 ? "" : pick(CHARACTERS);
          const to = typed ? position : Math.min(text.length, position + 1);
          document.update([{ from: position, to, insert: typed }]);
          edit = typed
            ? `${JSON.stringify(typed)} typed at ${position}`
            : `the character at ${position} deleted`;
        }
        const module = document.module;
        const fresh = parseModule(module.text);
        if (
          JSON.stringify(module.body) !== JSON.stringify(fresh.body) ||
          JSON.stringify(firstSyntaxError(module)) !== JSON.stringify(firstSyntaxError(fresh))
        ) {
          differ.push(`${relative(SOURCES, file)}, edit ${step + 1}: ${edit}`);
          break;
        }
      }
    });
    assert.deepEqual(differ, []);
  });
});
