import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { checkSnapshot, fixturesDirectory, lineOf, scopesOf, tokenize, type Token } from "./tokenizer";

const scopeName = "source.dotenv.django-deploy";

/** Whether some token on `line` (1-based) whose text contains `needle` has a scope starting with `prefix`. */
function hasScope(lines: Token[][], line: number, needle: string, prefix: string): boolean {
  return (lines[line - 1] ?? []).some(
    (token) => token.text.includes(needle) && token.scopes.some((scope) => scope.startsWith(prefix)),
  );
}

describe("dotenv grammar", () => {
  it("matches the snapshot of a file with every feature", async () => {
    await checkSnapshot(scopeName, "every-feature.env");
  });

  describe("in the file with every feature", () => {
    const text = readFileSync(join(fixturesDirectory, "every-feature.env"), "utf8");
    let lines: Token[][] = [];
    before(async () => {
      lines = await tokenize(scopeName, text);
    });

    it("scopes comments, export, keys and the assignment operator", () => {
      assert.deepEqual(scopesOf(lines, 1, "#"), [
        "comment.line.number-sign.dotenv",
        "punctuation.definition.comment.dotenv",
      ]);
      const exported = lineOf(text, "export DJANGO_SECRET_KEY");
      assert.equal(scopesOf(lines, exported, "export").at(-1), "storage.modifier.export.dotenv");
      assert.equal(scopesOf(lines, exported, "DJANGO_SECRET_KEY").at(-1), "variable.other.key.dotenv");
      assert.equal(scopesOf(lines, exported, "=").at(-1), "keyword.operator.assignment.dotenv");
      const spaced = lineOf(text, "SPACED_KEY");
      assert.equal(scopesOf(lines, spaced, "SPACED_KEY").at(-1), "variable.other.key.dotenv");
      assert.equal(scopesOf(lines, spaced, "spaced value").at(-1), "string.unquoted.dotenv");
    });

    it("ends an unquoted value at whitespace followed by '#', and only there", () => {
      const debug = lineOf(text, "DEBUG=");
      assert.equal(scopesOf(lines, debug, "False").at(-1), "string.unquoted.dotenv");
      assert.equal(scopesOf(lines, debug, "#").at(-1), "punctuation.definition.comment.dotenv");
      const cache = lineOf(text, "CACHE_URL=");
      assert.equal(
        scopesOf(lines, cache, "redis://localhost:6379/1#fragment-not-a-comment").at(-1),
        "string.unquoted.dotenv",
      );
      const hashFirst = lineOf(text, "HASH_FIRST=");
      assert.equal(scopesOf(lines, hashFirst, "#value-not-a-comment").at(-1), "string.unquoted.dotenv");
      const emptyWithComment = lineOf(text, "EMPTY_WITH_COMMENT=");
      assert.equal(
        scopesOf(lines, emptyWithComment, " only a comment").at(-1),
        "comment.line.number-sign.dotenv",
      );
    });

    it("interpolates ${VAR} in unquoted and double-quoted values but not in single-quoted ones", () => {
      const database = lineOf(text, "DATABASE_URL=");
      assert.deepEqual(scopesOf(lines, database, "DB_USER"), [
        "meta.assignment.dotenv",
        "string.unquoted.dotenv",
        "meta.interpolation.dotenv",
        "variable.other.interpolated.dotenv",
      ]);
      assert.equal(scopesOf(lines, database, "${").at(-1), "punctuation.definition.variable.begin.dotenv");
      const email = lineOf(text, "EMAIL_HOST_PASSWORD=");
      assert.equal(scopesOf(lines, email, "EMAIL_USER").at(-1), "variable.other.interpolated.dotenv");
      assert.equal(scopesOf(lines, email, ":-").at(-1), "keyword.operator.default.dotenv");
      const single = lineOf(text, "DJANGO_SECRET_KEY=");
      assert.equal(hasScope(lines, single, "NOT_EXPANDED", "variable"), false);
      assert.equal(
        scopesOf(lines, single, "k3y-with-$ymbols-and-${NOT_EXPANDED}").at(-1),
        "string.quoted.single.dotenv",
      );
    });

    it("scopes escapes in double quotes, and only \\' and \\\\ in single quotes", () => {
      const email = lineOf(text, "EMAIL_HOST_PASSWORD=");
      assert.equal(scopesOf(lines, email, '\\"').at(-1), "constant.character.escape.dotenv");
      assert.equal(scopesOf(lines, email, "\\t").at(-1), "constant.character.escape.dotenv");
      assert.equal(scopesOf(lines, email, '"').at(-1), "punctuation.definition.string.begin.dotenv");
      assert.equal(
        scopesOf(lines, email, " comment right after the quote").at(-1),
        "comment.line.number-sign.dotenv",
      );
      const single = lineOf(text, "IT_S=");
      assert.equal(scopesOf(lines, single, "\\'").at(-1), "constant.character.escape.dotenv");
    });

    it("keeps a multi-line double-quoted value a string on every line, then reads the next key", () => {
      const first = lineOf(text, "PRIVATE_KEY=");
      const last = lineOf(text, "-----END PRIVATE KEY-----");
      assert.ok(last - first >= 2);
      for (let line = first + 1; line <= last; line++) {
        const tokens = lines[line - 1] ?? [];
        const closing = tokens.findIndex((token) => token.text === '"');
        const valueTokens = closing === -1 ? tokens : tokens.slice(0, closing + 1);
        for (const token of valueTokens) {
          assert.ok(
            token.scopes.includes("string.quoted.double.dotenv"),
            `line ${line}: ${JSON.stringify(token.text)} has ${token.scopes.join(" ")}`,
          );
        }
      }
      assert.equal(
        scopesOf(lines, last, " after a multi-line value").at(-1),
        "comment.line.number-sign.dotenv",
      );
      assert.equal(scopesOf(lines, last + 1, "SINGLE_MULTILINE").at(-1), "variable.other.key.dotenv");
    });

    it("keeps a multi-line single-quoted value a string, '#' included", () => {
      const second = lineOf(text, "second line # still the value");
      assert.deepEqual(scopesOf(lines, second, "second line # still the value"), [
        "meta.assignment.dotenv",
        "string.quoted.single.dotenv",
      ]);
    });

    it("scopes a key without a value", () => {
      const bare = lineOf(text, "BARE_KEY");
      assert.deepEqual(scopesOf(lines, bare, "BARE_KEY"), ["variable.other.key.dotenv"]);
      const exported = lineOf(text, "export EXPORTED_BARE");
      assert.equal(scopesOf(lines, exported, "export").at(-1), "storage.modifier.export.dotenv");
      assert.equal(scopesOf(lines, exported, "EXPORTED_BARE").at(-1), "variable.other.key.dotenv");
    });
  });

  it("does not treat 'export' as a key when it is the key itself", async () => {
    const lines = await tokenize(scopeName, "export=1\n");
    assert.equal(scopesOf(lines, 1, "export").at(-1), "variable.other.key.dotenv");
  });

  it("reads interpolation that python-dotenv does not expand as plain text", async () => {
    const lines = await tokenize(scopeName, "A=$HOME ${B:C}\n");
    assert.deepEqual(scopesOf(lines, 1, "$HOME ${B:C}"), [
      "meta.assignment.dotenv",
      "string.unquoted.dotenv",
    ]);
  });
});
