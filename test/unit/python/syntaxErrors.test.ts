import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseModule } from "../../../server/src/python/parse";
import { forgetRecentScans } from "../../../server/src/python/lexicalScanReuse";
import { firstSyntaxError } from "../../../server/src/python/syntaxErrors";
import { textToParse } from "../../../server/src/python/nesting";

/** xorshift32, so that a failure can be replayed from its seed. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

// Pieces that move the lexical scan's state: indentation, block headers, brackets, strings of every
// kind, comments, continuations and the errors the tokenizer reports.
const PIECES = [
  "\n",
  "\n",
  "    ",
  "\t",
  "if x:",
  "else:",
  "def f():",
  "async def g():",
  "X = 1",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  '"',
  "'",
  '"""',
  "'''",
  'r"a\\"b"',
  'f"{x}"',
  "# c )\n",
  "\\\n",
  ":",
  ",",
  "y",
  " ",
];

const LINES = [
  "X = 1\n",
  "if x:\n",
  "    y = 2\n",
  "def f():\n",
  "        z = 3\n",
  "Y = (\n",
  ")\n",
  "# (\n",
  "\n",
  '"""\n',
  "else:\n",
  "X = lambda:\n",
  "    if y:\n",
  "w = 4\n",
];

const BASE = [
  "import os",
  "",
  "if os.environ.get('A'):",
  "    DEBUG = True",
  "else:",
  "    DEBUG = False",
  "",
  "DATABASES = {",
  '    "default": {"ENGINE": "x"},  # (',
  "}",
  'DOC = """',
  "(]",
  '"""',
  "def f():",
  "    return [",
  "        1,",
  "    ]",
  "",
].join("\n");

describe("syntax errors of an edited module", () => {
  it("are the same when the lexical scan resumes from the previous version's as when it starts afresh", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = randomFrom(seed);
      forgetRecentScans();
      let text = BASE.repeat(1 + Math.floor(random() * 4));
      let lastValid: string | undefined;
      for (let step = 0; step < 80; step++) {
        if (lastValid !== undefined && random() < 0.4) {
          // Back to the last version without an error, as undoing a keystroke does: the scans that
          // end early on the previous one's rest start from a scan that found no error.
          text = lastValid;
        } else if (random() < 0.8) {
          // Whole lines inserted or deleted: the module is valid again often, so later scans end
          // early on the previous one's rest.
          const starts = [0, ...[...text.matchAll(/\n/g)].map((match) => match.index + 1)];
          const from = starts[Math.floor(random() * starts.length)]!;
          if (random() < 0.5)
            text = text.slice(0, from) + LINES[Math.floor(random() * LINES.length)] + text.slice(from);
          else {
            const end = text.indexOf("\n", from);
            text = text.slice(0, from) + (end < 0 ? "" : text.slice(end + 1));
          }
        } else {
          const from = Math.floor(random() * (text.length + 1));
          const to = random() < 0.5 ? from : Math.min(text.length, from + Math.floor(random() * 12));
          let insert = "";
          const pieces = random() < 0.3 ? 0 : 1 + Math.floor(random() * 3);
          for (let piece = 0; piece < pieces; piece++) insert += PIECES[Math.floor(random() * PIECES.length)];
          text = text.slice(0, from) + insert + text.slice(to);
        }
        const reusing = firstSyntaxError(parseModule(text));
        if (reusing === undefined) lastValid = text;
        forgetRecentScans();
        const fresh = firstSyntaxError(parseModule(text));
        assert.deepEqual(reusing, fresh, `seed ${seed}, step ${step}:\n${text}`);
        // The fresh scan is now the recent one: the next edit resumes from it (and, before
        // forgetting, resumed from the previous edit's).
      }
    }
  });

  it("report an error introduced and removed again by edits in the middle of a long module", () => {
    forgetRecentScans();
    const lines = Array.from({ length: 400 }, (_, index) => `SETTING_${index} = [${index}]`);
    const text = lines.join("\n") + "\n";
    assert.equal(firstSyntaxError(parseModule(text)), undefined);
    const middle = text.indexOf("SETTING_200");
    const broken = text.slice(0, middle) + "    " + text.slice(middle);
    const error = firstSyntaxError(parseModule(broken));
    assert.equal(error?.message, "unexpected indent");
    assert.equal(error?.from, middle + 4);
    const unclosed = text.slice(0, middle) + "(" + text.slice(middle);
    assert.equal(firstSyntaxError(parseModule(unclosed))?.message, "'(' was never closed");
    assert.equal(firstSyntaxError(parseModule(text)), undefined);
  });
});

describe("textToParse", () => {
  it("blanks exactly the brackets nested past the limit and their partners, skipping strings and comments", () => {
    const deep = "X = " + "[".repeat(205) + "1" + "]".repeat(205) + "\n";
    const parsed = textToParse(deep);
    assert.equal(parsed.length, deep.length);
    assert.equal(
      parsed,
      "X = " + "[".repeat(200) + " ".repeat(5) + "1" + " ".repeat(5) + "]".repeat(200) + "\n",
    );
    const shallow = `X = "${"[".repeat(300)}"  # ${"(".repeat(300)}\nY = [(1)]\n`;
    assert.equal(textToParse(shallow), shallow);
  });
});
