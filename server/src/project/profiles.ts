// The workspace's files that say which settings modules Django runs with, found once per
// workspace, and the profiles they name (discovery.ts reads them and explains its choice):
// - the user's `djangoDeploy.profiles` (or the CLI's --settings), which replaces everything else;
// - manage.py, wsgi.py and asgi.py, read through the Python parser;
// - deployment files: .env files, Dockerfiles, compose files, Procfiles and systemd units;
// - pytest.ini, pyproject.toml, setup.cfg and tox.ini, which name *test* profiles;
// - modules named like production settings (`production.py`, `prod.py`, `live.py`);
// - a lone settings.py.
import { basename } from "node:path";
import type { ParsedModule } from "../python/parse";
import { deploymentFileKind } from "./deploymentFiles";
import { type ChosenProfile, discoverProfilesWithEvidence, type ProfileDiscovery } from "./discovery";
import { pythonMentions } from "./mentions";
import { PRODUCTION_NAMES } from "./profileNames";
import { starImportsIn } from "./pythonEntry";
import { starImports } from "./starImports";
import { computeSourceRoots } from "./sourceRoots";
import { cachedByText } from "./textCache";
import type { FileSystemHost } from "./workspace";

export { type ChosenProfile } from "./discovery";
export { isDedicatedProductionModule, profileKind } from "./profileNames";

const ENTRY_FILES = new Set(["manage.py", "wsgi.py", "asgi.py"]);
const TEST_CONFIG_FILES = new Set(["pytest.ini", "pyproject.toml", "setup.cfg", "tox.ini"]);
const PACKAGE_CONFIG_FILES = new Set(["pyproject.toml", "setup.py", "setup.cfg"]);

/** Deployment files that may name the settings module: what the servers really run with. */
export function isDeploymentFile(name: string): boolean {
  return deploymentFileKind(name) !== undefined;
}

export interface WorkspaceLayout {
  roots: readonly string[];
  /**
   * Folders that act as Python's import roots, nearest first: each folder holding manage.py, each
   * workspace root, then package folders, src/ layouts and Dockerfiles' copy targets (sourceRoots.ts).
   */
  sourceRoots: string[];
  entryFiles: string[];
  deploymentFiles: string[];
  testConfigFiles: string[];
  settingsFiles: string[];
  /** Python files anywhere whose module name says production (discovery decides which count). */
  productionNamedFiles: string[];
  /** pyproject.toml, setup.py and setup.cfg files. */
  packageConfigFiles: string[];
}

/** Whether the workspace scan looks for files of this name (a file event for one may change the discovery). */
export function isScannedFileName(name: string): boolean {
  return (
    ENTRY_FILES.has(name) ||
    TEST_CONFIG_FILES.has(name) ||
    PACKAGE_CONFIG_FILES.has(name) ||
    isDeploymentFile(name) ||
    name === "settings.py" ||
    name === "__init__.py" ||
    (name.endsWith(".py") && PRODUCTION_NAMES.test(name.slice(0, -3)))
  );
}

// Through the readers the discovery uses, by text: a file the discovery reads is parsed once for both.
const starImportModules = cachedByText((text: string) => starImports(text).map((found) => found.module));
const pythonMentionsText = cachedByText((text: string) => JSON.stringify(pythonMentions(text)));

/**
 * What the scan and the discovery draw from a file, to tell whether an edit changed it: a Python
 * module's star imports (and an entry file's mentions of a settings module, with their lines), any
 * other file's whole text. A keystroke in the body of a settings module leaves it as it was.
 */
export function discoveryFingerprint(
  file: string,
  host: FileSystemHost & { parsed?(file: string): ParsedModule | undefined },
): string | undefined {
  const name = basename(file);
  if (!name.endsWith(".py") || PACKAGE_CONFIG_FILES.has(name)) return host.readFile(file);
  const open = host.parsed?.(file);
  const text = open?.text ?? host.readFile(file);
  if (text === undefined) return undefined;
  const imports = open ? starImportsIn(text, open).map((found) => found.module) : starImportModules(text);
  return `${imports.join(",")}\0${ENTRY_FILES.has(name) ? pythonMentionsText(text) : ""}`;
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
    packageConfigFiles: [],
  };
  const packageInitFiles: string[] = [];
  for (const root of roots) {
    const found = host.findFiles(root, isScannedFileName);
    for (const file of found) {
      const name = basename(file);
      if (PACKAGE_CONFIG_FILES.has(name)) layout.packageConfigFiles.push(file);
      if (ENTRY_FILES.has(name)) layout.entryFiles.push(file);
      else if (TEST_CONFIG_FILES.has(name)) layout.testConfigFiles.push(file);
      else if (isDeploymentFile(name)) layout.deploymentFiles.push(file);
      else if (name === "settings.py") layout.settingsFiles.push(file);
      else if (name === "__init__.py") packageInitFiles.push(file);
      else if (name.endsWith(".py")) layout.productionNamedFiles.push(file);
    }
  }
  for (const list of [
    layout.entryFiles,
    layout.deploymentFiles,
    layout.testConfigFiles,
    layout.settingsFiles,
    layout.productionNamedFiles,
    layout.packageConfigFiles,
  ])
    list.sort();
  layout.sourceRoots = computeSourceRoots(
    {
      roots,
      managePyFiles: layout.entryFiles.filter((file) => basename(file) === "manage.py"),
      packageConfigFiles: layout.packageConfigFiles,
      packageInitFiles,
      dockerfiles: layout.deploymentFiles.filter(
        (file) => deploymentFileKind(basename(file)) === "dockerfile",
      ),
    },
    host,
  );
  return layout;
}

export type DiscoveredProfiles = ProfileDiscovery;

/**
 * The profiles of a workspace: the user's choice when given, else what the discovery finds, with
 * the evidence for each and the candidates it rejected (`rejected`).
 */
export function discoverProfiles(
  layout: WorkspaceLayout,
  host: FileSystemHost,
  chosen?: readonly ChosenProfile[],
  chosenWhere = "the djangoDeploy.profiles setting",
): DiscoveredProfiles {
  return discoverProfilesWithEvidence(layout, host, chosen, chosenWhere);
}
