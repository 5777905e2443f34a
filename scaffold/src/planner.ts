// The scaffold planner: (templates, answers, the files that exist) → the files to write, or the
// answers that are wrong. It reads through the ProjectFiles it is given and writes nothing, so the CLI
// and the VS Code commands decide how to show, confirm and write the plan. A plan is all or nothing:
// every target is looked at before anything is written, and a target that cannot safely be replaced
// (unreadable, not a regular file, read-only) is a problem of the whole plan.
import * as path from "node:path";
import {
  type ScaffoldAnswers,
  SERVER_INFO,
  type ValidationIssue,
  isAtLeast,
  validateAnswers,
} from "./answers";
import { daphneRunserverNote, runCommand, uvicornWorkerClass } from "./commandLines";
import { entryKeptBecause, entryModule } from "./entryModule";
import { type Layout, type ServerFile, nginxSiteFile, serverFiles, siteName } from "./serverFiles";
import type { TemplateSource } from "./templates";

/** What is at a path, as far as writing over it goes. */
export type FileState =
  | { kind: "missing" }
  | { kind: "file"; readOnly?: boolean }
  | { kind: "unreadable"; reason: string }
  | { kind: "not-a-file"; what: string };

/** What the planner may know about the workspace. */
export interface ProjectFiles {
  /** The workspace folder, an absolute path: nothing is planned outside it. */
  root: string;
  /** The text of the file at an absolute path, or undefined when there is no such file. */
  readFile(absolutePath: string): string | undefined;
  /** The path with symbolic links resolved for the longest leading part that exists. */
  realPath(absolutePath: string): string;
  /**
   * What is at the path (without following a final symbolic link's target out of the project is the
   * planner's job). Without it, a file readFile gives no text for counts as missing.
   */
  fileState?(absolutePath: string): FileState;
}

/**
 * create: a new file; overwrite: an existing file that differs; unchanged: the same text is there;
 * kept: an existing entry module that already does what the plan needs, left as it is.
 */
export type WriteAction = "create" | "overwrite" | "unchanged" | "kept";

export interface PlannedWrite {
  /** Absolute path, with symbolic links inside the workspace resolved: where the text goes. */
  path: string;
  /** Path relative to the workspace folder, with "/" separators. */
  relativePath: string;
  content: string;
  action: WriteAction;
  /** The file's current text when it exists. */
  previousContent: string | undefined;
  /** For "kept": why the existing file is left as it is. */
  keptBecause?: string;
}

export interface ScaffoldPlan {
  answers: ScaffoldAnswers;
  /** The folder the files are planned in (the one that contains manage.py), absolute. */
  targetFolder: string;
  writes: PlannedWrite[];
  /** Things the user should know or still has to do, in sentences. */
  notes: string[];
  /** Why nothing can be written (a target that cannot be read or replaced); empty when it can. */
  problems: string[];
  /** The commands to run next, in order, once the files are written. */
  nextCommands: string[];
}

export type PlanResult = { ok: true; plan: ScaffoldPlan } | { ok: false; issues: ValidationIssue[] };

/** What the caller learnt about the project from the checks' engine (projectFacts.ts). */
export interface PlanContext {
  /** Why the settings module is the one it is, for the notes. */
  settingsReason?: string;
  /** Whether the production settings set SECURE_PROXY_SSL_HEADER (undefined: not known). */
  setsProxySslHeader?: boolean;
}

function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join("/");
}

/** The project's folder on the server when the user does not say: /srv/<top package>. */
export function defaultDeployPath(projectPackage: string): string {
  return `/srv/${projectPackage.split(".")[0]}`;
}

/** Whether any planned file names the project's folder on the server. */
function usesDeployPath(answers: ScaffoldAnswers): boolean {
  if (!answers.parts.includes("server")) return false;
  if (answers.proxy === "nginx") return true;
  return !["gunicorn", "gunicorn-uvicorn", "hypercorn"].includes(answers.server);
}

function notesFor(answers: ScaffoldAnswers, context: PlanContext, deployPathDefaulted: boolean): string[] {
  const notes: string[] = [];
  const info = SERVER_INFO[answers.server];
  const hasServer = answers.parts.includes("server");
  if (context.settingsReason) {
    notes.push(`Settings module ${answers.settingsModule}: ${context.settingsReason}.`);
  }
  if (deployPathDefaulted && usesDeployPath(answers)) {
    notes.push(
      `The project's folder on the server is taken to be ${answers.deployPath} (the default); give the deploy path if it is elsewhere.`,
    );
  }
  const runserver = daphneRunserverNote(answers);
  if (runserver) notes.push(runserver);
  if (answers.server === "gunicorn-uvicorn" && isAtLeast(answers.djangoVersion, 5, 2)) {
    notes.push("Install the worker with: python -m pip install uvicorn uvicorn-worker gunicorn");
  }
  if (answers.server === "mod_wsgi-auth" && hasServer) {
    notes.push("Apache needs mod_auth_basic and mod_authz_user: a2enmod auth_basic authz_user");
  }
  if (hasServer && answers.proxy === "nginx") {
    if (answers.bind !== "127.0.0.1" && answers.bind !== "::1" && !answers.socket) {
      notes.push(
        `${info.title} listens on ${answers.bind}, which other machines can reach past nginx; 127.0.0.1 or a Unix socket keeps nginx the only way in.`,
      );
    }
    if (context.setsProxySslHeader !== true) {
      notes.push(
        `nginx sends X-Forwarded-Proto: set SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") in ${answers.settingsModule} so that Django knows which requests came over HTTPS.`,
      );
    }
  }
  return notes;
}

/** The commands to run once the files are written, in order. */
function nextCommandsFor(answers: ScaffoldAnswers): string[] {
  const commands: string[] = [];
  if (!answers.parts.includes("server")) {
    commands.push(runCommand(answers, false));
    return commands;
  }
  const info = SERVER_INFO[answers.server];
  if (info.apache || answers.proxy === "nginx") commands.push("python manage.py collectstatic --noinput");
  if (answers.server === "daphne" || answers.server === "uvicorn") {
    const unit = `${siteName(answers)}-${answers.server}`;
    commands.push(
      `sudo cp deploy/${answers.server}.service /etc/systemd/system/${unit}.service`,
      `sudo systemctl daemon-reload && sudo systemctl enable --now ${unit}`,
    );
  } else if (info.apache) {
    commands.push(
      `sudo cp apache/${answers.domain}.conf /etc/apache2/sites-available/`,
      `sudo a2ensite ${answers.domain} && sudo systemctl reload apache2`,
    );
  } else {
    commands.push(runCommand(answers, true));
  }
  if (answers.proxy === "nginx") {
    const site = siteName(answers);
    commands.push(
      `sudo cp ${nginxSiteFile(answers)} /etc/nginx/sites-available/${site}.conf`,
      `sudo ln -s ../sites-available/${site}.conf /etc/nginx/sites-enabled/${site}.conf`,
      "sudo nginx -t && sudo systemctl reload nginx",
    );
  }
  return commands;
}

/** Why `state` stops the plan from writing over the target, or undefined when it does not. */
function stateProblem(relativePath: string, state: FileState, action: WriteAction): string | undefined {
  switch (state.kind) {
    case "unreadable":
      return `${relativePath} exists but cannot be read (${state.reason}), so it cannot be compared or kept: make it readable or move it away`;
    case "not-a-file":
      return `${relativePath} is ${state.what}, not a regular file: move it away`;
    case "file":
      return state.readOnly && action === "overwrite"
        ? `${relativePath} is read-only: make it writable to have it replaced`
        : undefined;
    case "missing":
      return undefined;
  }
}

function existsModule(files: ProjectFiles, target: string, dotted: string): boolean {
  const base = path.join(target, ...dotted.split("."));
  return (
    files.readFile(`${base}.py`) !== undefined || files.readFile(path.join(base, "__init__.py")) !== undefined
  );
}

function locateTarget(
  answers: ScaffoldAnswers,
  files: ProjectFiles,
): { target: string } | { issue: ValidationIssue } {
  const raw = answers.targetFolder;
  if (raw.split(/[\\/]+/).includes("..")) {
    return {
      issue: { field: "targetFolder", message: `must not contain ".." (got ${JSON.stringify(raw)})` },
    };
  }
  const root = path.resolve(files.root);
  const target = path.resolve(root, raw);
  if (!isInside(root, target)) {
    return {
      issue: { field: "targetFolder", message: `must be inside the workspace folder ${root} (got ${raw})` },
    };
  }
  const realTarget = files.realPath(target);
  if (!isInside(files.realPath(root), realTarget)) {
    return {
      issue: {
        field: "targetFolder",
        message: `leaves the workspace folder through a symbolic link (${raw} is ${realTarget})`,
      },
    };
  }
  return { target };
}

/** Plans the files for `rawAnswers`; nothing is planned when any answer is wrong. */
export function planScaffold(
  rawAnswers: unknown,
  files: ProjectFiles,
  templates: TemplateSource,
  context: PlanContext = {},
): PlanResult {
  const validated = validateAnswers(rawAnswers);
  if (!validated.ok) return validated;
  const answers = validated.answers;

  const located = locateTarget(answers, files);
  if ("issue" in located) return { ok: false, issues: [located.issue] };
  const target = located.target;

  const issues: ValidationIssue[] = [];
  const packagePath = answers.projectPackage.split(".").join("/");
  if (files.readFile(path.join(target, ...answers.projectPackage.split("."), "__init__.py")) === undefined) {
    issues.push({
      field: "projectPackage",
      message: `no package ${answers.projectPackage} in ${toPosix(path.relative(files.root, target)) || "."} (looked for ${packagePath}/__init__.py)`,
    });
  } else if (!existsModule(files, target, answers.settingsModule)) {
    const settingsPath = answers.settingsModule.split(".").join("/");
    issues.push({
      field: "settingsModule",
      message: `no module ${answers.settingsModule} in the project (looked for ${settingsPath}.py and ${settingsPath}/__init__.py)`,
    });
  }
  if (issues.length > 0) return { ok: false, issues };

  // The checkout's own path never goes into a server file unless the user gave it as the deploy path.
  const deployPath = answers.deployPath ?? defaultDeployPath(answers.projectPackage);
  const entryFileName = `${answers.kind}.py`;
  const layout: Layout = {
    deployPath,
    packagePath,
    packageDirectory: `${deployPath}/${packagePath}`,
    entryFileName,
    entryRelative: `${packagePath}/${entryFileName}`,
    entryPath: path.join(target, ...answers.projectPackage.split("."), entryFileName),
    staticRoot: answers.staticRoot ?? `${deployPath}/staticfiles`,
    mediaRoot: answers.mediaRoot ?? `${deployPath}/media`,
  };
  const resolvedAnswers: ScaffoldAnswers = { ...answers, deployPath };

  const planned: (ServerFile & { entry?: boolean })[] = [];
  if (answers.parts.includes("entry")) {
    planned.push({
      relative: layout.entryRelative,
      content: entryModule(resolvedAnswers, templates),
      entry: true,
    });
  }
  if (answers.parts.includes("server")) planned.push(...serverFiles(resolvedAnswers, layout, templates));

  const realRoot = files.realPath(path.resolve(files.root));
  const writes: PlannedWrite[] = [];
  const problems: string[] = [];
  for (const file of planned) {
    const absolute = path.join(target, ...file.relative.split("/"));
    const relativePath = toPosix(path.relative(files.root, absolute));
    const real = files.realPath(absolute);
    if (!isInside(realRoot, real)) {
      issues.push({
        field: "targetFolder",
        message: `${relativePath} leads out of the workspace folder through a symbolic link (to ${real}); it is not written through`,
      });
      continue;
    }
    const state = files.fileState?.(real);
    const previousContent = state && state.kind !== "file" ? undefined : files.readFile(real);
    // Something that exists but gives no text (unreadable, a FIFO, a folder) is never "created" over.
    const exists = state !== undefined ? state.kind !== "missing" : previousContent !== undefined;
    let action: WriteAction = !exists
      ? "create"
      : previousContent === file.content
        ? "unchanged"
        : "overwrite";
    const keptBecause =
      file.entry && action === "overwrite" && previousContent !== undefined
        ? entryKeptBecause(previousContent, resolvedAnswers)
        : undefined;
    if (keptBecause) action = "kept";
    const problem = state ? stateProblem(relativePath, state, action) : undefined;
    if (problem) problems.push(problem);
    writes.push({
      path: real,
      relativePath,
      content: file.content,
      action,
      previousContent,
      ...(keptBecause ? { keptBecause } : {}),
    });
  }
  if (issues.length > 0) return { ok: false, issues };

  return {
    ok: true,
    plan: {
      answers: resolvedAnswers,
      targetFolder: target,
      writes,
      notes: notesFor(resolvedAnswers, context, answers.deployPath === undefined),
      problems,
      nextCommands: nextCommandsFor(resolvedAnswers),
    },
  };
}

export { runCommand, uvicornWorkerClass };
