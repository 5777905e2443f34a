// An edited document (IncrementalDocument) must read as the same text parsed afresh: the editor's
// diagnostics and the CLI's come from the same text, and must be the same.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { type ParsedModule, parseModule } from "../../../server/src/python/parse";
import { IncrementalDocument } from "../../../server/src/python/incrementalDocument";
import { firstSyntaxError } from "../../../server/src/python/syntaxErrors";

/** The parts of a module the evaluator and the diagnostics read: the tree, the statements, the first error. */
function assertSameAsFresh(module: ParsedModule): void {
  const fresh = parseModule(module.text);
  assert.equal(module.tree.toString(), fresh.tree.toString());
  assert.equal(JSON.stringify(module.body), JSON.stringify(fresh.body));
  assert.deepEqual(firstSyntaxError(module), firstSyntaxError(fresh));
}

/** `x = 1` typed at column 0 before `anchor` in one of Django 5.2's modules, then removed. */
function lineTypedAndRemoved(module: string, anchor: string): void {
  const text = readFileSync(`/work/shared/django/5.2/django/${module}`, "utf8");
  const at = text.indexOf(anchor);
  assert.ok(at > 0);
  const document = new IncrementalDocument(text);
  void document.module.body;
  document.update([{ from: at, to: at, insert: "x = 1\n" }]);
  assertSameAsFresh(document.module);
  document.update([{ from: at, to: at + "x = 1\n".length, insert: "" }]);
  assertSameAsFresh(document.module);
}

describe("an edited document reads as its text parsed afresh", () => {
  it("a line inserted at column 0 inside a class and removed again (django/contrib/auth/tokens.py)", () => {
    lineTypedAndRemoved("contrib/auth/tokens.py", "        # Parse the token");
  });

  it("a line typed at column 0 among a class's comment lines and removed again (django/contrib/auth/base_user.py)", () => {
    // After the insert, the class ends before the comments; after the removal, lezer took that
    // shorter class over whole, as it ended before the change, although the comments and the lines
    // after them belong to its body again. Only the whole module showed it, not the class alone.
    lineTypedAndRemoved("contrib/auth/base_user.py", "    # be passed to password_changed()");
  });

  it("an update of several changes (as several cursors make) reads as afresh, whichever comes first", () => {
    const text = readFileSync("/work/shared/django/5.2/django/contrib/auth/base_user.py", "utf8");
    const at = text.indexOf("    # be passed to password_changed()");
    const line = "x = 1\n";
    const note = "# Reviewed.\n";
    for (const order of ["note first", "removal first"]) {
      const document = new IncrementalDocument(text);
      void document.module.body;
      document.update([{ from: at, to: at, insert: line }]);
      assertSameAsFresh(document.module);
      // Each change in the coordinates the changes before it left.
      document.update(
        order === "note first"
          ? [
              { from: 0, to: 0, insert: note },
              { from: at + note.length, to: at + note.length + line.length, insert: "" },
            ]
          : [
              { from: at, to: at + line.length, insert: "" },
              { from: 0, to: 0, insert: note },
            ],
      );
      assert.equal(document.module.text, note + text);
      assertSameAsFresh(document.module);
    }
  });

  it("a call typed a character at a time and deleted again reads as afresh at every keystroke", () => {
    // From the first "(" to the last ")" each version has an error: each is read as an edit of the
    // last version without one, and the versions that mend it as well.
    const lines = Array.from({ length: 40 }, (_, index) => `SETTING_${index} = ${index}\n`);
    const text = `${lines.slice(0, 20).join("")}if DEBUG:\n    INTERNAL_IPS = []\n${lines.slice(20).join("")}`;
    const typed = "CACHES = cache_config(url, {'timeout': (60,\n   300)})\n";
    const at = text.indexOf("SETTING_25");
    const document = new IncrementalDocument(text);
    void document.module.body;
    for (let index = 0; index < typed.length; index++) {
      document.update([{ from: at + index, to: at + index, insert: typed[index]! }]);
      assertSameAsFresh(document.module);
    }
    assert.equal(firstSyntaxError(document.module), undefined);
    for (let index = typed.length - 1; index >= 0; index--) {
      document.update([{ from: at + index, to: at + index + 1, insert: "" }]);
      assertSameAsFresh(document.module);
    }
    assert.equal(document.module.text, text);
  });

  it("breaking the syntax and mending it again, with an edit elsewhere between, reads as afresh", () => {
    const lines = Array.from({ length: 60 }, (_, index) => `SETTING_${index} = ${index}\n`);
    const text = `DEBUG = False\n${lines.join("")}ALLOWED_HOSTS = ['example.com']\n`;
    const document = new IncrementalDocument(text);
    void document.module.body;
    const value = text.indexOf("False");
    document.update([{ from: value, to: value, insert: "(" }]);
    assertSameAsFresh(document.module);
    assert.ok(firstSyntaxError(document.module));
    const later = document.module.text.indexOf("SETTING_40 = 40") + "SETTING_40 = ".length;
    document.update([{ from: later, to: later + 2, insert: "41" }]);
    assertSameAsFresh(document.module);
    document.update([{ from: value, to: value + 1, insert: "" }]);
    assertSameAsFresh(document.module);
    assert.equal(firstSyntaxError(document.module), undefined);
  });

  it("a badly indented line after a try block puts the error in the block's last body, as afresh", () => {
    const block = "try:\n    import local\nexcept ImportError:\n    DEBUG = DEBUG\n";
    const text = `DEBUG = False\n${block}SECRET_KEY = 'x'\n`;
    const document = new IncrementalDocument(text);
    void document.module.body;
    const at = text.indexOf("SECRET_KEY");
    document.update([{ from: at, to: at, insert: "     True\n" }]);
    assertSameAsFresh(document.module);
    assert.ok(firstSyntaxError(document.module), "the badly indented line is an error");
    document.update([{ from: at, to: at + "     True\n".length, insert: "" }]);
    assertSameAsFresh(document.module);
  });
});
