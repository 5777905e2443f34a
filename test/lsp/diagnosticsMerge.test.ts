// The same finding reached through several production profiles is one diagnostic naming them all.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Finding } from "../../server/src/checks/types";
import type { AnalysisResult } from "../../server/src/project/workspace";
import { diagnosticsByUri } from "../../server/src/lsp/diagnostics";

const finding = (profile: string, line: number): Finding => ({
  code: "async.E001",
  severity: "error",
  message: "DJANGO_ALLOW_ASYNC_UNSAFE is set here.",
  location: { file: "/p/.env", range: { start: { line, character: 0 }, end: { line, character: 5 } } },
  related: [],
  fixes: [],
  profile,
});

describe("diagnostics of findings shared by profiles", () => {
  it("merges identical findings and lists the profiles; different places stay apart", () => {
    const result: AnalysisResult = {
      findings: [finding("a.production", 1), finding("a.live", 1), finding("a.live", 2)],
      profiles: [
        { module: "a.production", file: "/p/a/production.py", kind: "production", reason: "test" },
        { module: "a.live", file: "/p/a/live.py", kind: "production", reason: "test" },
      ],
      chains: {},
      messages: [],
      djangoVersion: "5.2",
      djangoVersionAssumed: true,
    };
    const diagnostics = diagnosticsByUri(result, {
      uriOf: (file) => `file://${file}`,
      versionOf: () => undefined,
    }).get("file:///p/.env")!;
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.message]),
      [
        [1, "DJANGO_ALLOW_ASYNC_UNSAFE is set here. [profiles a.production, a.live]"],
        [2, "DJANGO_ALLOW_ASYNC_UNSAFE is set here. [profile a.live]"],
      ],
    );
  });
});
