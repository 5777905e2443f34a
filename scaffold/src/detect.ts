// Reading defaults for the scaffold answers out of the project's own files: which settings module
// manage.py names, which package holds wsgi.py, STATIC_ROOT and MEDIA_ROOT, the Django version the
// dependency files say. Text in, answers out; a value that cannot be read for certain is left
// undefined. manage.py is read through the Python parser and the Django version by the checks' own
// detector (server/src/project), so the scaffold and the checks never disagree.
import * as posixPath from "node:path/posix";
import { detectDjangoVersion } from "../../server/src/project/djangoVersion";
import { settingsNamedInPython } from "../../server/src/project/pythonEntry";
import { compareText } from "../../common/src/compareText";

const dottedPattern = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** The module manage.py (or wsgi.py, asgi.py) sets DJANGO_SETTINGS_MODULE to; comments do not count. */
export function settingsModuleFromEntryScript(text: string): string | undefined {
  return settingsNamedInPython(text).find((found) => found.how !== "commented-out")?.module;
}

/** The package that WSGI_APPLICATION = "<package>.wsgi.application" names. */
export function packageFromWsgiApplication(settingsText: string): string | undefined {
  const match = /^WSGI_APPLICATION\s*=\s*['"]([A-Za-z0-9_.]+)\.wsgi\.application['"]/m.exec(settingsText);
  return match?.[1];
}

/**
 * The package next to the settings: everything before a "settings" part (config.settings.production →
 * config), or the parent of the module (mysite.production → mysite).
 */
export function packageFromSettingsModule(settingsModule: string): string | undefined {
  const parts = settingsModule.split(".");
  const index = parts.indexOf("settings");
  const packageParts = index > 0 ? parts.slice(0, index) : parts.slice(0, -1);
  return packageParts.length > 0 ? packageParts.join(".") : undefined;
}

const productionNames = /(^|\.)(production|prod|live|deploy|deployment)$/;
const developmentNames = /(^|\.)(dev|development|local|test|tests|testing|ci)$/;

/** Whether a settings module's name says it is for production (`config.settings.production`). */
export function isProductionSettingsModule(dotted: string): boolean {
  return productionNames.test(dotted);
}

/**
 * Settings modules among workspace files (relative paths with "/"), production profiles first, then
 * plain settings modules, then development ones.
 */
export function settingsModulesIn(relativePaths: readonly string[]): string[] {
  const found = new Set<string>();
  for (const file of relativePaths) {
    if (!file.endsWith(".py")) continue;
    const parts = file.slice(0, -3).split("/");
    if (parts[parts.length - 1] === "__init__") parts.pop();
    const settingsIndex = parts.lastIndexOf("settings");
    if (settingsIndex <= 0) continue;
    if (parts.length - settingsIndex > 2) continue;
    const dotted = parts.join(".");
    if (dottedPattern.test(dotted)) found.add(dotted);
  }
  const rank = (dotted: string) => (productionNames.test(dotted) ? 0 : developmentNames.test(dotted) ? 2 : 1);
  return [...found].sort((a, b) => rank(a) - rank(b) || compareText(a, b));
}

/**
 * An absolute path for a STATIC_ROOT/MEDIA_ROOT assignment written against BASE_DIR (pathlib `/`,
 * os.path.join) or as a literal absolute path. `projectFolder` is what BASE_DIR stands for: the folder
 * that contains manage.py, as startproject defines it.
 */
export function settingsPathValue(
  settingsText: string,
  name: string,
  projectFolder: string,
): string | undefined {
  const assignment = new RegExp(`^${name}\\s*=\\s*(.+)$`, "m").exec(settingsText)?.[1]?.trim();
  if (assignment === undefined) return undefined;
  const literal = /^['"](\/[^'"]*)['"]$/.exec(assignment);
  if (literal) return literal[1];
  const segment = "['\"]([A-Za-z0-9._\\-/]+)['\"]";
  const pathlib = new RegExp(`^BASE_DIR((?:\\s*/\\s*${segment})+)$`).exec(assignment);
  if (pathlib) {
    const segments = [...(pathlib[1] as string).matchAll(new RegExp(segment, "g"))].map(
      (match) => match[1] as string,
    );
    return posixPath.join(projectFolder, ...segments);
  }
  const joined = new RegExp(`^os\\.path\\.join\\(\\s*BASE_DIR((?:\\s*,\\s*${segment})+)\\s*,?\\s*\\)$`).exec(
    assignment,
  );
  if (joined) {
    const segments = [...(joined[1] as string).matchAll(new RegExp(segment, "g"))].map(
      (match) => match[1] as string,
    );
    return posixPath.join(projectFolder, ...segments);
  }
  return undefined;
}

/** Where the Django version is looked for: the workspace folders and a search of their files. */
export interface DependencyFileSearch {
  roots: readonly string[];
  /** Files below `root` whose base name passes `accept` (server/src/project/nodeFileSystem's findFiles). */
  findFiles(root: string, accept: (baseName: string) => boolean): string[];
}

/** The dependency files looked for in the project folder when no search is given. */
const DEPENDENCY_FILES = [
  "requirements.txt",
  "requirements/base.txt",
  "requirements/production.txt",
  "requirements/prod.txt",
  "pyproject.toml",
  "poetry.lock",
  "uv.lock",
  "Pipfile",
  "Pipfile.lock",
  "setup.cfg",
  "setup.py",
];

export interface ProjectDefaults {
  settingsModule?: string;
  projectPackage?: string;
  djangoVersion?: string;
  /** Which file decided the Django version and how it was read (`poetry.lock: django 5.1.4`). */
  djangoVersionSource?: string;
  staticRoot?: string;
  mediaRoot?: string;
}

/**
 * Defaults for the answers, read from the project in `projectFolder` (the folder that contains
 * manage.py): the settings module manage.py names, the package that holds it, the Django version the
 * dependency files say, and STATIC_ROOT/MEDIA_ROOT as they will be on the server (`deployPath` is
 * what BASE_DIR stands for there). The version is detected as the checks detect it: give `search`
 * (the workspace folders and a file search) to look where the checks look; without it, the usual
 * dependency files of the project folder are read.
 */
export function detectProjectDefaults(
  readFile: (absolutePath: string) => string | undefined,
  projectFolder: string,
  deployPath: string = projectFolder,
  search?: DependencyFileSearch,
): ProjectDefaults {
  const join = (...parts: string[]) => [projectFolder.replace(/[\\/]+$/, ""), ...parts].join("/");
  const defaults: ProjectDefaults = {};
  const managePy = readFile(join("manage.py"));
  const settingsModule = managePy === undefined ? undefined : settingsModuleFromEntryScript(managePy);
  if (settingsModule) {
    defaults.settingsModule = settingsModule;
    const settingsPath = settingsModule.split(".");
    const settingsText =
      readFile(join(...settingsPath) + ".py") ?? readFile(join(...settingsPath, "__init__.py"));
    const fromWsgiApplication =
      settingsText === undefined ? undefined : packageFromWsgiApplication(settingsText);
    defaults.projectPackage = fromWsgiApplication ?? packageFromSettingsModule(settingsModule);
    if (settingsText !== undefined) {
      defaults.staticRoot = settingsPathValue(settingsText, "STATIC_ROOT", deployPath);
      defaults.mediaRoot = settingsPathValue(settingsText, "MEDIA_ROOT", deployPath);
    }
  }
  const detected = detectDjangoVersion(search?.roots ?? [projectFolder.replace(/[\\/]+$/, "")], {
    readFile,
    findFiles:
      search?.findFiles ??
      ((_root, accept) =>
        DEPENDENCY_FILES.map((name) => join(...name.split("/"))).filter(
          (file) => accept(posixPath.basename(file)) && readFile(file) !== undefined,
        )),
  });
  if (detected) {
    defaults.djangoVersion = detected.version;
    defaults.djangoVersionSource = detected.source;
  }
  return defaults;
}
