// Reads `.env` files the way python-dotenv does (django-environ's `read_env` accepts the same):
// `KEY=value`, an optional `export`, comments, single quotes (literal), double quotes (escapes,
// may span lines), unquoted values with ` #` comments, and `${VAR}` / `${VAR:-default}`
// interpolation in unquoted and double-quoted values, from earlier keys or the given environment.
import { SIMPLE_ESCAPES } from "../python/literals";

export interface EnvEntry {
  value: string;
  /** 0-based line of the key, for messages and findings. */
  line: number;
  /** 0-based columns of the key on its line. */
  start: number;
  end: number;
  /**
   * Whether the value interpolates a variable the file does not set before it (`${OTHER}`): it then
   * depends on the environment python-dotenv runs in, and is not known from the file alone.
   */
  dependsOnEnvironment: boolean;
}

export interface DotenvResult {
  entries: Map<string, EnvEntry>;
  /**
   * Lines that could not be read, 0-based, with the reason. The reason never quotes the line: a
   * malformed line of a production `.env` file may hold a secret, and the messages reach logs.
   */
  errors: { line: number; message: string }[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*/;

export function parseDotenv(text: string, outer: ReadonlyMap<string, string> = new Map()): DotenvResult {
  const entries = new Map<string, EnvEntry>();
  const errors: DotenvResult["errors"] = [];
  const lookup = (name: string): string | undefined => entries.get(name)?.value ?? outer.get(name);
  let position = 0;
  let line = 0;

  const advanceTo = (target: number) => {
    for (let index = position; index < target; index++) if (text.charCodeAt(index) === 10) line++;
    position = target;
  };

  while (position < text.length) {
    const lineEnd = text.indexOf("\n", position) === -1 ? text.length : text.indexOf("\n", position);
    const raw = text.slice(position, lineEnd);
    const trimmed = raw.replace(/^\s+/, "");
    if (trimmed === "" || trimmed.startsWith("#")) {
      advanceTo(Math.min(text.length, lineEnd + 1));
      continue;
    }
    const startLine = line;
    const exportPrefix = /^export\s+/.exec(trimmed)?.[0].length ?? 0;
    const keyStart = raw.length - trimmed.length + exportPrefix;
    let rest = trimmed.slice(exportPrefix);
    const keyMatch = KEY.exec(rest);
    if (!keyMatch) {
      errors.push({ line: startLine, message: "the line is not KEY=value" });
      advanceTo(Math.min(text.length, lineEnd + 1));
      continue;
    }
    const key = keyMatch[0];
    rest = rest.slice(key.length).replace(/^[ \t]*/, "");
    if (!rest.startsWith("=")) {
      // A bare key: python-dotenv gives it no value. What follows it may be a value written without
      // "=": neither it nor the word taken for a key is quoted.
      if (rest.trim() !== "" && !rest.trim().startsWith("#"))
        errors.push({ line: startLine, message: 'the line has no "="' });
      advanceTo(Math.min(text.length, lineEnd + 1));
      continue;
    }
    rest = rest.slice(1).replace(/^[ \t]*/, "");
    const valueStart = lineEnd - rest.length;
    const quote = rest[0];
    if (quote === "'" || quote === '"') {
      // A quoted value may run over several lines: find the closing quote in the whole text.
      let index = valueStart + 1;
      let value = "";
      let closed = false;
      while (index < text.length) {
        const char = text[index]!;
        if (char === "\\" && index + 1 < text.length) {
          const next = text[index + 1]!;
          if (quote === "'") {
            value += next === "'" || next === "\\" ? next : `\\${next}`;
          } else {
            value += SIMPLE_ESCAPES[next] ?? `\\${next}`;
          }
          index += 2;
          continue;
        }
        if (char === quote) {
          closed = true;
          break;
        }
        value += char;
        index++;
      }
      if (!closed) {
        errors.push({ line: startLine, message: `the value of ${key} has no closing ${quote}` });
        advanceTo(Math.min(text.length, lineEnd + 1));
        continue;
      }
      const interpolated =
        quote === '"' ? interpolate(value, lookup) : { value, dependsOnEnvironment: false };
      entries.set(key, { ...interpolated, line: startLine, start: keyStart, end: keyStart + key.length });
      const after = text.indexOf("\n", index);
      advanceTo(after === -1 ? text.length : after + 1);
      continue;
    }
    const comment = /(^|\s)#/.exec(rest);
    const unquoted = (comment ? rest.slice(0, comment.index) : rest).trim();
    entries.set(key, {
      ...interpolate(unquoted, lookup),
      line: startLine,
      start: keyStart,
      end: keyStart + key.length,
    });
    advanceTo(Math.min(text.length, lineEnd + 1));
  }
  return { entries, errors };
}

function interpolate(
  value: string,
  lookup: (name: string) => string | undefined,
): { value: string; dependsOnEnvironment: boolean } {
  let dependsOnEnvironment = false;
  const result = value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
    (_match, name: string, fallback?: string) => {
      const found = lookup(name);
      if (found === undefined) dependsOnEnvironment = true;
      return found ?? fallback ?? "";
    },
  );
  return { value: result, dependsOnEnvironment };
}
