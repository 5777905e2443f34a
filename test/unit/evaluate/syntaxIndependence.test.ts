// The evaluator reads the typed syntax view of python/ast.ts and knows nothing of the parser, so the
// parser can be replaced without touching it. ESLint forbids importing @lezer/* in evaluate/; this
// test also catches the parser's vocabulary used without an import: its node type names as strings
// and its tree-walking API.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parser } from "@lezer/python";

const EVALUATE = "server/src/evaluate";
const files = readdirSync(EVALUATE)
  .filter((name) => name.endsWith(".ts"))
  .map((name) => ({ name, text: readFileSync(join(EVALUATE, name), "utf8") }));

/** String literals of a TypeScript source (single, double and template quotes without `${`). */
function stringLiterals(text: string): string[] {
  return [...text.matchAll(/"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`([^`$\\]*)`/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? "",
  );
}

describe("the evaluator is independent of the parser", () => {
  // Named node types of the grammar (keywords and punctuation, like "if" or "+", are Python's own spelling).
  const lezerNames = new Set(
    parser.nodeSet.types.map((type) => type.name).filter((name) => /^[A-Z]/.test(name)),
  );
  // A few of them are also kinds or types of the view ("ExpressionStatement", "None"): those are the view's words.
  const viewWords = new Set(stringLiterals(readFileSync("server/src/python/ast.ts", "utf8")));

  it("finds the evaluator's files", () => {
    assert.ok(files.some((file) => file.name === "moduleEvaluator.ts"));
  });

  it("imports neither the parser nor the helpers over its tree", () => {
    const offending = files.filter((file) =>
      /from "(@lezer\/[^"]*|\.\.\/python\/(syntax|toAst))"/.test(file.text),
    );
    assert.deepEqual(
      offending.map((file) => file.name),
      [],
    );
  });

  it("names no node type of the parser", () => {
    const found = files.flatMap((file) =>
      stringLiterals(file.text)
        .filter((literal) => lezerNames.has(literal) && !viewWords.has(literal))
        .map((literal) => `${file.name}: "${literal}"`),
    );
    assert.deepEqual(found, []);
  });

  it("uses none of the parser's tree-walking API", () => {
    const api = /\b(SyntaxNode|TreeCursor|firstChild|lastChild|nextSibling|prevSibling|nodeSet|topNode)\b/;
    const found = files.filter((file) => api.test(file.text)).map((file) => file.name);
    assert.deepEqual(found, []);
  });
});
