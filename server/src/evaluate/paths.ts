// POSIX path arithmetic as pathlib and os.path do it, on strings (no file system access).

export function normalisePath(path: string): string {
  const absolute = path.startsWith("/");
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else if (part !== ".." || !absolute) parts.push(part);
  }
  const joined = parts.join("/");
  return absolute ? `/${joined}` : joined || ".";
}

/** `Path(a) / b`: an absolute `b` replaces `a`. */
export function joinPath(base: string, addition: string): string {
  if (addition.startsWith("/")) return normalisePath(addition);
  return normalisePath(`${base}/${addition}`);
}

/** `Path.parent` / `os.path.dirname` of a normalised path. */
export function parentPath(path: string): string {
  const normal = normalisePath(path);
  if (normal === "/" || normal === ".") return normal;
  const index = normal.lastIndexOf("/");
  if (index < 0) return ".";
  return index === 0 ? "/" : normal.slice(0, index);
}

/** Whether `inner` is `outer` or below it. */
export function isSameOrBelow(inner: string, outer: string): boolean {
  const a = normalisePath(inner);
  const b = normalisePath(outer);
  return a === b || a.startsWith(b === "/" ? "/" : `${b}/`);
}
