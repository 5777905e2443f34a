// Table tests for checks (after eslint's RuleTester): `valid` snippets stay silent, `invalid`
// snippets produce exactly the findings listed, and each fix produces exactly the text given, which
// must parse again without errors.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALL_CHECKS } from "../../server/src/checks/index";
import type { Applicability, Finding } from "../../server/src/checks/types";
import type { DjangoVersion } from "../../server/src/django/versions";
import { analyzeFiles, applyEdits, parsesCleanly, ROOT, summarize } from "./memoryProject";

export interface ValidCase {
  name: string;
  settings: string;
  /** Settings module, default `mysite.settings`; `mysite.settings.production` makes a dedicated production module. */
  module?: string;
  djangoVersion?: DjangoVersion;
  /** Extra files of the project, by path. */
  files?: Record<string, string>;
}

export interface InvalidCase extends ValidCase {
  /** `line:column` (1-based) of each finding of the check under test, sorted. */
  findings: string[];
  /** The file of the first finding, relative to the project, when not the settings module. */
  findingFile?: string;
  /** Words the (first) message must contain. */
  message?: RegExp;
  /** For the first finding: the fix title → the whole settings module text after applying it. */
  fixes?: {
    title: RegExp;
    applicability: Applicability;
    output: string;
    /** Files other than the settings module the fix edits (a .env.example), by path → text after it. */
    otherFiles?: Record<string, string>;
  }[];
}

function run(testCase: ValidCase): { findings: Finding[]; path: string } {
  const module = testCase.module ?? "mysite.settings";
  const path = `${module.replace(/\./g, "/")}.py`;
  const result = analyzeFiles(
    {
      "manage.py": `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\n`,
      [path]: testCase.settings,
      ...testCase.files,
    },
    { djangoVersion: testCase.djangoVersion },
  );
  return { findings: result.findings, path: `${ROOT}/${path}` };
}

/** Safest first: a check's declared fixability is the safest fix it can offer. */
const SAFETY_ORDER: Applicability[] = ["safe", "unsafe", "displayOnly"];

export function checkTable(id: string, table: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(id, () => {
    it("declares the fixability its fixes have on this table", () => {
      const record = ALL_CHECKS.find((check) => check.id === id);
      assert.ok(record, `${id} is not registered`);
      const offered = new Set(
        table.invalid.flatMap((testCase) =>
          run(testCase)
            .findings.filter((finding) => finding.code === id)
            .flatMap((finding) => finding.fixes.map((fix) => fix.applicability)),
        ),
      );
      const safest = SAFETY_ORDER.find((applicability) => offered.has(applicability)) ?? "none";
      assert.equal(
        safest,
        record.fixability,
        `${id} declares ${record.fixability}; its table's fixes say ${safest}`,
      );
    });

    it("words every message as one short sentence with no absolute path", () => {
      for (const testCase of table.invalid) {
        for (const finding of run(testCase).findings.filter((candidate) => candidate.code === id)) {
          assert.ok(
            finding.message.length <= 100,
            `${finding.message.length} characters: ${finding.message}`,
          );
          for (const text of [finding.message, finding.explanation ?? ""])
            assert.ok(!text.includes(`${ROOT}/`), `an absolute path in: ${text}`);
        }
      }
    });
    for (const testCase of table.valid) {
      it(`valid: ${testCase.name}`, () => {
        assert.deepEqual(summarize(run(testCase).findings, id), []);
      });
    }
    for (const testCase of table.invalid) {
      it(`invalid: ${testCase.name}`, () => {
        const { findings, path } = run(testCase);
        const own = findings
          .filter((finding) => finding.code === id)
          .sort(
            (a, b) =>
              a.location.range.start.line - b.location.range.start.line ||
              a.location.range.start.character - b.location.range.start.character,
          );
        assert.deepEqual(
          summarize(own).map((entry) => entry.slice(id.length + 1)),
          testCase.findings,
        );
        // The words may be in the short message or in its explanation.
        if (testCase.message)
          assert.match(`${own[0]!.message}\n${own[0]!.explanation ?? ""}`, testCase.message);
        if (own[0])
          assert.equal(own[0].location.file, testCase.findingFile ? `${ROOT}/${testCase.findingFile}` : path);
        const fixes = own[0]?.fixes ?? [];
        assert.equal(
          fixes.length,
          testCase.fixes?.length ?? 0,
          `fixes offered: ${fixes.map((fix) => fix.title).join(", ")}`,
        );
        for (const expected of testCase.fixes ?? []) {
          const fix = fixes.find((candidate) => expected.title.test(candidate.title));
          assert.ok(fix, `no fix titled ${expected.title}`);
          assert.equal(fix.applicability, expected.applicability);
          const elsewhere = [
            ...new Set(fix.edits.filter((edit) => edit.file !== path).map((edit) => edit.file)),
          ];
          assert.deepEqual(
            elsewhere.map((file) => file.slice(ROOT.length + 1)).sort(),
            Object.keys(expected.otherFiles ?? {}).sort(),
            "the files the fix edits besides the settings module",
          );
          for (const file of elsewhere) {
            const relativePath = file.slice(ROOT.length + 1);
            const before = testCase.files?.[relativePath] ?? "";
            const fileEdits: typeof fix.edits = fix.edits.filter((edit) => edit.file === file);
            assert.equal(applyEdits(before, fileEdits), expected.otherFiles?.[relativePath]);
          }
          const output = applyEdits(
            testCase.settings,
            fix.edits.filter((edit) => edit.file === path),
          );
          assert.equal(output, expected.output);
          assert.ok(parsesCleanly(output), "the fixed text parses");
        }
      });
    }
  });
}
