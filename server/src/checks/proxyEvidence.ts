// Signs in the workspace that the site runs behind a reverse proxy that terminates TLS: an app
// server bound to the loopback interface or a Unix socket (or speaking uWSGI's own protocol), a web
// process on a platform whose router terminates TLS (a Procfile, fly.toml, render.yaml, App Engine's
// app.yaml), a gunicorn or uWSGI configuration file binding that way, an nginx, Apache or Caddy
// configuration that proxies, or a proxy image among the production compose services.
import { basename } from "node:path";
import type { CheckContext } from "./context";
import { findOnLines, productionDeploymentFiles, servingCommands, workspaceFact } from "./deploymentFiles";
import { readConfigFile } from "../project/configFile";
import type { Location } from "../python/location";

export interface ProxyEvidence extends Location {
  /** What was found, as a phrase: "gunicorn bound to 127.0.0.1:8000 (the web process)". */
  description: string;
}

const LOOPBACK = /^(unix:|127\.|localhost(:|$)|\[::1\])/;
const GUNICORN_CONFIG = /^gunicorn([._-](conf|config|cfg))?\.py$|^gunicorn\.conf\.py$/;
const PROXY_CONFIG = /\.conf(\.template|\.tpl)?$|^Caddyfile$|^httpd\.conf$/;
const PROXY_DIRECTIVE = /^[ \t]*(proxy_pass|uwsgi_pass|ProxyPass|reverse_proxy)\s+\S/m;
const PLATFORM_FILES: Record<string, string> = {
  "fly.toml": "Fly.io's proxy terminates TLS (fly.toml)",
  "render.yaml": "Render's load balancer terminates TLS (render.yaml)",
  "app.yaml": "App Engine's front end terminates TLS (app.yaml)",
};
const PROXY_IMAGE = /^[ \t]*image:[ \t]*["']?(?:[\w.-]+\/)*(nginx|traefik|caddy|haproxy|httpd)(:|["'\s]|$)/m;

/** One function object per filter, so the engine reuses its searches of the workspace. */
const isGunicornConfig = (name: string) => GUNICORN_CONFIG.test(name);
const isIniFile = (name: string) => name.endsWith(".ini");
const isProxyConfig = (name: string) => PROXY_CONFIG.test(name);
const isPlatformFile = (name: string) => name in PLATFORM_FILES;

/** The flags that bind each server, and whether a flag alone (any address) means a proxy in front. */
const BIND_FLAGS: Record<string, { flags: string[]; protocolFlags?: string[] }> = {
  gunicorn: { flags: ["--bind", "-b"] },
  uwsgi: { flags: ["--http-socket"], protocolFlags: ["--socket", "-s", "--uwsgi-socket"] },
  daphne: { flags: ["--bind", "-b"], protocolFlags: ["--unix-socket", "-u", "--fd"] },
  uvicorn: { flags: ["--host"], protocolFlags: ["--uds", "--fd"] },
  hypercorn: { flags: ["--bind", "-b"] },
};

/**
 * The proxy evidence of the whole workspace: the same for every profile, so found once per analysis
 * (every profile of a monorepo asked again, each reading every project's serving commands).
 */
export function proxyEvidence(context: CheckContext): ProxyEvidence[] {
  return workspaceFact(context, proxyEvidence, () => findProxyEvidence(context));
}

function findProxyEvidence(context: CheckContext): ProxyEvidence[] {
  const found: ProxyEvidence[] = [];
  const at = (file: string, line: number, start: number, end: number, description: string) =>
    found.push({
      file,
      range: { start: { line, character: start }, end: { line, character: end } },
      description,
    });

  for (const serving of servingCommands(context)) {
    const words = serving.command.words;
    const program = words
      .map((word) => word?.split("/").pop())
      .find((word) => word !== undefined && word in BIND_FLAGS);
    if (serving.kind === "procfile" && serving.where === "the web process") {
      at(
        serving.file,
        serving.line,
        0,
        3,
        "a Procfile web process, behind its platform's router that terminates TLS",
      );
      continue;
    }
    if (!program) continue;
    const flags = BIND_FLAGS[program]!;
    for (let index = 0; index < words.length; index++) {
      const word = words[index];
      if (word === undefined) continue;
      const [flag, inline] = word.includes("=")
        ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)]
        : [word, undefined];
      const value = inline ?? words[index + 1];
      const protocol = flags.protocolFlags?.includes(flag);
      if (!protocol && !(flags.flags.includes(flag) && value !== undefined && LOOPBACK.test(value))) continue;
      const text = context.source(serving.file) ?? "";
      const place = findOnLines(text, serving.line, new RegExp(escape(word))) ?? {
        line: serving.line,
        start: 0,
        end: 0,
      };
      at(
        serving.file,
        place.line,
        place.start,
        place.end,
        `${program} ${word}${inline === undefined && value ? ` ${value}` : ""} (${serving.where})`,
      );
    }
  }
  for (const file of context.workspaceFiles(isGunicornConfig)) {
    const text = context.source(file) ?? "";
    const match = /^bind\s*=\s*\[?\s*["']([^"']+)["']/m.exec(text);
    if (match && LOOPBACK.test(match[1]!))
      atOffset(file, text, match.index, `gunicorn's bind = "${match[1]}" (${basename(file)})`);
  }
  for (const file of context.workspaceFiles(isIniFile)) {
    const text = context.source(file) ?? "";
    if (!/^\s*\[uwsgi\]/m.test(text)) continue;
    for (const section of readConfigFile(text)) {
      if (section.name !== "uwsgi") continue;
      for (const entry of section.entries)
        if (
          ["socket", "uwsgi-socket"].includes(entry.key) ||
          (entry.key === "http-socket" && LOOPBACK.test(entry.value))
        )
          at(
            file,
            entry.line,
            0,
            entry.key.length,
            `uWSGI's ${entry.key} = ${entry.value} (${basename(file)})`,
          );
    }
  }
  for (const file of context.workspaceFiles(isProxyConfig)) {
    const text = context.source(file) ?? "";
    const match = PROXY_DIRECTIVE.exec(text);
    if (match)
      atOffset(
        file,
        text,
        match.index + match[0].length - match[0].trimStart().length,
        `${match[1]} in ${basename(file)}`,
      );
  }
  for (const file of context.workspaceFiles(isPlatformFile))
    at(file, 0, 0, 0, PLATFORM_FILES[basename(file)]!);
  for (const { file, kind } of productionDeploymentFiles(context)) {
    if (kind !== "compose") continue;
    const text = context.source(file) ?? "";
    const match = PROXY_IMAGE.exec(text);
    if (match) atOffset(file, text, match.index, `a ${match[1]} service in ${basename(file)}`);
  }
  return found;

  function atOffset(file: string, text: string, offset: number, description: string) {
    const before = text.slice(0, offset);
    const line = before.split("\n").length - 1;
    const start = offset - (before.lastIndexOf("\n") + 1);
    at(file, line, start, start, description);
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
