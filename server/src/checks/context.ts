// What a check sees: the effective settings of one production profile, and helpers to reason about
// values conservatively and to build fixes.
import type { DjangoVersion } from "../django/versions";
import type { EffectiveSetting, EffectiveSettings } from "../resolve/effectiveSettings";
import { LineIndex } from "../python/lineIndex";
import type { Location, Position, Range } from "../python/location";
import type { ModuleState } from "../evaluate/moduleState";
import type { ParsedModule } from "../python/parse";
import { type FromEnvValue, isKnown, type KnownValue, type Value } from "../evaluate/values";
import type { Profile } from "../project/workspace";
import { unsetSettingLocation } from "./anchors";
import { describeValue, environmentSetText } from "./secrets";
import type { FindingLocation, TextEdit } from "./types";

export interface CheckContext {
  settings: EffectiveSettings;
  djangoVersion: DjangoVersion;
  profile: Profile;
  /** The profile module's own state (where missing settings are added). */
  profileModule: ModuleState;
  /** The text of a file the engine has read (for fixes that look at imports or indentation). */
  source(file: string): string | undefined;
  /**
   * Files of the workspace whose base name passes `accept` (virtual environments and caches
   * skipped), for checks that read deployment files: `.env`, Dockerfiles, compose files, units.
   * Searches are cached per `accept` function object: pass a module-level function, not a new arrow.
   */
  workspaceFiles(accept: (baseName: string) => boolean): string[];
  /**
   * The modules through which the profile module reaches `file` by imports: the profile's file
   * first, `file` last; undefined when it does not.
   */
  importPath?(file: string): string[] | undefined;
  /** The profile module's file and every module it imports (the files importPath reaches). */
  chain?: readonly string[];
  /**
   * A fact about the whole workspace, computed once per analysis and shared by every profile (the
   * engine keys it on `key`); `compute` must not depend on the profile. Without it, computed each call.
   */
  shared?<Fact>(key: object, compute: () => Fact): Fact;
  /**
   * The engine's parse of a module (the one it evaluated), for fixes that look at the written syntax:
   * parsing a base module again for every profile that inherits from it doubled the parsing.
   */
  parsed?(file: string): ParsedModule | undefined;
  /**
   * True when the profile module serves production only (`production.py`, `prod.py`, …); false for
   * a lone `settings.py` that development uses too. Fixes that would break development are unsafe
   * in the latter.
   */
  dedicatedToProduction: boolean;
}

/**
 * Every value a setting may have in production, under the assumption that environment variables
 * without a `.env` file are unset; undefined when any of them is not known (checks then stay silent).
 * A variable read with no default of its own (`os.environ.get("X")` gives None) is judged by that
 * None when the code converts it (`… != "FALSE"`, `bool(…)`): the code then handles its absence, as
 * Django sees when it starts without it. Used as it is, the None says the code expects it set.
 */
export function possibleValues(value: Value): KnownValue[] | undefined {
  if (isKnown(value)) return [value];
  if (value.kind === "env") {
    if (value.default === undefined) return undefined;
    if (!value.explicitDefault && !value.setBy && value.conversion.kind === "str") return undefined;
    return possibleValues(value.default);
  }
  if (value.kind === "oneOf") {
    const all: KnownValue[] = [];
    for (const option of value.options) {
      const inner = possibleValues(option);
      if (!inner) return undefined;
      all.push(...inner);
    }
    return all;
  }
  return undefined;
}

/** True only when `predicate` holds for every possible production value. */
export function holdsForAll(value: Value, predicate: (value: KnownValue) => boolean): boolean {
  const values = possibleValues(value);
  return values !== undefined && values.length > 0 && values.every(predicate);
}

/** The first read of the environment a value depends on, for messages. */
export function environmentSource(value: Value): FromEnvValue | undefined {
  if (value.kind === "env") return value;
  if (value.kind === "oneOf") {
    for (const option of value.options) {
      const found = environmentSource(option);
      if (found) return found;
    }
  }
  return undefined;
}

/** A sentence saying which environment read and default a finding rests on, or "". */
export function environmentNote(value: Value): string {
  const env = environmentSource(value);
  if (!env || env.default === undefined) return "";
  if (env.setBy)
    return ` (read from the environment variable ${env.variable}, ${environmentSetText(env.setBy, env.variable)})`;
  return ` (read from the environment variable ${env.variable}; when it is unset in production, the default ${describeValue(env.default, env.variable)} applies)`;
}

/** A value quoted in a short message, cut to `limit` characters so the message stays short. */
export function shorten(text: string, limit = 30): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/**
 * The same as a sentence that opens an explanation ("Read from the environment variable DEBUG; …. "),
 * or "" for a value that does not come from the environment.
 */
export function environmentSentence(value: Value): string {
  const env = environmentSource(value);
  if (!env || env.default === undefined) return "";
  if (env.setBy)
    return `Read from the environment variable ${env.variable}, ${environmentSetText(env.setBy, env.variable)}. `;
  return `Read from the environment variable ${env.variable}; when it is unset in production, the default ${describeValue(env.default, env.variable)} applies. `;
}

/**
 * Where a finding about a setting goes: where its value is decided. That is the `.env` line when the
 * profile's `.env` file sets the variable the value is read from (with the settings line that reads it
 * as `readAt`), the value's expression when the settings write it, and for a setting production does
 * not set, a place where it means something (anchors.ts).
 */
export function settingLocation(setting: EffectiveSetting, context: CheckContext): FindingLocation {
  const origin = setting.binding?.origin;
  const env = setting.value.kind === "env" ? setting.value : undefined;
  if (env?.setBy && origin) {
    const span = origin.value ?? origin.target;
    return {
      ...environmentFileLocation(env.setBy, env.variable, context),
      readAt: { file: span.file, range: span.range, message: `${setting.name} reads ${env.variable} here` },
    };
  }
  if (origin) {
    const span = origin.value ?? origin.target;
    return { file: span.file, range: span.range };
  }
  return unsetSettingLocation(setting.name, context);
}

/** The name of `variable` on the line of a `.env` file that sets it. */
function environmentFileLocation(
  setBy: { file: string; line: number },
  variable: string,
  context: CheckContext,
): Location {
  const lineText = (context.source(setBy.file) ?? "").split("\n")[setBy.line] ?? "";
  const column = Math.max(0, lineText.search(new RegExp(`\\b${variable}\\b`)));
  return {
    file: setBy.file,
    range: {
      start: { line: setBy.line, character: column },
      end: { line: setBy.line, character: column + variable.length },
    },
  };
}

/** Related information for a finding decided outside the profile module. */
export function profileRelated(location: Location, context: CheckContext) {
  if (location.file === context.profile.file) return [];
  const start: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (!location.file.endsWith(".py"))
    return [
      {
        file: context.profile.file,
        range: start,
        message: `production profile ${context.profile.module} reads this file`,
      },
    ];
  const path = context.importPath?.(location.file) ?? [context.profile.file, location.file];
  // The profile module, then every module between it and the one that decides the value.
  return path.slice(0, -1).map((file, index) => ({
    file,
    range: start,
    message:
      index === 0
        ? `production profile ${context.profile.module} inherits this value`
        : `imported on the way from ${context.profile.module}`,
  }));
}

/** An edit that adds `NAME = valueText` at the end of the profile module. */
export function insertSetting(
  context: CheckContext,
  name: string,
  valueText: string,
  comment?: string,
): TextEdit {
  const text = context.source(context.profile.file) ?? "";
  const end = text.length;
  const position = offsetToPosition(text, end);
  const lead = text.length === 0 || text.endsWith("\n") ? "" : "\n";
  const commentLines = comment
    ? comment
        .split("\n")
        .map((line) => `# ${line}\n`)
        .join("")
    : "";
  return {
    file: context.profile.file,
    range: { start: position, end: position },
    newText: `${lead}\n${commentLines}${name} = ${valueText}\n`,
  };
}

/**
 * The line index of each of the last few texts converted, newest first. Checks convert many offsets of
 * the same module text in one analysis (every fix that adds a setting converts the end of the profile
 * module), and scanning the text from its start for each cost time proportional to the module's size
 * per conversion; an index costs one scan per text and a binary search per conversion. The texts are
 * compared by identity first, so the check is cheap while a module's text has not changed.
 */
const recentLineIndexes: { text: string; index: LineIndex }[] = [];
const RECENT_LINE_INDEXES = 8;

function lineIndexOf(text: string): LineIndex {
  const found = recentLineIndexes.findIndex((entry) => entry.text === text);
  if (found === 0) return recentLineIndexes[0]!.index;
  const entry = found > 0 ? recentLineIndexes.splice(found, 1)[0]! : { text, index: new LineIndex(text) };
  recentLineIndexes.unshift(entry);
  if (recentLineIndexes.length > RECENT_LINE_INDEXES) recentLineIndexes.pop();
  return entry.index;
}

/** The LSP position (line, UTF-16 character) of an offset into `text`. */
export function offsetToPosition(text: string, offset: number): Position {
  return lineIndexOf(text).positionAt(offset);
}
