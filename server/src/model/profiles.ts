// Which settings modules Django runs with, and which of them are production profiles.
// First cut (ARCHITECTURE.md step 3): DJANGO_SETTINGS_MODULE in manage.py, wsgi.py and asgi.py, a
// lone settings.py, and the user's `djangoDeploy.profiles`, which wins.
import { basename, dirname, join } from "node:path";
import { moduleNameOf, resolveModule } from "./modules";
import type { FileSystemHost, Profile } from "./workspace";

const ENTRY_FILES = new Set(["manage.py", "wsgi.py", "asgi.py"]);
const SETTINGS_MODULE_PATTERNS = [
  /os\.environ\.setdefault\(\s*["']DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']/,
  /os\.environ\[\s*["']DJANGO_SETTINGS_MODULE["']\s*\]\s*=\s*["']([\w.]+)["']/,
];
const DEVELOPMENT_NAMES = /(^|_)(dev|develop|development|local|debug)$/;
const TEST_NAMES = /(^|_)(test|tests|testing|ci)$/;
const PRODUCTION_NAMES = /(^|_)(prod|production|live|deploy|deployment)$/;

export interface WorkspaceLayout {
  roots: readonly string[];
  /** Folders that act as Python's import roots: each folder holding manage.py, each workspace root and its src/. */
  sourceRoots: string[];
  entryFiles: string[];
  settingsFiles: string[];
}

export function scanWorkspace(roots: readonly string[], host: FileSystemHost): WorkspaceLayout {
  const entryFiles: string[] = [];
  const settingsFiles: string[] = [];
  for (const root of roots) {
    for (const file of host.findFiles(root, (name) => ENTRY_FILES.has(name) || name === "settings.py")) {
      if (basename(file) === "settings.py") settingsFiles.push(file);
      else entryFiles.push(file);
    }
  }
  const sourceRoots: string[] = [];
  const add = (folder: string) => {
    if (!sourceRoots.includes(folder)) sourceRoots.push(folder);
  };
  for (const file of entryFiles) if (basename(file) === "manage.py") add(dirname(file));
  for (const root of roots) {
    add(root);
    add(join(root, "src"));
  }
  return { roots, sourceRoots, entryFiles: entryFiles.sort(), settingsFiles: settingsFiles.sort() };
}

/** The settings module an entry file names in DJANGO_SETTINGS_MODULE. */
export function settingsModuleNamedIn(text: string): string | undefined {
  for (const pattern of SETTINGS_MODULE_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return match[1];
  }
  return undefined;
}

export function profileKind(module: string): Profile["kind"] {
  const last = module.split(".").pop() ?? module;
  if (TEST_NAMES.test(last)) return "test";
  if (DEVELOPMENT_NAMES.test(last)) return "development";
  return "production";
}

/** Whether the module's name says it is for production only. */
export function isDedicatedProductionModule(module: string): boolean {
  return PRODUCTION_NAMES.test(module.split(".").pop() ?? module);
}

export interface DiscoveredProfiles {
  profiles: Profile[];
  messages: string[];
}

export function discoverProfiles(
  layout: WorkspaceLayout,
  host: FileSystemHost,
  chosen?: readonly string[],
  chosenWhere = "the djangoDeploy.profiles setting",
): DiscoveredProfiles {
  const messages: string[] = [];
  const found = new Map<string, Profile>();
  const add = (module: string, reason: string) => {
    if (found.has(module)) {
      found.get(module)!.reason += `; ${reason}`;
      return;
    }
    const file = resolveModule(module, layout.sourceRoots, host);
    if (!file) {
      messages.push(`The settings module ${module} (${reason}) is not in the workspace.`);
      return;
    }
    found.set(module, { module, file, kind: profileKind(module), reason });
  };

  if (chosen && chosen.length > 0) {
    for (const module of chosen) add(module, `chosen in ${chosenWhere}`);
    for (const profile of found.values()) profile.kind = "production";
    return { profiles: [...found.values()], messages };
  }

  for (const entry of layout.entryFiles) {
    const text = host.readFile(entry);
    const module = text ? settingsModuleNamedIn(text) : undefined;
    if (module) add(module, `DJANGO_SETTINGS_MODULE in ${entry}`);
  }
  if (found.size === 0 && layout.settingsFiles.length === 1) {
    const file = layout.settingsFiles[0]!;
    const module = moduleNameOf(file, layout.sourceRoots) ?? "settings";
    found.set(module, {
      module,
      file,
      kind: "production",
      reason: `the only settings.py in the workspace (${file})`,
    });
  }
  return { profiles: [...found.values()], messages };
}
