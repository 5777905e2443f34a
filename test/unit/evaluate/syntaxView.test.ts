// What the evaluator takes from the syntax view that fixes and diagnostics depend on: the spans of
// values as written (with the parentheses that group them), absolute positions in modules the
// parser re-reads in slices, and the names an import really binds.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateModule } from "../../../server/src/evaluate/moduleEvaluator";
import { parseModule } from "../../../server/src/python/parse";
import { generateSettingsModule } from "../../helpers/generateSettings";

const FILE = "/proj/mysite/settings.py";

function origin(source: string, name: string) {
  const binding = evaluateModule(parseModule(source), FILE).bindings.get(name);
  assert.ok(binding, `${name} is bound`);
  const text = (span: { from: number; to: number } | undefined) =>
    span ? source.slice(span.from, span.to) : undefined;
  return {
    statement: text(binding.origin.statement),
    target: text(binding.origin.target),
    value: text(binding.origin.value),
    valueSpan: text(binding.value.kind === "symbol" ? undefined : binding.value.span),
  };
}

describe("evaluator on the syntax view: spans", () => {
  it("a value in parentheses is replaced with them, its own span is inside them", () => {
    const source = "SECRET_KEY = (\n    'abc'\n    'def'\n)\n";
    assert.deepEqual(origin(source, "SECRET_KEY"), {
      statement: "SECRET_KEY = (\n    'abc'\n    'def'\n)",
      target: "SECRET_KEY",
      value: "(\n    'abc'\n    'def'\n)",
      valueSpan: "'abc'\n    'def'",
    });
  });

  it("a tuple without parentheses has no value span for fixes, a parenthesised one has", () => {
    assert.equal(origin("ADMINS = 'a', 'b'\n", "ADMINS").value, undefined);
    assert.equal(origin("ADMINS = 'a', 'b'\n", "ADMINS").valueSpan, "'a', 'b'");
    assert.equal(origin("ADMINS = ('a', 'b')\n", "ADMINS").value, "('a', 'b')");
  });

  it("a change in place is decided by the call, the assignment keeps the value written", () => {
    const source = "MIDDLEWARE = ['a']\nMIDDLEWARE.insert(0, 'b')\n";
    const state = evaluateModule(parseModule(source), FILE);
    const binding = state.bindings.get("MIDDLEWARE")!;
    assert.equal(
      source.slice(binding.origin.statement.from, binding.origin.statement.to),
      "MIDDLEWARE.insert(0, 'b')",
    );
    assert.equal(
      source.slice(binding.origin.value!.from, binding.origin.value!.to),
      "MIDDLEWARE.insert(0, 'b')",
    );
    assert.equal(source.slice(binding.assignment!.value!.from, binding.assignment!.value!.to), "['a']");
  });

  it("positions after the places a long module is re-read in slices are absolute", () => {
    const text = generateSettingsModule(10_000, 3);
    const module = parseModule(text);
    assert.ok(module.statements.some((statement) => statement.offset > 0));
    const state = evaluateModule(module, FILE);
    const lastSlice = Math.max(...module.statements.map((statement) => statement.offset));
    // Assignments (an import's target is the whole statement).
    const after = [...state.bindings.values()].filter(
      (binding) => binding.origin.statement.from > lastSlice && binding.origin.value !== undefined,
    );
    assert.ok(after.length > 0);
    for (const binding of after) {
      assert.equal(text.slice(binding.origin.target.from, binding.origin.target.to), binding.name);
      const range = binding.origin.target.range;
      assert.equal(module.lineIndex.offsetAt(range.start), binding.origin.target.from);
    }
  });
});

describe("evaluator on the syntax view: imports", () => {
  it("comments inside a parenthesised import list are not imported names", () => {
    const state = evaluateModule(
      parseModule("from .base import (  # noqa: F401\n    DEBUG,  # the flag\n    SECRET_KEY,\n)\n"),
      FILE,
    );
    assert.deepEqual([...state.bindings.keys()], ["DEBUG", "SECRET_KEY"]);
    assert.deepEqual(state.imports[0]?.names, [
      { name: "DEBUG", local: "DEBUG" },
      { name: "SECRET_KEY", local: "SECRET_KEY" },
    ]);
  });

  it("an import being typed binds nothing", () => {
    for (const source of ["from .base\n", "from django.conf import\n", "import\n"]) {
      const state = evaluateModule(parseModule(`${source}DEBUG = False\n`), FILE);
      assert.deepEqual([...state.bindings.keys()], ["DEBUG"], source);
      assert.ok(state.syntaxErrors.length > 0, source);
    }
  });

  it("the block after a stray `else:` is still evaluated", () => {
    const state = evaluateModule(
      parseModule("DEBUG = True\nelse:\n    DEBUG = False\nALLOWED_HOSTS = []\n"),
      FILE,
    );
    const debug = state.bindings.get("DEBUG")?.value;
    assert.equal(debug?.kind === "bool" ? debug.value : undefined, false);
    assert.ok(state.bindings.has("ALLOWED_HOSTS"));
    assert.ok(state.syntaxErrors.length > 0);
  });
});
