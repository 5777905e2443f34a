// Meta-tests keeping the registry, the check files, the docs pages and the declared fixability in step.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ALL_CHECKS, docsUrl } from "../../../server/src/checks/index";

const root = join(__dirname, "..", "..", "..");
const checksFolder = join(root, "server", "src", "checks");
const TAG_FOLDERS = readdirSync(checksFolder, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== "fixes")
  .map((entry) => entry.name);
const HEADINGS = [
  "## What it checks",
  "## Why it matters in production",
  "## Example",
  "## Fix",
  "## Fix safety",
  "## Django reference",
];

/** `security/w018-debug.ts` → `security.W018`. */
function idOfFile(tag: string, file: string): string {
  const match = /^([ewi])(\d{3})-/.exec(file);
  assert.ok(match, `${tag}/${file} is not named <level><number>-<words>.ts`);
  return `${tag}.${match[1]!.toUpperCase()}${match[2]}`;
}

describe("check registry", () => {
  it("lists every check file, and only those, sorted by ID", () => {
    const fromFiles = TAG_FOLDERS.flatMap((tag) =>
      readdirSync(join(checksFolder, tag))
        .filter((file) => file.endsWith(".ts"))
        .map((file) => idOfFile(tag, file)),
    ).sort();
    const registered = ALL_CHECKS.map((check) => check.id);
    assert.deepEqual([...registered].sort(), fromFiles);
    assert.deepEqual(registered, [...registered].sort(), "ALL_CHECKS is sorted by ID");
    assert.equal(new Set(registered).size, registered.length, "IDs are unique");
  });

  it("each record's severity matches the level letter of its ID", () => {
    const letter = { error: "E", warning: "W", information: "I", hint: "I" } as const;
    for (const check of ALL_CHECKS)
      assert.equal(check.id.split(".")[1]![0], letter[check.severity], check.id);
  });

  it("our own IDs are the ones fixed in the spec", () => {
    const spec = join(root, "..", "shared", "spec", "extra-checks.md");
    if (!existsSync(spec)) return;
    const listed = new Set(
      [...readFileSync(spec, "utf8").matchAll(/\| (deploy\.[EWI]\d{3}) \|/g)].map((match) => match[1]),
    );
    for (const check of ALL_CHECKS.filter((candidate) => candidate.id.startsWith("deploy."))) {
      assert.ok(listed.has(check.id), `${check.id} is not in spec/extra-checks.md`);
    }
  });

  it("derives every docs URL from the ID in one place", () => {
    for (const check of ALL_CHECKS) assert.ok(docsUrl(check.id).endsWith(`/docs/checks/${check.id}.md`));
  });
});

describe("docs pages", () => {
  for (const check of ALL_CHECKS) {
    it(`${check.id} has its page with the standard headings and its fix safety`, () => {
      const page = join(root, "docs", "checks", `${check.id}.md`);
      assert.ok(existsSync(page), `docs/checks/${check.id}.md is missing`);
      const text = readFileSync(page, "utf8");
      assert.ok(text.startsWith(`# ${check.id}: `), "the title starts with the ID");
      let position = 0;
      for (const heading of HEADINGS) {
        const found = text.indexOf(`\n${heading}\n`, position);
        assert.ok(found >= 0, `"${heading}" is missing or out of order`);
        position = found + 1;
      }
      const safety = text.slice(text.indexOf("## Fix safety"), text.indexOf("## Django reference"));
      const word =
        check.fixability === "none"
          ? "No fix"
          : check.fixability === "displayOnly"
            ? "Display only"
            : check.fixability === "safe"
              ? "**safe**"
              : "**Unsafe**";
      assert.ok(
        safety.toLowerCase().includes(word.toLowerCase()),
        `the Fix safety section of ${check.id} should say ${word}`,
      );
    });
  }

  it("no page describes a check that does not exist", () => {
    const ids = new Set(ALL_CHECKS.map((check) => check.id));
    for (const file of readdirSync(join(root, "docs", "checks"))) {
      assert.ok(ids.has(file.replace(/\.md$/, "")), `docs/checks/${file} has no check`);
    }
  });
});
