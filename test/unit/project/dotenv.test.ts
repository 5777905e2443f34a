import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDotenv } from "../../../server/src/project/dotenv";

const values = (text: string, outer?: Map<string, string>) =>
  Object.fromEntries([...parseDotenv(text, outer).entries].map(([key, entry]) => [key, entry.value]));

describe(".env files (python-dotenv syntax)", () => {
  it("reads keys, export, comments and blank lines", () => {
    assert.deepEqual(values("# comment\n\nA=1\nexport B=two\n  C = spaced  \n"), {
      A: "1",
      B: "two",
      C: "spaced",
    });
  });

  it("unquoted values end at ' #'; '#' inside a word stays", () => {
    assert.deepEqual(values("A=value # note\nB=a#b\n"), { A: "value", B: "a#b" });
  });

  it("single quotes are literal, double quotes have escapes", () => {
    assert.deepEqual(values('A=\'x\\ny ${B}\'\nB="tab\\tnew\\nquote\\""\n'), {
      A: "x\\ny ${B}",
      B: 'tab\tnew\nquote"',
    });
  });

  it("quoted values may span lines, and the next key is read after them", () => {
    const parsed = parseDotenv('KEY="-----BEGIN\nline\n-----END"\nNEXT=1\n');
    assert.equal(parsed.entries.get("KEY")?.value, "-----BEGIN\nline\n-----END");
    assert.deepEqual(parsed.entries.get("NEXT"), {
      value: "1",
      line: 3,
      start: 0,
      end: 4,
      dependsOnEnvironment: false,
    });
  });

  it("interpolates ${VAR} and ${VAR:-default} from earlier keys and the outer environment, not in single quotes", () => {
    const outer = new Map([["HOME", "/home/site"]]);
    assert.deepEqual(
      values("A=x\nB=${A}/y\nC=\"${HOME}/z\"\nD=${MISSING:-fallback}\nE='${A}'\nF=${MISSING}\n", outer),
      {
        A: "x",
        B: "x/y",
        C: "/home/site/z",
        D: "fallback",
        E: "${A}",
        F: "",
      },
    );
  });

  it("a value that interpolates a variable set neither in the file nor outside depends on the environment", () => {
    const parsed = parseDotenv('A=x\nB=${A}\nC=${MISSING:-fallback}\nD="${OTHER}"\n');
    assert.deepEqual(
      [...parsed.entries].map(([key, entry]) => [key, entry.dependsOnEnvironment]),
      [
        ["A", false],
        ["B", false],
        ["C", true],
        ["D", true],
      ],
    );
  });

  it("records the columns of each key, after export and indentation", () => {
    const parsed = parseDotenv("  export NAME=1\nOTHER = 2\n");
    assert.deepEqual(
      [...parsed.entries.values()].map((entry) => [entry.line, entry.start, entry.end]),
      [
        [0, 9, 13],
        [1, 0, 5],
      ],
    );
  });

  it("records lines and reports what it cannot read", () => {
    const parsed = parseDotenv('A=1\n=oops\nB="unterminated\n');
    assert.equal(parsed.entries.get("A")?.line, 0);
    assert.deepEqual(
      parsed.errors.map((error) => error.line),
      [1, 2],
    );
  });
});
