// The evaluator's bounds on value size and nesting, and the syntax view's on depth: past them a value
// is Unknown with the reason, never a process killed by V8 or a stack overflow (issue 18).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateModule } from "../../../server/src/evaluate/moduleEvaluator";
import { describe as describeValue, type Value } from "../../../server/src/evaluate/values";
import {
  MAX_STRING_LENGTH,
  MAX_VALUE_DEPTH,
  MAX_VALUE_ITEMS,
} from "../../../server/src/evaluate/valueBounds";
import { parseModule } from "../../../server/src/python/parse";
import { firstSyntaxError } from "../../../server/src/python/syntaxErrors";

function valueOf(source: string, name = "X"): Value {
  const state = evaluateModule(parseModule(source), "/proj/mysite/settings.py");
  const binding = state.bindings.get(name);
  assert.ok(binding, `${name} is bound`);
  assert.notEqual(binding.value.kind, "symbol");
  return binding.value as Value;
}

const reasonOf = (source: string, name = "X") => {
  const value = valueOf(source, name);
  return value.kind === "unknown" ? value.reason : `known: ${describeValue(value)}`;
};

describe("value bounds", () => {
  it("a list doubled 40 times is Unknown, too large to follow", () => {
    const source = `X = ['x']\n${"X = X + X\n".repeat(40)}`;
    assert.match(reasonOf(source), /more than 100,000 items, too large to follow/);
    // Below the bound the value is followed exactly.
    const small = valueOf(`X = ['x']\n${"X = X + X\n".repeat(10)}`);
    assert.equal(small.kind === "list" && small.items.length, 1024);
  });

  it("growth in place and by augmented assignment is bounded too", () => {
    // Once too large, the next change in place is one the engine does not follow: Unknown either way.
    assert.equal(valueOf(`X = ['x']\n${"X.extend(X)\n".repeat(40)}`).kind, "unknown");
    assert.equal(valueOf(`X = ['x']\n${"X += X\n".repeat(40)}`).kind, "unknown");
  });

  it("values that share their parts count every appearance: the doubled part becomes Unknown", () => {
    let value = valueOf(`X = {'a': 1}\n${"X = {'l': X, 'r': X}\n".repeat(40)}`);
    let levels = 0;
    while (value.kind === "dict") {
      value = value.entries[0]!.value;
      levels++;
    }
    assert.equal(
      value.kind === "unknown" && value.reason,
      "a value of more than 100,000 items, too large to follow",
    );
    // About every 16 doublings the value passes the bound again and is cut there: never deeper.
    assert.ok(levels > 0 && levels <= 17, `${levels} levels`);
  });

  it("nesting past the bound is Unknown, too deep to follow", () => {
    const deep = `X = []\n${"X = [X]\n".repeat(MAX_VALUE_DEPTH + 5)}`;
    assert.match(reasonOf(deep), /nested more than 100 levels deep, too deep to follow/);
    const shallow = valueOf(`X = []\n${"X = [X]\n".repeat(MAX_VALUE_DEPTH - 5)}`);
    assert.equal(shallow.kind, "list");
  });

  it("strings: repetition, concatenation, formatting, join, replace and f-strings", () => {
    const long = `S = 'ab' * 5000\n`;
    const cases = [
      "X = 'ab' * 10000 * 10000",
      `${long}${"S = S + S\n".repeat(10)}X = S`,
      `${long}${"S = f'{S}{S}'\n".repeat(10)}X = S`,
      `${long}${"S = '%s%s' % (S, S)\n".repeat(10)}X = S`,
      `${long}${"S = '{0}{0}'.format(S)\n".repeat(10)}X = S`,
      `${long}${"S = S.join([S, S])\n".repeat(6)}X = S`,
      `${long}X = S.replace('a', S)`,
    ];
    for (const source of cases) {
      const value = valueOf(source);
      // The step that passes the bound says why; a later step that reads the Unknown says what it read.
      assert.equal(value.kind, "unknown", source);
    }
    assert.match(reasonOf(cases[0]!), /longer than 1,000,000 characters, too large to follow/);
    assert.match(reasonOf(`${long}X = S.replace('a', S)`), /longer than 1,000,000 characters/);
    const fits = valueOf(`X = 'a' * 1000 * 1000`);
    assert.equal(fits.kind === "str" && fits.value.length, MAX_STRING_LENGTH);
  });

  it("a repeated list is checked before it is built", () => {
    assert.match(reasonOf("X = ['x'] * 10000 * 10000"), /too large to follow/);
    const fits = valueOf("X = ['x'] * 1000");
    assert.equal(fits.kind === "list" && fits.items.length, 1000);
    assert.ok(MAX_VALUE_ITEMS >= 1000);
  });
});

describe("syntax depth bounds", () => {
  it("brackets nested past CPython's 200 are its 'too many nested parentheses', at the 201st", () => {
    const text = `X = ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`;
    const module = parseModule(text);
    assert.deepEqual(firstSyntaxError(module), {
      kind: "SyntaxError",
      message: "too many nested parentheses",
      from: 4 + 200,
      to: 4 + 201,
    });
    assert.equal(module.body.length, 1);
    // 200 levels are valid Python and parse as such.
    assert.equal(firstSyntaxError(parseModule(`X = ${"(".repeat(200)}1${")".repeat(200)}\n`)), undefined);
    assert.equal(valueOf(`X = ${"(".repeat(200)}1${")".repeat(200)}\n`).kind, "int");
  });

  it("an expression nested past the view's bound is Unknown, not a stack overflow", () => {
    assert.match(reasonOf(`X = ${"not ".repeat(3_000)}True\n`), /too deep to follow/);
    assert.match(reasonOf(`X = ${"-".repeat(5_000)}1\n`), /too deep to follow|not evaluated|not known/);
    // A few levels are followed.
    assert.equal(describeValue(valueOf("X = not not not True\n")), "False");
  });

  it("CPython's 'too many levels of indentation' past 100 levels", () => {
    const nested = (levels: number) =>
      Array.from({ length: levels }, (_, level) => `${" ".repeat(level)}if a:\n`).join("") +
      `${" ".repeat(levels)}pass\n`;
    assert.equal(firstSyntaxError(parseModule(nested(99))), undefined);
    assert.equal(firstSyntaxError(parseModule(nested(100)))?.message, "too many levels of indentation");
  });

  it("an incrementally edited document blanks the same brackets a fresh parse does", async () => {
    const { IncrementalDocument } = await import("../../../server/src/python/incrementalDocument");
    const deep = `X = ${"[".repeat(300)}${"]".repeat(300)}\nDEBUG = True\n`;
    const document = new IncrementalDocument("DEBUG = True\n");
    document.update([{ from: 0, to: 0, insert: deep.slice(0, deep.length - "DEBUG = True\n".length) }]);
    assert.equal(document.module.text, deep);
    assert.deepEqual(firstSyntaxError(document.module), firstSyntaxError(parseModule(deep)));
    assert.equal(document.module.body.length, parseModule(deep).body.length);
  });
});
