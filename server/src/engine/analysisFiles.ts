// The workspace's files as the engine reads them: during one analysis each file is read once, each
// workspace folder is walked once for every search, and each search's result is kept until files
// change. Apart from DjangoProject so that the discovery cache and the checks' reuse of findings
// read through the same host without reaching into the project.
import { basename } from "node:path";
import type { AnalysisOptions } from "./analysis";
import { exclusionMatcher } from "../project/exclusions";
import type { FileSystemHost } from "../project/workspace";
import type { ParsedModule } from "../python/parse";

export interface ModuleSource {
  /** A parsed module for `file` when the caller keeps one (an open document), else undefined. */
  parsed?(file: string): ParsedModule | undefined;
  /**
   * The files whose text the caller holds (open documents), which change without a file event. The
   * discovery's cached result is checked against what these files now say on every analysis.
   */
  openFiles?(): Iterable<string>;
}

export class AnalysisFiles {
  /**
   * During one analysis each file is read once (undefined outside an analysis): the checks of every
   * profile read the workspace's deployment files, and a monorepo has thousands of profiles.
   */
  private snapshot: { texts: Map<string, string | undefined>; exists: Map<string, boolean> } | undefined;
  /** The host as the engine reads it: through the analysis' snapshot when there is one. */
  readonly files: FileSystemHost & ModuleSource;
  private readonly fileSearches = new Map<(baseName: string) => boolean, string[]>();
  /** Every file below each workspace folder (the one walk the searches filter). */
  private readonly allFiles = new Map<string, { files: string[]; names: string[] }>();

  constructor(
    private readonly roots: readonly string[],
    private readonly host: FileSystemHost & ModuleSource,
    /** The options' `exclude` patterns now (the options change with the user's settings). */
    exclude: () => AnalysisOptions["exclude"],
  ) {
    this.files = {
      readFile: (path) => {
        const snapshot = this.snapshot;
        if (!snapshot) return this.host.readFile(path);
        if (snapshot.texts.has(path)) return snapshot.texts.get(path);
        const text = this.host.readFile(path);
        snapshot.texts.set(path, text);
        return text;
      },
      exists: (path) => {
        const snapshot = this.snapshot;
        const exists = () =>
          this.host.exists ? this.host.exists(path) : this.files.readFile(path) !== undefined;
        if (!snapshot) return exists();
        let known = snapshot.exists.get(path);
        if (known === undefined) snapshot.exists.set(path, (known = exists()));
        return known;
      },
      ...(host.folderExists ? { folderExists: (path: string) => host.folderExists!(path) } : {}),
      findFiles: (root, accept) => {
        // A workspace folder is walked once for every file name (each search filters that walk):
        // the scan and the checks search it with a dozen filters.
        const excluded = exclusionMatcher(exclude());
        if (!this.roots.includes(root)) return this.host.findFiles(root, accept, excluded);
        let all = this.allFiles.get(root);
        if (!all) {
          const files = this.host.findFiles(root, () => true, excluded);
          // Each file's base name once, not once per search (a monorepo's walk finds 250,000 files).
          this.allFiles.set(root, (all = { files, names: files.map((file) => basename(file)) }));
        }
        const { files, names } = all;
        return files.filter((_, index) => accept(names[index]!));
      },
      ...(this.host.unread ? { unread: (root: string) => this.host.unread!(root) } : {}),
      parsed: (path) => this.host.parsed?.(path),
      readProblem: (path) => this.host.readProblem?.(path),
    };
  }

  /** Starts an analysis' snapshot: from now until `endSnapshot` each file is read once. */
  startSnapshot(): void {
    this.snapshot = { texts: new Map(), exists: new Map() };
  }

  endSnapshot(): void {
    this.snapshot = undefined;
  }

  /** Forgets the walks and the searches (after files were created, deleted or changed). */
  invalidate(): void {
    this.fileSearches.clear();
    this.allFiles.clear();
  }

  /**
   * Files of the workspace that pass `accept`, searched once per filter until files change
   * (`invalidate`): checks that read deployment files call this for every profile and analysis.
   */
  workspaceFiles(accept: (baseName: string) => boolean): string[] {
    let files = this.fileSearches.get(accept);
    if (!files) {
      files = this.roots.flatMap((root) => this.files.findFiles(root, accept));
      this.fileSearches.set(accept, files);
    }
    return files;
  }
}
