import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import {
  checkSnapshot,
  fixturesDirectory,
  lineOf,
  readManifest,
  root,
  scopesOf,
  tokenize,
  type Token,
} from "./tokenizer";

const scopeName = "source.nginx.django-deploy";
const directive = ["meta.directive.nginx", "keyword.other.directive.nginx"];

/** The innermost scope of the token `text` on the only line of `source`. */
async function innermost(source: string, text: string): Promise<string | undefined> {
  return scopesOf(await tokenize(scopeName, source), 1, text).at(-1);
}

describe("nginx configuration grammar", () => {
  it("matches the snapshot of a Django site behind nginx", async () => {
    await checkSnapshot(scopeName, "nginx-django-site.conf");
  });

  it("matches the snapshot of syntax corners", async () => {
    await checkSnapshot(scopeName, "nginx-syntax-corners.conf");
  });

  describe("in the Django site", () => {
    const text = readFileSync(join(fixturesDirectory, "nginx-django-site.conf"), "utf8");
    let lines: Token[][] = [];
    before(async () => {
      lines = await tokenize(scopeName, text);
    });

    it("scopes comments", () => {
      assert.deepEqual(scopesOf(lines, 1, "#"), [
        "comment.line.number-sign.nginx",
        "punctuation.definition.comment.nginx",
      ]);
      const uploads = lineOf(text, "# Uploads larger");
      assert.deepEqual(
        scopesOf(lines, uploads, " Uploads larger than this get 413 before they reach Django."),
        ["comment.line.number-sign.nginx"],
      );
    });

    it("scopes simple and block directive names, braces and semicolons", () => {
      for (const name of [
        "listen",
        "server_name",
        "client_max_body_size",
        "keepalive_timeout",
        "alias",
        "proxy_pass",
        "proxy_set_header",
        "proxy_read_timeout",
        "uwsgi_pass",
        "uwsgi_param",
      ]) {
        assert.deepEqual(scopesOf(lines, lineOf(text, `${name} `), name), directive, name);
      }
      const server = lineOf(text, "server {");
      assert.deepEqual(scopesOf(lines, server, "server"), directive);
      assert.deepEqual(scopesOf(lines, server, "{"), [
        "meta.directive.nginx",
        "punctuation.section.block.begin.nginx",
      ]);
      assert.deepEqual(scopesOf(lines, lineOf(text, "keepalive 16;") + 1, "}"), [
        "punctuation.section.block.end.nginx",
      ]);
      assert.deepEqual(scopesOf(lines, lineOf(text, "keepalive 16;"), ";"), [
        "meta.directive.nginx",
        "punctuation.terminator.statement.nginx",
      ]);
      // Statements nested in blocks are scoped like top-level ones: no region is left open.
      const nested = lineOf(text, "proxy_http_version");
      assert.deepEqual(scopesOf(lines, nested, "proxy_http_version"), directive);
      assert.deepEqual(scopesOf(lines, nested, "        "), []);
    });

    it("scopes the upstream's name, its unix: socket, address, port and parameters", () => {
      const upstream = lineOf(text, "upstream mysite_app");
      assert.deepEqual(scopesOf(lines, upstream, "upstream"), directive);
      assert.equal(scopesOf(lines, upstream, "mysite_app").at(-1), "entity.name.type.upstream.nginx");
      const socket = lineOf(text, "server unix:");
      assert.equal(scopesOf(lines, socket, "unix").at(-1), "keyword.other.unix-socket.nginx");
      assert.equal(scopesOf(lines, socket, ":").at(-1), "punctuation.separator.unix-socket.nginx");
      assert.equal(scopesOf(lines, socket, "/run/gunicorn/mysite.sock").at(-1), "string.unquoted.path.nginx");
      assert.equal(
        scopesOf(lines, socket, "fail_timeout").at(-1),
        "entity.other.attribute-name.parameter.nginx",
      );
      assert.equal(scopesOf(lines, socket, "=").at(-1), "keyword.operator.assignment.nginx");
      const tcp = lineOf(text, "server 127.0.0.1:8000");
      assert.equal(scopesOf(lines, tcp, "127.0.0.1").at(-1), "constant.numeric.ip-address.nginx");
      assert.equal(scopesOf(lines, tcp, ":").at(-1), "punctuation.separator.port.nginx");
      assert.equal(scopesOf(lines, tcp, "8000").at(-1), "constant.numeric.port.nginx");
      assert.equal(scopesOf(lines, tcp, "30").at(-1), "constant.numeric.nginx");
      assert.equal(scopesOf(lines, tcp, "s").at(-1), "keyword.other.unit.nginx");
      const ipv6 = lineOf(text, "listen [::]:80;");
      assert.equal(scopesOf(lines, ipv6, "[::]").at(-1), "constant.numeric.ip-address.nginx");
      assert.equal(scopesOf(lines, ipv6, "80").at(-1), "constant.numeric.port.nginx");
      const uwsgi = lineOf(text, "uwsgi_pass unix:");
      assert.equal(scopesOf(lines, uwsgi, "/run/uwsgi/legacy.sock").at(-1), "string.unquoted.path.nginx");
    });

    it("scopes location modifiers, prefixes, regular expressions and named locations", () => {
      const exact = lineOf(text, "location = /favicon.ico");
      assert.deepEqual(scopesOf(lines, exact, "location"), directive);
      assert.equal(scopesOf(lines, exact, "=").at(-1), "keyword.operator.comparison.nginx");
      assert.equal(scopesOf(lines, exact, "/favicon.ico").at(-1), "string.unquoted.path.nginx");
      const prefix = lineOf(text, "location ^~ /static/");
      assert.equal(scopesOf(lines, prefix, "^~").at(-1), "keyword.operator.modifier.nginx");
      assert.equal(scopesOf(lines, prefix, "/static/").at(-1), "string.unquoted.path.nginx");
      const regex = lineOf(text, "location ~*");
      assert.deepEqual(scopesOf(lines, regex, "~*"), [
        "meta.directive.nginx",
        "keyword.operator.regexp.nginx",
      ]);
      assert.deepEqual(scopesOf(lines, regex, String.raw`\.(?:php|aspx?|jsp)$`), [
        "meta.directive.nginx",
        "string.regexp.nginx",
      ]);
      assert.equal(scopesOf(lines, regex, "{").at(-1), "punctuation.section.block.begin.nginx");
      const root = lineOf(text, "location / {");
      assert.equal(scopesOf(lines, root, "/").at(-1), "string.unquoted.path.nginx");
      const named = lineOf(text, "location @django");
      assert.equal(scopesOf(lines, named, "@django").at(-1), "entity.name.label.nginx");
      const tryFiles = lineOf(text, "try_files");
      assert.equal(scopesOf(lines, tryFiles, "@django").at(-1), "entity.name.label.nginx");
    });

    it("scopes nginx's own variables apart from the ones a map defines", () => {
      for (const [needle, name] of [
        ["proxy_set_header Host", "host"],
        ["X-Forwarded-For", "proxy_add_x_forwarded_for"],
        ["X-Forwarded-Proto", "scheme"],
        ["X-Real-IP", "remote_addr"],
        ["Upgrade $http_upgrade", "http_upgrade"],
        ["try_files", "uri"],
      ] as const) {
        const line = lineOf(text, needle);
        assert.deepEqual(
          scopesOf(lines, line, name),
          ["meta.directive.nginx", "variable.language.nginx"],
          name,
        );
        assert.equal(scopesOf(lines, line, "$").at(-1), "punctuation.definition.variable.nginx", name);
      }
      const connection = lineOf(text, "Connection $connection_upgrade");
      assert.equal(scopesOf(lines, connection, "connection_upgrade").at(-1), "variable.other.nginx");
    });

    it("scopes sizes and times with their units, and other numbers", () => {
      const body = lineOf(text, "client_max_body_size 10m");
      assert.deepEqual(scopesOf(lines, body, "10"), ["meta.directive.nginx", "constant.numeric.nginx"]);
      assert.deepEqual(scopesOf(lines, body, "m"), [
        "meta.directive.nginx",
        "constant.numeric.nginx",
        "keyword.other.unit.nginx",
      ]);
      for (const [needle, number, unit] of [
        ["proxy_read_timeout 60s", "60", "s"],
        ["proxy_connect_timeout 5s", "5", "s"],
        ["expires 30d", "30", "d"],
        ["ssl_session_timeout 1d", "1", "d"],
        ["ssl_session_cache", "10", "m"],
      ] as const) {
        const line = lineOf(text, needle);
        assert.equal(scopesOf(lines, line, number).at(-1), "constant.numeric.nginx", needle);
        assert.equal(scopesOf(lines, line, unit).at(-1), "keyword.other.unit.nginx", needle);
      }
      assert.equal(
        scopesOf(lines, lineOf(text, "proxy_http_version"), "1.1").at(-1),
        "constant.numeric.nginx",
      );
      assert.equal(scopesOf(lines, lineOf(text, "listen 443 ssl"), "443").at(-1), "constant.numeric.nginx");
      assert.equal(scopesOf(lines, lineOf(text, "return 404"), "404").at(-1), "constant.numeric.nginx");
    });

    it("keeps a ';' inside a string from ending the directive", () => {
      const hsts = lineOf(text, "Strict-Transport-Security");
      assert.deepEqual(scopesOf(lines, hsts, "max-age=31536000; includeSubDomains"), [
        "meta.directive.nginx",
        "string.quoted.double.nginx",
      ]);
      assert.equal(scopesOf(lines, hsts, '"').at(-1), "punctuation.definition.string.begin.nginx");
      assert.deepEqual(scopesOf(lines, hsts, " always"), ["meta.directive.nginx"]);
      assert.equal(scopesOf(lines, hsts, ";").at(-1), "punctuation.terminator.statement.nginx");
    });

    it("scopes URLs with the variables in them, booleans, include and paths", () => {
      const redirect = lineOf(text, "return 301");
      assert.deepEqual(scopesOf(lines, redirect, "return"), [
        "meta.directive.nginx",
        "keyword.control.flow.nginx",
      ]);
      assert.deepEqual(scopesOf(lines, redirect, "https://"), [
        "meta.directive.nginx",
        "string.unquoted.url.nginx",
      ]);
      assert.deepEqual(scopesOf(lines, redirect, "request_uri"), [
        "meta.directive.nginx",
        "string.unquoted.url.nginx",
        "variable.language.nginx",
      ]);
      const proxyPass = lineOf(text, "proxy_pass http://mysite_app");
      assert.equal(scopesOf(lines, proxyPass, "mysite_app").at(-1), "string.unquoted.url.nginx");
      assert.equal(
        scopesOf(lines, lineOf(text, "proxy_redirect off"), "off").at(-1),
        "constant.language.boolean.nginx",
      );
      assert.equal(scopesOf(lines, lineOf(text, "http2 on"), "on").at(-1), "constant.language.boolean.nginx");
      const include = lineOf(text, "include uwsgi_params");
      assert.deepEqual(scopesOf(lines, include, "include"), [
        "meta.directive.nginx",
        "keyword.control.import.nginx",
      ]);
      assert.equal(scopesOf(lines, include, "uwsgi_params").at(-1), "string.unquoted.path.nginx");
      const accessLog = lineOf(text, "access_log /var/log");
      assert.equal(
        scopesOf(lines, accessLog, "/var/log/nginx/mysite.access.log").at(-1),
        "string.unquoted.path.nginx",
      );
    });

    it("scopes the map block's header variables, default and keys", () => {
      const header = lineOf(text, "map $http_upgrade");
      assert.deepEqual(scopesOf(lines, header, "map"), directive);
      assert.equal(scopesOf(lines, header, "http_upgrade").at(-1), "variable.language.nginx");
      assert.equal(scopesOf(lines, header, "connection_upgrade").at(-1), "variable.other.nginx");
      assert.deepEqual(scopesOf(lines, header + 1, "default"), [
        "meta.directive.nginx",
        "meta.entry.nginx",
        "keyword.other.default.nginx",
      ]);
      assert.deepEqual(scopesOf(lines, header + 1, " upgrade"), ["meta.directive.nginx", "meta.entry.nginx"]);
      assert.equal(scopesOf(lines, header + 2, '"').at(-1), "punctuation.definition.string.begin.nginx");
      assert.equal(scopesOf(lines, header + 2, ";").at(-1), "punctuation.terminator.statement.nginx");
      assert.deepEqual(scopesOf(lines, header + 3, "}"), [
        "meta.directive.nginx",
        "punctuation.section.block.end.nginx",
      ]);
      // After the map, statements are directives again.
      assert.deepEqual(scopesOf(lines, header + 5, "server"), directive);
    });
  });

  describe("in the syntax corners", () => {
    const text = readFileSync(join(fixturesDirectory, "nginx-syntax-corners.conf"), "utf8");
    let lines: Token[][] = [];
    before(async () => {
      lines = await tokenize(scopeName, text);
    });

    it("starts a comment only at the start of a token, also right after ';'", () => {
      const user = lineOf(text, "user www-data");
      assert.deepEqual(scopesOf(lines, user, "worker_processes"), directive);
      assert.deepEqual(scopesOf(lines, user, " after a semicolon"), ["comment.line.number-sign.nginx"]);
      const note = lineOf(text, "X-Note");
      assert.deepEqual(scopesOf(lines, note, " X-Note a#b"), ["meta.directive.nginx"]);
      assert.equal(scopesOf(lines, note, ";").at(-1), "punctuation.terminator.statement.nginx");
    });

    it("scopes escapes and variables in double- and single-quoted strings", () => {
      const greeting = lineOf(text, "set $greeting");
      assert.equal(scopesOf(lines, greeting, "greeting").at(-1), "variable.other.nginx");
      assert.deepEqual(scopesOf(lines, greeting, '\\"'), [
        "meta.directive.nginx",
        "string.quoted.double.nginx",
        "constant.character.escape.nginx",
      ]);
      assert.equal(scopesOf(lines, greeting, "\\t").at(-1), "constant.character.escape.nginx");
      assert.deepEqual(scopesOf(lines, greeting, "host"), [
        "meta.directive.nginx",
        "string.quoted.double.nginx",
        "variable.language.nginx",
      ]);
      assert.equal(scopesOf(lines, greeting, "{").at(-1), "punctuation.definition.variable.begin.nginx");
      assert.equal(scopesOf(lines, greeting, "subdomain").at(-1), "variable.other.nginx");
      assert.equal(scopesOf(lines, greeting, "}").at(-1), "punctuation.definition.variable.end.nginx");
      assert.equal(scopesOf(lines, greeting, "_site").at(-1), "string.quoted.double.nginx");
      const literal = lineOf(text, "set $literal");
      assert.equal(scopesOf(lines, literal, "\\'").at(-1), "constant.character.escape.nginx");
      assert.equal(scopesOf(lines, literal, "not_special").at(-1), "variable.other.nginx");
      assert.equal(scopesOf(lines, literal, "'").at(-1), "punctuation.definition.string.begin.nginx");
      const logFormat = lineOf(text, "log_format timed");
      assert.equal(scopesOf(lines, logFormat + 1, "request_time").at(-1), "variable.language.nginx");
      assert.equal(scopesOf(lines, logFormat + 1, "http_user_agent").at(-1), "variable.language.nginx");
      assert.equal(scopesOf(lines, logFormat + 1, ";").at(-1), "punctuation.terminator.statement.nginx");
    });

    it("ends an unterminated string, and its directive, with the line", () => {
      const open = lineOf(text, '"unterminated string');
      assert.deepEqual(scopesOf(lines, open, "unterminated string"), [
        "meta.directive.nginx",
        "string.quoted.double.nginx",
      ]);
      assert.deepEqual(scopesOf(lines, open + 1, "gzip"), directive);
      assert.equal(scopesOf(lines, open + 1, "on").at(-1), "constant.language.boolean.nginx");
      assert.deepEqual(scopesOf(lines, open + 3, "location"), directive);
    });

    it("does not let an unterminated quote swallow the rest of a file", async () => {
      const statements = [
        "listen 80;",
        "server_name example.com;",
        "location / {",
        "proxy_pass http://app;",
        "}",
      ];
      for (const opening of ['return 200 "oops', "add_header X 'oops", '    "oops', 'set $a "x\\"']) {
        const source = [opening, ...statements].join("\n");
        const lines = await tokenize(scopeName, source);
        assert.deepEqual(scopesOf(lines, 2, "listen"), directive, opening);
        assert.deepEqual(scopesOf(lines, 3, "server_name"), directive, opening);
        assert.deepEqual(scopesOf(lines, 4, "location"), directive, opening);
        assert.deepEqual(scopesOf(lines, 5, "proxy_pass"), directive, opening);
        assert.deepEqual(scopesOf(lines, 6, "}"), ["punctuation.section.block.end.nginx"], opening);
      }
      const inMap = await tokenize(scopeName, 'map $a $b {\n    "oops\n    default 1;\n}\n');
      assert.equal(scopesOf(inMap, 3, "default").at(-1), "keyword.other.default.nginx");
    });

    it("scopes regular-expression locations, exact locations written without a space, and rewrite", () => {
      const api = lineOf(text, "location ~ ^/api/");
      assert.equal(scopesOf(lines, api, "~").at(-1), "keyword.operator.regexp.nginx");
      assert.equal(scopesOf(lines, api, String.raw`^/api/v(?<version>\d+)/`).at(-1), "string.regexp.nginx");
      const exact = lineOf(text, "location =/exact");
      assert.equal(scopesOf(lines, exact, "=").at(-1), "keyword.operator.comparison.nginx");
      assert.equal(scopesOf(lines, exact, "/exact").at(-1), "string.unquoted.path.nginx");
      const rewrite = lineOf(text, "rewrite ^/api/v1/");
      assert.deepEqual(scopesOf(lines, rewrite, "rewrite"), directive);
      assert.equal(scopesOf(lines, rewrite, "^/api/v1/(.*)$").at(-1), "string.regexp.nginx");
      assert.equal(scopesOf(lines, rewrite, "1").at(-1), "variable.other.capture.nginx");
      assert.equal(scopesOf(lines, rewrite, "last").at(-1), "keyword.other.flag.nginx");
      const quoted = lineOf(text, 'rewrite "^/x{2}$"');
      // A '{' inside quotes neither opens a block nor ends the directive.
      assert.equal(scopesOf(lines, quoted, '"^/x{2}$"').at(-1), "string.regexp.nginx");
      assert.equal(scopesOf(lines, quoted, "permanent").at(-1), "keyword.other.flag.nginx");
      const serverName = lineOf(text, "server_name ~^");
      assert.equal(scopesOf(lines, serverName, "~").at(-1), "keyword.operator.regexp.nginx");
      assert.equal(
        scopesOf(lines, serverName, String.raw`^(?<subdomain>[a-z]+)\.example\.com$`).at(-1),
        "string.regexp.nginx",
      );
    });

    it("scopes if conditions: parentheses, operators, file tests and regular expressions", () => {
      const method = lineOf(text, "if ($request_method");
      assert.deepEqual(scopesOf(lines, method, "if"), [
        "meta.directive.nginx",
        "keyword.control.conditional.nginx",
      ]);
      assert.equal(scopesOf(lines, method, "(").at(-1), "punctuation.section.parens.begin.nginx");
      assert.equal(scopesOf(lines, method, "request_method").at(-1), "variable.language.nginx");
      assert.equal(scopesOf(lines, method, "!~*").at(-1), "keyword.operator.regexp.nginx");
      // nginx strips the condition's closing ')' from the last token; the group's ')' stays in the regex.
      assert.equal(scopesOf(lines, method, "^(GET|HEAD)$").at(-1), "string.regexp.nginx");
      assert.equal(scopesOf(lines, method, ")").at(-1), "punctuation.section.parens.end.nginx");
      assert.equal(scopesOf(lines, method, "{").at(-1), "punctuation.section.block.begin.nginx");
      const file = lineOf(text, "if (!-f");
      assert.equal(scopesOf(lines, file, "!-f").at(-1), "keyword.operator.file-test.nginx");
      assert.deepEqual(scopesOf(lines, file + 1, "break"), [
        "meta.directive.nginx",
        "keyword.control.flow.nginx",
      ]);
      const agent = lineOf(text, "if ($http_user_agent");
      assert.equal(scopesOf(lines, agent, '"Googlebot/\\d"').at(-1), "string.regexp.nginx");
      assert.deepEqual(scopesOf(lines, agent, "return"), [
        "meta.directive.nginx",
        "keyword.control.flow.nginx",
      ]);
      assert.deepEqual(scopesOf(lines, agent, "}"), ["punctuation.section.block.end.nginx"]);
      const host = lineOf(text, "if ($host =");
      assert.equal(scopesOf(lines, host, "=").at(-1), "keyword.operator.comparison.nginx");
      assert.equal(scopesOf(lines, host, ")").at(-1), "punctuation.section.parens.end.nginx");
    });

    it("scopes map entries: hostnames, regular-expression keys, quoted keys and include", () => {
      const header = lineOf(text, "map $request_uri");
      assert.deepEqual(scopesOf(lines, header + 1, "hostnames"), [
        "meta.directive.nginx",
        "meta.entry.nginx",
        "keyword.other.directive.nginx",
      ]);
      const regex = lineOf(text, "~^/old/");
      assert.equal(scopesOf(lines, regex, "~").at(-1), "keyword.operator.regexp.nginx");
      assert.equal(scopesOf(lines, regex, "^/old/(?<rest>.*)$").at(-1), "string.regexp.nginx");
      assert.equal(scopesOf(lines, regex, "rest").at(-1), "variable.other.nginx");
      const caseless = lineOf(text, "~*\\.PHP$");
      assert.equal(scopesOf(lines, caseless, "~*").at(-1), "keyword.operator.regexp.nginx");
      const quoted = lineOf(text, '"/moved here"');
      assert.deepEqual(scopesOf(lines, quoted, "/moved here"), [
        "meta.directive.nginx",
        "meta.entry.nginx",
        "string.quoted.double.nginx",
      ]);
      assert.equal(scopesOf(lines, quoted, "/moved/there").at(-1), "string.quoted.single.nginx");
      const include = lineOf(text, "include /etc/nginx/redirects.map");
      assert.equal(scopesOf(lines, include, "include").at(-1), "keyword.control.import.nginx");
      assert.equal(scopesOf(lines, include, "/etc/nginx/redirects.map").at(-1), "string.unquoted.path.nginx");
      const types = lineOf(text, "text/html");
      assert.equal(scopesOf(lines, types, "text/html").at(-1), "entity.other.attribute-name.key.nginx");
      const geo = lineOf(text, "127.0.0.0/8 1;");
      assert.equal(scopesOf(lines, geo, "127.0.0.0/8").at(-1), "entity.other.attribute-name.key.nginx");
      assert.equal(scopesOf(lines, geo, "1").at(-1), "constant.numeric.nginx");
      const proxy = lineOf(text, "proxy 192.168.0.1");
      assert.equal(scopesOf(lines, proxy, "proxy").at(-1), "keyword.other.directive.nginx");
      assert.equal(scopesOf(lines, proxy, "192.168.0.1").at(-1), "constant.numeric.ip-address.nginx");
    });

    it("scopes parameters, units, rates, addresses, prefix lengths and sockets", () => {
      const cache = lineOf(text, "proxy_cache_path");
      assert.equal(scopesOf(lines, cache, "/var/cache/nginx").at(-1), "string.unquoted.path.nginx");
      assert.equal(scopesOf(lines, cache, "levels").at(-1), "entity.other.attribute-name.parameter.nginx");
      assert.equal(scopesOf(lines, cache, "2").at(-1), "constant.numeric.nginx");
      assert.deepEqual(scopesOf(lines, cache, "mysite_cache:"), ["meta.directive.nginx"]);
      assert.equal(scopesOf(lines, cache, "g").at(-1), "keyword.other.unit.nginx");
      assert.equal(scopesOf(lines, cache, "off").at(-1), "constant.language.boolean.nginx");
      assert.equal(scopesOf(lines, lineOf(text, "rate=10r/s"), "r/s").at(-1), "keyword.other.unit.nginx");
      const combined = lineOf(text, "expires 1h30m");
      assert.deepEqual(
        (lines[combined - 1] ?? []).filter((token) => token.text.trim() !== "").map((token) => token.text),
        ["expires", "1", "h", "30", "m", ";"],
      );
      assert.equal(scopesOf(lines, combined, "h").at(-1), "keyword.other.unit.nginx");
      assert.equal(scopesOf(lines, lineOf(text, "100M"), "M").at(-1), "keyword.other.unit.nginx");
      const cidr = lineOf(text, "10.0.0.0/8");
      assert.equal(scopesOf(lines, cidr, "10.0.0.0").at(-1), "constant.numeric.ip-address.nginx");
      assert.equal(scopesOf(lines, cidr, "8").at(-1), "constant.numeric.prefix-length.nginx");
      const ipv6 = lineOf(text, "2001:db8::/32");
      assert.equal(scopesOf(lines, ipv6, "2001:db8::").at(-1), "constant.numeric.ip-address.nginx");
      assert.equal(scopesOf(lines, ipv6, "32").at(-1), "constant.numeric.prefix-length.nginx");
      const resolver = lineOf(text, "resolver");
      assert.equal(scopesOf(lines, resolver, "127.0.0.53").at(-1), "constant.numeric.ip-address.nginx");
      assert.equal(scopesOf(lines, resolver, "[::1]").at(-1), "constant.numeric.ip-address.nginx");
      assert.equal(scopesOf(lines, resolver, "53").at(-1), "constant.numeric.port.nginx");
      const listen = lineOf(text, "listen 127.0.0.1:8080");
      assert.equal(scopesOf(lines, listen, "8080").at(-1), "constant.numeric.port.nginx");
      assert.deepEqual(scopesOf(lines, listen, " default_server"), ["meta.directive.nginx"]);
      assert.equal(
        scopesOf(lines, lineOf(text, "listen *:8081"), "8081").at(-1),
        "constant.numeric.port.nginx",
      );
      const socket = lineOf(text, "listen unix:");
      assert.equal(scopesOf(lines, socket, "/run/nginx/status.sock").at(-1), "string.unquoted.path.nginx");
      const socketUrl = lineOf(text, "http://unix:");
      assert.deepEqual(scopesOf(lines, socketUrl, "unix"), [
        "meta.directive.nginx",
        "string.unquoted.url.nginx",
        "keyword.other.unix-socket.nginx",
      ]);
      assert.equal(scopesOf(lines, socketUrl, "/run/gunicorn.sock").at(-1), "string.unquoted.path.nginx");
      assert.equal(scopesOf(lines, socketUrl, ":/404/").at(-1), "string.unquoted.url.nginx");
      const ipv6Url = lineOf(text, "http://[::1]:8000");
      assert.equal(scopesOf(lines, ipv6Url, "[::1]").at(-1), "constant.numeric.ip-address.nginx");
      assert.equal(scopesOf(lines, ipv6Url, "8000").at(-1), "constant.numeric.port.nginx");
      assert.equal(scopesOf(lines, ipv6Url, "/upload/").at(-1), "string.unquoted.url.nginx");
    });

    it("scopes variables inside paths", () => {
      const root = lineOf(text, "root /srv/$subdomain/public");
      assert.equal(scopesOf(lines, root, "/srv/").at(-1), "string.unquoted.path.nginx");
      assert.deepEqual(scopesOf(lines, root, "subdomain"), [
        "meta.directive.nginx",
        "string.unquoted.path.nginx",
        "variable.other.nginx",
      ]);
      assert.equal(scopesOf(lines, root, "/public").at(-1), "string.unquoted.path.nginx");
    });

    it("reads a directive across lines until its ';' or '{'", () => {
      const multi = lineOf(text, "location /multi");
      assert.equal(scopesOf(lines, multi + 1, "{").at(-1), "punctuation.section.block.begin.nginx");
      assert.deepEqual(scopesOf(lines, multi + 2, "proxy_set_header"), directive);
      assert.deepEqual(scopesOf(lines, multi + 3, "host"), [
        "meta.directive.nginx",
        "variable.language.nginx",
      ]);
      assert.equal(scopesOf(lines, multi + 3, ";").at(-1), "punctuation.terminator.statement.nginx");
    });

    it("marks a ';' that follows no directive, as nginx rejects it", () => {
      const stray = lineOf(text, "};");
      assert.deepEqual(scopesOf(lines, stray, "}"), ["punctuation.section.block.end.nginx"]);
      assert.deepEqual(scopesOf(lines, stray, ";"), ["invalid.illegal.unexpected.nginx"]);
    });
  });

  it("reads braces and '#' inside words, quotes and variables as nginx does", async () => {
    // '}' inside a quoted string or ${...} does not close a block.
    const quoted = await tokenize(scopeName, "location / { return 200 'ok}'; }\n");
    assert.equal(scopesOf(quoted, 1, "ok}").at(-1), "string.quoted.single.nginx");
    assert.deepEqual(scopesOf(quoted, 1, "}"), ["punctuation.section.block.end.nginx"]);
    assert.equal(await innermost("set $a ${host}_x;", "host"), "variable.language.nginx");
    // No space is needed around braces and semicolons.
    const packed = await tokenize(scopeName, "server{listen 80;location /{deny all;}}\n");
    assert.deepEqual(scopesOf(packed, 1, "listen"), directive);
    assert.deepEqual(scopesOf(packed, 1, "location"), directive);
    assert.deepEqual(scopesOf(packed, 1, "deny"), directive);
    assert.equal(scopesOf(packed, 1, "/").at(-1), "string.unquoted.path.nginx");
  });

  it("takes one digit for $1..$9 and whole names for other variables", async () => {
    const lines = await tokenize(
      scopeName,
      'return 200 "$1x $args $arg_page $http_x_real_ip $sent_http_etag";\n',
    );
    assert.equal(scopesOf(lines, 1, "1").at(-1), "variable.other.capture.nginx");
    assert.equal(scopesOf(lines, 1, "x ").at(-1), "string.quoted.double.nginx");
    for (const name of ["args", "arg_page", "http_x_real_ip", "sent_http_etag"]) {
      assert.equal(scopesOf(lines, 1, name).at(-1), "variable.language.nginx", name);
    }
    assert.equal(await innermost("set $hostile 1;", "hostile"), "variable.other.nginx");
  });

  it("tells return and break from directives that start with those words", async () => {
    assert.equal(await innermost("returned_value 1;", "returned_value"), "keyword.other.directive.nginx");
    assert.equal(
      await innermost("include_subdomains on;", "include_subdomains"),
      "keyword.other.directive.nginx",
    );
    assert.equal(await innermost("iffy on;", "iffy"), "keyword.other.directive.nginx");
    assert.equal(
      await innermost("types_hash_max_size 2048;", "types_hash_max_size"),
      "keyword.other.directive.nginx",
    );
    assert.equal(await innermost("types_hash_max_size 2048;", "2048"), "constant.numeric.nginx");
  });

  describe("language configuration", () => {
    const contribution = readManifest().contributes.languages?.find(
      (language) => language.id === "django-deploy-nginx",
    );
    const configuration = JSON.parse(
      readFileSync(join(root, contribution?.configuration ?? "missing"), "utf8"),
    ) as {
      comments: { lineComment: string };
      folding: { markers: { start: string; end: string } };
      indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
    };

    it("comments with '#'", () => {
      assert.equal(configuration.comments.lineComment, "#");
    });

    it("indents after a line that opens a block and outdents a line that closes one", () => {
      const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
      const decrease = new RegExp(configuration.indentationRules.decreaseIndentPattern);
      for (const line of [
        "server {",
        "    location ~* \\.(css|js)$ {",
        "location / {  # the app",
        "if ($a) {",
      ]) {
        assert.ok(increase.test(line), line);
      }
      for (const line of ["listen 80;", "set $a ${b};", "# server {", "location / { return 404; }", "}"]) {
        assert.ok(!increase.test(line), line);
      }
      assert.ok(decrease.test("    }"));
      assert.ok(!decrease.test("    listen 80;"));
    });

    it("folds from a line that opens a block to the line that closes it", () => {
      const start = new RegExp(configuration.folding.markers.start);
      const end = new RegExp(configuration.folding.markers.end);
      assert.ok(start.test("    location /static/ {"));
      assert.ok(start.test("server { # main site"));
      assert.ok(!start.test("    set $a ${b};"));
      assert.ok(!start.test("# server {"));
      assert.ok(end.test("    }"));
      assert.ok(!end.test("    proxy_pass http://app;"));
    });
  });
});
