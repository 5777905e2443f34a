// Environment variables that deployment files set for the process: `.env` files, Dockerfile `ENV`,
// compose `environment:` and systemd `Environment=`. Read line by line, without running anything;
// a value that depends on something else (`${OTHER}`, compose's pass-through `KEY:`) is not known.
// Files named for development, tests or as examples (`.env.example`, `docker-compose.dev.yml`,
// `docker-compose.override.yml`) are not production's and are skipped.

export type EnvironmentFileKind = "dotenv" | "dockerfile" | "compose" | "systemd";

export interface EnvironmentAssignment {
  file: string;
  variable: string;
  /** The value the process gets; undefined when it cannot be known from the file alone. */
  value: string | undefined;
  /** 0-based line and the columns of the variable's name on it. */
  line: number;
  start: number;
  end: number;
}

const NOT_PRODUCTION =
  /(^|[._-])(dev|devel|develop|development|local|debug|test|tests|testing|ci|example|examples|sample|template|dist|override)([._-]|$)/i;

/** Which kind of deployment file a base name is, or undefined when it is none (or not production's). */
export function environmentFileKind(baseName: string): EnvironmentFileKind | undefined {
  let match: RegExpExecArray | null;
  if (baseName === ".env") return "dotenv";
  if ((match = /^\.env\.(.+)$/.exec(baseName))) return NOT_PRODUCTION.test(match[1]!) ? undefined : "dotenv";
  if (baseName === "Dockerfile" || baseName === "Containerfile") return "dockerfile";
  if ((match = /^(?:Dockerfile|Containerfile)\.(.+)$/.exec(baseName) ?? /^(.+)\.Dockerfile$/.exec(baseName)))
    return NOT_PRODUCTION.test(match[1]!) ? undefined : "dockerfile";
  if ((match = /^(?:docker-)?compose(\..+)?\.ya?ml$/.exec(baseName)))
    return match[1] && NOT_PRODUCTION.test(match[1].slice(1)) ? undefined : "compose";
  if ((match = /^(.+)\.service$/.exec(baseName)))
    return NOT_PRODUCTION.test(match[1]!) ? undefined : "systemd";
  return undefined;
}

export function environmentAssignments(
  file: string,
  text: string,
  kind: EnvironmentFileKind,
): EnvironmentAssignment[] {
  const lines = text.split(/\r?\n/);
  switch (kind) {
    case "dotenv":
      return dotenv(file, lines);
    case "dockerfile":
      return dockerfile(file, lines);
    case "compose":
      return compose(file, lines);
    case "systemd":
      return systemd(file, lines);
  }
}

function dotenv(file: string, lines: string[]): EnvironmentAssignment[] {
  const found: EnvironmentAssignment[] = [];
  lines.forEach((line, index) => {
    const match = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.]*)\s*=(.*)$/.exec(line);
    if (!match) return;
    const start = match[1]!.length;
    found.push({
      file,
      variable: match[2]!,
      value: dotenvValue(match[3]!),
      line: index,
      start,
      end: start + match[2]!.length,
    });
  });
  return found;
}

/** A dotenv value: quoted, or bare up to a ` #` comment; undefined when it expands a variable. */
function dotenvValue(raw: string): string | undefined {
  const text = raw.trim();
  const quote = text[0];
  if (quote === "'" || quote === '"') {
    const close = text.indexOf(quote, 1);
    if (close < 0) return undefined;
    const inner = text.slice(1, close);
    return quote === '"' && inner.includes("$") ? undefined : inner;
  }
  const value = text.replace(/\s+#.*$/, "").trim();
  return value.includes("$") ? undefined : value;
}

/** Joins continuation lines (ending in a backslash), remembering where each character came from. */
function logicalLines(lines: string[], isComment: (line: string) => boolean) {
  const result: { text: string; origins: { line: number; character: number }[] }[] = [];
  let text = "";
  let origins: { line: number; character: number }[] = [];
  lines.forEach((line, index) => {
    if (text !== "" && isComment(line)) return;
    const continued = /\\\s*$/.test(line);
    const content = continued ? line.replace(/\\\s*$/, "") : line;
    for (let character = 0; character < content.length; character++) {
      origins.push({ line: index, character });
    }
    text += content;
    if (continued) return;
    result.push({ text, origins });
    text = "";
    origins = [];
  });
  if (text !== "") result.push({ text, origins });
  return result;
}

/** Splits on white space outside quotes; a quote pair is removed, a backslash escapes one character. */
function shellWords(text: string, from: number): { word: string; start: number }[] {
  const words: { word: string; start: number }[] = [];
  let index = from;
  while (index < text.length) {
    while (index < text.length && /\s/.test(text[index]!)) index++;
    if (index >= text.length) break;
    const start = index;
    let word = "";
    let quote: string | undefined;
    for (; index < text.length; index++) {
      const character = text[index]!;
      if (quote) {
        if (character === quote) quote = undefined;
        else if (character === "\\" && quote === '"' && index + 1 < text.length) word += text[++index];
        else word += character;
      } else if (character === '"' || character === "'") {
        quote = character;
      } else if (character === "\\" && index + 1 < text.length) {
        word += text[++index];
      } else if (/\s/.test(character)) {
        break;
      } else {
        word += character;
      }
    }
    words.push({ word, start });
  }
  return words;
}

function dockerfile(file: string, lines: string[]): EnvironmentAssignment[] {
  const found: EnvironmentAssignment[] = [];
  for (const logical of logicalLines(lines, (line) => /^\s*#/.test(line))) {
    const match = /^(\s*ENV\s+)/i.exec(logical.text);
    if (!match) continue;
    const words = shellWords(logical.text, match[1]!.length);
    const first = words[0];
    if (!first) continue;
    const at = (offset: number) => logical.origins[offset] ?? { line: 0, character: 0 };
    if (!first.word.includes("=")) {
      // `ENV NAME value with spaces`: the rest of the instruction is the value.
      const position = at(first.start);
      const rest = logical.text.slice(first.start + first.word.length).trim();
      found.push({
        file,
        variable: first.word,
        value: rest.includes("$") ? undefined : rest,
        line: position.line,
        start: position.character,
        end: position.character + first.word.length,
      });
      continue;
    }
    for (const word of words) {
      const equals = word.word.indexOf("=");
      if (equals <= 0) continue;
      const position = at(word.start);
      const value = word.word.slice(equals + 1);
      found.push({
        file,
        variable: word.word.slice(0, equals),
        value: value.includes("$") ? undefined : value,
        line: position.line,
        start: position.character,
        end: position.character + equals,
      });
    }
  }
  return found;
}

/** A YAML scalar written plainly or in quotes; undefined for null and for interpolation. */
function yamlScalar(raw: string): string | undefined {
  const text = raw.trim();
  if (text.startsWith('"') || text.startsWith("'")) {
    const quote = text[0]!;
    const close = text.indexOf(quote, 1);
    if (close < 0) return undefined;
    const inner = text.slice(1, close);
    return inner.includes("$") ? undefined : inner;
  }
  const value = text.replace(/(^|\s+)#.*$/, "").trim();
  if (value === "" || value === "~" || value === "null" || value === "Null" || value === "NULL")
    return undefined;
  return value.includes("$") ? undefined : value;
}

function compose(file: string, lines: string[]): EnvironmentAssignment[] {
  const found: EnvironmentAssignment[] = [];
  let blockIndent: number | undefined;
  lines.forEach((line, index) => {
    if (/^\s*(#.*)?$/.test(line)) return;
    const indent = /^\s*/.exec(line)![0].length;
    if (blockIndent !== undefined && indent <= blockIndent) blockIndent = undefined;
    const key = /^(\s*)environment\s*:\s*(#.*)?$/.exec(line);
    if (key) {
      blockIndent = key[1]!.length;
      return;
    }
    if (blockIndent === undefined) return;
    const item = /^(\s*-\s*)(["']?)([A-Za-z_][A-Za-z0-9_.]*)(=?)(.*)$/.exec(line);
    if (item) {
      const quote = item[2]!;
      let rest = item[5]!;
      if (quote) {
        const close = rest.lastIndexOf(quote);
        rest = close >= 0 ? rest.slice(0, close) : rest;
      } else {
        rest = rest.replace(/\s+#.*$/, "");
      }
      const start = item[1]!.length + quote.length;
      found.push({
        file,
        variable: item[3]!,
        // `- NAME` passes the variable through from the shell that runs compose.
        value: item[4] === "=" && !rest.includes("$") ? rest : undefined,
        line: index,
        start,
        end: start + item[3]!.length,
      });
      return;
    }
    const entry = /^(\s*)(["']?)([A-Za-z_][A-Za-z0-9_.]*)\2\s*:(.*)$/.exec(line);
    if (entry) {
      const start = entry[1]!.length + entry[2]!.length;
      found.push({
        file,
        variable: entry[3]!,
        value: yamlScalar(entry[4]!),
        line: index,
        start,
        end: start + entry[3]!.length,
      });
    }
  });
  return found;
}

function systemd(file: string, lines: string[]): EnvironmentAssignment[] {
  const found: EnvironmentAssignment[] = [];
  for (const logical of logicalLines(lines, (line) => /^\s*[#;]/.test(line))) {
    const match = /^(\s*Environment\s*=\s*)/.exec(logical.text);
    if (!match) continue;
    for (const word of shellWords(logical.text, match[1]!.length)) {
      const equals = word.word.indexOf("=");
      if (equals <= 0) continue;
      // `"NAME=value with spaces"`: the name starts after the opening quote.
      const opening = logical.text[word.start] === '"' || logical.text[word.start] === "'" ? 1 : 0;
      const position = logical.origins[word.start + opening] ?? { line: 0, character: 0 };
      const value = word.word.slice(equals + 1);
      found.push({
        file,
        variable: word.word.slice(0, equals),
        value: value.includes("%") ? undefined : value,
        line: position.line,
        start: position.character,
        end: position.character + equals,
      });
    }
  }
  return found;
}
