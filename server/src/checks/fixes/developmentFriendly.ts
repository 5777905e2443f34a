// Fixes for a settings module that development runs too (the one settings.py of every startproject):
// production gets the secure value while development keeps working. DEBUG becomes a switch read
// from a variable that only development sets (documented in .env.example); the settings that would
// break the development server over plain HTTP then follow DEBUG (`not DEBUG`).
import { dirname, join } from "node:path";
import { environmentSource, holdsForAll, offsetToPosition, type CheckContext } from "../context";
import type { Fix, TextEdit } from "../types";
import type { EffectiveSetting } from "../../resolve/effectiveSettings";
import { truthiness } from "../../evaluate/values";
import { environmentReadStyle } from "./environmentRead";
import { setSettingFix } from "./settingValue";

/** The variable development sets to turn DEBUG on; production leaves it unset. */
export const DEBUG_VARIABLE = "DJANGO_DEBUG";

/** The file that documents the variables a developer sets, next to manage.py. */
export const ENV_EXAMPLE = ".env.example";

/**
 * The folder that holds the profile's top-level package (where manage.py and .env.example usually
 * are): `mysite/settings.py` as `mysite.settings` lies in the folder above `mysite/`.
 */
export function sourceRootOf(context: CheckContext): string {
  let folder = dirname(context.profile.file);
  const depth = context.profile.module.split(".").length - 1;
  for (let level = 0; level < depth; level++) folder = dirname(folder);
  return folder;
}

/**
 * Documents `variable` in the project's .env.example (created when missing), unless it is already
 * there: `# comment` then `VARIABLE=value`.
 */
export function envExampleEdit(
  context: CheckContext,
  variable: string,
  value: string,
  comment: string,
): TextEdit | undefined {
  const file = join(sourceRootOf(context), ENV_EXAMPLE);
  const text = context.source(file) ?? "";
  if (new RegExp(`^\\s*(export\\s+)?${variable}\\s*=`, "m").test(text)) return undefined;
  const position = offsetToPosition(text, text.length);
  const lead = text.length === 0 || text.endsWith("\n") ? "" : "\n";
  return {
    file,
    range: { start: position, end: position },
    newText: `${lead}# ${comment}\n${variable}=${value}\n`,
  };
}

/**
 * "Read DEBUG from DJANGO_DEBUG (set only in development)": in a module development runs too, DEBUG
 * becomes a switch that is off unless the variable says True, in the style the module reads the
 * environment with, and .env.example documents the variable. Undefined in a module dedicated to
 * production (Set DEBUG = False is the fix there) and where the value may not be replaced.
 */
export function debugForDevelopmentFix(context: CheckContext, setting: EffectiveSetting): Fix | undefined {
  if (context.dedicatedToProduction) return undefined;
  const text = context.source(context.profile.file);
  if (text === undefined) return undefined;
  const style = environmentReadStyle(context.profileModule, text);
  const fix = setSettingFix(context, setting, {
    title: `Read DEBUG from ${DEBUG_VARIABLE}, set only in development (${ENV_EXAMPLE})`,
    applicability: "unsafe",
    valueText: style.flag(DEBUG_VARIABLE),
    consequence: `development sets ${DEBUG_VARIABLE}=True to keep debugging`,
  });
  if (!fix) return undefined;
  const documented = envExampleEdit(
    context,
    DEBUG_VARIABLE,
    "True",
    "Development only: production leaves it unset, so DEBUG is off there.",
  );
  return { ...fix, edits: [...style.setup, ...fix.edits, ...(documented ? [documented] : [])] };
}

/**
 * Whether DEBUG is off in production but may be on in development: read from the environment and
 * false for every value production may see. A setting written `not DEBUG` is then on in production
 * and off on the development server.
 */
export function debugFollowsEnvironment(context: CheckContext): boolean {
  const debug = context.settings.get("DEBUG");
  return (
    environmentSource(debug.value) !== undefined &&
    holdsForAll(debug.value, (value) => truthiness(value) === false)
  );
}

/**
 * "Set NAME = not DEBUG": on in production, off while developing with DEBUG on. Offered in a module
 * development runs too when DEBUG there follows the environment; undefined otherwise.
 */
export function followDebugFix(context: CheckContext, setting: EffectiveSetting): Fix | undefined {
  if (context.dedicatedToProduction || !debugFollowsEnvironment(context)) return undefined;
  return setSettingFix(context, setting, {
    title: `Set ${setting.name} = not DEBUG (on in production, off while debugging)`,
    applicability: "safe",
    valueText: "not DEBUG",
  });
}
