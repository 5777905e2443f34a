// deploy.W012: a cache of CACHES is Django's per-process local-memory cache (Django's default) or
// the dummy cache in production. A warning when sessions are kept in that cache (every worker
// process has its own, or none at all), information otherwise: a choice worth making on purpose.
// https://docs.djangoproject.com/en/stable/topics/cache/#local-memory-caching
import { environmentSentence, settingLocation, type CheckContext } from "../context";
import { cacheAliases } from "../directories";
import { decide } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";
import { dictGet } from "../../evaluate/values";
import type { Location } from "../../python/location";

const LOCAL_MEMORY = "django.core.cache.backends.locmem.LocMemCache";
const DUMMY = "django.core.cache.backends.dummy.DummyCache";
const CACHED_SESSIONS = [
  "django.contrib.sessions.backends.cache",
  "django.contrib.sessions.backends.cached_db",
];

export const deployW012: CheckRecord = {
  id: "deploy.W012",
  severity: "warning",
  title: "A cache is the per-process local-memory or the dummy cache",
  fixability: "none",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("CACHES");
    const aliases = cacheAliases(context);
    if (!aliases) return [];
    const results: CheckResult[] = [];
    for (const alias of aliases) {
      const backend = dictGet(alias.config, "BACKEND");
      if (!backend) continue;
      const kind = decide(backend, (value) =>
        value.kind === "str" ? value.value === LOCAL_MEMORY : undefined,
      )
        ? "local memory"
        : decide(backend, (value) => (value.kind === "str" ? value.value === DUMMY : undefined))
          ? "dummy"
          : undefined;
      if (!kind) continue;
      const sessions = sessionsUse(context, alias.alias);
      const location: Location =
        setting.binding && backend.span?.file
          ? { file: backend.span.file, range: backend.span.range }
          : settingLocation(setting, context);
      const what =
        kind === "dummy"
          ? "The dummy cache stores nothing: every lookup misses."
          : "The local-memory cache lives inside each worker process: the processes of one server do not share it, and it is lost on every restart.";
      const consequence = sessions
        ? ` Sessions are kept in this cache (SESSION_ENGINE), so ${kind === "dummy" ? "nobody stays logged in" : "a user is logged out whenever a request reaches another process"}. Use a shared cache (Redis, Memcached, the database cache) or database sessions.`
        : " That is fine for a small site on one process; otherwise choose a shared cache (Redis, Memcached, the database cache) on purpose.";
      results.push({
        message:
          kind === "dummy"
            ? `The '${alias.alias}' cache is Django's dummy cache: nothing is cached.`
            : `The '${alias.alias}' cache is per-process local memory, not shared between workers.`,
        explanation: `${environmentSentence(backend)}${setting.binding ? "" : "CACHES is not set, and this is Django's default. "}${what}${consequence}`,
        location,
        severity: sessions ? "warning" : "information",
      });
    }
    return results;
  },
};

/** Whether sessions are provably kept in the cache `alias`. */
function sessionsUse(context: CheckContext, alias: string): boolean {
  const engine = decide(context.settings.get("SESSION_ENGINE").value, (value) =>
    value.kind === "str" ? CACHED_SESSIONS.includes(value.value) : undefined,
  );
  const aliasUsed = decide(context.settings.get("SESSION_CACHE_ALIAS").value, (value) =>
    value.kind === "str" ? value.value === alias : undefined,
  );
  return engine === true && aliasUsed === true;
}
