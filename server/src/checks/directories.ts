// Directory settings as Django resolves them: MEDIA_ROOT, STATIC_ROOT, STATICFILES_DIRS entries and
// file-based cache LOCATIONs, and how two such directories relate. A relative path resolves against
// the working directory of the process, which the settings do not say: two relative paths can be
// compared (they resolve against the same directory), a relative and an absolute one cannot.
import { decide, singleValue } from "./predicates";
import type { CheckContext } from "./context";
import { normalisePath } from "../evaluate/paths";
import { dictGet, truthiness, type KnownValue, type Value } from "../evaluate/values";

export const FILE_BASED_CACHE = "django.core.cache.backends.filebased.FileBasedCache";

/** A path as written: absolute, or relative to the process's working directory. */
export interface DirectoryPath {
  path: string;
  absolute: boolean;
}

/** `pathlib.Path(value)` for a str or Path; undefined for other values (Django would raise). */
export function directoryOf(value: KnownValue): DirectoryPath | undefined {
  if (value.kind !== "str" && value.kind !== "path") return undefined;
  return { path: value.value, absolute: value.value.startsWith("/") };
}

export type Relation = "matches" | "is inside" | "contains" | "none";

/**
 * How `cache` relates to `setting` once both are resolved; undefined when that depends on the
 * working directory (one relative path, or a relative path that climbs above it with `..`).
 */
export function relate(cache: DirectoryPath, setting: DirectoryPath): Relation | undefined {
  const a = resolved(cache);
  const b = resolved(setting);
  if (a === undefined || b === undefined || cache.absolute !== setting.absolute) return undefined;
  if (a === b) return "matches";
  if (isBelow(a, b)) return "is inside";
  if (isBelow(b, a)) return "contains";
  return "none";
}

/** The normalised path, with relative paths anchored at a stand-in working directory. */
function resolved(directory: DirectoryPath): string | undefined {
  const normal = normalisePath(directory.absolute ? directory.path : `./${directory.path}`);
  if (!directory.absolute && (normal === ".." || normal.startsWith("../"))) return undefined;
  return directory.absolute ? normal : `/.${normal === "." ? "" : `/${normal}`}`;
}

function isBelow(inner: string, outer: string): boolean {
  return inner !== outer && inner.startsWith(outer === "/" ? "/" : `${outer}/`);
}

/** The directories Django compares for a setting; [] when it is falsy; undefined when not known. */
export function settingDirectories(context: CheckContext, name: string): DirectoryPath[] | undefined {
  const value = singleValue(context.settings.get(name).value);
  if (!value) return undefined;
  if (truthiness(value) === false) return [];
  if (name !== "STATICFILES_DIRS") {
    const directory = directoryOf(value);
    return directory ? [directory] : undefined;
  }
  if (value.kind !== "list" && value.kind !== "tuple") return undefined;
  const directories: DirectoryPath[] = [];
  for (const entry of value.items) {
    const directory = staticfilesEntry(entry);
    if (!directory) return undefined;
    directories.push(directory);
  }
  return directories;
}

/** A STATICFILES_DIRS entry: a path, or a `(prefix, path)` pair. */
export function staticfilesEntry(entry: Value): DirectoryPath | undefined {
  const known = singleValue(entry);
  if (!known) return undefined;
  if (known.kind === "list" || known.kind === "tuple") {
    if (known.items.length !== 2) return undefined;
    const path = singleValue(known.items[1]!);
    return path ? directoryOf(path) : undefined;
  }
  return directoryOf(known);
}

export interface CacheAlias {
  alias: string;
  /** The alias's configuration dict. */
  config: KnownValue & { kind: "dict" };
  /** Whether its backend is FileBasedCache; undefined when the backend is not known. */
  fileBased: boolean | undefined;
}

/** The aliases of CACHES in order, or undefined when CACHES is not a known dict with string keys. */
export function cacheAliases(context: CheckContext): CacheAlias[] | undefined {
  const caches = singleValue(context.settings.get("CACHES").value);
  if (!caches || caches.kind !== "dict") return undefined;
  const aliases: CacheAlias[] = [];
  for (const entry of caches.entries) {
    const alias = singleValue(entry.key);
    const config = singleValue(entry.value);
    if (alias?.kind !== "str" || config?.kind !== "dict") return undefined;
    const backend = dictGet(config, "BACKEND");
    // A custom backend may subclass FileBasedCache: not known, so never reported.
    const fileBased = backend
      ? decide(backend, (value) =>
          value.kind === "str" && value.value === FILE_BASED_CACHE ? true : undefined,
        )
      : undefined;
    aliases.push({ alias: alias.value, config, fileBased });
  }
  return aliases;
}

/** The directory of a file-based cache: its LOCATION, which defaults to '' (the working directory). */
export function cacheDirectory(alias: CacheAlias): DirectoryPath | undefined {
  const location = dictGet(alias.config, "LOCATION");
  if (!location) return { path: "", absolute: false };
  const known = singleValue(location);
  return known ? directoryOf(known) : undefined;
}
