// Asking for the scaffold answers with quick picks and input boxes, pre-filled from the workspace.
// Every input box checks its answer with the planner's own rules while the user types.
import * as path from "node:path";
import * as vscode from "vscode";
import { SETTINGS_SECTION } from "../../../common/src/settings";
import { findFiles } from "../../../server/src/project/nodeFileSystem";
import {
  BACK,
  inputStep,
  pickStep,
  runSteps,
  type Choice,
  type Step,
  type StepContext,
} from "./multiStepInput";
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

/** What each server is, in one line, so that the two mod_wsgi choices can be told apart. */
export const SERVER_DESCRIPTIONS: Readonly<Record<ServerName, string>> = {
  gunicorn: "Gunicorn, a pure-Python WSGI server: writes gunicorn.conf.py",
  uwsgi: "uWSGI, a fast WSGI server: writes uwsgi.ini",
  mod_wsgi: "Apache with mod_wsgi: writes an Apache virtual host that serves the site",
  "mod_wsgi-auth": "Apache with mod_wsgi, using Django's user database to authenticate Apache's own requests",
  daphne: "Daphne, the ASGI server of Django Channels",
  hypercorn: "Hypercorn, an ASGI server with HTTP/2",
  uvicorn: "Uvicorn, a fast ASGI server",
  "gunicorn-uvicorn": "Gunicorn managing Uvicorn workers",
};

/** Where the scaffolded configuration refers to the project's folder on the server. */
function usesDeployPath(server: ServerName): boolean {
  return server !== "gunicorn" && server !== "gunicorn-uvicorn" && server !== "hypercorn";
}

/** The answers so far, with what the steps need to remember. */
interface WizardState {
  answers: RawAnswers;
}

/** The final step: shows what would be written; "write", BACK to change an answer, or undefined to cancel. */
export type ReviewStep = (
  answers: RawAnswers,
  context: StepContext,
) => Promise<"write" | typeof BACK | undefined>;

/** A text answer checked with the planner's own rules while the user types. */
function textStep(
  field: AnswerField,
  options: (answers: RawAnswers) => {
    prompt: string;
    value?: string;
    placeholder?: string;
    optional?: boolean;
  },
  applies?: (answers: RawAnswers) => boolean,
): Step<WizardState> {
  return {
    ...(applies ? { applies: (state: WizardState) => applies(state.answers) } : {}),
    async run(context, state) {
      const asked = options(state.answers);
      const current = state.answers[field];
      const text = await inputStep(context, {
        ...asked,
        value: typeof current === "string" || typeof current === "number" ? String(current) : asked.value,
        validate: (value) => checkAnswer({ ...state.answers, [field]: value } as RawAnswers, field),
      });
      if (text === undefined || text === BACK) return text;
      const answers = { ...state.answers } as Record<string, unknown>;
      if (text === "") delete answers[field];
      else answers[field] = text;
      return { answers: answers as RawAnswers };
    },
  };
}

/**
 * Collects the answers for `kind` (asked when undefined) and `parts` as one multi-step input, then
 * runs `review` as its last step; undefined when the user cancels at any step.
 */
export async function askAnswers(
  location: ProjectLocation,
  requestedKind: EntryKind | undefined,
  parts: ScaffoldPart[],
  review?: ReviewStep,
): Promise<RawAnswers | undefined> {
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
  const server = (answers: RawAnswers) => answers.server as ServerName;
  const info = (answers: RawAnswers) => SERVER_INFO[server(answers)];
  const hasServer = parts.includes("server");
  const deployPath = (answers: RawAnswers) =>
    typeof answers.deployPath === "string" ? answers.deployPath : `/srv/${answers.projectPackage}`;

  const steps: Step<WizardState>[] = [
    {
      applies: () => requestedKind === undefined,
      async run(context, state) {
        const kind = await pickStep<EntryKind>(context, {
          placeholder: "Configure a WSGI or an ASGI server?",
          items: [
            { label: "WSGI", description: "Gunicorn, uWSGI, Apache mod_wsgi", value: "wsgi" },
            { label: "ASGI", description: "Daphne, Hypercorn, Uvicorn", value: "asgi" },
          ],
          activeValue: state.answers.kind as EntryKind,
        });
        return kind === undefined || kind === BACK ? kind : { answers: { ...state.answers, kind } };
      },
    },
    {
      async run(context, state) {
        const kind = state.answers.kind as EntryKind;
        const chosen = await pickStep<ServerName>(context, {
          placeholder: `Which ${kind.toUpperCase()} server will serve the project?`,
          items: SERVERS.filter((name) => SERVER_INFO[name].kind === kind).map((name) => ({
            label: name,
            description: SERVER_INFO[name].title,
            detail: SERVER_DESCRIPTIONS[name],
            value: name,
          })),
          activeValue: state.answers.server as ServerName,
        });
        return chosen === undefined || chosen === BACK
          ? chosen
          : { answers: { ...state.answers, server: chosen } };
      },
    },
    {
      async run(context, state) {
        const chosen = await pickStep<string | typeof ENTER_ANOTHER>(context, {
          placeholder: "The project package, which holds the settings and the entry module",
          items: [
            ...packages.map((name, index) => ({
              label: name,
              description: index === 0 && name === defaults.projectPackage ? "from manage.py" : undefined,
              value: name,
            })),
            { label: "Enter a package name…", value: ENTER_ANOTHER },
          ],
          activeValue: state.answers.projectPackage || undefined,
        });
        if (chosen === undefined || chosen === BACK) return chosen;
        if (chosen !== ENTER_ANOTHER) return { answers: { ...state.answers, projectPackage: chosen } };
        const typed = await inputStep(context, {
          prompt: "Project package (a dotted Python path)",
          validate: (value) => checkAnswer({ ...state.answers, projectPackage: value }, "projectPackage"),
        });
        return typed === undefined || typed === BACK
          ? typed
          : { answers: { ...state.answers, projectPackage: typed } };
      },
    },
    {
      async run(context, state) {
        const projectPackage = state.answers.projectPackage;
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
        const chosen = await pickStep<string | typeof ENTER_ANOTHER>(context, {
          placeholder: "The settings module the server runs with",
          items: [
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
          activeValue: state.answers.settingsModule,
        });
        if (chosen === undefined || chosen === BACK) return chosen;
        if (chosen !== ENTER_ANOTHER) return { answers: { ...state.answers, settingsModule: chosen } };
        const typed = await inputStep(context, {
          prompt: "Settings module (a dotted Python path)",
          validate: (value) => checkAnswer({ ...state.answers, settingsModule: value }, "settingsModule"),
        });
        return typed === undefined || typed === BACK
          ? typed
          : { answers: { ...state.answers, settingsModule: typed } };
      },
    },
    textStep(
      "domain",
      () => ({ prompt: "Domain name of the Apache virtual host", placeholder: "www.your-site.example" }),
      (answers) => hasServer && info(answers).apache,
    ),
    textStep(
      "bind",
      () => ({ prompt: "Address to listen on", value: "127.0.0.1" }),
      (answers) => hasServer && !info(answers).apache,
    ),
    textStep(
      "port",
      (answers) => ({ prompt: "Port", value: String(info(answers).defaultPort) }),
      () => hasServer,
    ),
    textStep(
      "workers",
      (answers) => ({ prompt: "Worker processes", value: String(info(answers).defaultWorkers) }),
      (answers) => hasServer && info(answers).defaultWorkers !== undefined,
    ),
    textStep(
      "deployPath",
      (answers) => ({
        prompt: "The project's folder on the server (the one that contains manage.py)",
        value: deployPath(answers),
      }),
      (answers) => hasServer && usesDeployPath(server(answers)),
    ),
    textStep(
      "virtualenv",
      (answers) => ({
        prompt: "Virtualenv on the server (leave empty for none)",
        placeholder: `${deployPath(answers)}/venv`,
        optional: true,
      }),
      () => hasServer,
    ),
    textStep(
      "staticRoot",
      (answers) => ({
        prompt: "STATIC_ROOT, served by Apache at STATIC_URL",
        value: serverRoots(projectPath, deployPath(answers)).staticRoot,
      }),
      (answers) => hasServer && info(answers).apache,
    ),
    textStep(
      "mediaRoot",
      (answers) => ({
        prompt: "MEDIA_ROOT, served by Apache at MEDIA_URL",
        value: serverRoots(projectPath, deployPath(answers)).mediaRoot,
      }),
      (answers) => hasServer && info(answers).apache,
    ),
    {
      applies: (state) => hasServer && info(state.answers).apache,
      async run(context, state) {
        const multiSite = await pickStep<boolean>(context, {
          placeholder: "Does this Apache run other Django sites in the same mod_wsgi process?",
          items: [
            { label: "One Django site per process", description: "os.environ.setdefault(…)", value: false },
            {
              label: "Several Django sites in one process",
              description: 'os.environ["DJANGO_SETTINGS_MODULE"] = …',
              value: true,
            },
          ],
          activeValue: state.answers.multiSite === true,
        });
        return multiSite === undefined || multiSite === BACK
          ? multiSite
          : { answers: { ...state.answers, multiSite } };
      },
    },
    {
      applies: (state) => hasServer && state.answers.server === "mod_wsgi-auth",
      async run(context, state) {
        const groups = await inputStep(context, {
          prompt: "Django groups allowed in, separated by commas (leave empty for every active user)",
          optional: true,
          validate: (value) =>
            checkAnswer(
              { ...state.answers, groups: value.split(",").map((group) => group.trim()) },
              "groups",
            ),
        });
        if (groups === undefined || groups === BACK) return groups;
        const answers = { ...state.answers };
        if (groups === "") delete answers.groups;
        else answers.groups = groups.split(",").map((group) => group.trim());
        return { answers };
      },
    },
    {
      applies: () => parts.includes("entry"),
      async run(context, state) {
        const kind = state.answers.kind as EntryKind;
        const middleware = await middlewareStep(context, state.answers, kind, projectPath);
        if (middleware === undefined || middleware === BACK) return middleware;
        const answers = { ...state.answers };
        if (middleware) answers.middleware = [middleware];
        else delete answers.middleware;
        return { answers };
      },
    },
    ...(review
      ? [
          {
            async run(context: StepContext, state: WizardState) {
              const decision = await review(state.answers, context);
              return decision === "write" ? state : decision;
            },
          } satisfies Step<WizardState>,
        ]
      : []),
  ];

  const initial: RawAnswers = {
    kind: requestedKind ?? "wsgi",
    server: requestedKind === "asgi" ? "daphne" : "gunicorn",
    projectPackage: defaults.projectPackage ?? "",
    parts,
    djangoVersion:
      configuredDjangoVersion(location.workspaceFolder) ?? defaults.djangoVersion ?? DEFAULT_DJANGO_VERSION,
    targetFolder: path.relative(location.workspaceFolder.uri.fsPath, projectPath) || ".",
  };
  const title = `Django Deploy: Scaffold ${parts.includes("entry") ? "Entry Module and " : ""}Server Configuration`;
  const finished = await runSteps(title, steps, { answers: initial });
  return finished?.answers;
}

/** STATIC_ROOT and MEDIA_ROOT on the server: the settings' own, with BASE_DIR standing for `deployPath`. */
function serverRoots(projectPath: string, deployPath: string): { staticRoot: string; mediaRoot: string } {
  const defaults = detectProjectDefaults(readTextFile, projectPath, deployPath);
  return {
    staticRoot: defaults.staticRoot ?? `${deployPath}/staticfiles`,
    mediaRoot: defaults.mediaRoot ?? `${deployPath}/media`,
  };
}

/** The middleware step of the wizard: a dotted path, "" for none, BACK, or undefined. */
async function middlewareStep(
  context: StepContext,
  answers: RawAnswers,
  kind: EntryKind,
  projectFolder: string,
): Promise<string | typeof BACK | undefined> {
  const known = middlewareInRequirements(requirementsText(projectFolder), kind);
  const choice = await pickStep<string | typeof ENTER_ANOTHER>(context, {
    placeholder: `Wrap application in ${kind.toUpperCase()} middleware?`,
    items: [
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
  });
  if (choice === undefined || choice === BACK || choice !== ENTER_ANOTHER) return choice;
  return inputStep(context, {
    prompt: `Dotted path of the ${kind.toUpperCase()} middleware, such as mypackage.middleware.Middleware`,
    validate: (value) => checkAnswer({ ...answers, middleware: [value] }, "middleware"),
  });
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
