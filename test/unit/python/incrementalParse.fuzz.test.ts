// Property test: over random edits (lines inserted and removed, characters typed and deleted) to
// indentation-heavy modules, an edited document's statements and first syntax error equal those of
// its text parsed afresh. A longer run: FUZZ_RUNS=500 FUZZ_SEED=3 npx tsx --test <this file>
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseModule } from "../../../server/src/python/parse";
import { IncrementalDocument } from "../../../server/src/python/incrementalDocument";
import { firstSyntaxError } from "../../../server/src/python/syntaxErrors";

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
// Seed 3 catches the parse adapter before 828c008 (a tree with an error reused across an edit) in 60
// runs, as seeds 1 and 4-8 do; seed 11, the first default, did not. Seed 6 catches a statement taken
// over by its place and text although this version's tree reads an error into it (fixed by
// ParsedModule.errorWithin). Each was checked to fail without its fix.
const SEEDS = process.env.FUZZ_SEED ? [Number(process.env.FUZZ_SEED)] : [3, 6];

const MODULE = [
  "import os",
  "DEBUG = False",
  "try:",
  "    from .local import *",
  "except ImportError:",
  "    DEBUG = DEBUG",
  "class Settings:",
  "    A = 1",
  "    def method(self):",
  "        if self.A:",
  "            return 1",
  "        return 2",
  "if os.environ.get('X'):",
  "    ALLOWED_HOSTS = ['a']",
  "else:",
  "    ALLOWED_HOSTS = []",
  "SECRET_KEY = 'x'",
  "",
].join("\n");

const LINES = [
  "x = 1\n",
  "\n",
  "    y = 2\n",
  "     True\n",
  "if x:\n",
  "try:\n",
  "(\n",
  "def f():\n",
  "  \n",
];

const edit = fc.record({
  position: fc.nat(),
  kind: fc.constantFrom("line", "roundTrip", "removeLine", "character", "deleteCharacter"),
  line: fc.constantFrom(...LINES),
  character: fc.constantFrom(" ", "x", "(", ")", ":", "\n", "'"),
});

describe("an edited document reads as a fresh parse", () => {
  for (const SEED of SEEDS)
    it(`has the same statements and first syntax error after random edits (seed ${SEED})`, () => {
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
          const document = new IncrementalDocument(MODULE);
          void document.module.body;
          for (const { position, kind, line, character } of edits) {
            const text = document.module.text;
            const lineStarts = [0];
            for (
              let index = text.indexOf("\n");
              index >= 0 && index < text.length - 1;
              index = text.indexOf("\n", index + 1)
            )
              lineStarts.push(index + 1);
            const at = lineStarts[position % lineStarts.length]!;
            if (kind === "line") document.update([{ from: at, to: at, insert: line }]);
            else if (kind === "roundTrip") {
              document.update([{ from: at, to: at, insert: line }]);
              void document.module.body;
              document.update([{ from: at, to: at + line.length, insert: "" }]);
            } else if (kind === "removeLine") {
              const end = text.indexOf("\n", at);
              document.update([{ from: at, to: end < 0 ? text.length : end + 1, insert: "" }]);
            } else {
              const offset = position % (text.length + 1);
              if (kind === "character") document.update([{ from: offset, to: offset, insert: character }]);
              else document.update([{ from: offset, to: Math.min(text.length, offset + 1), insert: "" }]);
            }
            const fresh = parseModule(document.module.text);
            assert.equal(JSON.stringify(document.module.body), JSON.stringify(fresh.body));
            assert.deepEqual(firstSyntaxError(document.module), firstSyntaxError(fresh));
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    });
});
