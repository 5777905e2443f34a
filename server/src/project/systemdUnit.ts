// The facts of a systemd unit: the [Service] section's Environment= assignments (with the place of
// each name), EnvironmentFile= paths, and the Exec lines' commands. systemd's own syntax: `#` and
// `;` comment lines, a trailing backslash continues a line, and Environment= takes words quoted
// with " or ', each `NAME=value`; `%i`-style specifiers make a value unknown here.
import { simpleCommands, type SimpleCommand } from "./commandLine";
import type { VariableAssignment } from "./variables";

export interface SystemdUnitFacts {
  environment: VariableAssignment[];
  /** EnvironmentFile= paths as written (a leading `-` means the file may be missing). */
  environmentFiles: { path: string; line: number }[];
  /** ExecStart= and the other Exec lines, by key. */
  exec: { key: string; line: number; commands: SimpleCommand[] }[];
}

const EXEC_SECTIONS = new Set(["Service", "Socket", "Mount", "Swap"]);

export function readSystemdUnit(text: string): SystemdUnitFacts {
  const facts: SystemdUnitFacts = { environment: [], environmentFiles: [], exec: [] };
  let section = "";
  for (const logical of logicalLines(text.split(/\r?\n/))) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(logical.text);
    if (header) {
      section = header[1]!;
      continue;
    }
    // Environment= and Exec lines belong to the sections of units that run processes.
    if (section !== "" && !EXEC_SECTIONS.has(section)) continue;
    const entry = /^(\s*)([A-Za-z]+)(\s*=\s*)(.*)$/.exec(logical.text);
    if (!entry) continue;
    const key = entry[2]!;
    const valueStart = entry[1]!.length + key.length + entry[3]!.length;
    const line = logical.origins[0]?.line ?? 0;
    if (key === "Environment") {
      for (const word of unitWords(logical.text, valueStart)) {
        const equals = word.word.indexOf("=");
        if (equals <= 0) continue;
        const position = logical.origins[word.nameStart] ?? { line: 0, character: 0 };
        const value = word.word.slice(equals + 1);
        facts.environment.push({
          variable: word.word.slice(0, equals),
          value: value.includes("%") ? undefined : value,
          line: position.line,
          start: position.character,
          end: position.character + equals,
        });
      }
    } else if (key === "EnvironmentFile") {
      const path = entry[4]!.trim().replace(/^-/, "");
      if (path) facts.environmentFiles.push({ path, line });
    } else if (key.startsWith("Exec")) {
      // Prefixes such as `-`, `@`, `+` and `!` change how systemd runs the command, not which.
      facts.exec.push({ key, line, commands: simpleCommands(entry[4]!.replace(/^[-@:+!]+/, "")) });
    }
  }
  return facts;
}

/** Joins continuation lines (ending in a backslash), remembering where each character came from. */
function logicalLines(lines: string[]) {
  const result: { text: string; origins: { line: number; character: number }[] }[] = [];
  let text = "";
  let origins: { line: number; character: number }[] = [];
  lines.forEach((line, index) => {
    if (/^\s*[#;]/.test(line)) return;
    const continued = /\\\s*$/.test(line);
    const content = continued ? line.replace(/\\\s*$/, " ") : line;
    for (let character = 0; character < content.length; character++) origins.push({ line: index, character });
    text += content;
    if (continued) return;
    result.push({ text, origins });
    text = "";
    origins = [];
  });
  if (text !== "") result.push({ text, origins });
  return result;
}

/** Environment='s words: white space separates, quotes group and are removed, `\` escapes. */
function unitWords(text: string, from: number): { word: string; nameStart: number }[] {
  const words: { word: string; nameStart: number }[] = [];
  let index = from;
  while (index < text.length) {
    while (index < text.length && /\s/.test(text[index]!)) index++;
    if (index >= text.length) break;
    const nameStart = text[index] === '"' || text[index] === "'" ? index + 1 : index;
    let word = "";
    let quote: string | undefined;
    for (; index < text.length; index++) {
      const character = text[index]!;
      if (quote) {
        if (character === quote) quote = undefined;
        else if (character === "\\" && index + 1 < text.length) word += text[++index];
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
    words.push({ word, nameStart });
  }
  return words;
}
