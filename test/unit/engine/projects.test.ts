// Whole-engine snapshots of fixture projects in each settings style: findings with file, position,
// ID, profiles and message, each fix as the lines it changes, and the engine's messages.
// UPDATE_SNAPSHOTS=1 rewrites the expectations (then read them).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { nodeFileSystem } from "../../../server/src/project/nodeFileSystem";
import { DjangoProject } from "../../../server/src/engine/project";
import type { TextEdit } from "../../../server/src/checks/types";
import type { AnalysisOptions } from "../../../server/src/engine/analysis";
import { applyEdits } from "../../helpers/memoryProject";

const fixtures = join(__dirname, "..", "..", "fixtures", "projects");
const patterns = join(__dirname, "..", "..", "fixtures", "patterns");

function snapshot(
  name: string,
  options: AnalysisOptions = {},
  folder = fixtures,
  withCoverage = false,
): string {
  const root = join(folder, name);
  const result = new DjangoProject([root], nodeFileSystem, { djangoVersion: "5.2", ...options }).analyze();
  const lines = [
    `profiles: ${result.profiles.map((profile) => `${profile.module} (${profile.kind})`).join(", ")}`,
    ...Object.entries(result.chains).map(
      ([module, files]) => `chain ${module}: ${files.map((file) => relative(root, file)).join(" → ")}`,
    ),
    ...[...result.findings]
      .sort(
        (a, b) =>
          a.location.file.localeCompare(b.location.file) ||
          a.location.range.start.line - b.location.range.start.line ||
          a.location.range.start.character - b.location.range.start.character ||
          a.code.localeCompare(b.code),
      )
      .flatMap((finding) => {
        const { line, character } = finding.location.range.start;
        return [
          `${relative(root, finding.location.file)}:${line + 1}:${character + 1} ${finding.code} [${finding.profiles.join(", ")}]`,
          `  ${finding.message}`,
          ...(finding.explanation ? [`  ${finding.explanation}`] : []),
          ...finding.fixes.flatMap((fix) => [
            `  fix (${fix.applicability}): ${fix.title}`,
            ...fixDiff(root, fix.edits).map((diffLine) => `    ${diffLine}`),
          ]),
        ];
      }),
    ...result.messages.map((message) => `message: ${message.split(root).join("<project>")}`),
    // What could not be known, and why: what the CLI's --verbose and the editor's report show.
    ...(withCoverage
      ? result.coverage.flatMap((coverage) => [
          ...coverage.unknownSettings.map(
            (unknown) =>
              `unknown in ${coverage.profile}: ${unknown.name}: ${unknown.reason}${unknown.location ? ` (${relative(root, unknown.location.file)}:${unknown.location.range.start.line + 1})` : ""}; undecided: ${unknown.checks.join(" ")}`,
          ),
          ...coverage.unreadImports.map(
            (item) =>
              `unread import in ${coverage.profile}: ${item.module} (${relative(root, item.location.file)}:${item.location.range.start.line + 1})`,
          ),
        ])
      : []),
  ];
  return `${lines.join("\n")}\n`;
}

/** A fix as the lines it changes in each file: `-` the lines before, `+` the same lines after. */
function fixDiff(root: string, edits: TextEdit[]): string[] {
  const lines: string[] = [];
  const files = [...new Set(edits.map((edit) => edit.file))];
  for (const file of files) {
    const own = edits.filter((edit) => edit.file === file);
    // A fix may create a file (the .env.example that documents a variable).
    const before = existsSync(file) ? readFileSync(file, "utf8") : "";
    const after = applyEdits(before, own);
    const first = Math.min(...own.map((edit) => edit.range.start.line));
    const last = Math.max(...own.map((edit) => edit.range.end.line));
    const beforeLines = before.split("\n");
    const afterLines = after.split("\n");
    const grown = afterLines.length - beforeLines.length;
    lines.push(`${relative(root, file)}:${first + 1}`);
    for (const text of beforeLines.slice(first, last + 1)) lines.push(`- ${text}`);
    for (const text of afterLines.slice(first, last + 1 + grown)) lines.push(`+ ${text}`);
  }
  return lines;
}

function expectSnapshot(file: string, actual: string, folder = fixtures): void {
  const path = join(folder, file);
  if (process.env.UPDATE_SNAPSHOTS || !existsSync(path)) {
    writeFileSync(path, actual);
    if (!process.env.UPDATE_SNAPSHOTS)
      assert.fail(`${file} was missing and has been written; read it and run again`);
    return;
  }
  assert.equal(actual, readFileSync(path, "utf8"));
}

describe("fixture projects through the whole engine", () => {
  it("split settings: base + production + local; production overrides base, local is a development profile", () => {
    expectSnapshot("split.expected.txt", snapshot("split"));
  });

  it("a settings package whose __init__ star-imports its components", () => {
    expectSnapshot("components.expected.txt", snapshot("components"));
  });

  it("django-environ with an Env schema and read_env, no .env assumed", () => {
    expectSnapshot("environ_style.expected.txt", snapshot("environ_style"));
  });

  it("django-environ with the production .env file named for the profile", () => {
    expectSnapshot(
      "environ_style.env.expected.txt",
      snapshot("environ_style", { profiles: [{ settings: "shop.settings", envFile: ".env.production" }] }),
    );
  });

  it("python-decouple with casts", () => {
    expectSnapshot("decouple_style.expected.txt", snapshot("decouple_style"));
  });

  it("a lone settings.py with a conditional local import", () => {
    expectSnapshot("lone.expected.txt", snapshot("lone"));
  });

  it("class-based settings (django-configurations) are unknown, never guessed", () => {
    expectSnapshot("configurations_style.expected.txt", snapshot("configurations_style"));
  });
});

// The settings patterns of real projects (issue 11), each compared with Django by the oracle
// (test/oracle/patterns.test.ts): here, what the user sees, with what could not be known and why.
describe("settings patterns of real projects through the whole engine", () => {
  const names = readdirSync(patterns).filter((name) => statSync(join(patterns, name)).isDirectory());
  for (const name of names)
    it(name, () => {
      expectSnapshot(`${name}.expected.txt`, snapshot(name, {}, patterns, true), patterns);
    });
});
