// caches.W003: a file-based cache's LOCATION is a relative path, so where the cache lives depends on
// the directory the server starts in. Not a deploy check, but `check --deploy` prints it too.
// https://docs.djangoproject.com/en/stable/topics/cache/#filesystem-caching
import { settingLocation, type CheckContext } from "../context";
import { cacheAliases } from "../directories";
import { singleValue } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";
import { dictGet } from "../../evaluate/values";

export const cachesW003: CheckRecord = {
  id: "caches.W003",
  severity: "warning",
  title: "A file-based cache's LOCATION is relative",
  fixability: "none",
  run(context: CheckContext): CheckResult[] {
    const aliases = cacheAliases(context);
    if (!aliases) return [];
    const results: CheckResult[] = [];
    for (const alias of aliases) {
      if (alias.fileBased !== true) continue;
      // Django reads config['LOCATION'] here: without one the check itself fails.
      const location = dictGet(alias.config, "LOCATION");
      const value = location && singleValue(location);
      if (!value || (value.kind !== "str" && value.kind !== "path") || value.value.startsWith("/")) continue;
      const where =
        location.span && location.span.file
          ? { file: location.span.file, range: location.span.range }
          : settingLocation(context.settings.get("CACHES"), context);
      results.push({
        message: `The '${alias.alias}' cache's LOCATION ${value.value === "" ? "is empty" : "is a relative path"}.`,
        explanation: `${value.value === "" ? "An empty LOCATION" : `'${value.value}'`} resolves against the directory the server happens to start in. Use an absolute path.`,
        location: where,
      });
    }
    return results;
  },
};
