// The result cache through the real command line: a check of an unchanged project prints the kept
// result without running the engine; a change, another environment or --no-cache checks afresh.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { RACY_MS } from "../../common/src/resultCache";
import { removeTemporaryFolders, temporaryFolder } from "../temporaryFolders";
import { runCli, startproject } from "./run";

after(removeTemporaryFolders);

describe("the CLI's result cache", () => {
  let site: string;
  let cache: string;
  const entries = () => join(cache, "django-deploy", "results");
  const check = (args: string[] = [], env: Record<string, string | undefined> = {}) =>
    runCli(["check", ".", ...args], { cwd: site, env: { XDG_CACHE_HOME: cache, ...env } });

  before(async () => {
    site = startproject();
    cache = temporaryFolder("cli-result-cache");
    // A project written within the racy window gets no entry: wait until it is old enough.
    await new Promise((resolve) => setTimeout(resolve, RACY_MS + 200));
  });

  it("keeps the result of a check, and prints it for the same command on the unchanged project", () => {
    const first = check();
    assert.equal(first.status, 1, first.stderr);
    assert.match(first.stdout, /security\.W018/);
    const [name, ...others] = readdirSync(entries());
    assert.deepEqual(others, []);
    // The kept entry is what the next run prints: changed here, it shows that the engine did not run.
    const file = join(entries(), name!);
    const entry = JSON.parse(readFileSync(file, "utf8"));
    assert.deepEqual(entry.output, [[1, first.stdout]]);
    writeFileSync(file, JSON.stringify({ ...entry, output: [[1, "kept\n"]], exitCode: 0 }));
    const second = check();
    assert.deepEqual([second.status, second.stdout, second.stderr], [0, "kept\n", ""]);

    // Another format, another environment, or --no-cache: checked afresh.
    assert.match(check(["--format", "json"]).stdout, /"security\.W018"/);
    assert.match(check([], { DJANGO_SETTINGS_MODULE: "mysite.settings" }).stdout, /security\.W018/);
    const fresh = check(["--no-cache"]);
    assert.equal(fresh.stdout, first.stdout);
    assert.equal(check().stdout, "kept\n", "--no-cache keeps nothing in place of the entry");

    // A settings module edited since: checked afresh, and the finding it fixed is gone.
    const settings = join(site, "mysite", "settings.py");
    writeFileSync(settings, readFileSync(settings, "utf8").replace("DEBUG = True", "DEBUG = False"));
    const edited = check();
    assert.equal(edited.status, 1, edited.stderr);
    assert.doesNotMatch(edited.stdout, /security\.W018|kept/);
  });
});
