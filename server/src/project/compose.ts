// The facts of a compose file, read with the `yaml` library (anchors, aliases and `<<` merge keys
// included, with the place of every node): each service's command:, entrypoint:, environment:,
// env_file:, build: and profiles:.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { execFormCommand, simpleCommands, type SimpleCommand } from "./commandLine";
import type { VariableAssignment } from "./variables";

export interface ComposeAssignment extends VariableAssignment {
  /**
   * The value with compose's `${NAME}`, `${NAME:-default}` and `${NAME-default}` interpolated from
   * `lookup` (the `.env` file beside the compose file) and the defaults; undefined when a variable
   * is neither set there nor has a default. `value` stays undefined for any interpolated value.
   */
  expanded: string | undefined;
}

export interface ComposeService {
  name: string;
  /** 0-based line of the service's key. */
  line: number;
  command?: { line: number; commands: SimpleCommand[] };
  entrypoint?: { line: number; commands: SimpleCommand[] };
  environment: ComposeAssignment[];
  /** env_file: entries as written (relative to the compose file's folder). */
  envFiles: { path: string; line: number; required: boolean }[];
  build?: { context: string; dockerfile?: string; target?: string; line: number };
  profiles: string[];
}

export interface ComposeFacts {
  services: ComposeService[];
  /** Whether the text was a YAML mapping with a `services:` mapping (else this is no compose file). */
  isCompose: boolean;
}

type Node = unknown;

export function readComposeFile(
  text: string,
  lookup: (name: string) => string | undefined = () => undefined,
): ComposeFacts {
  const lineCounter = new LineCounter();
  let document: Document;
  try {
    document = parseDocument(text, { lineCounter, merge: true, uniqueKeys: false, prettyErrors: false });
  } catch {
    return { services: [], isCompose: false };
  }
  const position = (node: Node): { line: number; character: number } => {
    const range = (node as { range?: [number, number, number] }).range;
    const at = lineCounter.linePos(range?.[0] ?? 0);
    return { line: at.line - 1, character: at.col - 1 };
  };
  const resolve = (node: Node): Node => (isAlias(node) ? node.resolve(document) : node);
  /** A mapping's pairs, with those of `<<: *anchor` merge keys first so the mapping's own win. */
  const pairsOf = (node: Node): { key: Node; value: Node }[] => {
    const map = resolve(node);
    if (!isMap(map)) return [];
    const pairs: { key: Node; value: Node }[] = [];
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      if (isScalar(pair.key) && (pair.key.value === "<<" || pair.key.source === "<<")) {
        const merged = resolve(pair.value);
        for (const source of isSeq(merged) ? merged.items : [merged]) pairs.push(...pairsOf(source));
        continue;
      }
      pairs.push({ key: pair.key, value: pair.value });
    }
    return pairs;
  };
  const get = (node: Node, key: string): { key: Node; value: Node } | undefined =>
    pairsOf(node)
      .filter((pair) => isScalar(pair.key) && String(pair.key.value) === key)
      .pop();
  const scalarText = (node: Node): string | undefined => {
    const value = resolve(node);
    if (!isScalar(value) || value.value === null || value.value === undefined) return undefined;
    return String(value.value);
  };
  const strings = (node: Node): string[] | undefined => {
    const value = resolve(node);
    if (!isSeq(value)) return undefined;
    const items = value.items.map(scalarText);
    return items.every((item) => item !== undefined) ? (items as string[]) : undefined;
  };

  const services = get(document.contents, "services");
  if (!services || !isMap(resolve(services.value))) return { services: [], isCompose: false };
  const facts: ComposeFacts = { services: [], isCompose: true };
  for (const { key, value } of pairsOf(services.value)) {
    const name = scalarText(key);
    if (name === undefined) continue;
    const service: ComposeService = {
      name,
      line: position(key).line,
      environment: [],
      envFiles: [],
      profiles: strings(get(value, "profiles")?.value) ?? [],
    };
    for (const field of ["command", "entrypoint"] as const) {
      const entry = get(value, field);
      if (!entry) continue;
      const list = strings(entry.value);
      const single = scalarText(entry.value);
      const commands = list
        ? execFormCommand(list.map((word) => interpolate(word, lookup) ?? "\u0000"))
        : single !== undefined
          ? simpleCommands(interpolate(single, lookup) ?? "")
          : [];
      service[field] = { line: position(entry.key).line, commands };
    }
    const environment = get(value, "environment");
    if (environment) service.environment = environmentOf(resolve(environment.value));
    const envFile = get(value, "env_file");
    if (envFile) {
      const node = resolve(envFile.value);
      for (const item of isSeq(node) ? node.items : [node]) {
        const path = scalarText(item) ?? scalarText(get(item, "path")?.value);
        if (path === undefined) continue;
        const required = scalarText(get(item, "required")?.value);
        service.envFiles.push({ path, line: position(item).line, required: required !== "false" });
      }
    }
    const build = get(value, "build");
    if (build) {
      const context = scalarText(build.value) ?? scalarText(get(build.value, "context")?.value) ?? ".";
      service.build = {
        context,
        dockerfile: scalarText(get(build.value, "dockerfile")?.value),
        target: scalarText(get(build.value, "target")?.value),
        line: position(build.key).line,
      };
    }
    facts.services.push(service);
  }
  return facts;

  function environmentOf(node: Node): ComposeAssignment[] {
    const found: ComposeAssignment[] = [];
    if (isSeq(node)) {
      for (const item of node.items) {
        const text = scalarText(item);
        const match = text === undefined ? null : /^([A-Za-z_][A-Za-z0-9_.]*)(=?)([\s\S]*)$/.exec(text);
        if (!match) continue;
        const at = position(item);
        const scalar = resolve(item);
        const quoted = isScalar(scalar) && (scalar.type === "QUOTE_DOUBLE" || scalar.type === "QUOTE_SINGLE");
        const start = at.character + (quoted ? 1 : 0);
        // `- NAME` passes the variable through from the shell that runs compose.
        const raw = match[2] === "=" ? match[3]! : undefined;
        found.push({
          variable: match[1]!,
          value: raw === undefined || raw.includes("$") ? undefined : raw,
          expanded: raw === undefined ? undefined : interpolate(raw, lookup),
          line: at.line,
          start,
          end: start + match[1]!.length,
        });
      }
      return found;
    }
    for (const { key, value } of pairsOf(node)) {
      const variable = scalarText(key);
      if (variable === undefined) continue;
      const at = position(key);
      const scalar = resolve(key);
      const quoted = isScalar(scalar) && (scalar.type === "QUOTE_DOUBLE" || scalar.type === "QUOTE_SINGLE");
      const start = at.character + (quoted ? 1 : 0);
      const raw = scalarText(value);
      found.push({
        variable,
        value: raw === undefined || raw.includes("$") ? undefined : raw,
        expanded: raw === undefined ? undefined : interpolate(raw, lookup),
        line: at.line,
        start,
        end: start + variable.length,
      });
    }
    return found;
  }
}

/** Compose's interpolation: `$$` is a dollar; `${NAME:-default}` and `${NAME-default}` fall back. */
function interpolate(text: string, lookup: (name: string) => string | undefined): string | undefined {
  let known = true;
  const result = text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced?: string, operator?: string, fallback?: string, bare?: string) => {
      if (match === "$$") return "$";
      const name = (braced ?? bare)!;
      const value = lookup(name);
      if (operator === ":-" && (value === undefined || value === "")) return fallback ?? "";
      if (operator === "-" && value === undefined) return fallback ?? "";
      if (value === undefined) known = false;
      return value ?? "";
    },
  );
  return known ? result : undefined;
}
