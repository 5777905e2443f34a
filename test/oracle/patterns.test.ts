// The settings code real projects write, each pattern a small project of ours in
// test/fixtures/patterns/: our engine and Debian's real Django 3.2 (`manage.py check --deploy`, run in
// an environment that sets only DJANGO_SECRET_KEY) must report the same security.* IDs. Where the
// engine cannot know a value (settings copied in by code it does not follow), it must stay silent
// rather than guess: it may then report a subset of Django's IDs, never an ID Django does not.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DjangoProject } from "../../server/src/engine/project";
import { nodeFileSystem } from "../../server/src/project/nodeFileSystem";

const FIXTURES = join(__dirname, "..", "fixtures", "patterns");
/** A strong key: the fixtures read SECRET_KEY from the environment with no default. */
const SECRET_KEY = "Zq8#kT2!vN5@xR7$wL3%mP9^bJ4&cF6*Zq8#kT2!vN5@xR7$wL3%mP9^bJ4&cF6*";
/** Fixtures whose settings are written by code the engine does not follow: silence is right there. */
const UNKNOWABLE = new Set(["class-loaded"]);

function djangoIds(project: string): string[] {
  const venv = join(project, ".venv", "lib", "python3.11", "site-packages");
  const result = spawnSync("/usr/bin/python3", ["manage.py", "check", "--deploy"], {
    cwd: project,
    encoding: "utf8",
    env: {
      PATH: "/usr/bin:/bin",
      HOME: "/tmp",
      DJANGO_SECRET_KEY: SECRET_KEY,
      PYTHONPATH: existsSync(venv) ? `.:${venv}` : ".",
    },
  });
  const output = `${result.stdout}${result.stderr}`;
  assert.match(output, /System check identified/, `Django did not run on ${project}:\n${output}`);
  return [...new Set([...output.matchAll(/\((security\.[EW]\d{3})\)/g)].map((match) => match[1]!))].sort();
}

function ourIds(project: string): string[] {
  const result = new DjangoProject([project], nodeFileSystem, { djangoVersion: "3.2" }).analyze();
  return [
    ...new Set(result.findings.map((finding) => finding.code).filter((code) => code.startsWith("security."))),
  ].sort();
}

describe("settings patterns of real projects, against Django 3.2", () => {
  // Each folder is a project; the .expected.txt beside it is the unit suite's snapshot of it.
  for (const name of readdirSync(FIXTURES)
    .filter((entry) => statSync(join(FIXTURES, entry)).isDirectory())
    .sort()) {
    const project = join(FIXTURES, name);
    it(name, () => {
      const django = djangoIds(project);
      const ours = ourIds(project);
      if (UNKNOWABLE.has(name)) {
        const extra = ours.filter((id) => !django.includes(id));
        assert.deepEqual(extra, [], `reported what Django does not: ${extra.join(", ")}`);
      } else {
        assert.deepEqual(ours, django);
      }
    });
  }
});
