// Large and hostile workspaces (issues 17 and 18): what the walk skips and never follows, files
// that cannot be read, two projects with the same settings module name, and the discovery kept
// between keystrokes.
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { ModuleSource } from "../../../server/src/engine/analysisFiles";
import { DjangoProject } from "../../../server/src/engine/project";
import {
  findFiles,
  nodeFileSystem,
  readProblem,
  readTextFile,
  unread,
} from "../../../server/src/project/nodeFileSystem";
import { exclusionMatcher } from "../../../server/src/project/exclusions";
import type { FileSystemHost } from "../../../server/src/project/workspace";
import { interpretSettings } from "../../../server/src/lsp/folderSettings";
import { parseModule, type ParsedModule } from "../../../server/src/python/parse";

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function onDisk(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), "django-deploy-limits-"));
  folders.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const MANAGE = (module: string) =>
  `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\n`;

describe("the workspace walk", () => {
  it("skips dependencies, virtual environments whatever their name, caches and build output", () => {
    const root = onDisk({
      "mysite/settings.py": "",
      "node_modules/gyp/settings.py": "",
      ".venv/lib/site-packages/x/settings.py": "",
      "tools/python/pyvenv.cfg": "home = /usr/bin\n",
      "tools/python/lib/settings.py": "",
      "conda/conda-meta/history": "",
      "conda/lib/settings.py": "",
      "lib/site-packages/y/settings.py": "",
      "build/lib/settings.py": "",
      "mysite/__pycache__/settings.py": "",
      ".git/settings.py": "",
    });
    assert.deepEqual(
      findFiles(root, (name) => name === "settings.py"),
      [join(root, "mysite/settings.py")],
    );
    assert.deepEqual(unread(root), []);
  });

  it("never follows a symbolic link: not out of the workspace, not round a loop", () => {
    const outside = onDisk({ "elsewhere/settings.py": "" });
    const root = onDisk({ "mysite/settings.py": "" });
    symlinkSync(outside, join(root, "mysite", "outside"));
    symlinkSync(root, join(root, "mysite", "loop"));
    symlinkSync(join(outside, "elsewhere", "settings.py"), join(root, "linked_settings.py"));
    assert.deepEqual(
      findFiles(root, (name) => name.endsWith(".py")),
      [join(root, "mysite/settings.py")],
    );
  });

  it("searches a workspace folder at the file system's root only a few levels deep, and says so", () => {
    findFiles("/", (name) => name === "manage.py");
    assert.match(
      unread("/")[0]!,
      /^The workspace folder \/ is the file system's root: it was searched only 3 levels deep/,
    );
  });

  it("says what it did not read when it stops at its budget, and reads everything within it", () => {
    const root = onDisk({ "a/settings.py": "", "b/settings.py": "", "c/d/settings.py": "" });
    assert.equal(findFiles(root, (name) => name === "settings.py").length, 3);
    assert.deepEqual(unread(root), []);
    // A budget of 4 entries: the root's three folders and one more, then the search stops.
    assert.deepEqual(
      findFiles(root, (name) => name === "settings.py", undefined, 4),
      [join(root, "a/settings.py")],
    );
    assert.match(
      unread(root).join("\n"),
      /^The search of .* stopped after 4 folder entries; 2 folders were not read \(the first: .*\/b\)\. Settings modules there are not checked/,
    );
  });
});

describe("the user's exclusions (files.exclude)", () => {
  it("match paths relative to the folder with VS Code's glob syntax", () => {
    const excluded = exclusionMatcher(["**/legacy", "old/*.py", "{a,b}/x?"])!;
    assert.equal(excluded("legacy"), true);
    assert.equal(excluded("apps/legacy"), true);
    assert.equal(excluded("apps/legacy2"), false);
    assert.equal(excluded("old/settings.py"), true);
    assert.equal(excluded("old/sub/settings.py"), false);
    assert.equal(excluded("b/x1"), true);
    assert.equal(excluded("c/x1"), false);
    assert.equal(exclusionMatcher([]), undefined);
  });

  it("keep the walk out of excluded folders, and come from files.exclude's true entries", () => {
    const root = onDisk({
      "manage.py": MANAGE("mysite.settings"),
      "mysite/__init__.py": "",
      "mysite/settings.py": "DEBUG = True\n",
      "archive/manage.py": MANAGE("oldsite.settings"),
      "archive/oldsite/__init__.py": "",
      "archive/oldsite/settings.py": "DEBUG = True\n",
    });
    const { settings } = interpretSettings(
      {},
      { "**/archive": true, "**/*.md": { when: "x" }, "**/.git": false },
    );
    assert.deepEqual(settings.analysis.exclude, ["**/archive"]);
    const walked = findFiles(
      root,
      (name) => name === "manage.py",
      exclusionMatcher(settings.analysis.exclude),
    );
    assert.deepEqual(walked, [join(root, "manage.py")]);
    const result = new DjangoProject([root], nodeFileSystem, {
      djangoVersion: "5.2",
      exclude: ["archive"],
    }).analyze();
    assert.deepEqual(
      [...result.profiles, ...result.rejected].map((profile) => profile.module),
      ["mysite.settings"],
    );
  });
});

describe("files that cannot be read", () => {
  it("accepts a byte order mark, refuses invalid UTF-8 and says which byte", () => {
    const root = onDisk({
      "bom.py": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("DEBUG = False\n")]),
      "latin1.py": Buffer.from("NAME = 'caf\xe9'\n", "latin1"),
    });
    assert.equal(readTextFile(join(root, "bom.py")), "DEBUG = False\n");
    assert.equal(readTextFile(join(root, "latin1.py")), undefined);
    assert.equal(readProblem(join(root, "latin1.py")), "it is not valid UTF-8 (byte 0xe9 at offset 11)");
    assert.equal(readProblem(join(root, "bom.py")), undefined);
  });

  it("reports a module the settings import that is not UTF-8 as python.E002, not as no problems", () => {
    const root = onDisk({
      "manage.py": MANAGE("mysite.settings.production"),
      "mysite/__init__.py": "",
      "mysite/settings/__init__.py": "",
      "mysite/settings/production.py": "from .base import *\nDEBUG = False\n",
      "mysite/settings/base.py": Buffer.from("SECRET_KEY = 'abc\xff'\n", "latin1"),
    });
    const result = new DjangoProject([root], nodeFileSystem, { djangoVersion: "5.2" }).analyze();
    const unreadable = result.findings.filter((finding) => finding.code === "python.E002");
    assert.equal(unreadable.length, 1);
    assert.equal(unreadable[0]!.severity, "error");
    assert.equal(unreadable[0]!.location.file, join(root, "mysite/settings/base.py"));
    assert.deepEqual(unreadable[0]!.profiles, ["mysite.settings.production"]);
    assert.match(unreadable[0]!.message, /byte 0xff at offset 17.*Python cannot import it either/);
  });

  it("reports a production module that cannot be opened (mode 000) as python.E002", (context) => {
    if (process.getuid?.() === 0) return context.skip("root reads a file at mode 000");
    const root = onDisk({
      "manage.py": MANAGE("mysite.settings"),
      "mysite/__init__.py": "",
      "mysite/settings.py": "DEBUG = False\n",
    });
    chmodSync(join(root, "mysite/settings.py"), 0o000);
    const result = new DjangoProject([root], nodeFileSystem, { djangoVersion: "5.2" }).analyze();
    chmodSync(join(root, "mysite/settings.py"), 0o644);
    const unreadable = result.findings.filter((finding) => finding.code === "python.E002");
    assert.equal(unreadable.length, 1);
    assert.match(unreadable[0]!.message, /permission denied/);
  });
});

describe("a monorepo", () => {
  it("checks both projects when they share the dotted name config.settings.production", () => {
    const project = (hosts: string) => ({
      "manage.py": MANAGE("config.settings.local"),
      "config/__init__.py": "",
      "config/wsgi.py": MANAGE("config.settings.production"),
      "config/settings/__init__.py": "",
      "config/settings/local.py": "DEBUG = True\n",
      "config/settings/production.py": `DEBUG = False\nALLOWED_HOSTS = ${hosts}\n`,
    });
    const files: Record<string, string> = {};
    for (const [path, text] of Object.entries(project("[]"))) files[`one/${path}`] = text;
    for (const [path, text] of Object.entries(project('["*"]'))) files[`two/${path}`] = text;
    const root = onDisk(files);
    const result = new DjangoProject([root], nodeFileSystem, { djangoVersion: "5.2" }).analyze();
    const production = result.profiles.filter((profile) => profile.kind === "production");
    assert.deepEqual(production.map((profile) => profile.file).sort(), [
      join(root, "one/config/settings/production.py"),
      join(root, "two/config/settings/production.py"),
    ]);
    // Each project's own problem is found: an empty ALLOWED_HOSTS in one, a wildcard in the other.
    const files_ = (code: string) =>
      result.findings.filter((finding) => finding.code === code).map((finding) => finding.location.file);
    assert.deepEqual(files_("security.W020"), [join(root, "one/config/settings/production.py")]);
    assert.ok(
      result.findings.some(
        (finding) => finding.location.file === join(root, "two/config/settings/production.py"),
      ),
    );
  });
});

describe("the discovery between keystrokes", () => {
  /** The disk, with documents open in an editor over it (as the language server's host). */
  function editor() {
    const open = new Map<string, string>();
    const host: FileSystemHost & ModuleSource = {
      readFile: (path) => open.get(path) ?? nodeFileSystem.readFile(path),
      exists: (path) => open.has(path) || nodeFileSystem.exists!(path),
      findFiles: (folder, accept) => nodeFileSystem.findFiles(folder, accept),
      parsed: (path): ParsedModule | undefined => {
        const text = open.get(path);
        return text === undefined ? undefined : parseModule(text);
      },
      openFiles: () => open.keys(),
    };
    return { host, open };
  }

  it("is kept while an open settings module's body changes, redone when its star imports change", () => {
    const root = onDisk({
      "manage.py": MANAGE("mysite.settings.base"),
      "mysite/__init__.py": "",
      "mysite/settings/__init__.py": "",
      "mysite/settings/base.py": "DEBUG = True\n",
      "mysite/settings/production.py": "from .base import *\nDEBUG = False\n",
      "README.md": "",
    });
    const { host, open } = editor();
    const project = new DjangoProject([root], host, { djangoVersion: "5.2" });
    const production = join(root, "mysite/settings/production.py");
    project.analyze();
    assert.equal(project.discoveryRuns, 1);

    open.set(production, "from .base import *\nDEBUG = False\nALLOWED_HOSTS = ['x']\n");
    const afterKeystroke = project.analyze();
    assert.equal(project.discoveryRuns, 1, "a keystroke in the body keeps the discovery");
    assert.ok(afterKeystroke.profiles.some((profile) => profile.module === "mysite.settings.production"));

    project.invalidate(join(root, "README.md"));
    project.analyze();
    assert.equal(project.discoveryRuns, 1, "an edit of a file discovery does not read keeps it");

    // Saved to disk with the same star imports (the file event the editor's watcher sends).
    writeFileSync(production, "from .base import *\nDEBUG = False\nALLOWED_HOSTS = ['y']\n");
    project.invalidate(production);
    project.analyze();
    assert.equal(project.discoveryRuns, 1, "a saved body keeps the discovery");

    // No longer star-importing base: production.py is not known to be shared settings' override.
    open.set(production, "DEBUG = False\n");
    project.analyze();
    assert.equal(project.discoveryRuns, 2, "a changed star import redoes the discovery");

    project.invalidate(join(root, "mysite/settings/staging.py"));
    project.analyze();
    assert.equal(project.discoveryRuns, 3, "a Python file created or deleted redoes it");

    open.delete(production);
    rmSync(production);
    project.invalidate(production);
    const afterDeletion = project.analyze();
    assert.equal(project.discoveryRuns, 4, "a deleted module discovery read redoes it");
    assert.ok(!afterDeletion.profiles.some((profile) => profile.module === "mysite.settings.production"));
  });

  it("keeps the walks, the discovery and the other modules' states through a save (a Changed event)", () => {
    const root = onDisk({
      "manage.py": MANAGE("mysite.settings.base"),
      "mysite/__init__.py": "",
      "mysite/views.py": "def index(request):\n    return None\n",
      "mysite/settings/__init__.py": "",
      "mysite/settings/base.py": "DEBUG = True\nSECRET_KEY = 'x'\n",
      "mysite/settings/production.py": "from .base import *\nDEBUG = False\n",
    });
    const { host } = editor();
    let walks = 0;
    const counting: FileSystemHost & ModuleSource = {
      ...host,
      findFiles: (folder, accept) => {
        walks++;
        return host.findFiles(folder, accept);
      },
    };
    const project = new DjangoProject([root], counting, { djangoVersion: "5.2" });
    const production = join(root, "mysite/settings/production.py");
    const baseState = () =>
      [...project.stateCache].find(([key]) => key.endsWith("mysite/settings/base.py"))?.[1].state;
    const debugFindings = (result: ReturnType<DjangoProject["analyze"]>) =>
      result.findings.filter((finding) => finding.code === "security.W018").length;

    assert.equal(debugFindings(project.analyze()), 0);
    const walksBefore = walks;
    const base = baseState();
    assert.ok(base, "base.py was evaluated");

    // Saved with DEBUG turned on: the finding follows the text on disk.
    writeFileSync(production, "from .base import *\nDEBUG = True\n");
    project.invalidate(production, true);
    assert.equal(debugFindings(project.analyze()), 1, "the saved text is read");
    assert.equal(walks, walksBefore, "no walk of the workspace again");
    assert.equal(project.discoveryRuns, 1, "the discovery is kept");
    assert.equal(baseState(), base, "base.py is not evaluated again");

    // A module the discovery never read, saved: nothing is redone.
    writeFileSync(join(root, "mysite/views.py"), "def index(request):\n    return 1\n");
    project.invalidate(join(root, "mysite/views.py"), true);
    project.analyze();
    assert.equal(project.discoveryRuns, 1, "a saved module the discovery did not read keeps it");

    // The same events without knowing the file existed before (created or deleted): redone.
    project.invalidate(join(root, "mysite/views.py"));
    project.analyze();
    assert.equal(project.discoveryRuns, 2, "a Python file that may be new redoes the discovery");
    assert.ok(walks > walksBefore, "and walks the workspace again");
    assert.notEqual(baseState(), base, "and evaluates every module again");
  });
});
