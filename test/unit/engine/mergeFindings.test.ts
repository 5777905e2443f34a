// The engine's merge of findings that several production profiles share: one finding naming them
// all, whose fixes fix every one of them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Applicability, Finding, Fix } from "../../../server/src/checks/types";
import { mergeFindings } from "../../../server/src/engine/mergeFindings";

const range = (line: number, from: number, to = from) => ({
  start: { line, character: from },
  end: { line, character: to },
});

const fix = (title: string, file: string, line: number, applicability: Applicability = "safe"): Fix => ({
  title,
  applicability,
  edits: [{ file, range: range(line, 0), newText: "DEBUG = False\n" }],
});

const finding = (profile: string, line: number, fixes: Fix[] = []): Finding => ({
  code: "security.W018",
  severity: "warning",
  message: "DEBUG is on in production.",
  location: { file: "/p/a/base.py", range: range(line, 0, 5) },
  related: [
    {
      file: `/p/a/${profile}.py`,
      range: range(0, 0),
      message: `production profile a.${profile} inherits this value`,
    },
  ],
  fixes,
  profiles: [`a.${profile}`],
});

describe("merging findings across profiles", () => {
  it("keeps one finding per place and problem, naming every profile and each one's way to it", () => {
    const merged = mergeFindings([finding("production", 1), finding("live", 1), finding("live", 2)]);
    assert.deepEqual(
      merged.map((entry) => [entry.location.range.start.line, entry.profiles]),
      [
        [1, ["a.production", "a.live"]],
        [2, ["a.live"]],
      ],
    );
    assert.deepEqual(
      merged[0]!.related.map((related) => related.file),
      ["/p/a/production.py", "/p/a/live.py"],
    );
  });

  it("combines fixes of the same title into one that edits each profile's module, as unsafe as the worst", () => {
    const [merged] = mergeFindings([
      finding("production", 1, [fix("Set DEBUG = False", "/p/a/production.py", 3)]),
      finding("live", 1, [fix("Set DEBUG = False", "/p/a/live.py", 7, "unsafe")]),
    ]);
    assert.equal(merged!.fixes.length, 1);
    assert.equal(merged!.fixes[0]!.applicability, "unsafe");
    assert.deepEqual(
      merged!.fixes[0]!.edits.map((edit) => edit.file),
      ["/p/a/production.py", "/p/a/live.py"],
    );
  });

  it("keeps an edit the profiles share once", () => {
    const [merged] = mergeFindings([
      finding("production", 1, [fix("Drop the default", "/p/a/base.py", 1)]),
      finding("live", 1, [fix("Drop the default", "/p/a/base.py", 1)]),
    ]);
    assert.equal(merged!.fixes[0]!.edits.length, 1);
  });

  it("keeps fixes apart, titled by profile, when their edits would collide", () => {
    const collide = (text: string): Fix => ({
      title: "Set ALLOWED_HOSTS",
      applicability: "unsafe",
      edits: [{ file: "/p/a/base.py", range: range(4, 0, 10), newText: text }],
    });
    const [merged] = mergeFindings([
      finding("production", 1, [collide('["a.example"]')]),
      finding("live", 1, [collide('["b.example"]')]),
    ]);
    assert.deepEqual(
      merged!.fixes.map((entry) => entry.title),
      ["Set ALLOWED_HOSTS (a.production)", "Set ALLOWED_HOSTS (a.live)"],
    );
  });
});
