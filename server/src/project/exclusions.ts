// The user's exclusions (VS Code's `files.exclude`): glob patterns relative to a workspace folder,
// such as `**/node_modules`, `**/*.pyc` or `legacy/{old,older}`. The walk skips a folder or file any
// pattern matches, as the editor's explorer and search do.

/** A pattern as a regular expression over a path relative to the folder ("/"-separated). */
function globToRegExp(glob: string): RegExp {
  let source = "";
  let inBraces = false;
  const pattern = glob.replace(/^\.\//, "").replace(/\/+$/, "");
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index]!;
    if (character === "*" && pattern[index + 1] === "*") {
      // `**/` matches any number of folders (none too); a final `**` anything below.
      const slash = pattern[index + 2] === "/";
      source += slash ? "(?:[^/]+/)*" : ".*";
      index += slash ? 2 : 1;
    } else if (character === "*") source += "[^/]*";
    else if (character === "?") source += "[^/]";
    else if (character === "{") {
      inBraces = true;
      source += "(?:";
    } else if (character === "}" && inBraces) {
      inBraces = false;
      source += ")";
    } else if (character === "," && inBraces) source += "|";
    else source += character.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/**
 * Whether a path relative to the folder is excluded by one of `globs` (undefined when there are
 * none). A pattern naming a folder excludes everything below it too.
 */
export function exclusionMatcher(
  globs: readonly string[] | undefined,
): ((relativePath: string) => boolean) | undefined {
  const patterns = (globs ?? []).filter((glob) => glob.trim() !== "").map(globToRegExp);
  if (patterns.length === 0) return undefined;
  return (relativePath) => patterns.some((pattern) => pattern.test(relativePath));
}
