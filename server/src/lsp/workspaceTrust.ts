// What the server reads of a folder's settings, given whether the workspace is trusted. In an untrusted
// workspace the restricted settings (common/src/trust.ts) are ignored: no interpreter's libraries are
// read, and no profile's `envFile` is read (the profiles' settings modules still choose what is
// checked). In every workspace a profile's `envFile` must lie inside its workspace folder, after
// symbolic links are followed: a workspace's settings could otherwise make the server read any file
// on disk (a key, another project's secrets) into its diagnostics and hovers. Such an `envFile` is
// not read, and the log says why; the CLI's --dotenv, given by the user on the command line, has no
// such limit.
import { realpathSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import type { CheckRecord } from "../checks/types";
import type { ModuleSource } from "../engine/analysisFiles";
import type { FileSystemHost } from "../project/workspace";
import { SETTINGS_SECTION } from "../../../common/src/settings";
import type { FolderSettings } from "./folderSettings";
import { type Folder, Folders } from "./folders";

/** The settings the server may use, and the sentences for the log about what it left out. */
export function restrictSettings(
  settings: FolderSettings,
  folderPath: string,
  trusted: boolean,
): { settings: FolderSettings; problems: string[] } {
  const problems: string[] = [];
  const { pythonPath, profiles, envFile: sharedEnvFile, ...analysis } = settings.analysis;
  const kept: FolderSettings["analysis"] = { ...analysis };
  /** Whether the server may read `envFile` (named by `where`), with the log's sentence when not. */
  const mayRead = (envFile: string, where: string): boolean => {
    if (!trusted) {
      problems.push(`${where}: the envFile ${envFile} is not read: the workspace is not trusted.`);
      return false;
    }
    if (!isInsideFolder(resolve(folderPath, envFile), folderPath)) {
      problems.push(
        `${where}: the envFile ${envFile} is outside the workspace folder ${folderPath}, so it is not read (name a file inside the folder, or use the CLI's --dotenv).`,
      );
      return false;
    }
    return true;
  };
  if (sharedEnvFile !== undefined && mayRead(sharedEnvFile, "the analysis options"))
    kept.envFile = sharedEnvFile;
  if (pythonPath !== undefined) {
    if (trusted) kept.pythonPath = pythonPath;
    else problems.push(`${SETTINGS_SECTION}.pythonPath is ignored: the workspace is not trusted.`);
  }
  if (profiles !== undefined) {
    kept.profiles = profiles.map((profile) => {
      if (typeof profile === "string" || profile.envFile === undefined) return profile;
      const { envFile, ...rest } = profile;
      return mayRead(envFile, `${SETTINGS_SECTION}.profiles (${profile.settings})`) ? profile : rest;
    });
  }
  return { settings: { ...settings, analysis: kept }, problems };
}

/** Whether `file` lies inside `folder`, following symbolic links of both (a missing file by its path). */
export function isInsideFolder(file: string, folder: string): boolean {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  };
  const inside = (child: string, parent: string) => {
    const path = relative(parent, child);
    return path !== "" && !path.startsWith("..") && !isAbsolute(path);
  };
  return inside(resolve(file), resolve(folder)) && inside(real(file), real(folder));
}

/** The workspace folders, whose settings pass through `restrictSettings` before the engine sees them. */
export class TrustAwareFolders extends Folders {
  /** Whether the workspace is trusted: what the client said in initialize; trusted when it said nothing. */
  trusted = true;

  constructor(
    host: FileSystemHost & ModuleSource,
    checks: readonly CheckRecord[] | undefined,
    private readonly report: (problem: string) => void,
  ) {
    super(host, checks);
  }

  override configure(folder: Folder, settings: FolderSettings): void {
    const restricted = restrictSettings(settings, folder.path, this.trusted);
    for (const problem of restricted.problems) this.report(problem);
    super.configure(folder, restricted.settings);
  }
}
