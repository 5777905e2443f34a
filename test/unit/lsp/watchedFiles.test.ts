// The disk as the language server reads it once the editor watches the files (server/src/lsp/
// watchedFiles.ts): a watched file is read once and kept until an event says it changed; other
// files, and every file before the watchers are registered, are read from the disk each time.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isWatched, WatchedDisk } from "../../../server/src/lsp/watchedFiles";
import type { FileSystemHost } from "../../../server/src/project/workspace";

/** A disk in memory that counts its reads. */
function countingDisk(files: Map<string, string>) {
  const reads: string[] = [];
  const disk: FileSystemHost = {
    readFile: (path) => {
      reads.push(path);
      return files.get(path);
    },
    exists: (path) => {
      reads.push(`exists ${path}`);
      return files.has(path);
    },
    findFiles: () => [...files.keys()],
  };
  return { disk, reads };
}

describe("the files the editor watches", () => {
  it("are modules, environment files and deployment files, by name or folder", () => {
    for (const path of [
      "/w/mysite/settings/production.py",
      "/w/.env",
      "/w/.env.production",
      "/w/prod.env",
      "/w/Procfile",
      "/w/Dockerfile",
      "/w/docker/Dockerfile.web",
      "/w/compose.prod.yaml",
      "/w/deploy/gunicorn.service",
      "/w/requirements.txt",
      "/w/requirements/production.txt",
      "/w/fly.toml",
    ])
      assert.ok(isWatched(path), path);
    for (const path of ["/w/README.md", "/w/templates/base.html", "/w/uwsgi.ini", "/w/notes/production.txt"])
      assert.ok(!isWatched(path), path);
  });
});

describe("the watched disk", () => {
  it("reads every time until the editor watches, then once per watched file until it changes", () => {
    const files = new Map([
      ["/w/mysite/settings.py", "DEBUG = True\n"],
      ["/w/uwsgi.ini", "[uwsgi]\n"],
    ]);
    const { disk, reads } = countingDisk(files);
    const watched = new WatchedDisk(disk);
    watched.readFile("/w/mysite/settings.py");
    watched.readFile("/w/mysite/settings.py");
    assert.equal(reads.length, 2, "not kept before the watchers are registered");

    watched.watching = true;
    reads.length = 0;
    assert.equal(watched.readFile("/w/mysite/settings.py"), "DEBUG = True\n");
    files.set("/w/mysite/settings.py", "DEBUG = False\n");
    assert.equal(watched.readFile("/w/mysite/settings.py"), "DEBUG = True\n", "kept until an event");
    assert.equal(watched.exists!("/w/mysite/local.py"), false);
    assert.equal(watched.exists!("/w/mysite/local.py"), false);
    watched.readFile("/w/uwsgi.ini");
    watched.readFile("/w/uwsgi.ini");
    assert.deepEqual(reads, [
      "/w/mysite/settings.py",
      "exists /w/mysite/local.py",
      "/w/uwsgi.ini",
      "/w/uwsgi.ini",
    ]);

    watched.changed("/w/mysite/settings.py");
    assert.equal(watched.readFile("/w/mysite/settings.py"), "DEBUG = False\n", "read again after its event");
    files.set("/w/mysite/local.py", "");
    watched.changed("/w/mysite/local.py");
    assert.equal(watched.exists!("/w/mysite/local.py"), true, "a created file exists after its event");
  });

  it("forgets everything below a folder's event, and everything without a path", () => {
    const files = new Map([
      ["/w/a/settings.py", "A = 1\n"],
      ["/w/ab/settings.py", "B = 1\n"],
    ]);
    const { disk, reads } = countingDisk(files);
    const watched = new WatchedDisk(disk);
    watched.watching = true;
    watched.readFile("/w/a/settings.py");
    watched.readFile("/w/ab/settings.py");
    reads.length = 0;
    // The folder /w/a deleted: one event for the folder.
    watched.changed("/w/a");
    watched.readFile("/w/a/settings.py");
    watched.readFile("/w/ab/settings.py");
    assert.deepEqual(reads, ["/w/a/settings.py"], "/w/ab is not below /w/a");
    watched.changed();
    watched.readFile("/w/ab/settings.py");
    assert.deepEqual(reads, ["/w/a/settings.py", "/w/ab/settings.py"]);
  });
});
