// Tokenises text with the grammars this extension contributes, using the same engines VS Code uses
// (vscode-textmate on the Oniguruma WebAssembly build). Grammars are found through package.json's
// `contributes.grammars`, so a contribution that points at a missing or broken file fails the tests.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";

export const root = join(import.meta.dirname, "..", "..");
export const fixturesDirectory = join(import.meta.dirname, "fixtures");

export interface LanguageContribution {
  id: string;
  aliases?: string[];
  extensions?: string[];
  filenames?: string[];
  filenamePatterns?: string[];
  configuration?: string;
}

export interface GrammarContribution {
  language?: string;
  scopeName: string;
  path: string;
}

interface PackageManifest {
  contributes: { languages?: LanguageContribution[]; grammars?: GrammarContribution[] };
}

export function readManifest(): PackageManifest {
  return JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as PackageManifest;
}

export interface Token {
  text: string;
  /** Scopes from outermost to innermost, without the grammar's root scope. */
  scopes: string[];
}

let registryPromise: Promise<textmate.Registry> | undefined;

function loadRegistry(): Promise<textmate.Registry> {
  registryPromise ??= (async () => {
    const wasm = readFileSync(join(root, "node_modules", "vscode-oniguruma", "release", "onig.wasm"));
    await oniguruma.loadWASM(wasm);
    const grammars = readManifest().contributes.grammars ?? [];
    return new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => oniguruma.createOnigScanner(patterns),
        createOnigString: (text) => oniguruma.createOnigString(text),
      }),
      loadGrammar: async (scopeName) => {
        const contribution = grammars.find((grammar) => grammar.scopeName === scopeName);
        if (contribution === undefined) return null;
        const path = join(root, contribution.path);
        return textmate.parseRawGrammar(readFileSync(path, "utf8"), path);
      },
    });
  })();
  return registryPromise;
}

export async function loadGrammar(scopeName: string): Promise<textmate.IGrammar> {
  const grammar = await (await loadRegistry()).loadGrammar(scopeName);
  if (grammar === null) throw new Error(`no grammar contributed for ${scopeName}`);
  return grammar;
}

/** Tokenises a whole document; each line's state carries over to the next, as in the editor. */
export async function tokenize(scopeName: string, text: string): Promise<Token[][]> {
  const grammar = await loadGrammar(scopeName);
  let state = textmate.INITIAL;
  const lines: Token[][] = [];
  for (const line of text.replace(/\r?\n$/, "").split(/\r?\n/)) {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    lines.push(
      result.tokens.map((token) => ({
        text: line.slice(token.startIndex, token.endIndex),
        scopes: token.scopes.filter((scope) => scope !== scopeName),
      })),
    );
  }
  return lines;
}

/**
 * The snapshot format: each source line, then one row per token with the token's text (as JSON, so
 * whitespace shows) and its scopes. Tokens without scopes of their own are listed too, so a token that
 * loses its scope shows up in the diff.
 */
export function formatTokens(text: string, lines: Token[][]): string {
  const sourceLines = text.replace(/\r?\n$/, "").split(/\r?\n/);
  const out: string[] = [];
  lines.forEach((tokens, index) => {
    out.push(`${String(index + 1).padStart(3)} | ${sourceLines[index] ?? ""}`);
    for (const token of tokens) {
      if (token.text === "") continue;
      out.push(`    ${JSON.stringify(token.text)}  ${token.scopes.join(" ") || "-"}`);
    }
  });
  return out.join("\n") + "\n";
}

/** The scopes of the first token on `line` (1-based) whose text is exactly `text`. */
export function scopesOf(lines: Token[][], line: number, text: string): string[] {
  const token = lines[line - 1]?.find((candidate) => candidate.text === text);
  if (token === undefined) {
    const found = (lines[line - 1] ?? []).map((candidate) => JSON.stringify(candidate.text)).join(", ");
    throw new Error(`no token ${JSON.stringify(text)} on line ${line}; tokens: ${found}`);
  }
  return token.scopes;
}

/** The 1-based number of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split(/\r?\n/).findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`fixture has no line containing ${JSON.stringify(needle)}`);
  return index + 1;
}

/**
 * Tokenises `fixtures/<name>` and compares the result with `fixtures/<name>.tokens.txt`. With
 * UPDATE_SNAPSHOTS=1 the snapshot is rewritten instead; read the diff before committing it.
 */
export async function checkSnapshot(scopeName: string, name: string): Promise<Token[][]> {
  const fixture = join(fixturesDirectory, name);
  const text = readFileSync(fixture, "utf8");
  const lines = await tokenize(scopeName, text);
  const actual = formatTokens(text, lines);
  const snapshot = `${fixture}.tokens.txt`;
  if (process.env.UPDATE_SNAPSHOTS === "1") {
    writeFileSync(snapshot, actual);
  } else {
    if (!existsSync(snapshot)) {
      throw new Error(`missing snapshot ${snapshot}; run with UPDATE_SNAPSHOTS=1 and review it`);
    }
    assert.strictEqual(actual, readFileSync(snapshot, "utf8"), `tokens of ${name} differ from its snapshot`);
  }
  return lines;
}
