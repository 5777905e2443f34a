// The server configurations the scaffold writes for each app server, and the nginx site in front
// of it. Every path on the server comes from the Layout, worked out once by the planner.
import { type ScaffoldAnswers, SERVER_INFO, isAtLeast } from "./answers";
import {
  appPath,
  bindAddress,
  commentLines,
  daphneRunserverNote,
  docsUrl,
  forwardedAllowIps,
  procfileCommand,
  runCommand,
  upstreamServer,
  uvicornWorkerClass,
  uwsgiSocket,
} from "./commandLines";
import { render } from "./entryModule";
import type { TemplateSource } from "./templates";

/** The project paths that end up inside server configurations, worked out once. */
export interface Layout {
  deployPath: string;
  packagePath: string;
  packageDirectory: string;
  entryFileName: string;
  entryRelative: string;
  entryPath: string;
  staticRoot: string;
  mediaRoot: string;
}

export interface ServerFile {
  relative: string;
  content: string;
}

/** A name for the site's files and units: the top package, which every server file already names. */
export function siteName(answers: ScaffoldAnswers): string {
  return answers.projectPackage.replace(/\./g, "-");
}

/** Where the nginx site configuration is written, relative to the project folder. */
export function nginxSiteFile(answers: ScaffoldAnswers): string {
  return `deploy/nginx/${siteName(answers)}.conf`;
}

export function serverFiles(
  answers: ScaffoldAnswers,
  layout: Layout,
  templates: TemplateSource,
): ServerFile[] {
  const files = appServerFiles(answers, layout, templates);
  if (answers.proxy === "nginx") files.push(nginxSite(answers, layout, templates));
  return files;
}

/**
 * The nginx site. It proxies HTTP to every app server: the uwsgi.ini the scaffold writes speaks HTTP
 * (http-socket) too, so uwsgi_pass and uWSGI's own protocol are not needed.
 */
function nginxSite(answers: ScaffoldAnswers, layout: Layout, templates: TemplateSource): ServerFile {
  const info = SERVER_INFO[answers.server];
  const relative = nginxSiteFile(answers);
  const upstream = upstreamServer(answers);
  return {
    relative,
    content: render(templates, "nginx-site.conf.tpl", {
      projectPackage: answers.projectPackage,
      serverTitle: info.title,
      settingsModule: answers.settingsModule,
      docsUrl: docsUrl(answers),
      siteFile: relative,
      siteName: siteName(answers),
      serverName: answers.domain ?? "_",
      upstreamName: `${answers.projectPackage.replace(/\./g, "_")}_app`,
      upstreamServer: upstream,
      upstreamDescription: upstream.startsWith("unix:") ? `the socket ${answers.socket}` : upstream,
      proxyPort: String(answers.proxyPort),
      staticUrl: answers.staticUrl,
      staticRoot: layout.staticRoot,
      mediaUrl: answers.mediaUrl,
      mediaRoot: layout.mediaRoot,
      websockets: info.kind === "asgi",
    }),
  };
}

function appServerFiles(answers: ScaffoldAnswers, layout: Layout, templates: TemplateSource): ServerFile[] {
  const info = SERVER_INFO[answers.server];
  const common = {
    projectPackage: answers.projectPackage,
    serverTitle: info.title,
    settingsModule: answers.settingsModule,
    docsUrl: docsUrl(answers),
    runCommand: runCommand(answers, true),
    bindAddress: bindAddress(answers),
    uwsgiSocket: uwsgiSocket(answers),
    socket: answers.socket ?? "",
    workers: String(answers.workers ?? ""),
    deployPath: layout.deployPath,
    virtualenv: answers.virtualenv ?? "",
    behindProxy: answers.proxy !== "none",
    proxyTitle: answers.proxy === "nginx" ? "nginx" : "",
    forwardedAllowIps: forwardedAllowIps(answers),
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
      const unitName = `${siteName(answers)}-${answers.server}`;
      const unitFile = `deploy/${answers.server}.service`;
      const command = runCommand(answers, true);
      const execStart =
        answers.server === "daphne"
          ? answers.virtualenv
            ? command
            : command.replace(/^daphne /, "/usr/bin/python3 -m daphne ")
          : command.replace(/^python3 /, "/usr/bin/python3 ");
      const note = daphneRunserverNote(answers);
      return [
        {
          relative: `deploy/Procfile.${answers.server}`,
          content: render(templates, "Procfile.tpl", {
            ...common,
            runCommand: procfileCommand(answers),
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
