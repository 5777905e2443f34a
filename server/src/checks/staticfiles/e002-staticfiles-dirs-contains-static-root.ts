// staticfiles.E002: STATICFILES_DIRS lists STATIC_ROOT, where collectstatic writes what it collects
// from those same directories. Not a deploy check, but `check --deploy` prints it too.
// https://docs.djangoproject.com/en/stable/ref/settings/#staticfiles-dirs
import { settingLocation, type CheckContext } from "../context";
import { relate, settingDirectories, staticfilesEntry } from "../directories";
import { containsString, decide, singleValue } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";
import type { Location } from "../../python/location";

const STATICFILES_APPS = ["django.contrib.staticfiles", "django.contrib.staticfiles.apps.StaticFilesConfig"];
const FILE_SYSTEM_FINDER = "django.contrib.staticfiles.finders.FileSystemFinder";

/**
 * How many times Django runs FileSystemFinder's check: once per listing in STATICFILES_FINDERS
 * (the finder is cached, so a repeated listing repeats its errors); undefined when a custom
 * finder, which might extend it, is listed.
 */
function fileSystemFinderRuns(context: CheckContext): number | undefined {
  const finders = singleValue(context.settings.get("STATICFILES_FINDERS").value);
  if (!finders || (finders.kind !== "list" && finders.kind !== "tuple")) return undefined;
  let runs = 0;
  for (const item of finders.items) {
    const finder = singleValue(item);
    if (finder?.kind !== "str" || !finder.value.startsWith("django.contrib.staticfiles.finders."))
      return undefined;
    if (finder.value === FILE_SYSTEM_FINDER) runs++;
  }
  return runs;
}

export const staticfilesE002: CheckRecord = {
  id: "staticfiles.E002",
  severity: "error",
  title: "STATICFILES_DIRS contains STATIC_ROOT",
  fixability: "none",
  run(context: CheckContext): CheckResult[] {
    // The check belongs to the staticfiles app: it runs only when the app is installed.
    const installed = decide(context.settings.get("INSTALLED_APPS").value, (value) => {
      const found = STATICFILES_APPS.map((app) => containsString(value, app));
      if (found.includes(true)) return true;
      return found.every((answer) => answer === false) ? false : undefined;
    });
    if (installed !== true) return [];
    const runs = fileSystemFinderRuns(context);
    const staticRoot = settingDirectories(context, "STATIC_ROOT");
    if (!runs || !staticRoot || staticRoot.length !== 1) return [];
    const setting = context.settings.get("STATICFILES_DIRS");
    const entries = singleValue(setting.value);
    if (!entries || (entries.kind !== "list" && entries.kind !== "tuple")) return [];
    const results: CheckResult[] = [];
    for (const entry of entries.items) {
      const directory = staticfilesEntry(entry);
      if (!directory || relate(directory, staticRoot[0]!) !== "matches") continue;
      const location: Location =
        entry.span && entry.span.file
          ? { file: entry.span.file, range: entry.span.range }
          : settingLocation(setting, context);
      for (let run = 0; run < runs; run++)
        results.push({
          message: "STATICFILES_DIRS lists STATIC_ROOT.",
          explanation:
            "collectstatic gathers files from STATICFILES_DIRS into STATIC_ROOT, so the two must be different directories.",
          location,
        });
    }
    return results;
  },
};
