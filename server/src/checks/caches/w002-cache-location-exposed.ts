// caches.W002: a file-based cache's LOCATION overlaps MEDIA_ROOT, STATIC_ROOT or a STATICFILES_DIRS
// directory, so the cache may be served to anyone or collide with static and uploaded files.
// https://docs.djangoproject.com/en/stable/topics/cache/#filesystem-caching
import { settingLocation, type CheckContext } from "../context";
import { cacheAliases, cacheDirectory, relate, settingDirectories, type Relation } from "../directories";
import type { CheckRecord, CheckResult } from "../types";

const SETTINGS = ["MEDIA_ROOT", "STATIC_ROOT", "STATICFILES_DIRS"] as const;

export const cachesW002: CheckRecord = {
  id: "caches.W002",
  severity: "warning",
  title: "A file-based cache's LOCATION overlaps static or media files",
  fixability: "none",
  run(context: CheckContext): CheckResult[] {
    const results: CheckResult[] = [];
    const aliases = cacheAliases(context);
    if (!aliases) return [];
    const caches = context.settings.get("CACHES");
    for (const name of SETTINGS) {
      const directories = settingDirectories(context, name);
      if (!directories || directories.length === 0) continue;
      for (const alias of aliases) {
        if (alias.fileBased !== true) continue;
        const cache = cacheDirectory(alias);
        if (!cache) continue;
        // One relation is enough for Django to warn; a directory whose relation depends on the
        // working directory (a relative path against an absolute one) can only change the word,
        // Django naming the first of matches / is inside / contains that holds for any directory.
        const relations = directories.map((directory) => relate(cache, directory));
        const relation = (["matches", "is inside", "contains"] as Relation[]).find((candidate) =>
          relations.includes(candidate),
        );
        if (!relation) continue;
        const word = relation === "matches" || !relations.includes(undefined) ? relation : "overlaps";
        const location = settingLocation(caches, context);
        const other = settingLocation(context.settings.get(name), context);
        results.push({
          message: `The '${alias.alias}' cache's LOCATION ${word} ${name}.`,
          explanation:
            "The cache files may be served to anyone, or cache culling may delete files that belong there. Keep the cache in a directory of its own.",
          location,
          related: [{ ...other, message: `${name} is decided here` }],
        });
      }
    }
    return results;
  },
};
