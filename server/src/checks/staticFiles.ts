// What deploy.W014 and deploy.W015 need to know about static files: whether the staticfiles app is
// installed, which storage collectstatic writes through (STATICFILES_STORAGE before 4.2, which 4.2
// to 5.0 still honour, STORAGES["staticfiles"] since), and where the project's base directory is.
import type { CheckContext } from "./context";
import { containsString, decide, singleValue } from "./predicates";
import { inVersionRange } from "../django/versions";
import { dictGet, type Value } from "../evaluate/values";

const STATICFILES_APPS = ["django.contrib.staticfiles", "django.contrib.staticfiles.apps.StaticFilesConfig"];

/** Storages that write collected files below STATIC_ROOT (Django's own and WhiteNoise's). */
export const FILE_SYSTEM_STATIC_STORAGES = [
  "django.contrib.staticfiles.storage.StaticFilesStorage",
  "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
  "whitenoise.storage.CompressedStaticFilesStorage",
  "whitenoise.storage.CompressedManifestStaticFilesStorage",
];

/** Whether django.contrib.staticfiles is in INSTALLED_APPS, for every possible value. */
export function staticfilesInstalled(context: CheckContext): boolean | undefined {
  return decide(context.settings.get("INSTALLED_APPS").value, (value) => {
    const found = STATICFILES_APPS.map((app) => containsString(value, app));
    if (found.includes(true)) return true;
    return found.every((answer) => answer === false) ? false : undefined;
  });
}

/** The BACKEND of the storage collectstatic uses; undefined when not known. */
export function staticStorageBackend(context: CheckContext): Value | undefined {
  const legacy = context.settings.get("STATICFILES_STORAGE");
  if (
    !inVersionRange(context.djangoVersion, "4.2") ||
    (inVersionRange(context.djangoVersion, "4.2", "5.0") && legacy.binding)
  )
    return legacy.value;
  const storages = singleValue(context.settings.get("STORAGES").value);
  const staticfiles = storages && dictGet(storages, "staticfiles");
  const configuration = staticfiles && singleValue(staticfiles);
  return configuration && dictGet(configuration, "BACKEND");
}

/** Whether collected static files go below STATIC_ROOT: a storage on the file system. */
export function collectsToStaticRoot(context: CheckContext): boolean | undefined {
  const backend = staticStorageBackend(context);
  if (!backend) return undefined;
  return decide(backend, (value) =>
    value.kind === "str" ? FILE_SYSTEM_STATIC_STORAGES.includes(value.value) : undefined,
  );
}

/** Names projects give the directory that holds manage.py, most common first. */
const BASE_DIRECTORY_NAMES = [
  "BASE_DIR",
  "ROOT_DIR",
  "PROJECT_ROOT",
  "PROJECT_DIR",
  "SITE_ROOT",
  "BASE_PATH",
];

/** The project's base-directory variable visible in the production module, and whether it is a Path. */
export function baseDirectory(context: CheckContext): { name: string; kind: "path" | "str" } | undefined {
  for (const name of BASE_DIRECTORY_NAMES) {
    const binding = context.profileModule.bindings.get(name);
    const value = binding?.value;
    if (value?.kind === "path") return { name, kind: "path" };
    if (value?.kind === "str" && value.value.startsWith("/")) return { name, kind: "str" };
  }
  return undefined;
}

/** The name `os` is bound to in the production module, when it imports it. */
export function osModuleName(context: CheckContext): string | undefined {
  for (const binding of context.profileModule.bindings.values())
    if (binding.value.kind === "symbol" && binding.value.qualifiedName === "os") return binding.name;
  return undefined;
}
