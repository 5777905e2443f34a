// Property-based and fuzz tests of the whole engine (issue 18): generated settings modules, mutations
// of the sample project's and the fixtures' modules, and hostile inputs (deep nesting, huge lines,
// NUL bytes, broken UTF-8, long chains of star imports, import cycles, values that double forty
// times). For every input: the engine never throws, answers within a generous budget (BUDGET_MS; the
// slow cases are printed), reports no range outside its document, and finds the same whether the
// module was parsed afresh or reached through incremental edits of an open document.
//
// `npm test` runs a fixed seed and a bounded number of inputs (about 30 s in all). A longer run:
// FUZZ_RUNS=10000 FUZZ_SEED=7 npx tsx --test test/unit/fuzz/engine.test.ts
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import fc from "fast-check";
import type { TextChange } from "../../../server/src/python/incrementalDocument";
import {
  analyzeEdited,
  analyzeFresh,
  assertSound,
  type Files,
  projectWith,
  seedModules,
  SETTINGS,
  Timer,
  visible,
} from "./engineHarness";

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 18);
const settings = { seed: SEED, numRuns: RUNS, endOnFailure: true } as const;
/**
 * A long run (FUZZ_RUNS set) also tries the largest hostile inputs, whose time goes mostly to
 * @lezer/python itself (about 7 µs of CPU a character of code, and the settings module is parsed
 * twice: by profile discovery and by the engine). A 5 MB line of code takes about 36 s of CPU, in
 * proportion to its size but past the budget, so the long run stops at 1 MB.
 */
const LONG = process.env.FUZZ_RUNS !== undefined;
const large = (quick: number, long: number) => (LONG ? long : quick);

const timer = new Timer();
after(() => console.log(`fuzz (seed ${SEED}, ${RUNS} runs per property):\n${timer.report()}`));

/** Analyses `files` afresh, checking soundness; returns what a user sees. */
function fresh(files: Files, label: string): string[] {
  const result = timer.run(label, files[SETTINGS]?.length ?? 0, () => analyzeFresh(files));
  assertSound(result, files, label);
  return visible(result.findings);
}

// --- generated modules ---------------------------------------------------------------------------

const SETTING_NAMES = [
  "DEBUG",
  "SECRET_KEY",
  "ALLOWED_HOSTS",
  "MIDDLEWARE",
  "INSTALLED_APPS",
  "DATABASES",
  "SECURE_SSL_REDIRECT",
  "SESSION_COOKIE_SECURE",
  "CSRF_COOKIE_SECURE",
  "SECURE_HSTS_SECONDS",
  "CSRF_TRUSTED_ORIGINS",
  "STATIC_ROOT",
  "LOGGING",
  "CACHES",
];

const name = fc.constantFrom(...SETTING_NAMES, "BASE_DIR", "env", "x", "_private");

const expression: fc.Arbitrary<string> = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom("True", "False", "None", "0", "1", "31536000", "'x'", '""', "'django-insecure-abc'"),
    fc.string({ maxLength: 12 }).map((text) => JSON.stringify(text)),
    name,
    fc.constantFrom(
      'os.environ.get("DEBUG")',
      'os.environ["SECRET_KEY"]',
      'os.getenv("HOSTS", "a,b").split(",")',
      'env.bool("DEBUG", default=False)',
      'BASE_DIR / "static"',
      "Path(__file__).resolve().parent",
    ),
  ),
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("leaf"),
    fc.array(tie("node"), { maxLength: 4 }).map((items) => `[${items.join(", ")}]`),
    fc.array(tie("node"), { maxLength: 3 }).map((items) => `(${items.join(", ")},)`),
    fc
      .array(fc.tuple(fc.string({ maxLength: 6 }), tie("node")), { maxLength: 3 })
      .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}: ${value}`).join(", ")}}`),
    fc
      .tuple(tie("node"), fc.constantFrom("+", "*", "%", "==", " and ", " or ", " if x else "), tie("node"))
      .map(([left, operator, right]) => `${left}${operator}${right}`),
    fc.tuple(tie("node")).map(([inner]) => `f"{${inner}}-x"`),
    fc.tuple(tie("node")).map(([inner]) => `not ${inner}`),
    fc.tuple(tie("node"), tie("node")).map(([separator, items]) => `${separator}.join(${items})`),
  ),
})).node as fc.Arbitrary<string>;

const statement: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(name, expression).map(([target, value]) => `${target} = ${value}\n`),
  fc.tuple(name, expression).map(([target, value]) => `${target} += ${value}\n`),
  fc.tuple(name, expression).map(([target, value]) => `${target}.append(${value})\n`),
  fc
    .tuple(expression, name, expression, name, expression)
    .map(([test, a, x, b, y]) => `if ${test}:\n    ${a} = ${x}\nelse:\n    ${b} = ${y}\n`),
  fc
    .tuple(name, expression)
    .map(
      ([target, value]) => `try:\n    from .local import *\nexcept ImportError:\n    ${target} = ${value}\n`,
    ),
  fc.tuple(name, expression).map(([target, value]) => `for item in range(3):\n    ${target} = ${value}\n`),
  fc
    .tuple(name, expression)
    .map(([target, value]) => `def make(value=${value}):\n    return [value]\n${target} = make()\n`),
  fc.constantFrom(
    "import os\n",
    "from pathlib import Path\n",
    "import environ\nenv = environ.Env()\n",
    "from .base import *\n",
    "from . import base\n",
    "# a comment\n",
    "\n",
  ),
);

const generatedModule = fc.array(statement, { maxLength: 12 }).map((lines) => lines.join(""));

// --- mutations -----------------------------------------------------------------------------------

/** Pieces that break a module in the ways people and tools do. */
const HOSTILE = [
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  "'",
  '"',
  '"""',
  "'''",
  "\\",
  "\n",
  "\r\n",
  "\r",
  "\t",
  "    ",
  "\0",
  "\uFEFF",
  "\uFFFD",
  "\uD800",
  "\uDC00",
  "é",
  "😀",
  ":",
  "=",
  "if x:",
  "else:",
  "def f(",
  "lambda: ",
  "from . import *",
  "import ",
  "#",
  "f'{",
  "*",
  "**",
  ",",
  "\u2028",
];

const piece = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8, unit: "binary" }));

/** An edit of `text`, in its coordinates. */
function editOf(text: string): fc.Arbitrary<TextChange> {
  return fc
    .tuple(fc.nat({ max: text.length }), fc.nat({ max: text.length }), fc.array(piece, { maxLength: 4 }))
    .map(([a, b, pieces]) => {
      const from = Math.min(a, b);
      // Mostly insertions and short deletions: a keystroke, a paste, a cut.
      const to = Math.min(Math.max(a, b), from + 40);
      return { from, to, insert: pieces.join("") };
    });
}

function applyEdit(text: string, edit: TextChange): string {
  return text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
}

/** A sequence of edits starting from `start`, each valid for the text the previous ones produced. */
function editsFrom(start: string, count: number): fc.Arbitrary<TextChange[]> {
  if (count === 0) return fc.constant([]);
  return editOf(start).chain((edit) =>
    editsFrom(applyEdit(start, edit), count - 1).map((rest) => [edit, ...rest]),
  );
}

/** Whole-text rewrites: CRLF or CR line ends, a BOM, tabs for indentation, a NUL byte per line. */
const REWRITES: Record<string, (text: string) => string> = {
  crlf: (text) => text.replace(/\n/g, "\r\n"),
  cr: (text) => text.replace(/\n/g, "\r"),
  bom: (text) => `\uFEFF${text}`,
  tabs: (text) => text.replace(/^( {4})+/gm, (indent) => "\t".repeat(indent.length / 4)),
  mixedTabs: (text) => text.replace(/^ {4}/gm, (indent, offset: number) => (offset % 2 ? "\t" : indent)),
  nul: (text) => text.replace(/\n/g, "\0\n"),
  // Invalid UTF-8 as Node decodes it (U+FFFD), and what a lone surrogate in UTF-16 text looks like.
  replacement: (text) => text.replace(/'/g, "'\uFFFD"),
  loneSurrogate: (text) => text.replace(/=/g, "= \uD83D"),
};

const seeds = seedModules();

describe("engine fuzz", () => {
  it("has real-looking seed modules to mutate", () => {
    assert.ok(seeds.length >= 10, `found ${seeds.length} seed modules`);
  });

  it("generated modules: sound, and the same fresh or through incremental edits", () => {
    fc.assert(
      fc.property(generatedModule, generatedModule, (start, end) => {
        const files = projectWith(end);
        const expected = fresh(files, `generated module:\n${end}`);
        // The open document goes from another module to this one in one replacement and back.
        const edited = timer.run("generated, edited", end.length, () =>
          analyzeEdited(files, start, [{ from: 0, to: start.length, insert: end }]),
        );
        assert.equal(edited.text, end);
        assertSound(edited.results[0]!, projectWith(start), "before the edit");
        assertSound(edited.results[1]!, files, "after the edit");
        assert.deepEqual(visible(edited.results.at(-1)!.findings), expected);
      }),
      settings,
    );
  });

  it("mutated seeds: sound, and the same fresh or through the same edits made one by one", () => {
    const seed = fc.constantFrom(...seeds);
    fc.assert(
      fc.property(
        seed.chain((module) =>
          fc.tuple(
            fc.constant(module),
            fc.integer({ min: 1, max: 4 }).chain((count) => editsFrom(module.text, count)),
          ),
        ),
        ([module, edits]) => {
          const edited = timer.run(`${module.name} edited`, module.text.length, () =>
            analyzeEdited(projectWith(module.text), module.text, edits),
          );
          let text = module.text;
          edits.forEach((edit, index) => {
            text = applyEdit(text, edit);
            const files = projectWith(text);
            const label = `${module.name} after edits ${JSON.stringify(edits.slice(0, index + 1))}`;
            assertSound(edited.results[index + 1]!, files, label);
            assert.deepEqual(visible(edited.results[index + 1]!.findings), fresh(files, label), label);
          });
        },
      ),
      settings,
    );
  });

  it("whole-text rewrites of every seed (CRLF, CR, BOM, tabs, NUL bytes, U+FFFD, lone surrogates)", () => {
    for (const module of seeds)
      for (const [rewrite, apply] of Object.entries(REWRITES))
        fresh(projectWith(apply(module.text)), `${module.name} rewritten (${rewrite})`);
  });

  it("a small module truncated at every offset, and grown back one keystroke at a time", () => {
    const module =
      'import os\nDEBUG = os.environ.get("DEBUG", "") == "1"\nALLOWED_HOSTS = ["a.example", f"{os.getenv(\'H\')}"]\nif not DEBUG:\n    SECURE_HSTS_SECONDS = 3600 * 24\nSECRET_KEY = """k"""\n';
    for (let offset = 0; offset <= module.length; offset++)
      fresh(projectWith(module.slice(0, offset)), `truncated at ${offset}`);
    // Typing the module character by character in an open document ends where a fresh parse does.
    const keystrokes = [...module].map((character, index) => ({ from: index, to: index, insert: character }));
    const edited = timer.run("typed", module.length, () => analyzeEdited(projectWith(""), "", keystrokes));
    assert.equal(edited.text, module);
    edited.results.forEach((result, index) =>
      assertSound(result, projectWith(module.slice(0, index)), `typed ${index} characters`),
    );
    assert.deepEqual(visible(edited.results.at(-1)!.findings), fresh(projectWith(module), "typed, fresh"));
  });

  it("unbalanced brackets and quotes inserted anywhere", () => {
    const seed = fc.constantFrom(...seeds);
    fc.assert(
      fc.property(
        seed,
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(..."([{)]}'\"", '"""')),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        (module, insertions) => {
          let text = module.text;
          for (const [at, character] of insertions) {
            const offset = Math.floor(at * text.length);
            text = text.slice(0, offset) + character + text.slice(offset);
          }
          fresh(projectWith(text), `${module.name} with ${JSON.stringify(insertions)}`);
        },
      ),
      settings,
    );
  });
});

// --- hostile inputs, one by one --------------------------------------------------------------------

/** A deterministic stream of characters (the same on every run). */
function garbage(length: number, alphabet: string, seed: number): string {
  let state = seed;
  const characters: string[] = [];
  for (let index = 0; index < length; index++) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    characters.push(alphabet[state % alphabet.length]!);
  }
  return characters.join("");
}

const CODE_ALPHABET = "abc()[]{}'\"=+-*/%:,.#\\ \t0123456789xyz_@!<>&|^~";

describe("engine on hostile inputs", () => {
  const cases: Record<string, () => Files> = {
    "20,000 nested [": () => projectWith(`DEBUG = True\nX = ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`),
    "20,000 nested (": () => projectWith(`DEBUG = True\nX = ${"(".repeat(20_000)}1${")".repeat(20_000)}\n`),
    "20,000 nested {": () => projectWith(`X = ${"{1: ".repeat(20_000)}1${"}".repeat(20_000)}\n`),
    "20,000 ( never closed": () => projectWith(`X = ${"(".repeat(20_000)}\n`),
    [`${large(3_000, 20_000)} unary not`]: () =>
      projectWith(`DEBUG = ${"not ".repeat(large(3_000, 20_000))}True\n`),
    [`${large(5_000, 20_000)} unary minus`]: () => projectWith(`X = ${"-".repeat(large(5_000, 20_000))}1\n`),
    "20,000 additions": () => projectWith(`X = ${"1 + ".repeat(20_000)}1\n`),
    "20,000 attribute accesses": () => projectWith(`X = os${".path".repeat(20_000)}\n`),
    "20,000 calls": () => projectWith(`X = f${"()".repeat(20_000)}\n`),
    "20,000 conditional expressions": () => projectWith(`X = ${"1 if a else ".repeat(20_000)}1\n`),
    "20,000 lambdas": () => projectWith(`X = ${"lambda: ".repeat(20_000)}1\n`),
    "300 nested blocks": () =>
      projectWith(
        Array.from({ length: 300 }, (_, level) => `${" ".repeat(level)}if a:\n`).join("") +
          `${" ".repeat(300)}DEBUG = True\n`,
      ),
    "X = [X] 20,000 times": () => projectWith(`X = []\n${"X = [X]\n".repeat(20_000)}ALLOWED_HOSTS = X\n`),
    "a list doubled 40 times": () =>
      projectWith(`ALLOWED_HOSTS = ['x']\n${"ALLOWED_HOSTS = ALLOWED_HOSTS + ALLOWED_HOSTS\n".repeat(40)}`),
    "a list doubled in place 40 times": () =>
      projectWith(`ALLOWED_HOSTS = ['x']\n${"ALLOWED_HOSTS.extend(ALLOWED_HOSTS)\n".repeat(40)}`),
    "a string doubled 40 times": () =>
      projectWith(`SECRET_KEY = 'ab'\n${"SECRET_KEY += SECRET_KEY\n".repeat(40)}`),
    "a string repeated 10,000³ times": () => projectWith("SECRET_KEY = 'ab' * 10000 * 10000 * 10000\n"),
    "a string formatted into itself 40 times": () =>
      projectWith(
        `S = 'ab' * 5000\n${"S = f'{S}{S}' + '%s%s' % (S, S) + '{0}'.format(S)\n".repeat(40)}SECRET_KEY = S\n`,
      ),
    "a dict nested into itself 40 times": () =>
      projectWith(`D = {'a': 1}\n${"D = {'x': D, 'y': D}\n".repeat(40)}DATABASES = D\n`),
    "a 5 MB line": () => projectWith(`DEBUG = True\nX = '${"a".repeat(5 * 1024 * 1024)}'\n`),
    [`a ${large(100, 1_000)} KB line of code`]: () =>
      projectWith(`DEBUG = True\nX = [${"1, ".repeat(large(100, 1_000) * 340)}]\n`),
    ...Object.fromEntries(
      (LONG ? [50, 120, 230] : [50]).map((kilobytes) => [
        `a ${kilobytes} KB line of garbage`,
        () =>
          projectWith(
            `DEBUG = True\n${garbage(kilobytes * 1024, CODE_ALPHABET, kilobytes)}\nSECRET_KEY = 'x'\n`,
          ),
      ]),
    ),
    [`${large(50, 200)} KB of garbage lines`]: () =>
      projectWith(garbage(large(50, 200) * 1024, `${CODE_ALPHABET}\n\n\n    `, 3)),
    "three nested loops over range(200)": () =>
      projectWith(
        "X = []\nfor i in range(200):\n    for j in range(200):\n        for k in range(200):\n            X.append(i)\nALLOWED_HOSTS = X\n",
      ),
    "four nested comprehensions over range(200)": () =>
      projectWith(
        "ALLOWED_HOSTS = [[[[i for i in range(200)] for j in range(200)] for k in range(200)] for l in range(200)]\n",
      ),
    [`a dict literal of ${large(10_000, 50_000)} entries`]: () =>
      projectWith(
        `CACHES = {${Array.from({ length: large(10_000, 50_000) }, (_, index) => `'k${index}': ${index}`).join(", ")}}\n`,
      ),
    "a function calling itself, and a chain of 5,000 functions": () =>
      projectWith(
        "def f(x):\n    return f(x)\nDEBUG = f(1)\n" +
          Array.from({ length: 5_000 }, (_, index) => `def g${index}():\n    return g${index + 1}()\n`).join(
            "",
          ) +
          "def g5000():\n    return True\nSECURE_SSL_REDIRECT = g0()\n",
      ),
    "NUL bytes everywhere": () => projectWith("DEBUG\0 = True\0\nSECRET_KEY = '\0'\n\0\0\0"),
    "invalid UTF-8 decoded": () =>
      projectWith(
        Buffer.from([0x44, 0x45, 0x42, 0x55, 0x47, 0x20, 0x3d, 0x20, 0xff, 0xfe, 0x0a]).toString("utf8"),
      ),
    "lone surrogates": () =>
      projectWith("SECRET_KEY = '\uD800\uDBFF'\nALLOWED_HOSTS = ['\uDC00']\n\uD800 = 1\n"),
    "5,000 modules chained by star imports": () => {
      const files = projectWith("from .m0 import *\nDEBUG = True\n");
      for (let index = 0; index < 5_000; index++)
        files[`mysite/m${index}.py`] =
          index === 4_999 ? "SECRET_KEY = 'x'\n" : `from .m${index + 1} import *\n`;
      return files;
    },
    "an import cycle of 200 modules": () => {
      const files = projectWith("from .m0 import *\nDEBUG = True\n");
      for (let index = 0; index < 200; index++)
        files[`mysite/m${index}.py`] =
          `from .m${(index + 1) % 200} import *\nfrom . import settings\nX${index} = 1\n`;
      return files;
    },
    "modules importing each other in every way": () =>
      projectWith("from .a import *\nfrom . import b\nimport mysite.settings\nDEBUG = b.DEBUG\n", {
        "mysite/a.py": "from .settings import *\nfrom .b import DEBUG\n",
        "mysite/b.py": "from .a import *\nfrom mysite import settings\nDEBUG = settings.DEBUG\n",
      }),
  };

  for (const [label, make] of Object.entries(cases)) {
    it(`${label}: no crash, within the budget, ranges inside the document`, () => {
      const files = make();
      fresh(files, label);
    });
  }

  it("a value too large to follow is Unknown with the reason, not a crash", () => {
    const files = projectWith(
      `ALLOWED_HOSTS = ['x']\n${"ALLOWED_HOSTS = ALLOWED_HOSTS + ALLOWED_HOSTS\n".repeat(40)}`,
    );
    const findings = fresh(files, "doubled");
    // An ALLOWED_HOSTS that is not known is never called empty (security.W020).
    assert.ok(!findings.some((finding) => finding.includes("security.W020")), findings.join("\n"));
  });
});
