// Asking for the scaffold answers with quick picks and input boxes, pre-filled from the workspace.
// Every input box checks its answer with the planner's own rules while the user types.
import * as path from "node:path";
import * as vscode from "vscode";
import { SETTINGS_SECTION } from "../../../common/src/settings";
import { findFiles } from "../../../server/src/project/nodeFileSystem";
import {
  type AnswerField,
  DEFAULT_DJANGO_VERSION,
  type EntryKind,
  type ProjectDefaults,
  type RawAnswers,
  SERVER_INFO,
  SERVERS,
  type ScaffoldPart,
  type ServerName,
  checkAnswer,
  detectProjectDefaults,
  isProductionSettingsModule,
  middlewareInRequirements,
  packageFromSettingsModule,
  readTextFile,
  settingsModulesIn,
} from "../../../scaffold/src/index";

/** Folders never searched for manage.py or settings modules. */
const EXCLUDED = "**/{node_modules,.git,.venv,venv,env,.tox,.nox,__pycache__,site-packages}/**";

export interface ProjectLocation {
  workspaceFolder: vscode.WorkspaceFolder;
  /** The folder that contains manage.py: where the files are planned. */
  projectFolder: vscode.Uri;
}

interface Choice<T> extends vscode.QuickPickItem {
  value: T;
}

const ENTER_ANOTHER = Symbol("enter another");

async function pick<T>(items: Choice<T>[], placeHolder: string): Promise<T | undefined> {
  const chosen = await vscode.window.showQuickPick(items, { placeHolder, ignoreFocusOut: true });
  return chosen?.value;
}

function relativeTo(base: vscode.Uri, uri: vscode.Uri): string {
  return path.posix.relative(base.path, uri.path) || ".";
}

async function isFolder(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  } catch {
    return false;
  }
}

/** The workspace folder and the folder with manage.py, from the explorer selection or by asking. */
export async function locateProject(resource: vscode.Uri | undefined): Promise<ProjectLocation | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  let workspaceFolder = resource ? vscode.workspace.getWorkspaceFolder(resource) : undefined;
  if (!workspaceFolder) {
    if (folders.length === 0) {
      void vscode.window.showInformationMessage(
        "Django Deploy scaffolds into the workspace: open the folder of a Django project first.",
      );
      return undefined;
    }
    workspaceFolder =
      folders.length === 1
        ? folders[0]
        : await pick(
            folders.map((folder) => ({ label: folder.name, description: folder.uri.fsPath, value: folder })),
            "Which workspace folder holds the Django project?",
          );
    if (!workspaceFolder) return undefined;
  }
  if (workspaceFolder.uri.scheme !== "file") {
    void vscode.window.showErrorMessage(
      `Django Deploy scaffolds into folders on this computer only; ${workspaceFolder.name} is not one.`,
    );
    return undefined;
  }
  let base = workspaceFolder.uri;
  if (resource && resource.scheme === "file") {
    base = (await isFolder(resource)) ? resource : vscode.Uri.joinPath(resource, "..");
  }
  const managePys = await vscode.workspace.findFiles(
    new vscode.RelativePattern(base, "**/manage.py"),
    EXCLUDED,
    50,
  );
  const candidates = managePys
    .map((uri) => vscode.Uri.joinPath(uri, ".."))
    .sort((a, b) => a.path.length - b.path.length || a.path.localeCompare(b.path));
  let projectFolder: vscode.Uri | undefined = base;
  if (candidates.length === 1) projectFolder = candidates[0];
  else if (candidates.length > 1) {
    projectFolder = await pick(
      candidates.map((uri) => ({
        label: relativeTo(workspaceFolder.uri, uri),
        description: "contains manage.py",
        value: uri,
      })),
      "Which Django project?",
    );
  }
  if (!projectFolder) return undefined;
  return { workspaceFolder, projectFolder };
}

function configuredDjangoVersion(folder: vscode.WorkspaceFolder): string | undefined {
  const value = vscode.workspace
    .getConfiguration(SETTINGS_SECTION, folder.uri)
    .get<string | null>("djangoVersion");
  return value ?? undefined;
}

async function settingsModuleCandidates(location: ProjectLocation): Promise<string[]> {
  const files = await vscode.workspace.findFiles(
    new vscode.RelativePattern(location.projectFolder, "{**/settings.py,**/settings/*.py}"),
    EXCLUDED,
    200,
  );
  return settingsModulesIn(files.map((uri) => relativeTo(location.projectFolder, uri)));
}

function requirementsText(projectFolder: string): string {
  return ["requirements.txt", "requirements/base.txt", "requirements/production.txt", "pyproject.toml"]
    .map((name) => readTextFile(path.join(projectFolder, ...name.split("/"))) ?? "")
    .join("\n");
}

/** Asks for a text answer; `optional` answers may be left empty, which means undefined. */
async function askText(
  answers: RawAnswers,
  field: AnswerField,
  options: { prompt: string; value?: string; placeHolder?: string; optional?: boolean },
): Promise<string | null | undefined> {
  const text = await vscode.window.showInputBox({
    prompt: options.prompt,
    value: options.value,
    placeHolder: options.placeHolder,
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (value.trim() === "") return options.optional ? undefined : "An answer is needed here.";
      return checkAnswer({ ...answers, [field]: value.trim() } as RawAnswers, field);
    },
  });
  if (text === undefined) return null;
  return text.trim() === "" ? undefined : text.trim();
}

/** Where the scaffolded configuration refers to the project's folder on the server. */
function usesDeployPath(server: ServerName): boolean {
  return server !== "gunicorn" && server !== "gunicorn-uvicorn" && server !== "hypercorn";
}

/**
 * Collects the answers for `kind` (asked when undefined) and `parts`; undefined when the user cancels.
 */
export async function askAnswers(
  location: ProjectLocation,
  requestedKind: EntryKind | undefined,
  parts: ScaffoldPart[],
): Promise<RawAnswers | undefined> {
  const kind =
    requestedKind ??
    (await pick<EntryKind>(
      [
        { label: "WSGI", description: "Gunicorn, uWSGI, Apache mod_wsgi", value: "wsgi" },
        { label: "ASGI", description: "Daphne, Hypercorn, Uvicorn", value: "asgi" },
      ],
      "Configure a WSGI or an ASGI server?",
    ));
  if (!kind) return undefined;

  const server = await pick<ServerName>(
    SERVERS.filter((name) => SERVER_INFO[name].kind === kind).map((name) => ({
      label: name,
      description: SERVER_INFO[name].title,
      value: name,
    })),
    `Which ${kind.toUpperCase()} server will serve the project?`,
  );
  if (!server) return undefined;

  const projectPath = location.projectFolder.fsPath;
  // The Django version is looked for in the whole workspace folder, as the checks look for it.
  const defaults: ProjectDefaults = detectProjectDefaults(readTextFile, projectPath, projectPath, {
    roots: [location.workspaceFolder.uri.fsPath],
    findFiles,
  });
  const settingsModules = await settingsModuleCandidates(location);

  const packages = [
    ...new Set(
      [defaults.projectPackage, ...settingsModules.map(packageFromSettingsModule)].filter(
        (name): name is string => name !== undefined,
      ),
    ),
  ];
  let projectPackage: string | undefined | typeof ENTER_ANOTHER = await pick<string | typeof ENTER_ANOTHER>(
    [
      ...packages.map((name, index) => ({
        label: name,
        description: index === 0 && name === defaults.projectPackage ? "from manage.py" : undefined,
        value: name,
      })),
      { label: "Enter a package name…", value: ENTER_ANOTHER },
    ],
    "The project package, which holds the settings and the entry module",
  );
  let answers: RawAnswers = { kind, server, projectPackage: "", parts };
  if (projectPackage === ENTER_ANOTHER) {
    const typed = await askText(answers, "projectPackage", {
      prompt: "Project package (a dotted Python path)",
    });
    if (!typed) return undefined;
    projectPackage = typed;
  }
  if (!projectPackage) return undefined;
  answers = { ...answers, projectPackage };

  const ordered = [
    ...new Set(
      [
        ...settingsModules.filter(isProductionSettingsModule),
        defaults.settingsModule,
        ...settingsModules.filter((name) => name.startsWith(`${projectPackage}.`)),
        ...settingsModules,
      ].filter((name): name is string => name !== undefined),
    ),
  ];
  let settingsModule: string | undefined | typeof ENTER_ANOTHER = await pick<string | typeof ENTER_ANOTHER>(
    [
      ...ordered.map((name) => ({
        label: name,
        description:
          name === defaults.settingsModule
            ? "named in manage.py"
            : isProductionSettingsModule(name)
              ? "production"
              : undefined,
        value: name,
      })),
      { label: "Enter a settings module…", value: ENTER_ANOTHER },
    ],
    "The settings module the server runs with",
  );
  if (settingsModule === ENTER_ANOTHER) {
    const typed = await askText(answers, "settingsModule", {
      prompt: "Settings module (a dotted Python path)",
    });
    if (!typed) return undefined;
    settingsModule = typed;
  }
  if (!settingsModule) return undefined;
  answers = {
    ...answers,
    settingsModule,
    djangoVersion:
      configuredDjangoVersion(location.workspaceFolder) ?? defaults.djangoVersion ?? DEFAULT_DJANGO_VERSION,
    targetFolder: path.relative(location.workspaceFolder.uri.fsPath, projectPath) || ".",
  };

  if (parts.includes("server")) {
    const asked = await askServerOptions(answers, server, projectPath);
    if (!asked) return undefined;
    answers = asked;
  }

  if (parts.includes("entry")) {
    const middleware = await askMiddleware(answers, kind, projectPath);
    if (middleware === null) return undefined;
    if (middleware) answers = { ...answers, middleware: [middleware] };
  }
  return answers;
}

async function askServerOptions(
  start: RawAnswers,
  server: ServerName,
  projectPath: string,
): Promise<RawAnswers | undefined> {
  const info = SERVER_INFO[server];
  const localPosix = projectPath.split(path.sep).join("/");
  let answers = start;
  const ask = async (field: AnswerField, options: Parameters<typeof askText>[2]): Promise<boolean> => {
    const value = await askText(answers, field, options);
    if (value === null) return false;
    if (value !== undefined) answers = { ...answers, [field]: value } as RawAnswers;
    return true;
  };

  if (info.apache) {
    if (
      !(await ask("domain", {
        prompt: "Domain name of the Apache virtual host",
        placeHolder: "www.example.com",
      }))
    )
      return undefined;
  } else if (!(await ask("bind", { prompt: "Address to listen on", value: "127.0.0.1" }))) return undefined;
  if (!(await ask("port", { prompt: "Port", value: String(info.defaultPort) }))) return undefined;
  if (info.defaultWorkers !== undefined) {
    if (!(await ask("workers", { prompt: "Worker processes", value: String(info.defaultWorkers) })))
      return undefined;
  }
  if (usesDeployPath(server)) {
    const deployable = /^\/[A-Za-z0-9._@+\-/]*$/.test(localPosix);
    const options = {
      prompt: "The project's folder on the server (the one that contains manage.py)",
      value: deployable ? localPosix : undefined,
      placeHolder: "/srv/mysite",
      optional: deployable,
    };
    if (!(await ask("deployPath", options))) return undefined;
  }
  if (
    !(await ask("virtualenv", {
      prompt: "Virtualenv on the server (leave empty for none)",
      placeHolder: "/srv/venv",
      optional: true,
    }))
  )
    return undefined;
  if (info.apache) {
    const deployPath = typeof answers.deployPath === "string" ? answers.deployPath : localPosix;
    // BASE_DIR in the settings stands for the project's folder on the server.
    const defaults = detectProjectDefaults(readTextFile, projectPath, deployPath);
    const staticRoot = defaults.staticRoot ?? `${deployPath}/staticfiles`;
    const mediaRoot = defaults.mediaRoot ?? `${deployPath}/media`;
    if (
      !(await ask("staticRoot", { prompt: "STATIC_ROOT, served by Apache at STATIC_URL", value: staticRoot }))
    )
      return undefined;
    if (!(await ask("mediaRoot", { prompt: "MEDIA_ROOT, served by Apache at MEDIA_URL", value: mediaRoot })))
      return undefined;
    const multiSite = await pick<boolean>(
      [
        { label: "One Django site per process", description: "os.environ.setdefault(…)", value: false },
        {
          label: "Several Django sites in one process",
          description: 'os.environ["DJANGO_SETTINGS_MODULE"] = …',
          value: true,
        },
      ],
      "Does this Apache run other Django sites in the same mod_wsgi process?",
    );
    if (multiSite === undefined) return undefined;
    answers = { ...answers, multiSite };
  }
  if (server === "mod_wsgi-auth") {
    const groups = await vscode.window.showInputBox({
      prompt: "Django groups allowed in, separated by commas (leave empty for every active user)",
      ignoreFocusOut: true,
      validateInput: (value) =>
        value.trim() === ""
          ? undefined
          : checkAnswer({ ...answers, groups: value.split(",").map((group) => group.trim()) }, "groups"),
    });
    if (groups === undefined) return undefined;
    if (groups.trim() !== "")
      answers = { ...answers, groups: groups.split(",").map((group) => group.trim()) };
  }
  return answers;
}

/** A dotted middleware path, "" for none, or null when the user cancels. */
export async function askMiddleware(
  answers: RawAnswers,
  kind: EntryKind,
  projectFolder: string,
): Promise<string | null> {
  const known = middlewareInRequirements(requirementsText(projectFolder), kind);
  const choice = await pick<string | typeof ENTER_ANOTHER>(
    [
      { label: "No middleware", description: "application stays Django's handler", value: "" },
      ...known.map((entry) => ({
        label: entry.dotted,
        description: entry.description,
        detail: `${entry.distribution} is in the project's requirements`,
        value: entry.dotted,
      })),
      {
        label: "Enter a dotted path…",
        description: `any ${kind.toUpperCase()} middleware callable`,
        value: ENTER_ANOTHER,
      },
    ],
    `Wrap application in ${kind.toUpperCase()} middleware?`,
  );
  if (choice === undefined) return null;
  if (choice !== ENTER_ANOTHER) return choice;
  const typed = await vscode.window.showInputBox({
    prompt: `Dotted path of the ${kind.toUpperCase()} middleware, such as mypackage.middleware.Middleware`,
    ignoreFocusOut: true,
    validateInput: (value) => checkAnswer({ ...answers, middleware: [value.trim()] }, "middleware"),
  });
  return typed === undefined ? null : typed.trim();
}
