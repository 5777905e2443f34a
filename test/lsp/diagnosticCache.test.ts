// The diagnostics a finding the engine answered again is shown with: reused while everything else
// its diagnostic is made from is the same, made again (and the same as made afresh) when any of it
// changes: the document's version, which documents are open and under what URI, the profiles.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Finding } from "../../server/src/checks/types";
import type { AnalysisResult } from "../../server/src/engine/analysis";
import { DiagnosticCache, diagnosticsByUri, type DiagnosticContext } from "../../server/src/lsp/diagnostics";

const FILE = "/project/mysite/settings.py";
const BASE = "/project/mysite/base.py";
const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 5 } });

const finding: Finding = {
  code: "security.W018",
  severity: "warning",
  message: "DEBUG is True in production",
  explanation: "Read in /project/mysite/base.py.",
  location: { file: FILE, range: at(3) },
  related: [{ file: BASE, range: at(1), message: "decided here" }],
  fixes: [
    {
      title: "Set DEBUG to False",
      applicability: "safe",
      edits: [{ file: BASE, range: at(1), newText: "DEBUG = False" }],
    },
  ],
  profiles: ["mysite.settings"],
};

function result(findings: Finding[], profiles = [{ module: "mysite.settings", file: FILE }]): AnalysisResult {
  return {
    findings,
    profiles: profiles.map((profile) => ({ ...profile, kind: "production", reason: "chosen" })),
    rejected: [],
    chains: {},
    messages: [],
    coverage: [],
    internalErrors: [],
    djangoVersion: "5.2",
    djangoVersionAssumed: true,
  } as unknown as AnalysisResult;
}

describe("diagnostics kept between analyses", () => {
  it("reuses a finding's diagnostic while what it is made from is the same, and makes it again as afresh when that changes", () => {
    const cache = new DiagnosticCache();
    let version = 4;
    let generation = 0;
    let baseUri = "file:///project/mysite/base.py";
    const context = (withCache: boolean): DiagnosticContext => ({
      uriOf: (file) => (file === BASE ? baseUri : `file://${file}`),
      versionOf: (file) => (file === FILE ? version : undefined),
      folder: "/project",
      ...(withCache ? { cache, uriGeneration: generation } : {}),
    });
    const cached = (analysis = result([finding])) =>
      diagnosticsByUri(analysis, context(true)).get(`file://${FILE}`)![0]!;
    const fresh = (analysis = result([finding])) =>
      diagnosticsByUri(analysis, context(false)).get(`file://${FILE}`)![0]!;

    const first = cached();
    assert.deepEqual(first, fresh());
    assert.equal(cached(), first, "the same finding in the same circumstances: the same diagnostic");

    version = 5;
    const edited = cached();
    assert.notEqual(edited, first);
    assert.deepEqual(edited, fresh());
    assert.equal((edited.data as { documentVersion: number }).documentVersion, 5);

    // base.py opened under another spelling of its URI: related information and fixes follow it.
    baseUri = "file:///project/mysite/Base.py";
    generation++;
    const reopened = cached();
    assert.deepEqual(reopened, fresh());
    assert.equal(reopened.relatedInformation?.[1]?.location.uri, baseUri);

    // A second production profile: the diagnostic names the profile it holds for.
    const two = result(
      [finding],
      [
        { module: "mysite.settings", file: FILE },
        { module: "mysite.other", file: "/project/mysite/other.py" },
      ],
    );
    assert.deepEqual(cached(two), fresh(two));
    assert.match(cached(two).relatedInformation!.at(-1)!.message, /mysite\.settings/);
  });
});
