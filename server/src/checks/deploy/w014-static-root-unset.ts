// deploy.W014: STATIC_ROOT is not set while django.contrib.staticfiles is installed and collects to
// the file system: `collectstatic` stops with ImproperlyConfigured, so production serves no CSS or JS.
// https://docs.djangoproject.com/en/stable/howto/static-files/deployment/
import { environmentSentence, holdsForAll, settingLocation, type CheckContext } from "../context";
import { directoryOf, relate, settingDirectories } from "../directories";
import { setSettingFix } from "../fixes/settingValue";
import { baseDirectory, collectsToStaticRoot, osModuleName, staticfilesInstalled } from "../staticFiles";
import type { CheckRecord, CheckResult, Fix } from "../types";
import { truthiness } from "../../evaluate/values";
import type { EffectiveSetting } from "../../resolve/effectiveSettings";

const COLLECTED = "staticfiles";

export const deployW014: CheckRecord = {
  id: "deploy.W014",
  severity: "warning",
  title: "STATIC_ROOT is not set, so collectstatic cannot run",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    if (staticfilesInstalled(context) !== true || collectsToStaticRoot(context) !== true) return [];
    const setting = context.settings.get("STATIC_ROOT");
    if (!holdsForAll(setting.value, (value) => truthiness(value) === false)) return [];
    const fix = staticRootFix(context, setting);
    return [
      {
        message: "STATIC_ROOT is not set, so collectstatic cannot collect the static files.",
        explanation: `${environmentSentence(setting.value)}django.contrib.staticfiles is installed, and in production the static files are collected into STATIC_ROOT for the web server (or WhiteNoise) to serve; without it collectstatic stops with ImproperlyConfigured and the site has no CSS or JavaScript. Set it to a directory outside version control, for example ${COLLECTED}/ beside manage.py.`,
        location: settingLocation(setting, context),
        fixes: fix ? [fix] : [],
      },
    ];
  },
};

/**
 * `STATIC_ROOT = BASE_DIR / "staticfiles"` with the project's own base-directory name (or
 * `os.path.join` when that is a string). Safe: nothing that worked before reads STATIC_ROOT.
 */
function staticRootFix(context: CheckContext, setting: EffectiveSetting): Fix | undefined {
  const base = baseDirectory(context);
  if (!base) return undefined;
  const os = osModuleName(context);
  if (base.kind === "str" && !os) return undefined;
  // Not a directory STATICFILES_DIRS lists already (staticfiles.E002).
  const binding = context.profileModule.bindings.get(base.name);
  const basePath =
    binding?.value.kind === "path" || binding?.value.kind === "str" ? directoryOf(binding.value) : undefined;
  const target = basePath && { path: `${basePath.path}/${COLLECTED}`, absolute: true };
  const listed = settingDirectories(context, "STATICFILES_DIRS");
  if (!target || !listed || listed.some((entry) => relate(entry, target) === "matches")) return undefined;
  return setSettingFix(context, setting, {
    title: `Set STATIC_ROOT to ${COLLECTED}/ in the project's base directory`,
    applicability: "safe",
    valueText:
      base.kind === "path"
        ? `${base.name} / "${COLLECTED}"`
        : `${os}.path.join(${base.name}, "${COLLECTED}")`,
  });
}
