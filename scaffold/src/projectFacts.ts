// What the checks know about the project, for the scaffold: the production profile they check (the
// engine's own discovery, so the scaffold never points a server at settings the checks do not
// consider production) and the effective STATIC_ROOT, MEDIA_ROOT and SECURE_PROXY_SSL_HEADER of that
// profile. The engine reads through the FileSystemHost it is given; nothing here imports vscode.
import * as path from "node:path";
import { DjangoProject } from "../../server/src/engine/project";
import { isKnown, type Value } from "../../server/src/evaluate/values";
import type { FileSystemHost, Profile } from "../../server/src/project/workspace";
import type { ProductionFacts } from "../../common/src/protocol";
import { isInside } from "./serverPaths";

export type { ProductionFacts } from "../../common/src/protocol";
export { serverSidePath } from "./serverPaths";

function pathText(value: Value): string | undefined {
  if ((value.kind === "path" || value.kind === "str") && path.isAbsolute(value.value)) return value.value;
  return undefined;
}

/** Production profiles whose module file lies in the project folder, those of `projectPackage` first. */
function projectProfiles(profiles: Profile[], projectFolder: string, projectPackage?: string): Profile[] {
  const production = profiles.filter(
    (profile) => profile.kind === "production" && isInside(projectFolder, profile.file),
  );
  if (!projectPackage) return production;
  const ofPackage = (profile: Profile) => profile.module.startsWith(`${projectPackage}.`);
  return [...production.filter(ofPackage), ...production.filter((profile) => !ofPackage(profile))];
}

/**
 * The production facts of the project in `projectFolder`, with `roots` (the workspace folders) as
 * the checks see them. `projectPackage` prefers that package's profile when the workspace has several.
 */
export function productionFacts(
  roots: readonly string[],
  projectFolder: string,
  host: FileSystemHost,
  projectPackage?: string,
): ProductionFacts {
  return productionFactsOf(new DjangoProject(roots, host), projectFolder, projectPackage);
}

/**
 * The production facts of the project in `projectFolder` as `project` sees them: the language server
 * answers the editor's scaffold with its own project of the folder (the user's profiles, the open
 * documents), so the wizard and the diagnostics name the same production profile.
 */
export function productionFactsOf(
  project: DjangoProject,
  projectFolder: string,
  projectPackage?: string,
): ProductionFacts {
  let profiles: Profile[];
  try {
    profiles = projectProfiles(project.profiles().profiles, path.resolve(projectFolder), projectPackage);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      settingsReason: `the checks could not find the profiles (${reason})`,
      otherProductionModules: [],
    };
  }
  const chosen = profiles[0];
  if (!chosen) {
    return {
      settingsReason: "the checks found no production profile in the project",
      otherProductionModules: [],
    };
  }
  const facts: ProductionFacts = {
    settingsModule: chosen.module,
    settingsReason: `the production profile the checks use: ${chosen.reason}`,
    otherProductionModules: profiles.slice(1).map((profile) => profile.module),
  };
  try {
    const context = project.checkContexts().find((entry) => entry.profile.module === chosen.module);
    if (context) {
      const staticRoot = pathText(context.settings.get("STATIC_ROOT").value);
      const mediaRoot = pathText(context.settings.get("MEDIA_ROOT").value);
      if (staticRoot) facts.staticRoot = staticRoot;
      if (mediaRoot) facts.mediaRoot = mediaRoot;
      const header = context.settings.get("SECURE_PROXY_SSL_HEADER").value;
      if (isKnown(header)) facts.setsProxySslHeader = header.kind !== "none";
    }
  } catch {
    // The settings could not be evaluated: the roots fall back to the defaults under the deploy path.
  }
  return facts;
}
