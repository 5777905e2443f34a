// "Silence <ID> in SILENCED_SYSTEM_CHECKS": the edit is computed when asked for, from the profile
// module as it is now, so it is never out of date. The module is evaluated with its star imports
// followed: a list defined in base.py must be extended (`[*SILENCED_SYSTEM_CHECKS, …]`), not replaced.
import { basename, dirname, join } from "node:path";
import type { TextEdit } from "../checks/types";
import { silenceEdit } from "../checks/silence";
import { evaluateModule, type ImportResolver } from "../model/evaluate";
import type { ModuleState, RuntimeValue } from "../model/moduleState";
import { resolveModule, resolveRelativeModule } from "../model/modules";
import type { DjangoProject } from "../model/project";
import type { FileSystemHost } from "../model/workspace";
import { unknown, type UnknownValue } from "../model/values";

/** The edit that adds `code` to the profile module's SILENCED_SYSTEM_CHECKS, or undefined when it cannot be read. */
export function silenceCheckEdit(
  project: DjangoProject,
  host: FileSystemHost,
  profile: { module: string; file: string },
  folder: string,
  code: string,
): TextEdit | undefined {
  const parsed = project.module(profile.file);
  if (!parsed) return undefined;
  const resolver = new StarImportResolver(project, host, sourceRootsOf(profile, folder));
  const state = resolver.evaluate(profile.file);
  return state ? silenceEdit(state, parsed.text, code) : undefined;
}

/** The folder the profile's dotted name is relative to, then the workspace folder and its src/. */
function sourceRootsOf(profile: { module: string; file: string }, folder: string): string[] {
  let root = profile.file;
  if (basename(root) === "__init__.py") root = dirname(root);
  for (let part = 0; part < profile.module.split(".").length; part++) root = dirname(root);
  return [...new Set([root, folder, join(folder, "src")])];
}

/** Follows the imports between settings modules, once per module, stopping at cycles. */
class StarImportResolver implements ImportResolver {
  private readonly states = new Map<string, ModuleState>();
  private readonly inProgress: string[] = [];

  constructor(
    private readonly project: DjangoProject,
    private readonly host: FileSystemHost,
    private readonly sourceRoots: readonly string[],
  ) {}

  evaluate(file: string): ModuleState | undefined {
    const cached = this.states.get(file);
    if (cached) return cached;
    const module = this.project.module(file);
    if (!module) return undefined;
    this.inProgress.push(file);
    try {
      const state = evaluateModule(module, file, this);
      this.states.set(file, state);
      return state;
    } finally {
      this.inProgress.pop();
    }
  }

  private load(module: string, fromFile: string): ModuleState | UnknownValue | "missing" {
    const file = module.startsWith(".")
      ? resolveRelativeModule(module, fromFile, this.host)
      : resolveModule(module, this.sourceRoots, this.host);
    if (!file) return "missing";
    if (this.inProgress.includes(file)) return unknown(`part of an import cycle through ${module}`);
    return this.evaluate(file) ?? unknown(`${module} cannot be read`);
  }

  starImport(module: string, fromFile: string): ModuleState | UnknownValue | "missing" {
    return this.load(module, fromFile);
  }

  importName(module: string, name: string, fromFile: string): RuntimeValue | "missing" {
    const state = this.load(module, fromFile);
    if (state === "missing") return "missing";
    if ("kind" in state) return state;
    return state.bindings.get(name)?.value ?? state.fallback ?? unknown(`${module} does not define ${name}`);
  }
}
