import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readManifest, root, type LanguageContribution } from "./tokenizer";

const { languages = [], grammars = [] } = readManifest().contributes;

const apache = {
  id: "django-deploy-apacheconf",
  scopeName: "source.apacheconf.django-deploy",
  suffix: ".apacheconf",
};
const dotenv = { id: "django-deploy-dotenv", scopeName: "source.dotenv.django-deploy", suffix: ".dotenv" };
const nginx = { id: "django-deploy-nginx", scopeName: "source.nginx.django-deploy", suffix: ".nginx" };

function language(id: string): LanguageContribution {
  const found = languages.find((candidate) => candidate.id === id);
  assert.ok(found, `package.json contributes no language ${id}`);
  return found;
}

function readJson(relativePath: string): unknown {
  const path = join(root, relativePath);
  assert.ok(existsSync(path), `${relativePath} does not exist`);
  return JSON.parse(readFileSync(path, "utf8")) as unknown;
}

/** Every value of a "name" or "contentName" key, and every "#include" target, anywhere in a grammar. */
function collect(grammar: unknown): { scopes: string[]; includes: string[] } {
  const scopes: string[] = [];
  const includes: string[] = [];
  const visit = (node: unknown, key: string | undefined): void => {
    if (typeof node === "string") {
      if (key === "name" || key === "contentName") scopes.push(...node.split(" "));
      if (key === "include") includes.push(node);
    } else if (Array.isArray(node)) {
      for (const item of node) visit(item, undefined);
    } else if (typeof node === "object" && node !== null) {
      // A grammar's own display name is not a scope.
      for (const [childKey, child] of Object.entries(node)) {
        if (node === grammar && childKey === "name") continue;
        visit(child, childKey);
      }
    }
  };
  visit(grammar, undefined);
  return { scopes, includes };
}

/**
 * A small model of how VS Code associates a file with a language (languagesAssociations.ts): an exact
 * file name wins, then a file name pattern (matched against the whole path when it contains a '/', else
 * against the base name), then an extension; all compared in lower case. Its glob support covers what
 * our patterns use: `**`, `*` and `?`.
 */
function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index] ?? "";
    if (pattern.startsWith("**/", index)) {
      source += "(?:.*/)?";
      index += 2;
    } else if (pattern.startsWith("**", index)) {
      source += ".*";
      index += 1;
    } else if (character === "*") {
      source += "[^/]*";
    } else if (character === "?") {
      source += "[^/]";
    } else {
      source += character.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}

function associates(contribution: LanguageContribution, path: string): boolean {
  const lowerPath = path.toLowerCase();
  const baseName = lowerPath.slice(lowerPath.lastIndexOf("/") + 1);
  if ((contribution.filenames ?? []).some((name) => name.toLowerCase() === baseName)) return true;
  const patternMatches = (contribution.filenamePatterns ?? []).some((pattern) =>
    globToRegExp(pattern.toLowerCase()).test(pattern.includes("/") ? lowerPath : baseName),
  );
  if (patternMatches) return true;
  return (contribution.extensions ?? []).some((extension) => baseName.endsWith(extension.toLowerCase()));
}

describe("language and grammar contributions", () => {
  it("use language ids and scope names of our own, so other extensions keep theirs", () => {
    for (const { id, scopeName } of [apache, dotenv, nginx]) {
      const grammar = grammars.find((candidate) => candidate.scopeName === scopeName);
      assert.equal(grammar?.language, id);
      language(id);
    }
    const ids = languages.map((contribution) => contribution.id);
    for (const taken of ["apacheconf", "dotenv", "nginx", "properties", "ini", "shellscript"]) {
      assert.ok(!ids.includes(taken), `language id ${taken} belongs to another extension`);
    }
    assert.deepEqual(language(apache.id).aliases, ["Apache Configuration"]);
    assert.deepEqual(language(dotenv.id).aliases, ["Environment File (dotenv)"]);
    assert.deepEqual(language(nginx.id).aliases, ["nginx Configuration"]);
  });

  it("point at grammar files whose scope name matches the contribution", () => {
    for (const grammar of grammars) {
      const file = readJson(grammar.path) as { scopeName?: string };
      assert.equal(file.scopeName, grammar.scopeName, grammar.path);
    }
  });

  it("end every scope with the grammar's suffix and include only rules that exist", () => {
    for (const { scopeName, suffix } of [apache, dotenv, nginx]) {
      const path = grammars.find((candidate) => candidate.scopeName === scopeName)?.path ?? "";
      const grammar = readJson(path) as { repository: Record<string, unknown> };
      const { scopes, includes } = collect(grammar);
      assert.ok(scopes.length > 10, `${path} names too few scopes`);
      for (const scope of scopes)
        assert.ok(scope.endsWith(suffix), `${path}: scope ${scope} lacks ${suffix}`);
      for (const include of includes) {
        assert.ok(include.startsWith("#"), `${path}: include ${include} leaves the grammar`);
        assert.ok(include.slice(1) in grammar.repository, `${path}: include ${include} has no rule`);
      }
    }
  });

  it("give every language a configuration with '#' line comments and quote pairs", () => {
    for (const { id } of [apache, dotenv, nginx]) {
      const configurationPath = language(id).configuration;
      assert.ok(configurationPath, `${id} has no language configuration`);
      const configuration = readJson(configurationPath) as {
        comments?: { lineComment?: string };
        autoClosingPairs?: { open: string; close: string }[];
      };
      assert.equal(configuration.comments?.lineComment, "#", id);
      const opens = (configuration.autoClosingPairs ?? []).map((pair) => pair.open);
      assert.ok(opens.includes('"') && opens.includes("'"), `${id} does not auto-close quotes`);
    }
  });

  it("associate Apache configuration with apache folders and httpd's own file names only", () => {
    const contribution = language(apache.id);
    assert.deepEqual(contribution.filenames, ["httpd.conf", "apache2.conf", ".htaccess"]);
    assert.deepEqual(contribution.filenamePatterns, [
      "**/apache/**/*.conf",
      "**/apache2/**/*.conf",
      "**/httpd/**/*.conf",
    ]);
    // A bare *.conf extension would claim nginx, supervisor, fail2ban... files.
    assert.equal(contribution.extensions, undefined);
    for (const path of [
      "/home/me/mysite/deploy/apache/mysite.conf",
      "/home/me/mysite/apache/sites/mysite.conf",
      "/etc/apache2/sites-available/mysite.conf",
      "/etc/httpd/conf.d/wsgi.conf",
      "/etc/apache2/apache2.conf",
      "/opt/httpd.conf",
      "/srv/mysite/public/.htaccess",
      "/c:/Apache/conf/extra/mysite.conf",
    ]) {
      assert.ok(associates(contribution, path), `${path} should be Apache configuration`);
    }
    for (const path of [
      "/etc/nginx/nginx.conf",
      "/home/me/mysite/nginx.conf",
      "/home/me/mysite/foo.conf",
      "/home/me/mysite/deploy/supervisor/mysite.conf",
      "/home/me/mysite/apache-notes.conf",
      "/home/me/mysite/apache/README.md",
      "/etc/fail2ban/jail.conf",
    ]) {
      assert.ok(!associates(contribution, path), `${path} should not be Apache configuration`);
    }
  });

  it("associate nginx configuration with nginx folders and nginx's own file names, none of Apache's", () => {
    const contribution = language(nginx.id);
    const nginxPaths = [
      "/home/me/mysite/deploy/nginx/mysite.conf",
      "/etc/nginx/nginx.conf",
      "/etc/nginx/conf.d/mysite.conf",
      "/etc/nginx/sites-available/mysite.conf",
      "/etc/nginx/sites-available/default",
      "/etc/nginx/sites-enabled/mysite",
      "/etc/nginx/snippets/ssl-params.conf",
      "/etc/nginx/mime.types",
      "/home/me/mysite/uwsgi_params",
      "/home/me/mysite/mysite_nginx.conf",
      "/home/me/mysite/deploy/mysite.nginx.conf",
      "/home/me/mysite/deploy/site.nginx",
    ];
    for (const path of nginxPaths) {
      assert.ok(associates(contribution, path), `${path} should be nginx configuration`);
    }
    const apachePaths = [
      "/etc/apache2/sites-available/mysite.conf",
      "/etc/apache2/sites-enabled/000-default.conf",
      "/etc/httpd/conf.d/wsgi.conf",
      "/home/me/mysite/deploy/apache/mysite.conf",
      "/etc/apache2/apache2.conf",
    ];
    // Other programs keep *.conf files in conf.d, sites-* and elsewhere too.
    for (const path of [
      ...apachePaths,
      "/etc/supervisor/conf.d/mysite.conf",
      "/home/me/mysite/deploy/supervisor/mysite.conf",
      "/etc/fail2ban/jail.conf",
      "/etc/mysql/conf.d/mysqld.conf",
      "/etc/mime.types",
      "/home/me/mysite/foo.conf",
    ]) {
      assert.ok(!associates(contribution, path), `${path} should not be nginx configuration`);
    }
    // VS Code breaks a tie between equally long patterns by registration order; no path is claimed twice.
    for (const path of [...nginxPaths, ...apachePaths]) {
      assert.ok(
        !(associates(contribution, path) && associates(language(apache.id), path)),
        `${path} is claimed by both nginx and Apache`,
      );
    }
  });

  it("associate dotenv with .env, .env.* and *.env files only", () => {
    const contribution = language(dotenv.id);
    assert.deepEqual(contribution.filenames, [".env"]);
    assert.deepEqual(contribution.filenamePatterns, [".env.*"]);
    assert.deepEqual(contribution.extensions, [".env"]);
    for (const path of [
      "/home/me/mysite/.env",
      "/home/me/mysite/.env.production",
      "/home/me/mysite/.env.example",
      "/home/me/mysite/config/production.env",
    ]) {
      assert.ok(associates(contribution, path), `${path} should be dotenv`);
    }
    for (const path of [
      "/home/me/mysite/.envrc",
      "/home/me/mysite/env.py",
      "/home/me/mysite/mysite/settings/environment.py",
      "/home/me/mysite/.environment",
      "/home/me/mysite/apache/mysite.conf",
    ]) {
      assert.ok(!associates(contribution, path), `${path} should not be dotenv`);
    }
  });
});
