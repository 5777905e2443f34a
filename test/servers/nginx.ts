// nginx for the server tests: Debian's binary run in the foreground with its own prefix, main
// configuration, error log, pid file and temporary folders under a test folder, around a copy of the
// scaffolded site that listens on a loopback port instead of every interface.
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ServerProcess, run } from "./harness";

export const NGINX = "/usr/sbin/nginx";

/** The scaffolded site, listening on 127.0.0.1:`port` only (the test must not open a public port). */
export function loopbackSite(siteFile: string, port: number, runFolder: string): string {
  const site = readFileSync(siteFile, "utf8");
  const loopback = site
    .replace(new RegExp(`^ {4}listen ${port};$`, "m"), `    listen 127.0.0.1:${port};`)
    .replace(new RegExp(`^ {4}listen \\[::\\]:${port};\\n`, "m"), "");
  if (!loopback.includes(`listen 127.0.0.1:${port};`)) throw new Error(`no "listen ${port};" in ${siteFile}`);
  const copy = path.join(runFolder, "site.conf");
  writeFileSync(copy, loopback);
  return copy;
}

/** The main configuration: what /etc/nginx/nginx.conf gives a site, with every file in `runFolder`. */
export function writeNginxConfiguration(runFolder: string, siteConfiguration: string): string {
  const configuration = [
    "worker_processes 1;",
    "daemon off;",
    `pid ${runFolder}/nginx.pid;`,
    `error_log ${runFolder}/error.log info;`,
    "events { worker_connections 64; }",
    "http {",
    "    include /etc/nginx/mime.types;",
    "    default_type application/octet-stream;",
    `    access_log ${runFolder}/access.log;`,
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(
      (name) => `    ${name}_temp_path ${runFolder}/${name}_temp;`,
    ),
    `    include ${siteConfiguration};`,
    "}",
    "",
  ].join("\n");
  const file = path.join(runFolder, "nginx.conf");
  writeFileSync(file, configuration);
  return file;
}

function nginxArguments(runFolder: string, configuration: string): string[] {
  return ["-p", `${runFolder}/`, "-c", configuration, "-e", `${runFolder}/error.log`];
}

/** `nginx -t` on the configuration; throws with nginx's own words when it is wrong. */
export function testNginxConfiguration(runFolder: string, configuration: string): void {
  run(NGINX, [...nginxArguments(runFolder, configuration), "-t", "-q"]);
}

export function startNginx(runFolder: string, configuration: string): ServerProcess {
  return new ServerProcess("nginx", NGINX, nginxArguments(runFolder, configuration), {
    cwd: runFolder,
    stopSignal: "SIGQUIT",
  });
}

export function nginxErrorLog(runFolder: string): string {
  try {
    return readFileSync(path.join(runFolder, "error.log"), "utf8");
  } catch {
    return "";
  }
}
