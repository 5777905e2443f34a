// `django-deploy scaffold wsgi|asgi --project DIR --server NAME [options] [--force]`: a thin shell
// around the scaffold planner. The settings module is the production profile the checks use. Writes
// are all or nothing: when a file exists and would change (without --force), or a target cannot be
// read or replaced, nothing is written and the exit code is 1; invalid answers exit 2.
import { statSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { createTwoFilesPatch } from "diff";
import {
  type AnswerField,
  FIELD_LABELS,
  type PlannedWrite,
  type RawAnswers,
  SERVERS,
  type ValidationIssue,
  detectProjectDefaults,
  fileTemplateSource,
  nodeProjectFiles,
  planScaffold,
  readTextFile,
} from "../../scaffold/src/index";
import { productionFacts, serverSidePath } from "../../scaffold/src/projectFacts";
import { PlanWriteError, defaultDeployPath, writePlan } from "../../scaffold/src/index";
import { nodeFileSystem } from "../../server/src/project/nodeFileSystem";
import { closest } from "./suggest";
import { UsageError } from "./usage";

export const SCAFFOLD_USAGE = `Usage: django-deploy scaffold wsgi|asgi --project DIR --server NAME [options] [--force]

Writes the project's wsgi.py or asgi.py and the server's configuration.

  --project DIR           the folder that contains manage.py (required)
  --server NAME           WSGI: ${SERVERS.slice(0, 4).join(", ")}
                          ASGI: ${SERVERS.slice(4).join(", ")}
  --package PKG           the package that holds settings and wsgi.py (default: from manage.py)
  --settings MODULE       settings module (default: the production profile the checks use,
                          else the one manage.py names)
  --django-version X.Y    decides the docs links and the Uvicorn worker class
                          (default: from the requirements, else the newest LTS)
  --bind ADDRESS          address to listen on (default 127.0.0.1)
  --port N                port (default 8000; 80 for Apache)
  --workers N             worker processes
  --venv DIR              the virtualenv on the server
  --deploy-path DIR       the project's folder on the server (default: /srv/<package>)
  --domain NAME           the Apache virtual host's ServerName (required for mod_wsgi)
  --static-url, --static-root, --media-url, --media-root
                          what nginx or Apache serves itself (default: from the settings)
  --proxy nginx|none      the reverse proxy in front of the app server (default: nginx)
  --proxy-port N          the port nginx listens on (default 80)
  --socket PATH           a Unix socket for the app server instead of --bind/--port
  --middleware DOTTED     wrap application, e.g. whitenoise.WhiteNoise (repeatable)
  --multi-site            assign DJANGO_SETTINGS_MODULE instead of setdefault (mod_wsgi)
  --auth-path PATH        what Apache protects with Django's users (mod_wsgi-auth, default /)
  --groups A,B            Django groups allowed in (mod_wsgi-auth)
  --only entry|server     write only the entry module or only the server configuration
  --force                 overwrite files that exist and differ (each keeps a .orig copy)`;

/** Where the command writes; tests pass their own. */
export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: CommandOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

const OPTION_OF_FIELD: Readonly<Record<AnswerField, string>> = {
  kind: "wsgi|asgi",
  server: "--server",
  projectPackage: "--package",
  settingsModule: "--settings",
  targetFolder: "--project",
  djangoVersion: "--django-version",
  bind: "--bind",
  port: "--port",
  workers: "--workers",
  virtualenv: "--venv",
  deployPath: "--deploy-path",
  domain: "--domain",
  staticUrl: "--static-url",
  staticRoot: "--static-root",
  mediaUrl: "--media-url",
  mediaRoot: "--media-root",
  middleware: "--middleware",
  multiSite: "--multi-site",
  authPath: "--auth-path",
  groups: "--groups",
  proxy: "--proxy",
  proxyPort: "--proxy-port",
  socket: "--socket",
  parts: "--only",
};

function describeIssue(issue: ValidationIssue): string {
  if (issue.field === "answers") return issue.message;
  return `${OPTION_OF_FIELD[issue.field]} (${FIELD_LABELS[issue.field]}): ${issue.message}`;
}

const SCAFFOLD_OPTION_TYPES = {
  project: { type: "string" },
  server: { type: "string" },
  package: { type: "string" },
  settings: { type: "string" },
  "django-version": { type: "string" },
  bind: { type: "string" },
  port: { type: "string" },
  workers: { type: "string" },
  venv: { type: "string" },
  "deploy-path": { type: "string" },
  domain: { type: "string" },
  "static-url": { type: "string" },
  "static-root": { type: "string" },
  "media-url": { type: "string" },
  "media-root": { type: "string" },
  middleware: { type: "string", multiple: true },
  "multi-site": { type: "boolean" },
  "auth-path": { type: "string" },
  groups: { type: "string", multiple: true },
  only: { type: "string" },
  proxy: { type: "string" },
  "proxy-port": { type: "string" },
  socket: { type: "string" },
  force: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;
const SCAFFOLD_OPTIONS = Object.keys(SCAFFOLD_OPTION_TYPES);

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: SCAFFOLD_OPTION_TYPES,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node's message for an unknown option is long; say it shortly, with the option meant.
    const unknown = /^Unknown option '(--?[^']+)'/.exec(message);
    if (unknown) {
      const meant = closest(
        unknown[1]!,
        SCAFFOLD_OPTIONS.map((name) => `--${name}`),
      );
      throw new UsageError(`unknown option '${unknown[1]}'${meant ? ` (did you mean ${meant}?)` : ""}`);
    }
    throw new UsageError(message);
  }
}

function diffOf(write: PlannedWrite): string {
  return createTwoFilesPatch(
    `a/${write.relativePath}`,
    `b/${write.relativePath}`,
    write.previousContent ?? "",
    write.content,
    "current",
    "scaffolded",
    { context: 3 },
  );
}

/** Drops the keys whose value is undefined, so the schema's defaults apply. */
function defined<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export async function runScaffoldCommand(
  args: string[],
  output: CommandOutput = processOutput,
): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    output.stdout(`${SCAFFOLD_USAGE}\n`);
    return 0;
  }
  const [kind, ...extra] = positionals;
  if (kind !== "wsgi" && kind !== "asgi") {
    throw new UsageError(
      kind === undefined ? "scaffold needs wsgi or asgi" : `scaffold wsgi or asgi, not "${kind}"`,
    );
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (values.project === undefined) throw new UsageError("scaffold needs --project DIR");
  if (values.server === undefined) throw new UsageError("scaffold needs --server NAME");

  const project = path.resolve(values.project);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(project).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory) {
    output.stderr(`django-deploy scaffold: --project: ${project} is not a folder\n`);
    return 2;
  }

  const detected = detectProjectDefaults(readTextFile, project, project);
  const projectPackage = values.package ?? detected.projectPackage;
  if (projectPackage === undefined) {
    output.stderr(
      "django-deploy scaffold: --package (project package): not given, and manage.py does not name a settings module to find it from\n",
    );
    return 2;
  }
  // The production profile the checks use decides the settings module, never manage.py's default
  // when a production profile is known; the user's --settings wins over both.
  const facts = productionFacts([project], project, nodeFileSystem, projectPackage);
  const fromManagePy =
    detected.settingsModule &&
    (values.package === undefined || detected.settingsModule.startsWith(`${values.package}.`))
      ? detected.settingsModule
      : undefined;
  const settingsModule = values.settings ?? facts.settingsModule ?? fromManagePy;
  const settingsReason =
    values.settings !== undefined
      ? "chosen with --settings"
      : facts.settingsModule !== undefined
        ? facts.settingsReason
        : fromManagePy !== undefined
          ? `${facts.settingsReason}, so the one manage.py names`
          : undefined;
  // STATIC_ROOT and MEDIA_ROOT as the engine evaluates them, moved from this checkout to the server.
  const deployPath = values["deploy-path"] ?? defaultDeployPath(projectPackage);
  const onServer = (local: string | undefined) =>
    local === undefined ? undefined : serverSidePath(local, project, deployPath.replace(/(.)\/+$/, "$1"));
  const useFacts = settingsModule === facts.settingsModule;

  const answers: RawAnswers = {
    kind,
    server: values.server as RawAnswers["server"],
    projectPackage,
    targetFolder: ".",
    ...defined({
      settingsModule,
      djangoVersion: values["django-version"] ?? detected.djangoVersion,
      bind: values.bind,
      port: values.port,
      workers: values.workers,
      virtualenv: values.venv,
      deployPath: values["deploy-path"],
      domain: values.domain,
      staticUrl: values["static-url"],
      staticRoot: values["static-root"] ?? (useFacts ? onServer(facts.staticRoot) : undefined),
      mediaUrl: values["media-url"],
      mediaRoot: values["media-root"] ?? (useFacts ? onServer(facts.mediaRoot) : undefined),
      middleware: values.middleware,
      multiSite: values["multi-site"],
      authPath: values["auth-path"],
      groups: values.groups?.flatMap((list) => list.split(",")).map((group) => group.trim()),
      proxy: values.proxy,
      proxyPort: values["proxy-port"],
      socket: values.socket,
      parts: values.only === undefined ? undefined : [values.only],
    }),
  } as RawAnswers;

  const result = planScaffold(answers, nodeProjectFiles(project), fileTemplateSource(), {
    ...(settingsReason ? { settingsReason } : {}),
    ...(useFacts && facts.setsProxySslHeader !== undefined
      ? { setsProxySslHeader: facts.setsProxySslHeader }
      : {}),
  });
  if (!result.ok) {
    output.stderr(
      `django-deploy scaffold: nothing written; fix these answers:\n${result.issues.map((issue) => `  ${describeIssue(issue)}\n`).join("")}`,
    );
    return 2;
  }
  const plan = result.plan;
  if (plan.problems.length > 0) {
    output.stderr(
      `django-deploy scaffold: nothing written, because a file is in the way:\n${plan.problems.map((problem) => `  ${problem}\n`).join("")}`,
    );
    return 1;
  }
  const refused = plan.writes.filter((write) => write.action === "overwrite" && !values.force);
  if (refused.length > 0) {
    for (const write of refused) output.stdout(diffOf(write));
    output.stderr(
      `django-deploy scaffold: nothing written, because these exist and would change: ${refused.map((write) => write.relativePath).join(", ")}\n` +
        "Review the diff above, then re-run with --force to overwrite them (each keeps a .orig copy of its current text).\n",
    );
    return 1;
  }

  try {
    writePlan(plan.writes, true);
  } catch (error) {
    const message = error instanceof PlanWriteError ? error.message : String(error);
    output.stderr(`django-deploy scaffold: ${message}\n`);
    return 1;
  }
  for (const write of plan.writes) {
    const verb = { create: "created", overwrite: "overwrote", unchanged: "unchanged", kept: "kept" }[
      write.action
    ];
    output.stdout(
      `${verb} ${write.relativePath}${write.keptBecause ? ` (${write.keptBecause})` : ""}` +
        (write.action === "overwrite" ? ` (its previous text is in ${write.relativePath}.orig)` : "") +
        "\n",
    );
  }
  for (const note of plan.notes) output.stdout(`note: ${note}\n`);
  output.stdout(
    `Next, from the folder that contains manage.py:\n${plan.nextCommands.map((command) => `  ${command}\n`).join("")}`,
  );
  return 0;
}
