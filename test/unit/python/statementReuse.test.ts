// An edited document's view takes over the previous version's statements (python/toAst.ts): where the
// text did not change, the statements are the same objects (the evaluator's checkpoints recognise
// them by identity), and moved ones are copies at their new place.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ParsedModule } from "../../../server/src/python/parse";
import { IncrementalDocument } from "../../../server/src/python/incrementalDocument";
import { generateSettingsModule } from "../../helpers/generateSettings";

describe("statements taken over by an edited document", () => {
  const text = generateSettingsModule(600, 9);
  const lineAt = (fraction: number, current: string) => current.indexOf("\n", current.length * fraction) + 1;

  it("keeps the statements before an edit, also those an earlier edit above them moved", () => {
    const document = new IncrementalDocument(text);
    void document.module.body;
    // An edit near the start moves everything after it.
    const early = lineAt(0.1, text);
    document.update([{ from: early, to: early, insert: "EARLY = 1\n" }]);
    const moved = document.module.body;
    // Then keystrokes further down: the statements between the two edits stay the same objects.
    const current = document.module.text;
    const later = lineAt(0.8, current);
    document.update([{ from: later, to: later, insert: "L" }]);
    const after = document.module.body;
    const between = moved.filter((statement) => statement.from > early + 10 && statement.to < later);
    assert.ok(between.length > 100, `${between.length} statements between the edits`);
    for (const statement of between) assert.ok(after.includes(statement), `statement at ${statement.from}`);
    // Each version's view is the one built anew from its tree.
    for (const module of [document.module]) {
      const fresh = new ParsedModule(module.text, module.tree).body;
      assert.equal(JSON.stringify(module.body), JSON.stringify(fresh));
    }
  });

  it("a character deleted and typed again gives back the statements after it", () => {
    const document = new IncrementalDocument(text);
    const original = document.module.body;
    const at = lineAt(0.5, text);
    document.update([{ from: at, to: at + 1, insert: "" }]);
    const shifted = document.module.body;
    document.update([{ from: at, to: at, insert: text[at]! }]);
    const restored = document.module.body;
    const later = original.filter((statement) => statement.from > at + 200);
    assert.ok(later.length > 100);
    for (const statement of later) {
      assert.ok(restored.includes(statement), `statement at ${statement.from}`);
      assert.ok(!shifted.includes(statement), "moved by the deletion: a copy one character earlier");
    }
    assert.equal(
      JSON.stringify(restored),
      JSON.stringify(new ParsedModule(document.module.text, document.module.tree).body),
    );
  });
});
