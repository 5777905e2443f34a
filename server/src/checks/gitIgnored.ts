// Whether git ignores a file of the workspace, by the `.gitignore` files in its folder and the folders
// above it (git's rules: `#` comments, `!` negation, a trailing `/` for folders, a `/` elsewhere
// anchoring the pattern to its file's folder, `*`, `?`, `[…]` and `**`; a deeper file's patterns win,
// and within a file the last matching line). Used to tell a `.env` file kept out of version control
// from one committed with the project.
import { dirname, relative, sep } from "node:path";
import type { CheckContext } from "./context";

/** One function object, so the engine reuses its search of the workspace. */
const isGitignore = (name: string) => name === ".gitignore";

interface Pattern {
  negated: boolean;
  directoryOnly: boolean;
  anchored: boolean;
  expression: RegExp;
}

export function isGitIgnored(context: CheckContext, file: string): boolean {
  const ignoreFiles = context
    .workspaceFiles(isGitignore)
    .filter((candidate) => isInside(file, dirname(candidate)))
    .sort((a, b) => a.length - b.length);
  let ignored = false;
  for (const ignoreFile of ignoreFiles) {
    const patterns = readPatterns(context.source(ignoreFile) ?? "");
    const path = relative(dirname(ignoreFile), file).split(sep);
    // The file itself, and every folder above it (inside this .gitignore's folder).
    for (let depth = 1; depth <= path.length; depth++) {
      const candidate = path.slice(0, depth);
      const isDirectory = depth < path.length;
      for (const pattern of patterns) {
        if (pattern.directoryOnly && !isDirectory) continue;
        const subject = pattern.anchored ? candidate.join("/") : candidate[candidate.length - 1]!;
        if (pattern.expression.test(subject)) ignored = !pattern.negated;
      }
      // Git does not look inside an ignored folder: nothing below it can be taken back.
      if (ignored && isDirectory) return true;
    }
  }
  return ignored;
}

function isInside(file: string, folder: string): boolean {
  const path = relative(folder, file);
  return path !== "" && !path.startsWith("..") && !path.startsWith(sep);
}

function readPatterns(text: string): Pattern[] {
  const patterns: Pattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, "");
    if (line === "" || line.startsWith("#")) continue;
    const negated = line.startsWith("!");
    if (negated) line = line.slice(1);
    const directoryOnly = line.endsWith("/");
    if (directoryOnly) line = line.slice(0, -1);
    const anchored = line.includes("/");
    line = line.replace(/^\//, "");
    patterns.push({ negated, directoryOnly, anchored, expression: new RegExp(`^${globToRegExp(line)}$`) });
  }
  return patterns;
}

function globToRegExp(glob: string): string {
  let expression = "";
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index]!;
    if (glob.startsWith("**/", index)) {
      expression += "(?:.*/)?";
      index += 2;
    } else if (glob.startsWith("/**", index) && index + 3 === glob.length) {
      expression += "/.*";
      index += 2;
    } else if (char === "*") expression += "[^/]*";
    else if (char === "?") expression += "[^/]";
    else if (char === "[") {
      const end = glob.indexOf("]", index + 1);
      if (end < 0) expression += "\\[";
      else {
        expression += `[${glob
          .slice(index + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\")}]`;
        index = end;
      }
    } else if (char === "\\" && index + 1 < glob.length) expression += `\\${glob[++index]}`;
    else expression += char.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return expression;
}
