import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { checkSnapshot, fixturesDirectory, lineOf, scopesOf, tokenize, type Token } from "./tokenizer";

const scopeName = "source.apacheconf.django-deploy";

/** The innermost scope of the token `text` on the only line of `source`. */
async function innermost(source: string, text: string): Promise<string | undefined> {
  return scopesOf(await tokenize(scopeName, source), 1, text).at(-1);
}

describe("Apache configuration grammar", () => {
  it("matches the snapshot of the mod_wsgi site config our scaffold writes", async () => {
    await checkSnapshot(scopeName, "mod-wsgi-site.conf");
  });

  it("matches the snapshot of syntax corners", async () => {
    await checkSnapshot(scopeName, "syntax-corners.conf");
  });

  describe("in the mod_wsgi site config", () => {
    const text = readFileSync(join(fixturesDirectory, "mod-wsgi-site.conf"), "utf8");
    let lines: Token[][] = [];
    before(async () => {
      lines = await tokenize(scopeName, text);
    });

    it("scopes every mod_wsgi directive as a directive", async () => {
      for (const directive of [
        "WSGIPythonPath",
        "WSGIPythonHome",
        "WSGIDaemonProcess",
        "WSGIProcessGroup",
        "WSGIApplicationGroup",
        "WSGIScriptAlias",
        "WSGIAuthUserScript",
      ]) {
        assert.deepEqual(
          scopesOf(lines, lineOf(text, directive), directive),
          ["meta.directive.apacheconf", "keyword.other.directive.wsgi.apacheconf"],
          directive,
        );
      }
    });

    it("scopes the WSGIDaemonProcess and WSGIScriptAlias options as option keys", () => {
      const daemon = lineOf(text, "WSGIDaemonProcess");
      for (const key of [
        "processes",
        "threads",
        "display-name",
        "lang",
        "locale",
        "python-path",
        "python-home",
      ]) {
        assert.deepEqual(
          scopesOf(lines, daemon, key),
          ["meta.directive.apacheconf", "entity.other.attribute-name.option.apacheconf"],
          key,
        );
      }
      assert.equal(scopesOf(lines, daemon, "=").at(-1), "keyword.operator.assignment.apacheconf");
      assert.equal(scopesOf(lines, daemon, "15").at(-1), "constant.numeric.apacheconf");
      assert.equal(scopesOf(lines, daemon, "GROUP").at(-1), "variable.other.server.apacheconf");
      const scriptAlias = lineOf(text, "WSGIScriptAlias");
      for (const key of ["process-group", "application-group"]) {
        assert.equal(
          scopesOf(lines, scriptAlias, key).at(-1),
          "entity.other.attribute-name.option.apacheconf",
        );
      }
    });

    it("scopes section tags, their arguments and closing tags", async () => {
      const files = lineOf(text, "<Files wsgi.py>");
      assert.equal(scopesOf(lines, files, "<").at(-1), "punctuation.definition.tag.begin.apacheconf");
      assert.equal(scopesOf(lines, files, "Files").at(-1), "entity.name.tag.apacheconf");
      assert.equal(scopesOf(lines, files, "wsgi.py").at(-1), "string.unquoted.section-argument.apacheconf");
      assert.equal(scopesOf(lines, files, ">").at(-1), "punctuation.definition.tag.end.apacheconf");
      const location = lineOf(text, "<Location");
      assert.equal(scopesOf(lines, location, "/secret").at(-1), "string.quoted.double.apacheconf");
      const closing = lineOf(text, "</VirtualHost>");
      assert.deepEqual(scopesOf(lines, closing, "VirtualHost"), [
        "meta.tag.section.apacheconf",
        "entity.name.tag.apacheconf",
      ]);
    });

    it("scopes comments, strings and variables", async () => {
      assert.deepEqual(scopesOf(lines, 1, "#"), [
        "comment.line.number-sign.apacheconf",
        "punctuation.definition.comment.apacheconf",
      ]);
      const authName = lineOf(text, "AuthName");
      assert.equal(scopesOf(lines, authName, "Top Secret").at(-1), "string.quoted.double.apacheconf");
      const errorLog = lineOf(text, "ErrorLog");
      assert.equal(scopesOf(lines, errorLog, "APACHE_LOG_DIR").at(-1), "variable.other.define.apacheconf");
      const applicationGroup = lineOf(text, "WSGIApplicationGroup");
      assert.equal(scopesOf(lines, applicationGroup, "GLOBAL").at(-1), "variable.other.server.apacheconf");
      assert.equal(
        scopesOf(lines, applicationGroup, "%{").at(-1),
        "punctuation.definition.variable.begin.apacheconf",
      );
    });
  });

  it("scopes the other mod_wsgi directives, in any case, and other directives", async () => {
    for (const directive of ["WSGIAuthGroupScript", "WSGIScriptAliasMatch", "wsgirestrictembedded"]) {
      assert.equal(
        await innermost(`${directive} /srv/mysite`, directive),
        "keyword.other.directive.wsgi.apacheconf",
      );
    }
    assert.equal(
      await innermost("ServerName example.com", "ServerName"),
      "keyword.other.directive.apacheconf",
    );
  });

  it("continues a directive, a section tag and a comment onto the next line after a trailing backslash", async () => {
    const corners = readFileSync(join(fixturesDirectory, "syntax-corners.conf"), "utf8");
    const cornerLines = await tokenize(scopeName, corners);
    const daemon = lineOf(corners, "WSGIDaemonProcess");
    assert.equal(
      scopesOf(cornerLines, daemon, "\\").at(-1),
      "constant.character.escape.line-continuation.apacheconf",
    );
    assert.deepEqual(scopesOf(cornerLines, daemon + 1, "python-path"), [
      "meta.directive.apacheconf",
      "entity.other.attribute-name.option.apacheconf",
    ]);
    assert.equal(
      scopesOf(cornerLines, daemon + 1, "processes").at(-1),
      "entity.other.attribute-name.option.apacheconf",
    );

    const directive = await tokenize(scopeName, 'Header set X \\\n    "value"\nServerName y\n');
    assert.equal(scopesOf(directive, 2, "value").at(-1), "string.quoted.double.apacheconf");
    assert.equal(scopesOf(directive, 3, "ServerName").at(-1), "keyword.other.directive.apacheconf");

    const tag = await tokenize(scopeName, "<Directory \\\n    /srv/private>\n");
    assert.equal(scopesOf(tag, 2, "/srv/private").at(-1), "string.unquoted.section-argument.apacheconf");
    assert.equal(scopesOf(tag, 2, ">").at(-1), "punctuation.definition.tag.end.apacheconf");

    // httpd joins continued lines before it looks for '#', so the second line is commented out too.
    const comment = await tokenize(scopeName, "# note \\\nServerName hidden\nServerName shown\n");
    assert.deepEqual(scopesOf(comment, 2, "ServerName hidden"), ["comment.line.number-sign.apacheconf"]);
    assert.equal(scopesOf(comment, 3, "ServerName").at(-1), "keyword.other.directive.apacheconf");
  });

  it("does not continue a line whose backslash is followed by anything", async () => {
    const lines = await tokenize(scopeName, "Header set X a\\b\nServerName y\n");
    assert.equal(scopesOf(lines, 2, "ServerName").at(-1), "keyword.other.directive.apacheconf");
  });

  it("reads '#' inside directive arguments and quotes inside words as plain text", async () => {
    const lines = await tokenize(scopeName, "ErrorDocument 404 don't#stop\n");
    assert.deepEqual(scopesOf(lines, 1, " don't#stop"), ["meta.directive.apacheconf"]);
  });

  it("takes the last '>' of a section line as the end of the tag", async () => {
    const lines = await tokenize(scopeName, "<IfVersion >= 2.4>\n");
    assert.equal(scopesOf(lines, 1, ">=").at(-1), "keyword.operator.comparison.apacheconf");
    assert.equal(scopesOf(lines, 1, "2.4").at(-1), "constant.numeric.apacheconf");
    assert.equal(scopesOf(lines, 1, ">").at(-1), "punctuation.definition.tag.end.apacheconf");
  });

  it("scopes escaped quotes in strings and booleans", async () => {
    assert.equal(
      await innermost('LogFormat "%h \\"%r\\"" common', '\\"'),
      "constant.character.escape.apacheconf",
    );
    assert.equal(await innermost("Header set X 'it\\'s'", "\\'"), "constant.character.escape.apacheconf");
    assert.equal(await innermost("KeepAlive Off", "Off"), "constant.language.boolean.apacheconf");
  });
});
