// Asking for the scaffold answers with quick picks and input boxes, pre-filled from the workspace.
// Every input box checks its answer with the planner's own rules while the user types.
import * as path from "node:path";
import * as vscode from "vscode";
import { SETTINGS_SECTION } from "../../../common/src/settings";
import { findFiles } from "../../../server/src/project/nodeFileSystem";
import { BACK, inputStep, pickStep, runSteps, type Step, type StepContext } from "./multiStepInput";
import {
  DEFAULT_DJANGO_VERSION,
  type EntryKind,
  type ProjectDefaults,
  type ProxyName,
  type RawAnswers,
  SERVER_INFO,
  SERVERS,
  type ScaffoldPart,
  type ServerName,
  checkAnswer,
  defaultDeployPath,
  detectProjectDefaults,
  isProductionSettingsModule,
  packageFromSettingsModule,
  readTextFile,
  settingsModulesIn,
} from "../../../scaffold/src/index";
import type { ProductionFacts } from "../../../common/src/protocol";
import { EXCLUDED, type ProjectLocation, relativeTo } from "./scaffoldLocation";
import { serverRoots } from "./scaffoldServerRoots";
import { middlewareStep } from "./scaffoldMiddlewarePrompts";
import { textStep, type WizardState } from "./scaffoldTextStep";

const ENTER_ANOTHER = Symbol("enter another");

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
function usesDeployPath(answers: RawAnswers): boolean {
  if (answers.proxy === "nginx" || (answers.proxy === undefined && !SERVER_INFO[answers.server].apache)) {
    return true;
  }
  return !["gunicorn", "gunicorn-uvicorn", "hypercorn"].includes(answers.server);
}

/** The final step: shows what would be written; "write", BACK to change an answer, or undefined to cancel. */
export type ReviewStep = (
  answers: RawAnswers,
  context: StepContext,
) => Promise<"write" | typeof BACK | undefined>;

/**
 * Collects the answers for `kind` (asked when undefined) and `parts` as one multi-step input, then
 * runs `review` as its last step; undefined when the user cancels at any step.
 */
export async function askAnswers(
  location: ProjectLocation,
  requestedKind: EntryKind | undefined,
  parts: ScaffoldPart[],
  facts: ProductionFacts,
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
    typeof answers.deployPath === "string" ? answers.deployPath : defaultDeployPath(answers.projectPackage);

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
        // The production profile the checks use comes first, then the other candidates.
        const ordered = [
          ...new Set(
            [
              facts.settingsModule,
              ...facts.otherProductionModules,
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
                name === facts.settingsModule
                  ? "the production profile the checks use"
                  : name === defaults.settingsModule
                    ? "named in manage.py"
                    : isProductionSettingsModule(name)
                      ? "production"
                      : undefined,
              detail: name === facts.settingsModule ? facts.settingsReason : undefined,
              value: name,
            })),
            { label: "Enter a settings module…", value: ENTER_ANOTHER },
          ],
          activeValue: state.answers.settingsModule ?? facts.settingsModule,
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
    {
      applies: (state) => hasServer && !info(state.answers).apache,
      async run(context, state) {
        const title = info(state.answers).title;
        const proxy = await pickStep<ProxyName>(context, {
          placeholder: `Put nginx in front of ${title}?`,
          items: [
            {
              label: "nginx in front",
              description: "recommended",
              detail: `Writes an nginx site that serves static and media files and passes the rest to ${title}, with X-Forwarded-Proto set`,
              value: "nginx",
            },
            {
              label: "No reverse proxy",
              detail: `${title} alone, or behind a proxy configured elsewhere`,
              value: "none",
            },
          ],
          activeValue: (state.answers.proxy as ProxyName | undefined) ?? "nginx",
        });
        return proxy === undefined || proxy === BACK ? proxy : { answers: { ...state.answers, proxy } };
      },
    },
    textStep(
      "deployPath",
      (answers) => ({
        prompt: `The project's folder on the server, the one that contains manage.py (default ${defaultDeployPath(answers.projectPackage)})`,
        value: deployPath(answers),
      }),
      (answers) => hasServer && usesDeployPath(answers),
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
        value: serverRoots(facts, projectPath, deployPath(answers)).staticRoot,
      }),
      (answers) => hasServer && info(answers).apache,
    ),
    textStep(
      "mediaRoot",
      (answers) => ({
        prompt: "MEDIA_ROOT, served by Apache at MEDIA_URL",
        value: serverRoots(facts, projectPath, deployPath(answers)).mediaRoot,
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
    ...(facts.settingsModule ? { settingsModule: facts.settingsModule } : {}),
    djangoVersion:
      configuredDjangoVersion(location.workspaceFolder) ?? defaults.djangoVersion ?? DEFAULT_DJANGO_VERSION,
    targetFolder: path.relative(location.workspaceFolder.uri.fsPath, projectPath) || ".",
  };
  const title = `Django Deploy: Scaffold ${parts.includes("entry") ? "Entry Module and " : ""}Server Configuration`;
  const finished = await runSteps(title, steps, { answers: initial });
  return finished?.answers;
}
