// deploy.I030: a database other than SQLite keeps CONN_MAX_AGE at 0, so Django opens a new
// connection for every request and closes it at the end.
// https://docs.djangoproject.com/en/stable/ref/databases/#persistent-connections
import { environmentSource, possibleValues, settingLocation, type CheckContext } from "../context";
import { addDictEntries, assignItems } from "../fixes/dictEntry";
import { singleValue } from "../predicates";
import type { CheckRecord, CheckResult, Fix, TextEdit } from "../types";
import { databaseEntryDefault } from "../../django/defaults";
import { dictGet, truthiness, type DictValue } from "../../evaluate/values";

/** Backends for which a connection is cheap or pooled elsewhere. */
const NO_CONNECTION_COST = /sqlite|spatialite|\.dummy$/;

export const deployI030: CheckRecord = {
  id: "deploy.I030",
  severity: "information",
  title: "A database opens a new connection for every request (CONN_MAX_AGE is 0)",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("DATABASES");
    const databases = singleValue(setting.value);
    if (databases?.kind !== "dict") return [];
    const healthChecks = databaseEntryDefault("CONN_HEALTH_CHECKS", context.djangoVersion) !== undefined;
    const results: CheckResult[] = [];
    for (const entry of databases.entries) {
      const alias = singleValue(entry.key);
      const database = singleValue(entry.value);
      if (alias?.kind !== "str" || database?.kind !== "dict") continue;
      const engine = singleValue(dictGet(database, "ENGINE") ?? { kind: "unknown", reason: "" });
      if (engine?.kind !== "str" || NO_CONNECTION_COST.test(engine.value)) continue;
      if (pooledElsewhere(database)) continue;
      const written = dictGet(database, "CONN_MAX_AGE");
      const maxAge = written ?? databaseEntryDefault("CONN_MAX_AGE", context.djangoVersion)!;
      const values = possibleValues(maxAge);
      if (!values || !values.every((value) => value.kind !== "none" && truthiness(value) === false)) continue;
      const env = environmentSource(maxAge);
      const span = written ? (env?.defaultSpan ?? written.span) : (entry.key.span ?? database.span);
      const fix = env ? undefined : persistentConnections(context, alias.value, database, healthChecks);
      results.push({
        message: `Database '${alias.value}' opens a new connection for every request (CONN_MAX_AGE is 0).`,
        explanation: `${env ? `CONN_MAX_AGE is read from the environment variable ${env.variable}; when it is unset in production, the default 0 applies. ` : ""}Opening a connection to ${engine.value.split(".").pop()} costs a round trip or more and, with TLS, a handshake, on every request. A positive CONN_MAX_AGE keeps each worker's connection open for that many seconds${healthChecks ? ", and CONN_HEALTH_CHECKS = True makes Django check a reused connection before the request uses it" : ""}. Each worker thread then holds a connection: keep the database's connection limit above the number of workers. Behind a connection pooler (PgBouncer) or with Django's own pool (OPTIONS["pool"]), leave it at 0.`,
        location: span ? { file: span.file, range: span.range } : settingLocation(setting, context),
        fixes: fix ? [fix] : [],
      });
    }
    return results;
  },
};

/** A pool in OPTIONS (Django 5.1+) or a transaction pooler (server-side cursors turned off). */
function pooledElsewhere(database: DictValue): boolean {
  const options = dictGet(database, "OPTIONS");
  if (options && singleValue(options)?.kind !== "dict") return true;
  const pool = options && dictGet(singleValue(options)!, "pool");
  if (pool && truthiness(singleValue(pool) ?? { kind: "unknown", reason: "" }) !== false) return true;
  const cursors = dictGet(database, "DISABLE_SERVER_SIDE_CURSORS");
  return (
    cursors !== undefined && truthiness(singleValue(cursors) ?? { kind: "unknown", reason: "" }) !== false
  );
}

function persistentConnections(
  context: CheckContext,
  alias: string,
  database: DictValue,
  healthChecks: boolean,
): Fix | undefined {
  const written = dictGet(database, "CONN_MAX_AGE");
  const addHealthChecks = healthChecks && dictGet(database, "CONN_HEALTH_CHECKS") === undefined;
  const title = `Keep connections open for 60 seconds${addHealthChecks ? ", checked before reuse" : ""}`;
  let edits: TextEdit[] | undefined;
  // Where production writes the database's dict, it is edited there; an inherited one is overridden.
  if (
    database.span?.file === context.profile.file &&
    (!written || written.span?.file === context.profile.file)
  ) {
    const added = addHealthChecks ? [{ key: "CONN_HEALTH_CHECKS", valueText: "True" }] : [];
    if (written?.span) {
      const more = added.length > 0 ? addDictEntries(context, database, added) : [];
      if (more) edits = [{ file: written.span.file, range: written.span.range, newText: "60" }, ...more];
    } else {
      edits = addDictEntries(context, database, [{ key: "CONN_MAX_AGE", valueText: "60" }, ...added]);
    }
  } else if (database.span?.file !== context.profile.file) {
    edits = [
      assignItems(context, "DATABASES", [
        { path: [alias, "CONN_MAX_AGE"], valueText: "60" },
        ...(addHealthChecks ? [{ path: [alias, "CONN_HEALTH_CHECKS"], valueText: "True" }] : []),
      ]),
    ];
  }
  // Persistent connections change how many connections the database sees: never applied unasked.
  return edits ? { title, applicability: "unsafe", edits } : undefined;
}
