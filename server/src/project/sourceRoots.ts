// The folders Python imports the project's modules from (its source roots), found the ways a
// project is laid out: each workspace folder, each folder holding manage.py (Django runs with its
// folder on sys.path), each folder with a pyproject.toml, setup.py or setup.cfg (an installed
// package: `pip install -e backend/`) together with the folder its configuration names for the
// packages (`package_dir`, setuptools' `where`, Poetry's `from`) or its src/, any src/ folder
// holding a package at any depth, and the folders a Dockerfile copies to the container's working
// directory.
import { basename, dirname, join, posix, relative } from "node:path";
import { parse as parseToml } from "smol-toml";
import { configEntries, readConfigFile } from "./configFile";
import { dockerfileFacts } from "./deploymentFiles";
import { joinPosix, runtimeWorkdir } from "./dockerfile";
import type { FileSystemHost } from "./workspace";
import { compareText } from "../../../common/src/compareText";

export interface SourceRootInputs {
  roots: readonly string[];
  /** manage.py files. */
  managePyFiles: readonly string[];
  /** pyproject.toml, setup.py and setup.cfg files. */
  packageConfigFiles: readonly string[];
  /** `__init__.py` files (to find src/ layouts). */
  packageInitFiles: readonly string[];
  /** Dockerfiles of production (not named for development). */
  dockerfiles: readonly string[];
}

/** Source roots, nearest first: manage.py folders, the workspace folders, then the rest by depth. */
export function computeSourceRoots(inputs: SourceRootInputs, host: FileSystemHost): string[] {
  const ordered: string[] = [];
  // A set beside the list: a monorepo has thousands of roots (a manage.py's folder, its Dockerfile's).
  const added = new Set<string>();
  const add = (folder: string) => {
    const clean = folder.replace(/\/+$/, "") || "/";
    if (!added.has(clean) && inWorkspace(clean, inputs.roots)) {
      ordered.push(clean);
      added.add(clean);
    }
  };
  for (const file of inputs.managePyFiles) add(dirname(file));
  for (const root of inputs.roots) add(root);
  const others: string[] = [];
  for (const root of inputs.roots) others.push(join(root, "src"));
  for (const file of inputs.packageConfigFiles) {
    others.push(dirname(file));
    for (const folder of packageFolders(file, host)) others.push(join(dirname(file), folder));
  }
  for (const file of inputs.packageInitFiles) {
    const packageFolder = dirname(file);
    if (basename(dirname(packageFolder)) === "src") others.push(dirname(packageFolder));
  }
  for (const file of inputs.dockerfiles) others.push(...dockerSourceRoots(file, host));
  others.sort((a, b) => a.split("/").length - b.split("/").length || compareText(a, b));
  for (const folder of others) add(folder);
  return ordered;
}

/**
 * The source roots ordered for a module named in `file`: the roots closest to the file's folder
 * first (fewest steps up and down the tree), then the usual order.
 */
export function sourceRootsNearest(sourceRoots: readonly string[], file: string): string[] {
  const from = dirname(file);
  const distance = (root: string) => {
    const steps = relative(from, root)
      .split("/")
      .filter((part) => part !== "");
    return steps.length;
  };
  return sourceRoots
    .map((root, index) => ({ root, index, distance: distance(root) }))
    .sort((a, b) => a.distance - b.distance || a.index - b.index)
    .map((entry) => entry.root);
}

function inWorkspace(folder: string, roots: readonly string[]): boolean {
  return roots.some((root) => folder === root || folder.startsWith(`${root}/`));
}

/** Folders (relative to the configuration file's) that a package configuration puts packages in. */
function packageFolders(file: string, host: FileSystemHost): string[] {
  const text = host.readFile(file);
  if (text === undefined) return [];
  const name = basename(file);
  const folders: string[] = [];
  try {
    if (name === "setup.cfg") {
      // `package_dir = =src` maps the root package to src/.
      for (const entry of configEntries(
        readConfigFile(text),
        (section) => section === "options",
        "package_dir",
      )) {
        for (const line of entry.lines) {
          const match = /^\s*=\s*(\S+)\s*$/.exec(line.text);
          if (match) folders.push(match[1]!);
        }
      }
      for (const entry of configEntries(
        readConfigFile(text),
        (section) => section === "options.packages.find",
        "where",
      ))
        folders.push(...entry.lines.map((line) => line.text.trim()));
    } else if (name === "pyproject.toml") {
      const document = parseToml(text) as Record<string, unknown>;
      const tool = (document.tool ?? {}) as Record<string, Record<string, unknown> | undefined>;
      const packageDir = tool.setuptools?.["package-dir"] as Record<string, unknown> | undefined;
      if (typeof packageDir?.[""] === "string") folders.push(packageDir[""]);
      const find = (tool.setuptools?.packages as Record<string, unknown> | undefined)?.find as
        Record<string, unknown> | undefined;
      if (Array.isArray(find?.where)) folders.push(...find.where.filter((item) => typeof item === "string"));
      const poetryPackages = tool.poetry?.packages;
      if (Array.isArray(poetryPackages)) {
        for (const entry of poetryPackages) {
          const from = (entry as Record<string, unknown>)?.from;
          if (typeof from === "string") folders.push(from);
        }
      }
    } else if (name === "setup.py") {
      // package_dir={"": "src"}: the usual way setup.py names a src/ layout.
      const match = /package_dir\s*=\s*\{\s*["']{2}\s*:\s*["']([^"']+)["']/.exec(text);
      if (match) folders.push(match[1]!);
    }
  } catch {
    // A configuration its reader rejects names no folder.
  }
  return folders
    .map((folder) => folder.replace(/^\.\//, ""))
    .filter((folder) => folder !== "" && folder !== ".");
}

/**
 * Where a Dockerfile's COPY puts the project relative to the final working directory: with
 * `WORKDIR /app` and `COPY backend/src/ /app/`, modules are imported from backend/src/ (the build
 * context being the Dockerfile's folder).
 */
function dockerSourceRoots(file: string, host: FileSystemHost): string[] {
  const text = host.readFile(file);
  if (text === undefined) return [];
  let facts;
  try {
    facts = dockerfileFacts(text);
  } catch {
    return [];
  }
  const workdir = runtimeWorkdir(facts);
  if (!workdir) return [];
  const context = dirname(file);
  const found: string[] = [];
  for (const index of facts.runtimeStages) {
    let current = "/";
    for (const instruction of facts.stages[index]!.instructions) {
      if (instruction.keyword === "WORKDIR" && instruction.path)
        current = joinPosix(current, instruction.path);
      if ((instruction.keyword !== "COPY" && instruction.keyword !== "ADD") || instruction.fromStage)
        continue;
      const destination = joinPosix(current, instruction.destination);
      if (workdir !== destination && !workdir.startsWith(`${destination}/`)) continue;
      const below = posix.relative(destination, workdir);
      for (const source of instruction.sources) {
        if (/^[a-z]+:\/\//.test(source) || source.includes("*")) continue;
        const folder = join(context, source, below);
        if (folder === context || folder.startsWith(`${context}/`)) found.push(folder);
      }
    }
  }
  return found;
}
