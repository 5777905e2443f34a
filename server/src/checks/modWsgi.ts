// Apache configuration files that serve Django through mod_wsgi, read simply and conservatively:
// WSGIScriptAlias (and WSGIScriptAliasMatch) lines with their `process-group=` option,
// WSGIProcessGroup and WSGIDaemonProcess directives, and the <VirtualHost> block each is in. A
// script runs in the daemon process group its alias names, else in the one WSGIProcessGroup sets
// for its virtual host (or for the whole server), else embedded in Apache's own processes. A group
// written with a variable (`%{ENV:…}`, `%{GLOBAL}` is an application group, not a process group)
// is not known.
// https://modwsgi.readthedocs.io/en/master/configuration-directives/WSGIScriptAlias.html
import type { CheckContext } from "./context";

export interface ScriptAlias {
  /** 0-based line and the columns of the script's path on it. */
  line: number;
  start: number;
  end: number;
  /** The script's path as written (a path on the server). */
  path: string;
  /** The daemon process group it runs in, `""` for embedded mode, undefined when not known. */
  processGroup: string | undefined;
  /** The callable mod_wsgi looks for (WSGICallableObject), `application` by default. */
  callable: string;
}

export interface ModWsgiConfig {
  file: string;
  aliases: ScriptAlias[];
}

/** One function object, so the engine reuses its search of the workspace. */
export const isApacheConfigName = (name: string) => /\.conf(\.tpl)?$/.test(name) || name === "httpd.conf";

export function modWsgiConfigs(context: CheckContext): ModWsgiConfig[] {
  const configs: ModWsgiConfig[] = [];
  for (const file of context.workspaceFiles(isApacheConfigName)) {
    const text = context.source(file);
    if (text === undefined || !/^\s*WSGIScriptAlias/im.test(text)) continue;
    configs.push({ file, aliases: readModWsgiConfig(text) });
  }
  return configs;
}

interface Block {
  processGroup?: string;
  callable?: string;
  aliases: (Omit<ScriptAlias, "processGroup" | "callable"> & { processGroup?: string; callable?: string })[];
  parent?: Block;
}

export function readModWsgiConfig(text: string): ScriptAlias[] {
  const server: Block = { aliases: [] };
  const blocks: Block[] = [server];
  let current = server;
  text.split(/\r?\n/).forEach((raw, line) => {
    const content = raw.replace(/^\s+/, "");
    if (content.startsWith("#") || content === "") return;
    // Only <VirtualHost> opens a scope of its own here; Location/Directory blocks apply to the
    // virtual host they are in, which is close enough for process groups.
    if (/^<VirtualHost\b/i.test(content)) {
      current = { aliases: [], parent: current };
      blocks.push(current);
      return;
    }
    if (/^<\/VirtualHost>/i.test(content)) {
      current = current.parent ?? server;
      return;
    }
    const words = content.split(/\s+/);
    const keyword = words[0]!.toLowerCase();
    if (keyword === "wsgiprocessgroup" && words[1]) current.processGroup = words[1];
    else if (keyword === "wsgicallableobject" && words[1]) current.callable = words[1];
    else if ((keyword === "wsgiscriptalias" || keyword === "wsgiscriptaliasmatch") && words.length >= 3) {
      const path = words[2]!.replace(/^["']|["']$/g, "");
      const start = raw.indexOf(words[2]!, raw.indexOf(words[1]!) + words[1]!.length);
      const option = words.slice(3).find((word) => /^process-group=/i.test(word));
      current.aliases.push({
        line,
        start: start + (words[2]!.length - words[2]!.replace(/^["']/, "").length),
        end: start + words[2]!.replace(/["']$/, "").length,
        path,
        ...(option
          ? { processGroup: option.slice("process-group=".length).replace(/^["']|["']$/g, "") }
          : {}),
      });
    }
  });
  const aliases: ScriptAlias[] = [];
  for (const block of blocks) {
    for (const alias of block.aliases) {
      const group =
        alias.processGroup ?? block.processGroup ?? block.parent?.processGroup ?? server.processGroup;
      aliases.push({
        ...alias,
        processGroup: group === undefined ? "" : /[%$]/.test(group) ? undefined : group,
        callable: block.callable ?? server.callable ?? "application",
      });
    }
  }
  return aliases.sort((a, b) => a.line - b.line);
}

/**
 * The workspace file a server path names: the file whose path ends with the most of the server
 * path's last parts (at least its file name), when exactly one does.
 */
export function workspaceFileFor(serverPath: string, candidates: readonly string[]): string | undefined {
  const parts = serverPath.split("/").filter((part) => part !== "");
  let best: string[] = [];
  let bestLength = 0;
  for (const candidate of candidates) {
    const own = candidate.split("/").filter((part) => part !== "");
    let length = 0;
    while (
      length < parts.length &&
      length < own.length &&
      parts[parts.length - 1 - length] === own[own.length - 1 - length]
    )
      length++;
    if (length > bestLength) {
      best = [candidate];
      bestLength = length;
    } else if (length === bestLength && length > 0) best.push(candidate);
  }
  return best.length === 1 ? best[0] : undefined;
}
