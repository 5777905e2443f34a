// Settings code that loads a `.env` file itself when Django starts: django-environ's
// `environ.Env.read_env()` and python-dotenv's `load_dotenv()`. The engine takes environment variables
// as unset unless it is given the `.env` file production reads, so a project whose settings load one
// is checked against the defaults in the code, while Django, on this machine, sees the file's values.
// Front ends point these calls out, with the option that applies the file.
import type { Range } from "../python/location";
import type { ParsedModule } from "../python/parse";

/** The functions that load a `.env` file into `os.environ` (not `dotenv_values`, which only returns it). */
const LOADERS = new Set(["read_env", "load_dotenv"]);

export interface DotenvLoad {
  /** The module file that makes the call. */
  file: string;
  range: Range;
  /** As written: `environ.Env.read_env`, `load_dotenv`. */
  call: string;
  /** The production profile whose chain of modules contains the file. */
  profile: string;
}

/**
 * The calls that load a `.env` file in each profile's chain of modules (`chains` as in the engine's
 * result: the profile's module first, then every module it imports), once per call.
 */
export function findDotenvLoads(
  chains: Record<string, string[]>,
  module: (file: string) => ParsedModule | undefined,
): DotenvLoad[] {
  const loads: DotenvLoad[] = [];
  const seen = new Set<string>();
  for (const [profile, files] of Object.entries(chains)) {
    for (const file of files) {
      const parsed = module(file);
      if (!parsed) continue;
      for (const call of loaderCalls(parsed.body)) {
        const key = `${file}:${call.from}`;
        if (seen.has(key)) continue;
        seen.add(key);
        loads.push({ file, range: parsed.lineIndex.rangeOf(call.from, call.to), call: call.name, profile });
      }
    }
  }
  return loads;
}

interface FoundCall {
  from: number;
  to: number;
  name: string;
}

/**
 * Every call of a loader anywhere in the syntax (in `if` and `try` blocks and functions too: a
 * settings module rarely defines a function it does not call). The typed view is walked generically,
 * by its `kind` fields, so that a new kind of node cannot hide a call.
 */
function loaderCalls(body: readonly unknown[]): FoundCall[] {
  const found: FoundCall[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (record.kind === "Call") {
      const name = dottedName(record.func);
      const last = name?.split(".").pop();
      if (name && last && LOADERS.has(last))
        found.push({ from: record.from as number, to: record.to as number, name });
    }
    for (const value of Object.values(record)) if (typeof value === "object") visit(value);
  };
  visit(body);
  return found;
}

/** `a.b.c` for a Name or a chain of Attributes (`environ.Env.read_env`, `env.read_env`). */
function dottedName(node: unknown): string | undefined {
  if (node === null || typeof node !== "object") return undefined;
  const record = node as { kind?: string; id?: string; value?: unknown; attr?: { name: string } };
  if (record.kind === "Name") return record.id;
  if (record.kind === "Attribute" && record.attr) {
    const base = dottedName(record.value);
    return base ? `${base}.${record.attr.name}` : record.attr.name;
  }
  return undefined;
}
