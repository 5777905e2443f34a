// The discovery of a workspace (its layout and profiles) kept between analyses, with what it read
// from each file, so that only a change to something it drew from redoes it. Apart from DjangoProject
// because when to forget the discovery is its own question, answered from the files it recorded.
import { basename } from "node:path";
import type { ModuleSource } from "./analysisFiles";
import type { ProfileDiscovery } from "../project/discovery";
import {
  discoveryFingerprint,
  isScannedFileName,
  scanWorkspace,
  type WorkspaceLayout,
} from "../project/profiles";
import type { FileSystemHost } from "../project/workspace";

/**
 * The discovery of a workspace (its layout and profiles), kept until a file it depends on changes: a
 * monorepo of 2,000 projects takes seconds to discover, and the editor analyses on every keystroke.
 */
interface RecordedRead {
  existsOnly: boolean;
  fingerprint: string | undefined;
}

export interface CachedDiscovery {
  layout: WorkspaceLayout;
  discovery?: { key: string; result: ProfileDiscovery };
  /**
   * Each file the scan and the discovery read, with what they drew from it (discoveryFingerprint),
   * or only whether it exists when that is all they asked.
   */
  read: Map<string, RecordedRead>;
  /** The files open when it was made: their text may since have become the disk's again. */
  openThen: Set<string>;
}

export class DiscoveryCache {
  private discovered: CachedDiscovery | undefined;
  /** How many times the workspace was scanned and its profiles discovered (for tests and the log). */
  discoveryRuns = 0;

  constructor(
    private readonly roots: readonly string[],
    /** The caller's host, which says which files are open. */
    private readonly host: ModuleSource,
    /** The engine's host (through the analysis' snapshot). */
    private readonly files: FileSystemHost & ModuleSource,
  ) {}

  /**
   * Forgets the discovery when a file event at `file` (or at any file) may change it; `contentOnly`:
   * the file existed before and after the event (see DjangoProject.invalidate).
   */
  invalidate(file?: string, contentOnly = false): void {
    if (!file || this.discoveryDependsOn(file, contentOnly)) this.discovered = undefined;
  }

  /**
   * Whether a file event at `file` may change the discovery: what the discovery drew from a file it
   * read changed (a saved settings module whose star imports stayed the same keeps it; a deleted one
   * does not), or, unless only the file's text changed, the file is one the scan looks for, a Python
   * module or a folder (created or deleted, it changes which modules exist). Anything else (a
   * template, a README, a saved module the discovery never read) keeps it.
   */
  private discoveryDependsOn(file: string, contentOnly: boolean): boolean {
    if (!this.discovered) return true;
    const recorded = this.discovered.read.get(file);
    if (recorded) return this.fingerprint(file, recorded.existsOnly) !== recorded.fingerprint;
    if (contentOnly) return false;
    const name = basename(file);
    return name.endsWith(".py") || !/\.[A-Za-z0-9]+$/.test(name) || isScannedFileName(name);
  }

  /**
   * The cached discovery, dropped when an open document it read now says something else to it (a
   * keystroke in a settings module's body changes no star import, so it keeps the discovery).
   */
  cachedDiscovery(): CachedDiscovery {
    const cached = this.discovered;
    if (cached) {
      // Only the files open now or then are looked up: a monorepo's discovery read thousands.
      for (const file of new Set([...(this.host.openFiles?.() ?? []), ...cached.openThen])) {
        const recorded = cached.read.get(file);
        if (recorded && this.fingerprint(file, recorded.existsOnly) !== recorded.fingerprint) {
          this.discovered = undefined;
          break;
        }
      }
    }
    if (!this.discovered) {
      this.discoveryRuns++;
      const read = new Map<string, RecordedRead>();
      const recording = this.recordingHost(read);
      const layout = scanWorkspace(this.roots, recording);
      this.discovered = { layout, read, openThen: new Set(this.host.openFiles?.() ?? []) };
    }
    return this.discovered;
  }

  /** The engine's host, noting each file read (with what discovery draws from it) in `read`. */
  recordingHost(read: Map<string, RecordedRead>): FileSystemHost & ModuleSource {
    const note = (path: string, existsOnly = false) => {
      const known = read.get(path);
      if (known && (existsOnly || !known.existsOnly)) return;
      read.set(path, { existsOnly, fingerprint: this.fingerprint(path, existsOnly) });
    };
    return {
      ...this.files,
      readFile: (path) => {
        note(path);
        return this.files.readFile(path);
      },
      exists: (path) => {
        note(path, true);
        return this.files.exists!(path);
      },
      parsed: (path) => {
        note(path);
        return this.files.parsed?.(path);
      },
    };
  }

  /** What discovery draws from a file: its fingerprint, or only whether it exists. */
  private fingerprint(file: string, existsOnly: boolean): string | undefined {
    return existsOnly ? String(this.files.exists!(file)) : discoveryFingerprint(file, this.files);
  }

  getLayout(): WorkspaceLayout {
    return (this.discovered ?? this.cachedDiscovery()).layout;
  }
}
