// The scaffold planner: (templates, answers, the files that exist) → the files to write, or the
// answers that are wrong. It reads through the ProjectFiles it is given and writes nothing, so the CLI
// and the VS Code commands decide how to show, confirm and write the plan.
import * as path from "node:path";
import {
  type ScaffoldAnswers,
  SERVER_INFO,
  type ValidationIssue,
  isAtLeast,
  validateAnswers,
} from "./answers";
import {
  appPath,
  bindAddress,
  commentLines,
  daphneRunserverNote,
  docsUrl,
  runCommand,
  runIntro,
  uvicornWorkerClass,
} from "./commandLines";
import { middlewareBlock } from "./middleware";
import { type TemplateValues, renderTemplate } from "./templateEngine";
import type { TemplateName, TemplateSource } from "./templates";

/** What the planner may know about the workspace. */
export interface ProjectFiles {
  /** The workspace folder, an absolute path: nothing is planned outside it. */
  root: string;
  /** The text of the file at an absolute path, or undefined when there is no such file. */
  readFile(absolutePath: string): string | undefined;
  /** The path with symbolic links resolved for the longest leading part that exists. */
  realPath(absolutePath: string): string;
}

export type WriteAction = "create" | "overwrite" | "unchanged";

export interface PlannedWrite {
  /** Absolute path. */
  path: string;
  /** Path relative to the workspace folder, with "/" separators. */
  relativePath: string;
  content: string;
  action: WriteAction;
  /** The file's current text when it exists. */
  previousContent: string | undefined;
}

export interface ScaffoldPlan {
  answers: ScaffoldAnswers;
  /** The folder the files are planned in (the one that contains manage.py), absolute. */
  targetFolder: string;
  writes: PlannedWrite[];
  /** Things the user still has to do, in sentences. */
  notes: string[];
}

export type PlanResult = { ok: true; plan: ScaffoldPlan } | { ok: false; issues: ValidationIssue[] };

/** The project paths that end up inside server configurations, worked out once. */
interface Layout {
  deployPath: string;
  packagePath: string;
  packageDirectory: string;
  entryFileName: string;
  entryRelative: string;
  entryPath: string;
  staticRoot: string;
  mediaRoot: string;
}

function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join("/");
}

function entryModule(answers: ScaffoldAnswers, templates: TemplateSource): string {
  const withConfig = answers.parts.includes("server");
  const values: TemplateValues = {
    projectPackage: answers.projectPackage,
    serverTitle: SERVER_INFO[answers.server].title,
    runIntro: runIntro(answers, withConfig),
    runCommand: runCommand(answers, withConfig),
    docsUrl: docsUrl(answers),
    settingsModule: answers.settingsModule,
    multiSite: answers.multiSite,
    auth: answers.server === "mod_wsgi-auth",
    groups: answers.groups.length > 0,
    middlewareBlock: middlewareBlock(answers.middleware, answers.kind),
  };
  const name: TemplateName = answers.kind === "wsgi" ? "wsgi.py.tpl" : "asgi.py.tpl";
  return render(templates, name, values);
}

function render(templates: TemplateSource, name: TemplateName, values: TemplateValues): string {
  const text = renderTemplate(templates(name), values, name);
  return text.endsWith("\n") ? text : `${text}\n`;
}

interface ServerFile {
  relative: string;
  content: string;
}

function serverFiles(answers: ScaffoldAnswers, layout: Layout, templates: TemplateSource): ServerFile[] {
  const info = SERVER_INFO[answers.server];
  const common = {
    projectPackage: answers.projectPackage,
    serverTitle: info.title,
    settingsModule: answers.settingsModule,
    docsUrl: docsUrl(answers),
    runCommand: runCommand(answers, true),
    bindAddress: bindAddress(answers),
    workers: String(answers.workers ?? ""),
    deployPath: layout.deployPath,
    virtualenv: answers.virtualenv ?? "",
  };
  switch (answers.server) {
    case "gunicorn":
    case "gunicorn-uvicorn": {
      const asgi = answers.server === "gunicorn-uvicorn";
      const workerClassComment = !asgi
        ? ""
        : isAtLeast(answers.djangoVersion, 5, 2)
          ? "# Django 5.2+ documents the uvicorn-worker package (pip install uvicorn-worker),\n" +
            "# which took over the worker that uvicorn.workers used to provide."
          : "# Django 5.2+ documents uvicorn_worker.UvicornWorker from the uvicorn-worker\n" +
            "# package instead; switch when you upgrade Django or Uvicorn drops this one.";
      return [
        {
          relative: "gunicorn.conf.py",
          content: render(templates, "gunicorn.conf.py.tpl", {
            ...common,
            workerNote: asgi ? ", running Uvicorn workers" : "",
            interface: asgi ? "ASGI" : "WSGI",
            appPath: appPath(answers),
            workerClass: asgi ? uvicornWorkerClass(answers) : "",
            workerClassComment,
          }),
        },
      ];
    }
    case "uwsgi":
      return [{ relative: "uwsgi.ini", content: render(templates, "uwsgi.ini.tpl", common) }];
    case "mod_wsgi":
    case "mod_wsgi-auth": {
      const auth = answers.server === "mod_wsgi-auth";
      const domain = answers.domain as string;
      const daemonOptions = [
        `processes=${answers.workers}`,
        "threads=15",
        "display-name=%{GROUP}",
        "lang=C.UTF-8",
        "locale=C.UTF-8",
        `python-path=${layout.deployPath}`,
        ...(answers.virtualenv ? [`python-home=${answers.virtualenv}`] : []),
      ].join(" ");
      return [
        {
          relative: `apache/${domain}.conf`,
          content: render(templates, "apache-site.conf.tpl", {
            ...common,
            neededModules: auth
              ? "mod_wsgi, mod_alias, mod_auth_basic, mod_authn_core, mod_authz_user and mod_authz_core"
              : "mod_wsgi, mod_alias and mod_authz_core",
            authSummary: auth ? ", with HTTP Basic authentication against Django's users" : "",
            domain,
            port: String(answers.port),
            auth,
            daemonName: domain,
            daemonOptions,
            wsgiPath: `${layout.deployPath}/${layout.entryRelative}`,
            wsgiFileName: layout.entryFileName,
            packageDirectory: `${layout.deployPath}/${layout.packagePath}`,
            staticUrl: answers.staticUrl,
            staticRoot: layout.staticRoot,
            mediaUrl: answers.mediaUrl,
            mediaRoot: layout.mediaRoot,
            authPath: answers.authPath,
            groups: answers.groups.length > 0,
            groupList: answers.groups.map((group) => `"${group}"`).join(" "),
          }),
        },
      ];
    }
    case "hypercorn":
      return [{ relative: "hypercorn.toml", content: render(templates, "hypercorn.toml.tpl", common) }];
    case "daphne":
    case "uvicorn": {
      const unitName = `${answers.projectPackage.replace(/\./g, "-")}-${answers.server}`;
      const unitFile = `deploy/${answers.server}.service`;
      const execStart =
        answers.server === "daphne"
          ? answers.virtualenv
            ? runCommand(answers, true)
            : `/usr/bin/python3 -m daphne -b ${answers.bind} -p ${answers.port} ${appPath(answers)}`
          : runCommand(answers, true).replace(/^python3 /, "/usr/bin/python3 ");
      const note = daphneRunserverNote(answers);
      return [
        {
          relative: `deploy/Procfile.${answers.server}`,
          content: render(templates, "Procfile.tpl", {
            ...common,
            unitFile,
            runserverNote: note ? commentLines(note) : "",
          }),
        },
        {
          relative: unitFile,
          content: render(templates, "systemd.service.tpl", { ...common, unitName, execStart }),
        },
      ];
    }
  }
}

function notesFor(answers: ScaffoldAnswers): string[] {
  const notes: string[] = [];
  const info = SERVER_INFO[answers.server];
  const runserver = daphneRunserverNote(answers);
  if (runserver) notes.push(runserver);
  if (answers.server === "gunicorn-uvicorn" && isAtLeast(answers.djangoVersion, 5, 2)) {
    notes.push("Install the worker with: python -m pip install uvicorn uvicorn-worker gunicorn");
  }
  if (info.apache && answers.parts.includes("server")) {
    notes.push("Run manage.py collectstatic so that Apache finds the files under STATIC_ROOT.");
  }
  if (answers.server === "mod_wsgi-auth" && answers.parts.includes("server")) {
    notes.push("Apache needs mod_auth_basic and mod_authz_user: a2enmod auth_basic authz_user");
  }
  return notes;
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

const deployablePath = /^\/[A-Za-z0-9._@+\-/]*$/;

/** Plans the files for `rawAnswers`; nothing is planned when any answer is wrong. */
export function planScaffold(
  rawAnswers: unknown,
  files: ProjectFiles,
  templates: TemplateSource,
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

  let deployPath = answers.deployPath;
  if (deployPath === undefined) {
    const local = toPosix(target);
    if (deployablePath.test(local)) deployPath = local;
    else {
      issues.push({
        field: "deployPath",
        message: `is needed: the project folder ${target} cannot be written into a server configuration as it is; give the project's absolute path on the server`,
      });
    }
  }
  if (issues.length > 0 || deployPath === undefined) return { ok: false, issues };

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

  const planned: ServerFile[] = [];
  if (answers.parts.includes("entry")) {
    planned.push({ relative: layout.entryRelative, content: entryModule(resolvedAnswers, templates) });
  }
  if (answers.parts.includes("server")) planned.push(...serverFiles(resolvedAnswers, layout, templates));

  const realRoot = files.realPath(path.resolve(files.root));
  const writes: PlannedWrite[] = [];
  for (const file of planned) {
    const absolute = path.join(target, ...file.relative.split("/"));
    const relativePath = toPosix(path.relative(files.root, absolute));
    if (!isInside(realRoot, files.realPath(absolute))) {
      issues.push({
        field: "targetFolder",
        message: `${relativePath} is a symbolic link that leaves the workspace folder; it is not written through`,
      });
      continue;
    }
    const previousContent = files.readFile(absolute);
    const action: WriteAction =
      previousContent === undefined ? "create" : previousContent === file.content ? "unchanged" : "overwrite";
    writes.push({ path: absolute, relativePath, content: file.content, action, previousContent });
  }
  if (issues.length > 0) return { ok: false, issues };

  return {
    ok: true,
    plan: { answers: resolvedAnswers, targetFolder: target, writes, notes: notesFor(answers) },
  };
}

export { runCommand, uvicornWorkerClass };
