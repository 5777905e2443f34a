import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import {
  findResult,
  observe,
  type Observed,
  OUTPUT_ENVIRONMENT,
  RACY_MS,
  type RunIdentity,
  runKey,
  saveResult,
} from "../../../common/src/resultCache";
import { findFiles, MAX_ENTRIES } from "../../../server/src/project/nodeFileSystem";
import { removeTemporaryFolders, temporaryFolder } from "../../temporaryFolders";

after(removeTemporaryFolders);

const ROOT = join(__dirname, "..", "..", "..");

const run: RunIdentity = {
  argv: ["check", "."],
  cwd: "/home/someone/site",
  environment: { PATH: "/usr/bin", DJANGO_SETTINGS_MODULE: "mysite.settings" },
  stdout: "pipe",
  bundle: "/opt/dist/cli-main.js:1000:1",
};

describe("the result cache's key", () => {
  test("changes with every part of the run that changes the output", () => {
    const key = runKey(run);
    const variants: RunIdentity[] = [
      { ...run, argv: ["check", ".", "--format", "json"] },
      { ...run, cwd: "/home/someone/other" },
      { ...run, stdout: "character device 34816" },
      { ...run, bundle: "/opt/dist/cli-main.js:1000:2" },
      ...OUTPUT_ENVIRONMENT.map((name) => ({
        ...run,
        environment: { ...run.environment, [name]: "something else" },
      })),
    ];
    for (const variant of variants) assert.notEqual(runKey(variant), key, JSON.stringify(variant));
  });

  test("is the same whatever the other environment variables", () => {
    assert.equal(
      runKey({ ...run, environment: { ...run.environment, PATH: "/bin", OLDPWD: "/" } }),
      runKey(run),
    );
  });

  test("covers every environment variable the command line and the engine read", () => {
    // Variables that change where things are kept or how fast, not what a check prints.
    const notOutput = new Set(["XDG_CACHE_HOME", "NODE_DISABLE_COMPILE_CACHE"]);
    const read = new Set<string>();
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        // The language server's own code and the comparison with Django (never cached) are not the check's.
        if (entry.isDirectory() && !["lsp", "compare"].includes(entry.name)) walk(path);
        else if (entry.name.endsWith(".ts") && entry.name !== "serverMain.ts") {
          for (const match of readFileSync(path, "utf8").matchAll(
            /\b(?:process\.env|environment)\.([A-Z_]+)/g,
          ))
            read.add(match[1]!);
        }
      }
    };
    for (const folder of ["cli/src", "common/src", "server/src"]) walk(join(ROOT, folder));
    assert.ok(read.has("DJANGO_SETTINGS_MODULE"), "the scan finds the reads");
    const missing = [...read].filter(
      (name) => !notOutput.has(name) && !(OUTPUT_ENVIRONMENT as readonly string[]).includes(name),
    );
    assert.deepEqual(missing, []);
  });
});

/** A project of two files in a folder, observed as the check command observes them. */
function project() {
  const folder = temporaryFolder("result-cache");
  mkdirSync(join(folder, "mysite"));
  writeFileSync(join(folder, "manage.py"), "import os\n");
  writeFileSync(join(folder, "mysite", "settings.py"), "DEBUG = True\n");
  // Modification times of an hour ago, so that a change made by the test within the same tick of the
  // file system's clock still shows.
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const path of ["manage.py", "mysite/settings.py", "mysite", "."])
    utimesSync(join(folder, path), hourAgo, hourAgo);
  const paths = new Map<string, Observed>();
  const note = (path: string) => paths.set(path, observe(path));
  findFiles(folder, (name) => name.endsWith(".py"), undefined, MAX_ENTRIES, note);
  note(join(folder, "mysite", "settings.py"));
  note(join(folder, "local_settings.py"));
  const cache = temporaryFolder("result-cache-entries");
  const key = runKey(run);
  // As if the run came after the racy window: the files were all written just now.
  assert.equal(
    saveResult(
      cache,
      key,
      paths,
      [
        [1, "findings\n"],
        [2, "a note\n"],
      ],
      1,
      Date.now() + RACY_MS + 1_000,
    ),
    true,
  );
  return { folder, cache, key };
}

describe("the result cache's entries", () => {
  test("an unchanged project gets its output and exit status back, in order", () => {
    const { cache, key } = project();
    assert.deepEqual(findResult(cache, key), {
      output: [
        [1, "findings\n"],
        [2, "a note\n"],
      ],
      exitCode: 1,
    });
    assert.equal(findResult(cache, runKey({ ...run, argv: ["check"] })), undefined);
  });

  test("a file read that changed, a file created in a folder searched, a file deleted: no entry", () => {
    const changed = project();
    writeFileSync(join(changed.folder, "mysite", "settings.py"), "DEBUG = False\n");
    assert.equal(findResult(changed.cache, changed.key), undefined);

    const created = project();
    writeFileSync(join(created.folder, "mysite", "production.py"), "");
    assert.equal(findResult(created.cache, created.key), undefined);

    const appeared = project();
    writeFileSync(join(appeared.folder, "local_settings.py"), "");
    assert.equal(findResult(appeared.cache, appeared.key), undefined, "a file looked for that did not exist");

    const deleted = project();
    rmSync(join(deleted.folder, "manage.py"));
    assert.equal(findResult(deleted.cache, deleted.key), undefined);
  });

  test("a path changed within the racy window keeps no entry", () => {
    const folder = temporaryFolder("result-cache");
    writeFileSync(join(folder, "settings.py"), "DEBUG = True\n");
    const cache = temporaryFolder("result-cache-entries");
    const paths = new Map([[join(folder, "settings.py"), observe(join(folder, "settings.py"))]]);
    assert.equal(saveResult(cache, runKey(run), paths, [[1, "x"]], 0), false);
    assert.deepEqual(readdirSync(cache), []);
    assert.equal(findResult(cache, runKey(run)), undefined);
  });

  test("an unreadable or foreign entry is no entry", () => {
    const { cache, key } = project();
    const [name] = readdirSync(cache);
    const entry = JSON.parse(readFileSync(join(cache, name!), "utf8"));
    writeFileSync(
      join(cache, name!),
      JSON.stringify({ ...entry, key: runKey({ ...run, cwd: "/elsewhere" }) }),
    );
    assert.equal(findResult(cache, key), undefined);
    writeFileSync(join(cache, name!), "{ not json");
    assert.equal(findResult(cache, key), undefined);
  });

  test("keeps at most 200 entries", () => {
    const cache = temporaryFolder("result-cache-entries");
    for (let index = 0; index < 205; index++)
      saveResult(cache, runKey({ ...run, argv: ["check", String(index)] }), new Map(), [], 0);
    assert.equal(readdirSync(cache).filter((name) => name.endsWith(".json")).length, 200);
  });
});
