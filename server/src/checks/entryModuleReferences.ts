// What names the workspace's entry modules: WSGI_APPLICATION and ASGI_APPLICATION in a profile's
// settings, and the deployment and server configuration files (a server's command, a Gunicorn
// configuration's `wsgi_app`, a uWSGI ini file's `module`/`wsgi-file`, an Apache WSGIScriptAlias).
// Apart from entryModules.ts, which resolves these references to files and groups the modules by
// project, because reading each file format's way of naming a module is its own work.
import { basename, dirname, join } from "node:path";
import type { CheckContext } from "./context";
import { servingCommands, workspaceFact } from "./deploymentFiles";
import { modWsgiConfigs, workspaceFileFor } from "./modWsgi";
import { singleValue } from "./predicates";
import { configEntries, readConfigFile } from "../project/configFile";

export interface EntryModuleReference {
  /** The file that names the module, and the 0-based line. */
  file: string;
  line: number;
  /** The attribute it names (`application` when it names none). */
  attribute: string;
  says: string;
}

const MODULE = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;
const APPLICATION_SPEC = /^([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*):([A-Za-z_]\w*)$/;
const ASGI_SERVERS = new Set(["uvicorn", "daphne", "hypercorn", "granian"]);
const SERVERS = new Set([...ASGI_SERVERS, "gunicorn", "waitress-serve", "uwsgi"]);

/** One function object per search, so the engine reuses its walk of the workspace. */
export const isPythonFileName = (name: string) => name.endsWith(".py") || name.endsWith(".wsgi");
const isGunicornConfigName = (name: string) => /gunicorn[^/]*\.(py|conf)$/.test(name);
const isIniName = (name: string) => name.endsWith(".ini");

export interface ModuleReference extends EntryModuleReference {
  module?: string;
  /** A file the reference names directly (mod_wsgi, uWSGI's wsgi-file). */
  path?: string;
  kind?: "wsgi" | "asgi";
}

/** What the profile's settings name: WSGI_APPLICATION and ASGI_APPLICATION. */
export function settingsReferences(context: CheckContext): ModuleReference[] {
  const references: ModuleReference[] = [];
  for (const name of ["WSGI_APPLICATION", "ASGI_APPLICATION"] as const) {
    const value = singleValue(context.settings.get(name).value);
    if (value?.kind !== "str" || !MODULE.test(value.value) || !value.value.includes(".")) continue;
    const dot = value.value.lastIndexOf(".");
    const span = value.span;
    references.push({
      module: value.value.slice(0, dot),
      attribute: value.value.slice(dot + 1),
      file: span?.file ?? context.profile.file,
      line: span?.range.start.line ?? 0,
      says: `${name} in ${context.profile.module}`,
      kind: name === "WSGI_APPLICATION" ? "wsgi" : "asgi",
    });
  }
  return references;
}

/** What the workspace's deployment and server configuration files name (the same for every profile). */
export function workspaceReferences(context: CheckContext): ModuleReference[] {
  return workspaceFact(context, workspaceReferences, () => readWorkspaceReferences(context));
}

function readWorkspaceReferences(context: CheckContext): ModuleReference[] {
  const references: ModuleReference[] = [];
  for (const serving of servingCommands(context)) {
    const words = serving.command.words;
    const serverAt = words.findIndex((word) => word !== undefined && SERVERS.has(basename(word)));
    if (serverAt < 0) continue;
    const server = basename(words[serverAt]!);
    const says = `${server} in ${serving.where} of ${basename(serving.file)}`;
    const kind = ASGI_SERVERS.has(server) ? "asgi" : server === "gunicorn" ? undefined : "wsgi";
    for (const spec of applicationSpecs(server, words.slice(serverAt + 1)))
      references.push({ ...spec, file: serving.file, line: serving.line, says, ...(kind ? { kind } : {}) });
  }
  for (const file of context.workspaceFiles(isGunicornConfigName)) {
    const text = context.source(file) ?? "";
    const match = /^wsgi_app\s*=\s*["']([^"']+)["']/m.exec(text);
    const spec = match && APPLICATION_SPEC.exec(match[1]!);
    const bare = match && MODULE.test(match[1]!) ? match[1] : undefined;
    if (spec || bare)
      references.push({
        module: spec ? spec[1]! : bare!,
        attribute: spec ? spec[2]! : "application",
        file,
        line: text.slice(0, match!.index).split("\n").length - 1,
        says: `wsgi_app in ${basename(file)}`,
      });
  }
  for (const file of context.workspaceFiles(isIniName)) {
    const text = context.source(file);
    if (!text || !/^\s*\[uwsgi\]/m.test(text)) continue;
    const sections = readConfigFile(text);
    const isUwsgi = (section: string) => section === "uwsgi";
    for (const key of ["module", "wsgi"]) {
      for (const entry of configEntries(sections, isUwsgi, key)) {
        const value = entry.value.trim();
        const spec = APPLICATION_SPEC.exec(value);
        if (!spec && !MODULE.test(value)) continue;
        references.push({
          module: spec ? spec[1]! : value,
          attribute: spec ? spec[2]! : "application",
          file,
          line: entry.line,
          says: `${key} in ${basename(file)}`,
          kind: "wsgi",
        });
      }
    }
    for (const entry of configEntries(sections, isUwsgi, "wsgi-file")) {
      const chdir = configEntries(sections, isUwsgi, "chdir")[0]?.value.trim();
      const path = entry.value.trim();
      const candidates = context.workspaceFiles(isPythonFileName);
      const local = path.startsWith("/")
        ? workspaceFileFor(path, candidates)
        : chdir && !chdir.startsWith("/")
          ? join(dirname(file), chdir, path)
          : (workspaceFileFor(chdir ? `${chdir}/${path}` : path, candidates) ?? join(dirname(file), path));
      if (local)
        references.push({
          path: local,
          attribute: "application",
          file,
          line: entry.line,
          says: `wsgi-file in ${basename(file)}`,
          kind: "wsgi",
        });
    }
  }
  for (const config of modWsgiConfigs(context)) {
    for (const alias of config.aliases) {
      const path = workspaceFileFor(alias.path, context.workspaceFiles(isPythonFileName));
      if (path)
        references.push({
          path,
          attribute: alias.callable,
          file: config.file,
          line: alias.line,
          says: `WSGIScriptAlias in ${basename(config.file)}`,
          kind: "wsgi",
        });
    }
  }
  return references;
}

/** The `module:attribute` a server's arguments name (a bare module means `application`). */
function applicationSpecs(
  server: string,
  words: readonly (string | undefined)[],
): { module: string; attribute: string }[] {
  const specs: { module: string; attribute: string }[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    if (word === undefined) continue;
    let value: string | undefined = word;
    if (server === "uwsgi") {
      // uWSGI names the module with an option: --module, -w, --wsgi.
      const option = /^(--module|--wsgi|-w)(?:=(.*))?$/.exec(word);
      if (!option) continue;
      value = option[2] ?? words[++index];
      if (value === undefined) continue;
    } else if (word.startsWith("-")) continue;
    const spec = APPLICATION_SPEC.exec(value);
    if (spec) specs.push({ module: spec[1]!, attribute: spec[2]! });
    else if (MODULE.test(value) && (/[wa]sgi/.test(value.split(".").pop()!) || server === "uwsgi"))
      specs.push({ module: value, attribute: "application" });
  }
  return specs;
}
