// deploy.I032: sessions are kept in the database while a shared cache (Redis, Memcached) is
// configured: the cached_db backend reads them from the cache and writes through to the database.
// https://docs.djangoproject.com/en/stable/topics/http/sessions/#using-cached-sessions
import { environmentSource, settingLocation, type CheckContext } from "../context";
import { quotedLike, setSettingFix } from "../fixes/settingValue";
import { singleValue } from "../predicates";
import type { CheckRecord, CheckResult } from "../types";
import { dictGet } from "../../evaluate/values";

const DATABASE_SESSIONS = "django.contrib.sessions.backends.db";
const CACHED_DATABASE_SESSIONS = "django.contrib.sessions.backends.cached_db";
/** Cache backends every worker and server shares: Django's and the common third-party ones. */
const SHARED_CACHE = /redis|memcached|pylibmc|pymemcache/i;

export const deployI032: CheckRecord = {
  id: "deploy.I032",
  severity: "information",
  title: "Sessions are kept in the database while a shared cache is configured",
  fixability: "unsafe",
  run(context: CheckContext): CheckResult[] {
    const engine = context.settings.get("SESSION_ENGINE");
    const engineValue = singleValue(engine.value);
    if (engineValue?.kind !== "str" || engineValue.value !== DATABASE_SESSIONS) return [];
    const alias = singleValue(context.settings.get("SESSION_CACHE_ALIAS").value);
    const caches = singleValue(context.settings.get("CACHES").value);
    if (alias?.kind !== "str" || caches?.kind !== "dict") return [];
    const cache = dictGet(caches, alias.value);
    const backendValue = cache && singleValue(cache);
    const backend = backendValue && dictGet(backendValue, "BACKEND");
    const backendName = backend && singleValue(backend);
    if (backendName?.kind !== "str" || !SHARED_CACHE.test(backendName.value)) return [];
    const fix = setSettingFix(context, engine, {
      title: "Use cached database sessions (cached_db)",
      // Sessions then also depend on the cache: a cache outage or eviction changes how they behave.
      applicability: "unsafe",
      valueText: quotedLike(context, engine, CACHED_DATABASE_SESSIONS),
    });
    const env = environmentSource(engine.value);
    return [
      {
        message: "Sessions are read from the database on every request although a shared cache exists.",
        explanation: `${env ? `SESSION_ENGINE is read from the environment variable ${env.variable}; when it is unset in production, its default applies. ` : ""}SESSION_ENGINE is ${engine.binding ? "" : "Django's default, "}the database backend, and the '${alias.value}' cache uses ${backendName.value.split(".").pop()}, which every worker shares. With django.contrib.sessions.backends.cached_db, Django reads a session from the cache and falls back to the database, and writes go to both: most requests then skip a database query, and sessions survive a cache restart.`,
        location: settingLocation(engine, context),
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
