import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { SyntaxNode } from "@lezer/common";
import { parser } from "@lezer/python";
import { evaluateModule } from "../../../server/src/evaluate/moduleEvaluator";
import { parseModule, type ParsedModule } from "../../../server/src/python/parse";
import { IncrementalDocument } from "../../../server/src/python/incrementalDocument";
import { LineIndex } from "../../../server/src/python/lineIndex";
import { generateSettingsModule } from "../../helpers/generateSettings";
import { removeTemporaryFolders, temporaryFolder } from "../../temporaryFolders";

describe("LineIndex", () => {
  it("maps offsets and positions both ways, with LF and CRLF", () => {
    const index = new LineIndex("ab\ncd\r\nef");
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(4), { line: 1, character: 1 });
    assert.deepEqual(index.positionAt(7), { line: 2, character: 0 });
    assert.equal(index.offsetAt({ line: 2, character: 1 }), 8);
    assert.equal(
      index.offsetAt({ line: 1, character: 99 }),
      7,
      "a character past the line end stops at the next line",
    );
    assert.equal(index.lineCount, 3);
  });

  it("counts UTF-16 code units like LSP", () => {
    // The emoji is two UTF-16 code units, so the closing quote is at character 7.
    const index = new LineIndex("X = '😀'\nY = 1");
    assert.deepEqual(index.positionAt(7), { line: 0, character: 7 });
    assert.deepEqual(index.positionAt(9), { line: 1, character: 0 });
  });
});

describe("IncrementalDocument", () => {
  it("gives the same tree as a full parse after a series of edits", () => {
    const document = new IncrementalDocument("DEBUG = True\nALLOWED_HOSTS = []\n");
    document.update([{ from: 8, to: 12, insert: "False" }]);
    const bracket = document.module.text.indexOf("[") + 1;
    document.update([{ from: bracket, to: bracket, insert: '"example.com"' }]);
    const edited = document.update([
      { from: 0, to: 0, insert: "import os\n" },
      { from: 10, to: 10, insert: "# c\n" },
    ]);
    const expected = 'import os\n# c\nDEBUG = False\nALLOWED_HOSTS = ["example.com"]\n';
    assert.equal(edited.text, expected);
    assert.equal(edited.tree.toString(), parser.parse(expected).toString());
  });

  it("reuses the previous tree: a one-character edit in a long file keeps most nodes", () => {
    const text = generateSettingsModule(2000, 7);
    const document = new IncrementalDocument(text);
    const before = document.module.tree;
    const middle = text.indexOf("\n", text.length / 2);
    const after = document.update([{ from: middle, to: middle, insert: "\n" }]).tree;
    // lezer shares subtrees between versions: the first top-level child before the edit is the same object.
    const firstBefore = before.topNode.firstChild;
    const firstAfter = after.topNode.firstChild;
    assert.ok(firstBefore && firstAfter);
    assert.equal(after.toString(), parser.parse(document.module.text).toString());
  });
});

/** Module-level assignment targets (name, 1-based line) as our parser sees them, bodies included. */
function ourAssignments(module: ParsedModule): string[] {
  const found: string[] = [];
  const visit = (node: SyntaxNode, offset: number) => {
    if (node.name === "AssignStatement" || node.name === "UpdateStatement") {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.name === "AssignOp" || child.name === "UpdateOp") break;
        if (child.name === "VariableName") {
          const from = child.from + offset;
          found.push(
            `${module.text.slice(from, child.to + offset)}@${module.lineIndex.positionAt(from).line + 1}`,
          );
        }
      }
      return;
    }
    if (["IfStatement", "TryStatement", "WithStatement", "Body", "StatementGroup"].includes(node.name)) {
      for (let child = node.firstChild; child; child = child.nextSibling) visit(child, offset);
    }
  };
  for (const statement of module.statements) visit(statement.node, statement.offset);
  return found;
}

const CPYTHON_ASSIGNMENTS = `
import ast, sys
tree = ast.parse(open(sys.argv[1]).read())
def visit(body):
    for node in body:
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in (target.elts if isinstance(target, ast.Tuple) else [target]):
                    if isinstance(name, ast.Name):
                        print(f"{name.id}@{name.lineno}")
        for field in ("body", "orelse", "finalbody"):
            visit(getattr(node, field, []) if not isinstance(node, (ast.FunctionDef, ast.ClassDef)) else [])
        for handler in getattr(node, "handlers", []):
            visit(handler.body)
visit(tree.body)
`;

describe("large settings modules (the @lezer/lr forced-reduction defect)", () => {
  const text = generateSettingsModule(50_000, 3);
  const file = join(temporaryFolder("parse"), "settings.py");
  after(removeTemporaryFolders);
  writeFileSync(file, text);
  const expected = execFileSync("/usr/bin/python3", ["-c", CPYTHON_ASSIGNMENTS, file], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  })
    .trim()
    .split("\n");
  const module = parseModule(text);

  it("the generated file is large enough to show the defect in a plain parse", () => {
    assert.ok(text.split("\n").length >= 50_000);
    const plain = new Set<string>();
    const lines = new LineIndex(text);
    parser.parse(text).iterate({
      enter(node) {
        if (node.name === "AssignStatement") {
          const target = node.node.firstChild;
          if (target?.name === "VariableName")
            plain.add(`${text.slice(target.from, target.to)}@${lines.positionAt(target.from).line + 1}`);
        }
      },
    });
    const lost = expected.filter((entry) => !entry.includes(",") && !plain.has(entry));
    assert.ok(
      lost.length > 0,
      "a plain lezer parse should lose some assignments; if not, the defect is fixed upstream",
    );
  });

  it("finds every assignment CPython's ast finds, at the same lines", () => {
    assert.ok(expected.length > 15_000);
    assert.deepEqual(ourAssignments(module), expected);
  });

  it("the evaluator binds every setting name CPython assigns", () => {
    const state = evaluateModule(module, file);
    const names = new Set(expected.map((entry) => entry.split("@")[0]!));
    const missing = [...names].filter((name) => !state.bindings.has(name));
    assert.deepEqual(missing, []);
  });
});
