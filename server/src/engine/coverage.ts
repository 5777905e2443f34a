// What could not be known. A check that finds nothing may have found nothing wrong, or may have had
// nothing to judge: a setting it reads is Unknown (computed by code the engine does not follow, changed
// by an import it cannot read, …). The engine records, for each production profile, the settings the
// checks read whose value is Unknown, with the reason and the place, and the checks that therefore
// could not decide, so "No problems found" can be told apart from "nothing could be checked".
import type { CheckContext } from "../checks/context";
import type { EffectiveSetting, EffectiveSettings } from "../resolve/effectiveSettings";
import type { Value } from "../evaluate/values";
import type { Location } from "../python/location";
import { maskFreeText } from "../checks/secrets";
import { compareText } from "../../../common/src/compareText";

export interface UnknownSetting {
  name: string;
  /** Why the engine cannot know it, as a phrase: "calls setup_settings(), which is not followed". */
  reason: string;
  /** Where the unknown part is decided, when known. */
  location?: Location;
  /** The checks that read it and reported nothing: they could not decide. */
  checks: string[];
}

export interface ProfileCoverage {
  profile: string;
  unknownSettings: UnknownSetting[];
  /**
   * Star imports of libraries neither the project nor its virtual environment holds: taken to set
   * none of Django's settings, which the user may want to know (`from oscar.defaults import *`).
   */
  unreadImports: { module: string; location: Location }[];
}

/** Wraps a profile's settings so a check's reads can be listed afterwards. */
export function recordingSettings(settings: EffectiveSettings): {
  settings: EffectiveSettings;
  read: Set<string>;
} {
  const read = new Set<string>();
  const recorded = new Proxy(settings, {
    get(target, property, receiver) {
      if (property === "get")
        return (name: string): EffectiveSetting => {
          read.add(name);
          return target.get(name);
        };
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { settings: recorded, read };
}

/** The Unknown parts of a value (inside OneOf options and environment defaults too). */
export function unknownParts(value: Value): { reason: string; location?: Location }[] {
  switch (value.kind) {
    case "unknown":
      return [
        {
          // A reason may quote a URL of the settings (`… is converted in a way …`): no password.
          reason: maskFreeText(value.reason),
          ...(value.span ? { location: { file: value.span.file, range: value.span.range } } : {}),
        },
      ];
    case "oneOf":
      return value.options.flatMap(unknownParts);
    case "env": {
      // A conversion that failed on a `.env` value quotes it: hidden unless it may be shown.
      const setBy = value.setBy;
      const parts = value.default ? unknownParts(value.default) : [];
      return setBy
        ? parts.map((part) => ({
            ...part,
            reason: maskFreeText(part.reason, [[value.variable, setBy.text]]),
          }))
        : parts;
    }
    default:
      return [];
  }
}

/** Collects, per profile, the Unknown settings that kept checks from deciding. */
export class CoverageRecorder {
  private readonly byProfile = new Map<string, Map<string, UnknownSetting>>();

  /** After `check` ran on `context` and reported nothing, having read `names`. */
  silentCheck(check: string, context: CheckContext, names: Iterable<string>): void {
    for (const name of names) this.undecided(check, context, name);
  }

  /** `check` reported on `context`, but SILENCED_SYSTEM_CHECKS is not known: Django may silence it. */
  undecidedSilence(check: string, context: CheckContext): void {
    this.undecided(check, context, "SILENCED_SYSTEM_CHECKS");
  }

  private undecided(check: string, context: CheckContext, name: string): void {
    const setting = context.settings.get(name);
    const parts = unknownParts(setting.value);
    if (parts.length === 0) return;
    let settings = this.byProfile.get(context.profile.module);
    if (!settings) this.byProfile.set(context.profile.module, (settings = new Map()));
    const known = settings.get(name);
    if (known) {
      if (!known.checks.includes(check)) known.checks.push(check);
      return;
    }
    const first = parts[0]!;
    const location = first.location ?? bindingLocation(setting);
    settings.set(name, { name, reason: first.reason, ...(location ? { location } : {}), checks: [check] });
  }

  coverage(contexts: readonly CheckContext[]): ProfileCoverage[] {
    return contexts.map((context) => ({
      profile: context.profile.module,
      unknownSettings: [...(this.byProfile.get(context.profile.module)?.values() ?? [])].sort((a, b) =>
        compareText(a.name, b.name),
      ),
      unreadImports: (context.profileModule.unfollowedStarImports ?? []).map(({ module, span }) => ({
        module,
        location: { file: span.file, range: span.range },
      })),
    }));
  }
}

function bindingLocation(setting: EffectiveSetting): Location | undefined {
  const origin = setting.binding?.origin;
  if (!origin) return undefined;
  const span = origin.value ?? origin.statement;
  return { file: span.file, range: span.range };
}
