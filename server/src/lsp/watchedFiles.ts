// The files the server asks the editor to watch, and the disk as the server reads it once the
// editor watches them: each such file is read once and kept until the editor says it changed.
//
// Without this, every analysis read every file again to see whether it had changed: on a workspace
// of 200 projects each keystroke stat-ed, opened and read a few thousand settings modules and
// deployment files, about two thirds of the keystroke's time. The command line reads each file once
// anyway, and an open document's text is the editor's, never the disk's (overlayHost).
import { exclusionMatcher } from "../project/exclusions";
import type { FileSystemHost } from "../project/workspace";

/** Files whose change on disk can change a finding: modules, entry points, environment files. */
export const WATCHED_FILES: readonly string[] = [
  "**/*.py",
  "**/.env*",
  "**/*.env",
  "**/{Procfile,pyproject.toml,setup.cfg,setup.py,pytest.ini,tox.ini,Pipfile,Pipfile.lock,poetry.lock,uv.lock}",
  "**/{Dockerfile,Dockerfile.*,*.Dockerfile}",
  "**/{docker-compose,compose}*.{yml,yaml}",
  "**/*.service",
  "**/{app.json,render.yaml,fly.toml,app.yaml,app.yml,deploy.template.yaml}",
  "**/requirements*.txt",
  "**/requirements/*.txt",
];

/** Whether the editor watches `path` (an absolute path) for the server: it matches WATCHED_FILES. */
export const isWatched: (path: string) => boolean = (() => {
  const matches = exclusionMatcher(WATCHED_FILES)!;
  return (path) => matches(path.replace(/^\/+/, ""));
})();

/**
 * The disk, with the text and existence of watched files kept between analyses once `watching` is
 * set (the editor registered the watchers). `changed` forgets a path and everything below it (a
 * deleted folder comes as one event); with no path, everything.
 */
export class WatchedDisk implements FileSystemHost {
  /** Set once the editor has registered the watchers: before that, a change could go unnoticed. */
  watching = false;
  private readonly texts = new Map<string, string | undefined>();
  private readonly existing = new Map<string, boolean>();
  readonly exists?: (path: string) => boolean;
  readonly folderExists?: (path: string) => boolean;
  readonly unread?: (root: string) => string[];
  readonly readProblem?: (path: string) => string | undefined;

  constructor(private readonly disk: FileSystemHost) {
    const exists = disk.exists;
    if (exists)
      this.exists = (path) => {
        // Only watched paths are kept: a kept answer needs no pattern matching (an analysis asks for
        // thousands of files in a monorepo).
        const known = this.existing.get(path);
        if (known !== undefined) return known;
        const found = exists(path);
        if (this.watching && isWatched(path)) this.existing.set(path, found);
        return found;
      };
    // Asked only when the virtual environments are looked for: not kept.
    if (disk.folderExists) this.folderExists = (path) => disk.folderExists!(path);
    if (disk.unread) this.unread = (root) => disk.unread!(root);
    // A file's read problem is the disk's from its last read, which is the read kept here.
    if (disk.readProblem) this.readProblem = (path) => disk.readProblem!(path);
  }

  readFile(path: string): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path);
    const text = this.disk.readFile(path);
    if (this.watching && isWatched(path)) this.texts.set(path, text);
    return text;
  }

  findFiles(
    root: string,
    accept: (baseName: string) => boolean,
    excluded?: (relativePath: string) => boolean,
  ): string[] {
    return this.disk.findFiles(root, accept, excluded);
  }

  changed(path?: string): void {
    if (path === undefined) {
      this.texts.clear();
      this.existing.clear();
      return;
    }
    const below = `${path.replace(/\/+$/, "")}/`;
    for (const kept of [this.texts, this.existing])
      for (const key of [...kept.keys()]) if (key === path || key.startsWith(below)) kept.delete(key);
  }
}
