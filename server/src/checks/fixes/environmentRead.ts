// Builds "read it from the environment" fixes in the project's own style: django-environ's `env(…)`
// when the module has an `environ.Env` instance, python-decouple's `config(…)` when imported, and
// `os.environ[…]` otherwise (adding `import os` when missing).
import type { ModuleState } from "../../evaluate/moduleState";
import type { Range } from "../../python/location";
import { offsetToPosition } from "../context";
import type { TextEdit } from "../types";

export interface EnvironmentReadStyle {
  /** The expression reading `variable`, with no default: a missing variable fails loudly. */
  expression(variable: string): string;
  /**
   * A boolean read of `variable` that is False when it is unset and True only when it is set to
   * True: for a switch that development turns on (`DEBUG`) and production leaves unset.
   */
  flag(variable: string): string;
  /** A read of a comma-separated list, with no default (`ALLOWED_HOSTS`). */
  list(variable: string): string;
  /** Edits needed before the expression works (an import). */
  setup: TextEdit[];
}

/**
 * Each module state's style with the text it was worked out for: several checks' fixes ask on every
 * keystroke, and working it out goes through every binding of the module (thousands in a long one).
 */
const styles = new WeakMap<ModuleState, { text: string; style: EnvironmentReadStyle }>();

export function environmentReadStyle(module: ModuleState, text: string): EnvironmentReadStyle {
  const known = styles.get(module);
  if (known?.text === text) return known.style;
  const style = styleOf(module, text);
  styles.set(module, { text, style });
  return style;
}

function styleOf(module: ModuleState, text: string): EnvironmentReadStyle {
  for (const binding of module.bindings.values()) {
    if (
      binding.value.kind === "symbol" &&
      /^environ\.(environ\.)?Env\(\)$/.test(binding.value.qualifiedName)
    ) {
      return {
        expression: (variable) => `${binding.name}(${JSON.stringify(variable)})`,
        flag: (variable) => `${binding.name}.bool(${JSON.stringify(variable)}, default=False)`,
        list: (variable) => `${binding.name}.list(${JSON.stringify(variable)})`,
        setup: [],
      };
    }
  }
  for (const binding of module.bindings.values()) {
    if (
      binding.value.kind === "symbol" &&
      ["decouple.config", "decouple.AutoConfig()"].includes(binding.value.qualifiedName)
    ) {
      return {
        expression: (variable) => `${binding.name}(${JSON.stringify(variable)})`,
        flag: (variable) => `${binding.name}(${JSON.stringify(variable)}, default=False, cast=bool)`,
        list: (variable) => `${binding.name}(${JSON.stringify(variable)}).split(",")`,
        setup: [],
      };
    }
  }
  const os = [...module.bindings.values()].find(
    (binding) => binding.value.kind === "symbol" && binding.value.qualifiedName === "os",
  );
  if (os)
    return {
      expression: (variable) => `${os.name}.environ[${JSON.stringify(variable)}]`,
      flag: (variable) => `${os.name}.environ.get(${JSON.stringify(variable)}, "") == "True"`,
      list: (variable) => `${os.name}.environ[${JSON.stringify(variable)}].split(",")`,
      setup: [],
    };
  const position = offsetToPosition(text, importInsertionOffset(text));
  const range: Range = { start: position, end: position };
  return {
    expression: (variable) => `os.environ[${JSON.stringify(variable)}]`,
    flag: (variable) => `os.environ.get(${JSON.stringify(variable)}, "") == "True"`,
    list: (variable) => `os.environ[${JSON.stringify(variable)}].split(",")`,
    setup: [{ file: module.file, range, newText: "import os\n" }],
  };
}

/** Where a new import goes: after the module docstring and `from __future__` imports. */
function importInsertionOffset(text: string): number {
  let offset = 0;
  const docstring =
    /^(\s*#[^\n]*\n|\s*\n)*\s*(?:[rRuU]?("""|''')[\s\S]*?\2|[rRuU]?("|')[^\n]*?\3)[ \t]*\n/.exec(text);
  if (docstring) offset = docstring[0].length;
  const future = /^from __future__ import [^\n]*\n/gm;
  let match: RegExpExecArray | null;
  while ((match = future.exec(text))) offset = Math.max(offset, match.index + match[0].length);
  return offset;
}
