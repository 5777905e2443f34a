// The lexical scan for the first syntax error (python/syntaxErrors.ts) of an edited module resumes
// from recent versions' scans and takes over their rest, also under brackets the edit opened: over
// random edit sequences it must give exactly what a scan made afresh gives, its checkpoints included
// (the next version's scan resumes from those).
//
// A longer run: FUZZ_RUNS=2000 FUZZ_SEED=5 npx tsx --test test/unit/python/lexicalScanReuse.test.ts
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { forgetRecentScans, lexicalScanOf } from "../../../server/src/python/lexicalScanReuse";
import { generateSettingsModule } from "../../helpers/generateSettings";

const RUNS = Number(process.env.FUZZ_RUNS ?? 80);
const SEED = Number(process.env.FUZZ_SEED ?? 17);

/**
 * What an edit inserts: brackets opened and never closed, closed, mismatched and nested past the
 * limit, strings of every kind (f-strings, raw, triple-quoted, unterminated), comments, line
 * continuations, indentation and block headers.
 */
const PIECES = [
  "(",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  "'",
  '"',
  "'''",
  '"""',
  'f"{x}"',
  "f'{",
  'rb"\\"',
  "'''(\n",
  "# (\n",
  "#",
  "\n",
  "\\",
  "\\\n",
  "    ",
  "\t",
  "if x:\n",
  "def f():\n    ",
  "x = 1\n",
  "(".repeat(120),
  ")".repeat(120),
  "",
];

const STARTS = [
  generateSettingsModule(300, 3),
  [
    "import os",
    "if os.environ.get('A'):",
    "    DEBUG = True",
    "else:",
    "    DEBUG = False",
    "DATABASES = {",
    '    "default": {"ENGINE": "x"},  # (',
    "}",
    'DOC = """',
    "(]",
    '"""',
    "def f():",
    "    return [",
    "        1,  \\",
    "    ]",
    "X = f'{DEBUG}' + rb'\\'' + (",
    "    1)",
    "",
  ]
    .join("\n")
    .repeat(8),
  // Brackets nested to the limit after the places edits open more: the rest then nests past it.
  `${generateSettingsModule(60, 5)}X = ${"[".repeat(150)}${"]".repeat(150)}\n${generateSettingsModule(60, 6)}`,
  `A = 1\nB = (\n  2)\nC = ${"{".repeat(200)}${"}".repeat(200)}\n`.repeat(4),
];

/** One step: an edit at a fraction of the text, or going back to the version before the last edit. */
const step = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      deleted: fc.oneof(fc.constant(0), fc.nat({ max: 40 })),
      piece: fc.constantFrom(...PIECES),
    }),
  },
  { weight: 1, arbitrary: fc.constant("undo" as const) },
);

/** The text after an edit, moved to a line's start or end now and then (where typing happens). */
function applied(text: string, edit: { at: number; deleted: number; piece: string }): string {
  const from = Math.floor(edit.at * text.length);
  const to = Math.min(text.length, from + edit.deleted);
  return text.slice(0, from) + edit.piece + text.slice(to);
}

function assertSameScan(text: string, label: string): void {
  const reused = lexicalScanOf(text, true);
  const fresh = lexicalScanOf(text, false);
  assert.deepEqual(reused.result, fresh.result, `${label}: result`);
  assert.deepEqual(reused.checkpoints.offsets, fresh.checkpoints.offsets, `${label}: checkpoint offsets`);
  assert.deepEqual(reused.checkpoints.states, fresh.checkpoints.states, `${label}: checkpoint states`);
  assert.deepEqual(
    reused.checkpoints.blockOffsets,
    fresh.checkpoints.blockOffsets,
    `${label}: block offsets`,
  );
  assert.deepEqual(reused.checkpoints.peaks, fresh.checkpoints.peaks, `${label}: peaks`);
}

describe("the lexical scan of an edited module", () => {
  it("is the scan made afresh, checkpoints included, over random edits and undos", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STARTS.keys()),
        fc.array(step, { minLength: 1, maxLength: 16 }),
        (start, steps) => {
          forgetRecentScans();
          const versions = [STARTS[start]!];
          assertSameScan(versions[0]!, "start");
          steps.forEach((edit, index) => {
            if (edit === "undo") {
              if (versions.length > 1) versions.pop();
            } else versions.push(applied(versions[versions.length - 1]!, edit));
            assertSameScan(versions[versions.length - 1]!, `step ${index}`);
          });
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });

  it("takes the rest of the previous scan after a '(' typed and never closed, typing after it and deleting it", () => {
    forgetRecentScans();
    const text = generateSettingsModule(3_000, 7);
    const middle = text.indexOf("\nSETTING", text.length / 2) + 1;
    lexicalScanOf(text, true);
    const opened = `${text.slice(0, middle)}(${text.slice(middle)}`;
    const withBracket = lexicalScanOf(opened, true);
    assert.deepEqual(withBracket.result.open, [...lexicalScanOf(opened, false).result.open]);
    assert.equal(withBracket.result.open[0]?.offset, middle);
    // Rescanned from the line of the edit to the next one, not to the end of the module.
    const lineEnd = text.indexOf("\n", middle) + 2;
    assert.equal(withBracket.resumedAt, middle);
    assert.equal(withBracket.tookOverAt, lineEnd);
    assertSameScan(opened, "opened");
    // Typing inside the brackets takes the rest of the scan with the bracket, as it was.
    const typed = `${text.slice(0, middle)}(x${text.slice(middle)}`;
    assert.equal(lexicalScanOf(typed, true).tookOverAt, lineEnd + 1);
    assertSameScan(typed, "typed");
    // Deleting the bracket takes the rest of the scan made before it was typed, kept for that.
    const deleted = `${text.slice(0, middle)}x${text.slice(middle)}`;
    assert.equal(lexicalScanOf(deleted, true).tookOverAt, lineEnd);
    assertSameScan(deleted, "deleted");
  });

  it("takes the rest of the scan before an edit that made an error, when the next edit undoes it", () => {
    forgetRecentScans();
    const text = generateSettingsModule(3_000, 7);
    const dictionary = text.indexOf("\nDICT", text.length / 2) + 1;
    const inside = text.indexOf("\n", dictionary) + 1;
    lexicalScanOf(text, true);
    // A '(' inside the dictionary: its '}' no longer matches, and the scan stops there.
    const broken = `${text.slice(0, inside)}(${text.slice(inside)}`;
    assert.match(lexicalScanOf(broken, true).result.error?.message ?? "", /does not match/);
    const fixed = `${text.slice(0, inside)}x${text.slice(inside)}`;
    const scan = lexicalScanOf(fixed, true);
    assert.equal(scan.tookOverAt, text.indexOf("\n", inside) + 2);
    assertSameScan(fixed, "fixed");
  });
});
