// Which settings modules Django runs with, and which of them are production profiles
// (ARCHITECTURE.md step 3). Sources, in the order they are read:
// - the user's `djangoDeploy.profiles` (or the CLI's --settings), which replaces everything else;
// - DJANGO_SETTINGS_MODULE or --settings in manage.py, wsgi.py, asgi.py, .env files, Procfiles,
//   Dockerfiles, compose files and systemd units;
// - pytest.ini, pyproject.toml, setup.cfg and tox.ini, which name *test* profiles;
// - modules named like production settings (`settings/production.py`, `prod.py`, `live.py`);
// - a lone settings.py.
import { basename, dirname, join } from "node:path";
import { moduleNameOf, resolveModule } from "./moduleFiles";
import type { FileSystemHost, Profile } from "./workspace";

const ENTRY_FILES = new Set(["manage.py", "wsgi.py", "asgi.py"]);
const TEST_CONFIG_FILES = new Set(["pytest.ini", "pyproject.toml", "setup.cfg", "tox.ini"]);

/** Deployment files that may name the settings module: what the servers really run with. */
export function isDeploymentFile(name: string): boolean {
  return (
    name === ".env" ||
    name.startsWith(".env.") ||
    name.endsWith(".env") ||
    name === "Procfile" ||
    name === "Dockerfile" ||
    name.startsWith("Dockerfile.") ||
    name.endsWith(".Dockerfile") ||
    /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(name) ||
    name.endsWith(".service")
  );
}

/** How Python entry modules (manage.py, wsgi.py, asgi.py) set the variable. */
const PYTHON_PATTERNS = [
  /os\.environ\.setdefault\(\s*["']DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']/g,
  /os\.environ\[\s*["']DJANGO_SETTINGS_MODULE["']\s*\]\s*=\s*["']([\w.]+)["']/g,
];
/**
 * How configuration files set it: KEY=value (.env, Procfile, compose lists, systemd Environment=),
 * KEY: value (compose maps), KEY = value (ini files), ENV KEY value (Dockerfile), and --settings.
 */
const CONFIGURATION_PATTERNS = [
  /DJANGO_SETTINGS_MODULE["']?[ \t]*[=:][ \t]*["']?([A-Za-z_][\w.]*)/g,
  /^[ \t]*ENV[ \t]+DJANGO_SETTINGS_MODULE[ \t]+["']?([A-Za-z_][\w.]*)/gm,
  /--settings(?:=|[ \t]+)["']?([A-Za-z_][\w.]*)/g,
];
const DEVELOPMENT_NAMES = /(^|_)(dev|develop|development|local|debug)$/;
const TEST_NAMES = /(^|_)(test|tests|testing|ci)$/;
const PRODUCTION_NAMES = /(^|_)(prod|production|live|deploy|deployment)$/;

export interface WorkspaceLayout {
  roots: readonly string[];
  /** Folders that act as Python's import roots: each folder holding manage.py, each workspace root and its src/. */
  sourceRoots: string[];
  entryFiles: string[];
  deploymentFiles: string[];
  testConfigFiles: string[];
  settingsFiles: string[];
  /** Modules in a settings package named like production settings. */
  productionNamedFiles: string[];
}

export function scanWorkspace(roots: readonly string[], host: FileSystemHost): WorkspaceLayout {
  const layout: WorkspaceLayout = {
    roots,
    sourceRoots: [],
    entryFiles: [],
    deploymentFiles: [],
    testConfigFiles: [],
    settingsFiles: [],
    productionNamedFiles: [],
  };
  for (const root of roots) {
    const found = host.findFiles(
      root,
      (name) =>
        ENTRY_FILES.has(name) ||
        TEST_CONFIG_FILES.has(name) ||
        isDeploymentFile(name) ||
        name === "settings.py" ||
        (name.endsWith(".py") && PRODUCTION_NAMES.test(name.slice(0, -3))),
    );
    for (const file of found) {
      const name = basename(file);
      if (ENTRY_FILES.has(name)) layout.entryFiles.push(file);
      else if (TEST_CONFIG_FILES.has(name)) layout.testConfigFiles.push(file);
      else if (isDeploymentFile(name)) layout.deploymentFiles.push(file);
      else if (name === "settings.py") layout.settingsFiles.push(file);
      else if (basename(dirname(file)) === "settings" || basename(dirname(file)).endsWith("settings")) {
        layout.productionNamedFiles.push(file);
      }
    }
  }
  const add = (folder: string) => {
    if (!layout.sourceRoots.includes(folder)) layout.sourceRoots.push(folder);
  };
  for (const file of layout.entryFiles) if (basename(file) === "manage.py") add(dirname(file));
  for (const root of roots) {
    add(root);
    add(join(root, "src"));
  }
  for (const list of [
    layout.entryFiles,
    layout.deploymentFiles,
    layout.testConfigFiles,
    layout.settingsFiles,
  ])
    list.sort();
  layout.productionNamedFiles.sort();
  return layout;
}

/** The settings modules a file names, with the 0-based line of each. */
export function settingsModulesNamedIn(text: string, python = false): { module: string; line: number }[] {
  const found: { module: string; line: number }[] = [];
  for (const pattern of python ? PYTHON_PATTERNS : CONFIGURATION_PATTERNS) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      const module = match[1]!.replace(/\.$/, "");
      const line = text.slice(0, match.index).split("\n").length - 1;
      if (!found.some((entry) => entry.module === module)) found.push({ module, line });
    }
  }
  return found;
}

/** The first settings module a file names (manage.py, wsgi.py). */
export function settingsModuleNamedIn(text: string): string | undefined {
  return settingsModulesNamedIn(text, true)[0]?.module;
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

export interface ChosenProfile {
  settings: string;
  envFile?: string;
}

export function discoverProfiles(
  layout: WorkspaceLayout,
  host: FileSystemHost,
  chosen?: readonly ChosenProfile[],
  chosenWhere = "the djangoDeploy.profiles setting",
): DiscoveredProfiles {
  const messages: string[] = [];
  const found = new Map<string, Profile>();
  const testOnly = new Set<string>();
  const add = (module: string, reason: string, kind?: Profile["kind"]) => {
    const existing = found.get(module);
    if (existing) {
      if (!existing.reason.includes(reason)) existing.reason += `; ${reason}`;
      if (kind !== "test") testOnly.delete(module);
      return;
    }
    const file = resolveModule(module, layout.sourceRoots, host);
    if (!file) {
      messages.push(`The settings module ${module} (${reason}) is not in the workspace.`);
      return;
    }
    found.set(module, { module, file, kind: profileKind(module), reason });
    if (kind === "test") testOnly.add(module);
  };

  if (chosen && chosen.length > 0) {
    for (const profile of chosen) {
      add(profile.settings, `chosen in ${chosenWhere}`);
      const entry = found.get(profile.settings);
      if (entry) {
        entry.kind = "production";
        if (profile.envFile) entry.envFile = profile.envFile;
      }
    }
    return { profiles: [...found.values()], messages };
  }

  const readNames = (file: string, kind?: Profile["kind"]) => {
    const text = host.readFile(file);
    if (!text) return;
    for (const { module, line } of settingsModulesNamedIn(text, file.endsWith(".py"))) {
      add(module, `named in ${file}:${line + 1}`, kind);
    }
  };
  for (const file of layout.entryFiles) readNames(file);
  for (const file of layout.deploymentFiles) readNames(file);
  for (const file of layout.testConfigFiles) readNames(file, "test");
  for (const module of testOnly) found.get(module)!.kind = "test";

  for (const file of layout.productionNamedFiles) {
    const module = moduleNameOf(file, layout.sourceRoots);
    if (module && !found.has(module))
      found.set(module, {
        module,
        file,
        kind: "production",
        reason: `named like production settings (${file})`,
      });
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
