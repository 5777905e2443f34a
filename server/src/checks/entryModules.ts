// The workspace's entry modules: the wsgi.py / asgi.py files servers import the application from.
// A module is one when it calls get_wsgi_application() or get_asgi_application() (looked for in
// files named for WSGI or ASGI: wsgi.py, asgi.py, prod_wsgi.py, django.wsgi), or when something
// names it: WSGI_APPLICATION or ASGI_APPLICATION in the settings, a server's command in a Procfile,
// the final image's CMD/ENTRYPOINT, a compose command: or a systemd ExecStart= (gunicorn, uvicorn,
// daphne, hypercorn, granian, waitress-serve, uwsgi), a Gunicorn configuration's `wsgi_app`, a
// uWSGI ini file's `module`/`wsgi-file`, or an Apache WSGIScriptAlias.
// https://docs.djangoproject.com/en/stable/howto/deployment/wsgi/
import { basename, dirname, join } from "node:path";
import type { CheckContext } from "./context";
import { workspaceFact } from "./deploymentFiles";
import {
  type EntryModuleReference,
  type ModuleReference,
  settingsReferences,
  workspaceReferences,
} from "./entryModuleReferences";
import { readEntryModule, type EntryModuleSyntax } from "./entryModuleSyntax";
import { containsSyntaxError } from "../python/astWalking";
import { compareText } from "../../../common/src/compareText";

export interface EntryModule {
  file: string;
  kind: "wsgi" | "asgi" | undefined;
  syntax: EntryModuleSyntax;
  /** What names it; empty for a module found by its call alone. */
  namedBy: EntryModuleReference[];
}

/** One function object per search, so the engine reuses its walk of the workspace. */
const isEntryFileName = (name: string) =>
  /(^|[_.-])[wa]sgi([_.-][^/]*)?\.py$/.test(name) || name.endsWith(".wsgi");
const isManagePy = (name: string) => name === "manage.py";

const syntaxCache = new Map<string, EntryModuleSyntax>();

/** The entry module's syntax, parsed once per text. */
export function entryModuleSyntax(text: string): EntryModuleSyntax {
  let syntax = syntaxCache.get(text);
  if (!syntax) {
    syntax = readEntryModule(text);
    if (syntaxCache.size > 64) syntaxCache.delete(syntaxCache.keys().next().value!);
    syntaxCache.set(text, syntax);
  }
  return syntax;
}

/** The folders of the workspace's manage.py files (each once), found once per search result. */
const managePyFolders = new WeakMap<readonly string[], { list: string[]; set: Set<string> }>();

function workspaceManagePyFolders(context: CheckContext): { list: string[]; set: Set<string> } {
  const managePy = context.workspaceFiles(isManagePy);
  let folders = managePyFolders.get(managePy);
  if (!folders) {
    const set = new Set(managePy.map((file) => dirname(file)));
    managePyFolders.set(managePy, (folders = { list: [...set], set }));
  }
  return folders;
}

/**
 * Folders Python imports the project's modules from: the folder of the file that names the module
 * (`near`), then the manage.py folders and the profile's root. Produced lazily, nearest first: a
 * monorepo has thousands of manage.py folders, and the module is nearly always found in the first.
 *
 * With `profileRoot` (a module the profile's own process imports: its settings name it), only the
 * profile's project counts when the profile is in one (a manage.py's folder above its settings
 * module, as projectEntryModules decides): in a workspace of projects that all use `config.*`
 * names, every profile otherwise resolved `config.urls` in the first project of the workspace.
 * Without it (a deployment file's reference, the same for every profile), every manage.py folder.
 */
export function* importRoots(context: CheckContext, near?: string, profileRoot = true): Generator<string> {
  const folders = workspaceManagePyFolders(context);
  const nearFolder = near === undefined ? undefined : dirname(near);
  if (nearFolder !== undefined) yield nearFolder;
  const own = profileRoot ? profileProjectFolders(context, folders.set) : [];
  for (const folder of own.length > 0 ? own : folders.list) if (folder !== nearFolder) yield folder;
  if (!profileRoot) return;
  const root = profileRootOf(context);
  if (root !== nearFolder && (own.length > 0 ? !own.includes(root) : !folders.set.has(root))) yield root;
}

/**
 * Folders beside an entry module's own ancestors that Python may import its settings module from:
 * for an entry module in a project's folder (a manage.py's), the profile's root when the profile is
 * of that project (its ancestors hold the rest); for one in no project's folder, every manage.py
 * folder and the profile's root, since any project may run it. Another project's folder never
 * resolves a module for an entry module of this one: they all have a `config.settings`.
 */
export function* entryModuleImportRoots(context: CheckContext, entryFile: string): Generator<string> {
  const folders = workspaceManagePyFolders(context);
  const project = innermostProject(entryFile, folders.set);
  const root = profileRootOf(context);
  if (project === undefined) {
    yield* folders.list;
    if (!folders.set.has(root)) yield root;
  } else if (profileProjectFolders(context, folders.set).includes(project)) yield root;
}

/** The manage.py folders above the profile's settings module, innermost first (usually one). */
function profileProjectFolders(context: CheckContext, projects: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (let folder = dirname(context.profile.file); ; folder = dirname(folder)) {
    if (projects.has(folder)) found.push(folder);
    if (dirname(folder) === folder) return found;
  }
}

/** The folder the profile's dotted module name is relative to. */
function profileRootOf(context: CheckContext): string {
  const parts = context.profile.module.split(".");
  let root = context.profile.file.replace(/\/__init__\.py$/, "").replace(/\.py$/, "");
  for (let index = 0; index < parts.length; index++) root = dirname(root);
  return root;
}

/** The file of a dotted module under one of `roots`, when the workspace has it. */
export function moduleFile(
  context: CheckContext,
  module: string,
  roots: Iterable<string>,
): string | undefined {
  for (const root of roots) {
    const base = join(root, ...module.split("."));
    for (const candidate of [`${base}.py`, join(base, "__init__.py")])
      if (context.source(candidate) !== undefined) return candidate;
  }
  return undefined;
}

/** The dotted name of a file below one of `roots` (the deepest root wins). */
export function moduleNameOf(file: string, roots: readonly string[]): string | undefined {
  for (const root of [...roots].sort((a, b) => b.length - a.length)) {
    if (!file.startsWith(`${root}/`)) continue;
    const parts = file
      .slice(root.length + 1)
      .replace(/\.py$/, "")
      .replace(/\/__init__$/, "")
      .split("/");
    if (parts.every((part) => /^[A-Za-z_]\w*$/.test(part))) return parts.join(".");
  }
  return undefined;
}

/** What an entry module is before anything names it: undefined for a file that is not one. */
interface EntryModuleBase {
  file: string;
  /** The kind its application call (or else its name) says. */
  kind: "wsgi" | "asgi" | undefined;
  syntax: EntryModuleSyntax;
}

/**
 * The part of the entry modules no profile changes, computed once per analysis: a monorepo has
 * thousands of profiles and as many entry modules, and every profile of it asked for all of them.
 */
interface WorkspaceEntryModules {
  /** Each file's base (undefined when it cannot be one: unreadable, or not valid Python). */
  bases: Map<string, EntryModuleBase | undefined>;
  /** The entry modules the workspace's files find and name, with no profile's settings (sorted by file). */
  entries: EntryModule[];
  byFile: Map<string, EntryModule>;
  /** References that name a module found neither beside them nor in a manage.py folder. */
  unresolved: ModuleReference[];
}

function entryModuleBase(
  context: CheckContext,
  bases: Map<string, EntryModuleBase | undefined>,
  file: string,
): EntryModuleBase | undefined {
  if (bases.has(file)) return bases.get(file);
  let base: EntryModuleBase | undefined;
  const text = context.source(file);
  if (text !== undefined) {
    const syntax = entryModuleSyntax(text);
    if (!syntax.parsed.body.some(containsSyntaxError)) {
      const call = syntax.applicationCalls.find((candidate) => candidate.kind !== "setup");
      const byName = /asgi/.test(basename(file)) ? "asgi" : /wsgi/.test(basename(file)) ? "wsgi" : undefined;
      base = { file, kind: call?.kind === "setup" ? undefined : (call?.kind ?? byName), syntax };
    }
  }
  bases.set(file, base);
  return base;
}

/** Entry modules found by the references given, in order: what names each, and the first kind said. */
function collect(
  context: CheckContext,
  bases: Map<string, EntryModuleBase | undefined>,
  steps: { file: string; reference?: EntryModuleReference; kind?: "wsgi" | "asgi" }[],
): Map<string, EntryModule> {
  const found = new Map<string, EntryModule>();
  for (const { file, reference, kind } of steps) {
    let entry = found.get(file);
    if (!entry) {
      const base = entryModuleBase(context, bases, file);
      if (!base) continue;
      entry = { ...base, namedBy: [] };
      found.set(file, entry);
    }
    entry.kind ??= kind;
    if (reference) entry.namedBy.push(reference);
  }
  return found;
}

type EntryStep = { file: string; reference?: EntryModuleReference; kind?: "wsgi" | "asgi" };

/** The workspace's entry files that make an application (not only call django.setup()). */
function applicationFiles(context: CheckContext): string[] {
  const files: string[] = [];
  for (const file of context.workspaceFiles(isEntryFileName)) {
    const text = context.source(file);
    if (!text || !/get_[wa]sgi_application/.test(text)) continue;
    if (entryModuleSyntax(text).applicationCalls.some((call) => call.kind !== "setup")) files.push(file);
  }
  return files;
}

function workspaceEntryModules(context: CheckContext): WorkspaceEntryModules {
  const bases = new Map<string, EntryModuleBase | undefined>();
  const steps: EntryStep[] = applicationFiles(context).map((file) => ({ file }));
  const unresolved: ModuleReference[] = [];
  for (const reference of workspaceReferences(context)) {
    // The profile's own root is tried last, per profile, for the references found nowhere else.
    const file =
      reference.path !== undefined
        ? reference.path
        : moduleFile(context, reference.module!, importRoots(context, reference.file, false));
    if (file) steps.push({ file, reference, ...(reference.kind ? { kind: reference.kind } : {}) });
    else unresolved.push(reference);
  }
  const byFile = collect(context, bases, steps);
  const entries = [...byFile.values()].sort((a, b) => compareText(a.file, b.file));
  return { bases, entries, byFile, unresolved };
}

export function entryModules(context: CheckContext): EntryModule[] {
  const workspace = workspaceFact(context, workspaceEntryModules, () => workspaceEntryModules(context));
  const own = settingsReferences(context);
  // Workspace references found nowhere else may name a module under this profile's root.
  const root = [profileRootOf(context)];
  const late = workspace.unresolved.some((reference) => moduleFile(context, reference.module!, root));
  if (late) return profileEntryModules(context, workspace, own);
  const visible = projectEntryModules(context, workspace);
  const steps: { file: string; reference: EntryModuleReference; kind?: "wsgi" | "asgi" }[] = [];
  for (const reference of own) {
    const file = moduleFile(context, reference.module!, importRoots(context, reference.file));
    if (file) steps.push({ file, reference, ...(reference.kind ? { kind: reference.kind } : {}) });
  }
  if (steps.length === 0) return visible;
  // The settings' references come before the workspace's (the first kind said wins, and they are named first).
  const mine = collect(context, workspace.bases, steps);
  const named = (entry: EntryModule, ownEntry: EntryModule): EntryModule => ({
    ...entry,
    kind: ownEntry.kind ?? entry.kind,
    namedBy: [...ownEntry.namedBy, ...entry.namedBy],
  });
  const result = visible.map((entry) => {
    const ownEntry = mine.get(entry.file);
    if (!ownEntry) return entry;
    mine.delete(entry.file);
    return named(entry, ownEntry);
  });
  if (mine.size === 0) return result;
  // A module the settings name is the profile's, wherever it is (another project's wsgi.py, too).
  const added = [...mine.values()].map((ownEntry) => {
    const entry = workspace.byFile.get(ownEntry.file);
    return entry ? named(entry, ownEntry) : ownEntry;
  });
  return [...result, ...added].sort((a, b) => compareText(a.file, b.file));
}

/**
 * Every project's entry modules, with those the profile's settings name: for the checks that run
 * once for the whole workspace (with the first profile's context), which must not see only that
 * profile's project. In a workspace of one project it is entryModules(context) itself.
 */
export function everyEntryModule(context: CheckContext): EntryModule[] {
  const workspace = workspaceFact(context, workspaceEntryModules, () => workspaceEntryModules(context));
  const own = entryModules(context);
  const byFile = new Map(own.map((entry) => [entry.file, entry]));
  if (workspace.entries.every((entry) => byFile.has(entry.file))) return own;
  for (const entry of workspace.entries) if (!byFile.has(entry.file)) byFile.set(entry.file, entry);
  return [...byFile.values()].sort((a, b) => compareText(a.file, b.file));
}

/**
 * The workspace's entry modules that belong to the profile's project: those in no project's folder
 * (the folder of a manage.py) and those whose innermost project folder holds the profile's module
 * too; all of them for a profile in no project's folder. Another project's wsgi.py is that project's business: in a monorepo of 2,000 projects every
 * profile looked at all 2,000 of them.
 */
function projectEntryModules(context: CheckContext, workspace: WorkspaceEntryModules): EntryModule[] {
  const projects = projectFolders(context);
  const groups = workspaceFact(context, projectEntryModules, () => {
    const byProject = new Map<string, EntryModule[]>();
    for (const entry of workspace.entries) {
      const folder = innermostProject(entry.file, projects) ?? "";
      let group = byProject.get(folder);
      if (!group) byProject.set(folder, (group = []));
      group.push(entry);
    }
    return byProject;
  });
  if (groups.size <= 1 && groups.has("")) return workspace.entries;
  const lists: EntryModule[][] = [];
  const outside = groups.get("");
  if (outside) lists.push(outside);
  let inProject = false;
  for (let folder = dirname(context.profile.file); ; folder = dirname(folder)) {
    if (projects.has(folder)) {
      inProject = true;
      const group = groups.get(folder);
      if (group) lists.push(group);
    }
    if (dirname(folder) === folder) break;
  }
  // A profile in no project's folder (manage.py beside the settings' package) sees every entry module.
  if (!inProject) return workspace.entries;
  if (lists.length === 1) return lists[0]!;
  return lists.flat().sort((a, b) => compareText(a.file, b.file));
}

/** The folders of the workspace's manage.py files. */
function projectFolders(context: CheckContext): ReadonlySet<string> {
  const managePy = context.workspaceFiles(isManagePy);
  return workspaceFact(context, projectFolders, () => new Set(managePy.map((file) => dirname(file))));
}

function innermostProject(file: string, projects: ReadonlySet<string>): string | undefined {
  for (let folder = dirname(file); ; folder = dirname(folder)) {
    if (projects.has(folder)) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}

/** The entry modules of one profile worked out in full (when its own root resolves a workspace reference). */
function profileEntryModules(
  context: CheckContext,
  workspace: WorkspaceEntryModules,
  own: ModuleReference[],
): EntryModule[] {
  const steps: EntryStep[] = applicationFiles(context).map((file) => ({ file }));
  for (const reference of [...own, ...workspaceReferences(context)]) {
    const file =
      reference.path !== undefined
        ? reference.path
        : moduleFile(context, reference.module!, importRoots(context, reference.file));
    if (file) steps.push({ file, reference, ...(reference.kind ? { kind: reference.kind } : {}) });
  }
  return [...collect(context, workspace.bases, steps).values()].sort((a, b) => compareText(a.file, b.file));
}
