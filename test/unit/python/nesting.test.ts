// The scan for brackets nested past CPython's limit (python/nesting.ts): an edited document's scan
// resumes from the previous one and must give exactly what a scan made afresh gives.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { MAX_BRACKET_DEPTH, scanBrackets, textToParse } from "../../../server/src/python/nesting";
import { parseModule } from "../../../server/src/python/parse";
import { IncrementalDocument } from "../../../server/src/python/incrementalDocument";
import { generateSettingsModule } from "../../helpers/generateSettings";

/** Pieces an edit inserts: brackets alone and in runs that cross the limit, quotes, comments, lines. */
const PIECES = [
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
  "#",
  "\n",
  "\\",
  "\\\n",
  "x = 1\n",
  "f'{",
  "(".repeat(150),
  ")".repeat(150),
  "[".repeat(60),
  "]".repeat(60),
  "",
];

const STARTS = [
  generateSettingsModule(1_500, 3),
  `X = ${"[".repeat(250)}${"]".repeat(250)}\n${generateSettingsModule(400, 2)}`,
  generateSettingsModule(300, 4).replace(/\n/g, "\n("),
];

interface Edit {
  from: number;
  to: number;
  insert: string;
}

/** Where each edit falls, as fractions of the text it is made to, and what it inserts. */
const editShape = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 300 }),
  piece: fc.constantFrom(...PIECES),
});

/**
 * The depth at each line start the scan reaches outside strings and comments, found the simple way:
 * what a resumed scan records at its checkpoints must be this.
 */
function depthsAtLineStarts(text: string): Map<number, number> {
  const depths = new Map([[0, 0]]);
  let depth = 0;
  let index = 0;
  while (index < text.length) {
    const character = text[index]!;
    if (character === "\n") depths.set(++index, depth);
    else if (character === "#") index = text.includes("\n", index) ? text.indexOf("\n", index) : text.length;
    else if (character === "'" || character === '"') {
      const triple = text.startsWith(character.repeat(3), index);
      const quote = triple ? character.repeat(3) : character;
      index += quote.length;
      while (index < text.length && !text.startsWith(quote, index) && (triple || text[index] !== "\n"))
        index += text[index] === "\\" ? 2 : 1;
      if (text.startsWith(quote, index)) index += quote.length;
    } else {
      if ("([{".includes(character)) depth++;
      else if (")]}".includes(character) && depth > 0) depth--;
      index++;
    }
  }
  return depths;
}

describe("brackets nested past the limit", () => {
  it("blanks the brackets past the limit and the brackets that close them, keeping offsets", () => {
    const text = `X = ${"(".repeat(MAX_BRACKET_DEPTH + 2)}1${")".repeat(MAX_BRACKET_DEPTH + 2)}\n`;
    const parsed = textToParse(text);
    assert.equal(parsed.length, text.length);
    assert.equal(parsed, `X = ${"(".repeat(MAX_BRACKET_DEPTH)}  1  ${")".repeat(MAX_BRACKET_DEPTH)}\n`);
    // Brackets in strings and comments are none.
    const quoted = `X = '${"(".repeat(300)}'  # ${"[".repeat(300)}\n`;
    assert.equal(textToParse(quoted), quoted);
  });

  it("a scan resumed from the previous version's is the scan made afresh, over random edits", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STARTS.keys()),
        fc.array(fc.array(editShape, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
        (start, versions) => {
          let text = STARTS[start]!;
          let scan = scanBrackets(text);
          for (const shapes of versions) {
            // Several changes to one version, each in the coordinates of the text the one before made.
            let prefix = text.length;
            let suffix = text.length;
            for (const shape of shapes) {
              const from = Math.floor(shape.at * text.length);
              const edit: Edit = {
                from,
                to: Math.min(text.length, from + (shape.length % 4 === 0 ? shape.length : 0)),
                insert: shape.piece,
              };
              text = text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
              prefix = Math.min(prefix, edit.from);
              suffix = Math.min(suffix, text.length - edit.from - edit.insert.length);
            }
            scan = scanBrackets(text, { scan, prefix, suffix });
            const fresh = scanBrackets(text);
            assert.equal(scan.parsedText, fresh.parsedText);
            assert.deepEqual(scan.blanked, fresh.blanked);
            const depths = depthsAtLineStarts(text);
            scan.checkpoints.offsets.forEach((offset, index) =>
              assert.equal(scan.checkpoints.depths[index], depths.get(offset), `depth at ${offset}`),
            );
          }
        },
      ),
      { seed: 17, numRuns: 60 },
    );
  });

  it("a keystroke in a long module rescans a few lines, also when it opens a bracket never closed", () => {
    const text = generateSettingsModule(10_000, 7);
    const scan = scanBrackets(text);
    const middle = text.indexOf("\nDEBUG", text.length / 2) + 1 || Math.floor(text.length / 2);
    for (const insert of ["x", "(", "]"]) {
      const edited = text.slice(0, middle) + insert + text.slice(middle);
      const resumed = scanBrackets(edited, {
        scan,
        prefix: middle,
        suffix: edited.length - middle - insert.length,
      });
      assert.equal(resumed.parsedText, scanBrackets(edited).parsedText);
      // The rest of the previous scan was taken over: its checkpoints after the edit, moved by one.
      const after = scan.checkpoints.offsets.filter((offset) => offset > middle + 4_096);
      const resumedAfter = resumed.checkpoints.offsets.filter((offset) => offset > middle + 4_097);
      assert.deepEqual(
        resumedAfter,
        after.map((offset) => offset + 1),
      );
    }
  });

  it("a bracket typed before one that closes nothing: the depths after it are not the previous ones moved", () => {
    const lines = generateSettingsModule(1_500, 3).split("\n");
    // A stray closing bracket far after the edit: with the bracket typed, it closes that one.
    lines.splice(1_200, 0, ")");
    const text = lines.join("\n");
    const scan = scanBrackets(text);
    const at = text.indexOf("\n", text.length / 4) + 1;
    const edited = `${text.slice(0, at)}(${text.slice(at)}`;
    const resumed = scanBrackets(edited, { scan, prefix: at, suffix: edited.length - at - 1 });
    const depths = depthsAtLineStarts(edited);
    resumed.checkpoints.offsets.forEach((offset, index) =>
      assert.equal(resumed.checkpoints.depths[index], depths.get(offset), `depth at ${offset}`),
    );
  });

  it("an edited document parses the text a fresh parse does, brackets past the limit included", () => {
    const start = `X = 1\n${generateSettingsModule(200, 5)}`;
    const document = new IncrementalDocument(start);
    const deep = `Y = ${"[".repeat(300)}${"]".repeat(300)}\n`;
    document.update([{ from: 0, to: 0, insert: deep }]);
    assert.equal(document.module.parsedText, parseModule(document.module.text).parsedText);
    document.update([{ from: 0, to: deep.length, insert: "" }]);
    assert.equal(document.module.parsedText, document.module.text);
  });
});
