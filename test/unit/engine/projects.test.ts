// Whole-engine snapshots of fixture projects in each settings style: findings with file, position,
// ID and profile, and the messages. UPDATE_SNAPSHOTS=1 rewrites the expectations (then read them).
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { nodeFileSystem } from "../../../server/src/project/nodeFileSystem";
import { DjangoProject } from "../../../server/src/engine/project";
import type { AnalysisOptions } from "../../../server/src/engine/analysis";

const fixtures = join(__dirname, "..", "..", "fixtures", "projects");

function snapshot(name: string, options: AnalysisOptions = {}): string {
  const root = join(fixtures, name);
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
      .map((finding) => {
        const { line, character } = finding.location.range.start;
        return `${relative(root, finding.location.file)}:${line + 1}:${character + 1} ${finding.code} [${finding.profiles.join(", ")}]`;
      }),
    ...result.messages.map((message) => `message: ${message.split(root).join("<project>")}`),
  ];
  return `${lines.join("\n")}\n`;
}

function expectSnapshot(file: string, actual: string): void {
  const path = join(fixtures, file);
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
