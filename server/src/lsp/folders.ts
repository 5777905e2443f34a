// The workspace folders the client named, each with its own engine (DjangoProject) and its own
// settings (every djangoDeploy setting has resource scope, so two folders may differ).
import type { CheckRecord } from "../checks/types";
import type { ModuleSource } from "../engine/analysisFiles";
import { DjangoProject } from "../engine/project";
import type { FileSystemHost } from "../project/workspace";
import { defaultFolderSettings, type FolderSettings } from "./folderSettings";
import { isInside, uriToPath } from "./uri";

export interface WorkspaceFolderInfo {
  uri: string;
  name: string;
}

export interface Folder {
  uri: string;
  name: string;
  path: string;
  settings: FolderSettings;
  project: DjangoProject;
}

export class Folders {
  private list: Folder[] = [];

  constructor(
    private readonly host: FileSystemHost & ModuleSource,
    /** The checks each folder's engine runs (the registry; a test may add its own). */
    private readonly checks?: readonly CheckRecord[],
  ) {}

  get all(): readonly Folder[] {
    return this.list;
  }

  /** Replaces the folders; a folder that stays keeps its project (and its parse cache) and settings. */
  set(folders: readonly WorkspaceFolderInfo[]): { ignored: string[] } {
    const ignored: string[] = [];
    const next: Folder[] = [];
    for (const { uri, name } of folders) {
      const path = uriToPath(uri);
      if (path === undefined) {
        ignored.push(uri);
        continue;
      }
      const existing = this.list.find((folder) => folder.path === path);
      next.push(
        existing ?? {
          uri,
          name,
          path,
          settings: defaultFolderSettings,
          project: new DjangoProject([path], this.host, defaultFolderSettings.analysis, this.checks),
        },
      );
    }
    this.list = next;
    return { ignored };
  }

  add(folders: readonly WorkspaceFolderInfo[]): void {
    this.set([...this.list, ...folders]);
  }

  remove(uris: readonly string[]): void {
    const removed = new Set(uris.map((uri) => uriToPath(uri)));
    this.set(this.list.filter((folder) => !removed.has(folder.path)));
  }

  configure(folder: Folder, settings: FolderSettings): void {
    folder.settings = settings;
    folder.project.setOptions(settings.analysis);
  }

  /** The innermost folder holding `file`. */
  folderOf(file: string): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of this.list) {
      if (isInside(file, folder.path) && (!best || folder.path.length > best.path.length)) best = folder;
    }
    return best;
  }

  /**
   * Tells every engine a file changed on disk (undefined: anything may have changed; `contentOnly`:
   * it existed before and after, see DjangoProject.invalidate).
   */
  invalidate(file?: string, contentOnly = false): void {
    for (const folder of this.list) folder.project.invalidate(file, contentOnly);
  }
}
