// Effective settings of a profile: Django's defaults for the project's version, overlaid with what
// the profile's module (and what it imports) sets.
import type { DjangoVersion } from "../django/versions";
import { djangoDefault } from "../django/defaults";
import type { Binding, ModuleState } from "../evaluate/moduleState";
import { asValue } from "../evaluate/moduleState";
import { unknown, type Value } from "../evaluate/values";
import type { Profile } from "../project/workspace";

export interface EffectiveSetting {
  name: string;
  /** The value Django ends up with; `unset` branches are replaced by the default. */
  value: Value;
  /** The binding that decided it; undefined when Django's default applies. */
  binding?: Binding;
  /** Django's default for this setting in the project's version (undefined when the version has none). */
  defaultValue?: Value;
  /** What production must be like for this value to hold, when the engine assumed it. */
  assumption?: string;
}

export class EffectiveSettings {
  private readonly cache = new Map<string, EffectiveSetting>();

  constructor(
    readonly profile: Profile,
    readonly state: ModuleState,
    readonly djangoVersion: DjangoVersion,
  ) {}

  get(name: string): EffectiveSetting {
    let setting = this.cache.get(name);
    if (!setting) {
      setting = this.compute(name);
      const assumption =
        this.state.assumptions.get(name) ?? setting.value.assumption ?? this.state.assumptions.get("*");
      if (assumption) setting = { ...setting, assumption };
      this.cache.set(name, setting);
    }
    return setting;
  }

  private compute(name: string): EffectiveSetting {
    const defaultValue = djangoDefault(name, this.djangoVersion);
    const binding = this.state.bindings.get(name);
    if (!binding) {
      if (this.state.fallback) return { name, value: this.state.fallback, defaultValue };
      for (const [prefix, value] of this.state.unknownPrefixes ?? [])
        if (name.startsWith(prefix)) return { name, value, defaultValue };
      return {
        name,
        value: defaultValue ?? unknown(`${name} is not a setting of Django ${this.djangoVersion}`),
        defaultValue,
      };
    }
    const raw = asValue(binding.value, name);
    const fallback = defaultValue ?? unknown(`${name} is not set`);
    const value: Value =
      raw.kind === "oneOf" && raw.options.some((option) => option.kind === "unset")
        ? { ...raw, options: raw.options.map((option) => (option.kind === "unset" ? fallback : option)) }
        : raw;
    return { name, value, binding, defaultValue };
  }
}
