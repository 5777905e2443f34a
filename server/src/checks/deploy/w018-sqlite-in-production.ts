// deploy.W018: the default database is SQLite in production. Information (the record's level is the
// warning its ID says): SQLite serves small sites well, but it should be a deliberate choice.
// https://docs.djangoproject.com/en/stable/ref/databases/#sqlite-notes
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { decide, singleValue } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";
import { dictGet, type KnownValue, type Value } from "../../evaluate/values";
import type { Location } from "../../python/location";

const SQLITE_ENGINES = ["django.db.backends.sqlite3", "django.contrib.gis.db.backends.spatialite"];

/** Whether a database entry (a dict, or a database URL as django-environ's env.db reads) is SQLite. */
function isSqlite(entry: KnownValue): boolean | undefined {
  if (entry.kind === "str") return /^(sqlite|spatialite):/.test(entry.value);
  if (entry.kind !== "dict") return undefined;
  const engine = dictGet(entry, "ENGINE");
  if (!engine) return undefined;
  return decide(engine, (value) => (value.kind === "str" ? SQLITE_ENGINES.includes(value.value) : undefined));
}

export const deployW018: CheckRecord = {
  id: "deploy.W018",
  severity: "warning",
  title: "The default database is SQLite",
  fixability: "none",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("DATABASES");
    const databases = singleValue(setting.value);
    const entry: Value | undefined = databases ? dictGet(databases, "default") : undefined;
    if (!entry || decide(entry, isSqlite) !== true) return [];
    const known = singleValue(entry);
    const engine = known?.kind === "dict" ? dictGet(known, "ENGINE") : undefined;
    const decisive = engine ?? entry;
    const location: Location = decisive.span?.file
      ? { file: decisive.span.file, range: decisive.span.range }
      : settingLocation(setting, context);
    return [
      {
        message: "The default database is SQLite: make sure that is a deliberate choice.",
        explanation: `${environmentSentence(entry)}SQLite is a file on one machine: it serves a small site well, but writes wait for each other, several servers cannot share it, and a container's file system may not keep it across deployments. Back the file up, keep it on persistent storage, or choose PostgreSQL, MySQL or MariaDB for a site that grows.`,
        location,
        severity: "information",
      },
    ];
  },
};
