// The text that tells a user how to run each server: command lines, their introduction in the
// generated files' comments, and the Django version differences they depend on.
import { type ScaffoldAnswers, SERVER_INFO, isAtLeast } from "./answers";

const DOCS_ROOT = "https://docs.djangoproject.com/en";

/** Where the app server listens, as Gunicorn and Hypercorn write it: host:port, or unix:/path. */
export function bindAddress(answers: ScaffoldAnswers): string {
  if (answers.socket) return `unix:${answers.socket}`;
  return tcpAddress(answers);
}

function tcpAddress(answers: ScaffoldAnswers): string {
  return answers.bind.includes(":") ? `[${answers.bind}]:${answers.port}` : `${answers.bind}:${answers.port}`;
}

/** uWSGI's http-socket: host:port, or the socket's path. */
export function uwsgiSocket(answers: ScaffoldAnswers): string {
  return answers.socket ?? tcpAddress(answers);
}

/** Where nginx finds the app server, as its `upstream { server … }` line writes it. */
export function upstreamServer(answers: ScaffoldAnswers): string {
  if (answers.socket) return `unix:${answers.socket}`;
  const host = answers.bind === "0.0.0.0" ? "127.0.0.1" : answers.bind === "::" ? "::1" : answers.bind;
  return host.includes(":") ? `[${host}]:${answers.port}` : `${host}:${answers.port}`;
}

/**
 * The addresses whose X-Forwarded-* headers the app server trusts: nginx on the same machine, which
 * reaches a TCP port from the loopback address; over a Unix socket there is no address, and only
 * processes allowed to open the socket reach the server, so every peer is trusted.
 */
export function forwardedAllowIps(answers: ScaffoldAnswers): string {
  return answers.socket ? "*" : "127.0.0.1,::1";
}

function behindProxy(answers: ScaffoldAnswers): boolean {
  return answers.proxy !== "none";
}

export function docsUrl(answers: ScaffoldAnswers): string {
  return `${DOCS_ROOT}/${answers.djangoVersion.text}/howto/deployment/${SERVER_INFO[answers.server].docsPage}`;
}

export function appPath(answers: ScaffoldAnswers): string {
  return `${answers.projectPackage}.${answers.kind}:application`;
}

export function program(answers: ScaffoldAnswers, name: string): string {
  return answers.virtualenv ? `${answers.virtualenv}/bin/${name}` : name;
}

export function python(answers: ScaffoldAnswers): string {
  return answers.virtualenv ? `${answers.virtualenv}/bin/python` : "python3";
}

/** Uvicorn's Gunicorn worker moved to the uvicorn-worker package; Django's 5.2 docs follow it. */
export function uvicornWorkerClass(answers: ScaffoldAnswers): string {
  return isAtLeast(answers.djangoVersion, 5, 2)
    ? "uvicorn_worker.UvicornWorker"
    : "uvicorn.workers.UvicornWorker";
}

export function hostOption(answers: ScaffoldAnswers): string {
  return answers.bind;
}

/**
 * The command a Procfile runs: a platform that reads Procfiles routes to the port in $PORT on any
 * interface, and its router (on another address) sets the forwarded headers.
 */
export function procfileCommand(answers: ScaffoldAnswers): string {
  const app = appPath(answers);
  if (answers.server === "daphne") {
    return `${program(answers, "daphne")} -b 0.0.0.0 -p $PORT --proxy-headers ${app}`;
  }
  return (
    `${python(answers)} -m uvicorn ${app} --host 0.0.0.0 --port $PORT --workers ${answers.workers}` +
    ` --proxy-headers --forwarded-allow-ips '*'`
  );
}

/** The command that starts the server; `withConfig` when the server's configuration file is planned. */
export function runCommand(answers: ScaffoldAnswers, withConfig: boolean): string {
  const app = appPath(answers);
  switch (answers.server) {
    case "gunicorn":
    case "gunicorn-uvicorn":
      if (withConfig) return `${program(answers, "gunicorn")} -c gunicorn.conf.py`;
      return (
        `${program(answers, "gunicorn")} ${app} --bind ${bindAddress(answers)} --workers ${answers.workers}` +
        (answers.server === "gunicorn-uvicorn" ? ` --worker-class ${uvicornWorkerClass(answers)}` : "")
      );
    case "uwsgi":
      if (withConfig) return `${program(answers, "uwsgi")} --ini uwsgi.ini`;
      return (
        `${program(answers, "uwsgi")} --http-socket ${uwsgiSocket(answers)} --module ${app} ` +
        `--env DJANGO_SETTINGS_MODULE=${answers.settingsModule} --master --processes ${answers.workers}`
      );
    case "mod_wsgi":
    case "mod_wsgi-auth":
      return `a2ensite ${answers.domain ?? "<domain>"} && systemctl reload apache2`;
    case "daphne":
      return (
        `${program(answers, "daphne")} ` +
        (answers.socket ? `-u ${answers.socket}` : `-b ${hostOption(answers)} -p ${answers.port}`) +
        (behindProxy(answers) ? " --proxy-headers" : "") +
        ` ${app}`
      );
    case "hypercorn":
      if (withConfig) return `${program(answers, "hypercorn")} --config hypercorn.toml ${app}`;
      return `${program(answers, "hypercorn")} --bind ${bindAddress(answers)} --workers ${answers.workers} ${app}`;
    case "uvicorn":
      return (
        `${python(answers)} -m uvicorn ${app} ` +
        (answers.socket
          ? `--uds ${answers.socket}`
          : `--host ${hostOption(answers)} --port ${answers.port}`) +
        ` --workers ${answers.workers}` +
        (behindProxy(answers)
          ? ` --proxy-headers --forwarded-allow-ips ${answers.socket ? "'*'" : "127.0.0.1"}`
          : "")
      );
  }
}

export function runIntro(answers: ScaffoldAnswers, withConfig: boolean): string {
  const info = SERVER_INFO[answers.server];
  if (info.apache) {
    return withConfig
      ? `Apache runs it as apache/${answers.domain}.conf says: copy that file to\n/etc/apache2/sites-available/, then:`
      : "Apache runs it through WSGIScriptAlias; once the site is configured:";
  }
  return `Start ${info.title} from the directory that contains manage.py:`;
}

export function daphneRunserverNote(answers: ScaffoldAnswers): string {
  if (answers.server !== "daphne" || !isAtLeast(answers.djangoVersion, 4, 2)) return "";
  return (
    `To have "manage.py runserver" serve through Daphne too (Django 4.2+), put "daphne" first in ` +
    `INSTALLED_APPS and set ASGI_APPLICATION = "${answers.projectPackage}.asgi.application".`
  );
}

export function commentLines(text: string, width = 78): string {
  const lines: string[] = [];
  let line = "#";
  for (const word of text.split(/\s+/)) {
    if (line.length + 1 + word.length > width && line !== "#") {
      lines.push(line);
      line = "#";
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join("\n");
}
