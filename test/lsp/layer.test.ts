// The LSP layer's parts in memory, where the process tests cannot look: incremental document
// updates against a fresh parse, the debounce and stale-run rule, fix-all's overlap rule, settings.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import type { Finding } from "../../server/src/checks/types";
import { overlaps } from "../../server/src/engine/mergeFindings";
import { fixAllAction } from "../../server/src/lsp/codeActions";
import { OpenDocuments, overlayHost } from "../../server/src/lsp/documents";
import { AnalysisScheduler } from "../../server/src/lsp/scheduler";
import { parseModule } from "../../server/src/python/parse";
import { interpretSettings } from "../../server/src/lsp/folderSettings";

const URI = "file:///project/mysite/settings.py";
const FILE = "/project/mysite/settings.py";

function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number) {
  return {
    start: { line: startLine, character: startCharacter },
    end: { line: endLine, character: endCharacter },
  };
}

describe("open documents", () => {
  it("applies incremental changes in order, each against the text before it, and parses like a fresh parse", () => {
    const documents = new OpenDocuments();
    documents.open({
      uri: URI,
      languageId: "python",
      version: 1,
      text: "DEBUG = True\r\nALLOWED_HOSTS = []\n",
    });
    documents.parsed(FILE); // The parser now exists; later changes are handed to it incrementally.
    documents.change(URI, 2, [
      { range: range(0, 8, 0, 12), text: "False" },
      { range: range(1, 16, 1, 18), text: '["a"]' },
      { range: range(2, 0, 2, 0), text: "X = (\n" },
      { range: range(2, 5, 2, 5), text: "1)" },
    ]);
    const expected = 'DEBUG = False\r\nALLOWED_HOSTS = ["a"]\nX = (1)\n';
    assert.equal(documents.text(FILE), expected);
    assert.equal(documents.version(FILE), 2);
    const module = documents.parsed(FILE)!;
    assert.equal(module.text, expected);
    assert.equal(module.tree.toString(), parseModule(expected).tree.toString());
  });

  it("takes a full-text change, and ignores documents that are not files or not open", () => {
    const documents = new OpenDocuments();
    assert.equal(
      documents.open({ uri: "untitled:Untitled-1", languageId: "python", version: 1, text: "" }),
      undefined,
    );
    documents.open({ uri: URI, languageId: "python", version: 1, text: "A = 1\n" });
    documents.change(URI, 2, [{ text: "B = 2\n" }]);
    assert.equal(documents.parsed(FILE)!.text, "B = 2\n");
    assert.equal(documents.change("file:///project/other.py", 2, [{ text: "x" }]), undefined);
    assert.equal(documents.close(URI), FILE);
    assert.equal(documents.parsed(FILE), undefined);
  });

  it("overlays open documents on the disk, including ones the disk does not have yet", () => {
    const documents = new OpenDocuments();
    const disk = {
      readFile: (path: string) => (path === "/project/manage.py" ? "disk" : undefined),
      findFiles: () => ["/project/manage.py"],
    };
    const host = overlayHost(documents, disk);
    documents.open({ uri: "file:///project/manage.py", languageId: "python", version: 1, text: "editor" });
    documents.open({
      uri: "file:///project/mysite/settings.py",
      languageId: "python",
      version: 1,
      text: "X = 1\n",
    });
    documents.open({
      uri: "file:///project/.venv/lib/settings.py",
      languageId: "python",
      version: 1,
      text: "",
    });
    assert.equal(host.readFile("/project/manage.py"), "editor");
    assert.deepEqual(
      host.findFiles("/project", (name) => name === "settings.py" || name === "manage.py"),
      ["/project/manage.py", "/project/mysite/settings.py"],
    );
    assert.equal(host.parsed?.("/project/mysite/settings.py")?.text, "X = 1\n");
  });
});

describe("analysis scheduler", () => {
  it("runs once after a burst of changes, and marks a run stale when a change arrives during it", async () => {
    const runs: boolean[] = [];
    let scheduleDuringRun: (() => void) | undefined;
    const scheduler = new AnalysisScheduler(
      async (control) => {
        scheduleDuringRun?.();
        scheduleDuringRun = undefined;
        await control.yield();
        runs.push(control.isStale());
      },
      (error) => assert.fail(String(error)),
      5,
    );
    for (let index = 0; index < 10; index++) scheduler.schedule();
    while (runs.length < 1) await delay(5);
    assert.deepEqual(runs, [false]);

    scheduleDuringRun = () => scheduler.schedule();
    scheduler.schedule();
    while (runs.length < 3) await delay(5);
    assert.deepEqual(runs, [false, true, false]);
    scheduler.dispose();
  });
});

describe("fix all", () => {
  const fix = (
    applicability: "safe" | "unsafe",
    line: number,
    from: number,
    to: number,
    newText: string,
    file = FILE,
  ) => ({
    title: newText,
    applicability,
    edits: [{ file, range: range(line, from, line, to), newText }],
  });
  const finding = (fixes: Finding["fixes"], file = FILE): Finding => ({
    code: "security.W018",
    severity: "warning",
    message: "",
    location: { file, range: range(0, 0, 0, 1) },
    related: [],
    fixes,
    profiles: ["mysite.settings"],
  });

  it("takes safe fixes only, in document order, skipping overlaps and edits in other files", () => {
    const action = fixAllAction(FILE, URI, [
      finding([fix("safe", 3, 0, 4, "late")]),
      finding([fix("unsafe", 1, 0, 4, "unsafe")]),
      finding([fix("safe", 1, 0, 4, "first")]),
      finding([fix("safe", 1, 2, 6, "overlapping")]),
      finding([fix("safe", 2, 0, 1, "other file", "/project/base.py")]),
      finding([fix("safe", 5, 0, 1, "finding elsewhere")], "/project/base.py"),
    ]);
    assert.deepEqual(
      action?.edit?.changes?.[URI]?.map((edit) => edit.newText),
      ["first", "late"],
    );
    assert.equal(action?.kind, "source.fixAll.djangoDeploy");
    assert.equal(fixAllAction(FILE, URI, [finding([fix("unsafe", 1, 0, 4, "x")])]), undefined);
  });

  it("treats touching ranges as compatible and two insertions at one place as overlapping", () => {
    assert.equal(overlaps(range(0, 0, 0, 4), range(0, 4, 0, 8)), false);
    assert.equal(overlaps(range(0, 0, 0, 4), range(0, 3, 0, 8)), true);
    assert.equal(overlaps(range(2, 0, 2, 0), range(2, 0, 2, 0)), true);
    assert.equal(overlaps(range(0, 0, 0, 4), range(0, 2, 0, 2)), true);
    assert.equal(overlaps(range(0, 0, 0, 4), range(0, 4, 0, 4)), false);
  });
});

describe("settings", () => {
  it("maps valid settings onto the engine's options", () => {
    const { settings, problems } = interpretSettings({
      enable: false,
      djangoVersion: "4.2",
      profiles: [{ settings: "mysite.settings.production", envFile: ".env.production" }],
      logLevel: "debug",
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      enable: false,
      analysis: {
        djangoVersion: "4.2",
        profiles: [{ settings: "mysite.settings.production", envFile: ".env.production" }],
      },
      logLevel: "debug",
    });
  });

  it("falls back to defaults one setting at a time, with a problem for each", () => {
    const { settings, problems } = interpretSettings({
      enable: "yes",
      djangoVersion: "7.7",
      profiles: [{ settings: "not a module" }],
    });
    assert.deepEqual(settings, { enable: true, analysis: {}, logLevel: "info" });
    assert.equal(problems.length, 3);
    assert.match(problems.join("\n"), /djangoDeploy\.enable is invalid/);
    assert.match(problems.join("\n"), /djangoDeploy\.djangoVersion 7\.7 is not a version/);
    assert.deepEqual(interpretSettings(null).problems, []);
  });
});
