// Which Django version a project runs, read from its dependency files: requirements*.txt (and
// requirements/*.txt), pyproject.toml (PEP 621 dependencies, Poetry), Pipfile, the lock files of
// pip-tools' siblings (Pipfile.lock, poetry.lock, uv.lock), setup.cfg and setup.py. A lock file names
// the exact version and wins; then an exact pin (==4.2.7); then a range, which stands for the oldest
// version it allows that we know (>=4.2,<5.0 → 4.2), so no check is assumed that the project may not
// have. The result is mapped to the versions the checks know (5.2.3 → 5.2). Pure: reads through the
// host, runs nothing.
import { basename, dirname } from "node:path";
import { DJANGO_VERSIONS, type DjangoVersion } from "../django/versions";
import type { FileSystemHost } from "./workspace";

export interface DetectedDjangoVersion {
  version: DjangoVersion;
  /** Where it was found and how it was read, for the log: `requirements.txt: Django==4.2.7`. */
  source: string;
}

/** How much a finding says: the exact version installed, an exact pin, or a range. */
type Strength = 3 | 2 | 1;

interface Candidate {
  file: string;
  /** The requirement as written, for the source text. */
  written: string;
  strength: Strength;
  /** Alternatives (`||`), each a list of constraints that must all hold. */
  alternatives: Constraint[][];
}

interface Constraint {
  operator: "==" | "!=" | ">=" | "<=" | ">" | "<" | "~=" | "^" | "~";
  release: number[];
  /** `==4.2.*`: the operator applies to the prefix. */
  wildcard: boolean;
}

const LOCK_FILES = new Set(["poetry.lock", "uv.lock", "Pipfile.lock"]);
const OTHER_FILES = new Set(["pyproject.toml", "Pipfile", "setup.cfg", "setup.py"]);
/** Files for development or tests say less about production than the others. */
const DEVELOPMENT_FILE =
  /(^|[._/-])(dev|develop|development|local|test|tests|testing|ci|docs|lint)([._/-]|$)/i;

export function detectDjangoVersion(
  roots: readonly string[],
  host: FileSystemHost,
): DetectedDjangoVersion | undefined {
  const candidates: Candidate[] = [];
  for (const root of roots) {
    const files = host.findFiles(
      root,
      (name) => LOCK_FILES.has(name) || OTHER_FILES.has(name) || name.endsWith(".txt"),
    );
    for (const file of files) {
      const name = basename(file);
      const isRequirements =
        name.endsWith(".txt") && (/^requirements/i.test(name) || basename(dirname(file)) === "requirements");
      if (name.endsWith(".txt") && !isRequirements) continue;
      const text = host.readFile(file);
      if (text === undefined) continue;
      const relative = file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
      candidates.push(...candidatesIn(relative, name, text));
    }
  }
  const ranked = candidates
    .map((candidate) => ({ candidate, detected: resolve(candidate) }))
    .filter((entry): entry is { candidate: Candidate; detected: DetectedDjangoVersion } => !!entry.detected)
    .sort(
      (a, b) =>
        b.candidate.strength - a.candidate.strength ||
        Number(DEVELOPMENT_FILE.test(a.candidate.file)) - Number(DEVELOPMENT_FILE.test(b.candidate.file)) ||
        a.candidate.file.split("/").length - b.candidate.file.split("/").length ||
        a.candidate.file.localeCompare(b.candidate.file),
    );
  return ranked[0]?.detected;
}

function candidatesIn(file: string, name: string, text: string): Candidate[] {
  if (name === "Pipfile.lock") return pipfileLock(file, text);
  if (name === "poetry.lock" || name === "uv.lock") return packageLock(file, text);
  if (name === "pyproject.toml") return pyproject(file, text);
  if (name === "Pipfile") return tomlTableDependencies(file, text, (table) => table === "packages");
  if (name === "setup.cfg") return setupCfg(file, text);
  if (name === "setup.py") return setupPy(file, text);
  return requirementsFile(file, text);
}

/** A PEP 508 requirement naming Django (`Django[argon2]>=4.2; python_version >= "3.10"`). */
function requirement(file: string, line: string): Candidate | undefined {
  const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([^;@]*)/.exec(line);
  if (!match || match[1]!.toLowerCase().replace(/[-_.]+/g, "-") !== "django") return undefined;
  if (/^\s*[A-Za-z0-9._-]+\s*(\[[^\]]*\])?\s*@/.test(line)) return undefined;
  const specifier = match[3]!.trim().replace(/^\(|\)$/g, "");
  return constraintCandidate(file, `${match[1]}${specifier}`, specifier, "pep440");
}

function constraintCandidate(
  file: string,
  written: string,
  specifier: string,
  dialect: "pep440" | "poetry",
): Candidate | undefined {
  const alternatives: Constraint[][] = [];
  for (const alternative of specifier.split("||")) {
    const constraints: Constraint[] = [];
    const pattern = /(\^|~=|~|===|==|!=|<=|>=|<|>)?\s*v?(\d+(?:\.\d+)*)(\.\*)?[0-9A-Za-z.+!-]*|\*/g;
    let found: RegExpExecArray | null;
    while ((found = pattern.exec(alternative))) {
      if (found[0] === "*") continue;
      let operator = (found[1] ?? (dialect === "poetry" ? "==" : undefined)) as
        Constraint["operator"] | "===" | undefined;
      if (operator === undefined) return undefined;
      if (operator === "===") operator = "==";
      constraints.push({ operator, release: found[2]!.split(".").map(Number), wildcard: !!found[3] });
    }
    alternatives.push(constraints);
  }
  const pinned =
    alternatives.length === 1 &&
    alternatives[0]!.length === 1 &&
    alternatives[0]![0]!.operator === "==" &&
    !alternatives[0]![0]!.wildcard;
  return { file, written, strength: pinned ? 2 : 1, alternatives };
}

function requirementsFile(file: string, text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const raw of text.replace(/\\\r?\n/g, " ").split(/\r?\n/)) {
    const line = raw
      .replace(/(^|\s)#.*$/, "")
      .replace(/\s--?[a-z][\w-]*(=\S*)?/g, "")
      .trim();
    if (line === "" || line.startsWith("-")) continue;
    const candidate = requirement(file, line);
    if (candidate) found.push(candidate);
  }
  return found;
}

/** `[table]` headers and `key = value` lines of a TOML file, with multi-line arrays joined. */
function tomlEntries(text: string): { table: string; key: string; value: string }[] {
  const entries: { table: string; key: string; value: string }[] = [];
  let table = "";
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.replace(/^\s+/, "");
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
    if (header) {
      table = header[1]!.replace(/["']/g, "");
      continue;
    }
    const entry = /^("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line);
    if (!entry) continue;
    let value = entry[2]!;
    // Arrays and inline tables may span lines: read on until the brackets balance.
    const depth = (text: string) => (text.match(/[[{]/g)?.length ?? 0) - (text.match(/[\]}]/g)?.length ?? 0);
    while (depth(stripStrings(value)) > 0 && index + 1 < lines.length) value += `\n${lines[++index]}`;
    entries.push({ table, key: entry[1]!.replace(/^["']|["']$/g, ""), value });
  }
  return entries;
}

function stripStrings(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '""').replace(/#.*$/gm, "");
}

function tomlStrings(value: string): string[] {
  return [...value.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((match) => match[1] ?? match[2]!);
}

function pyproject(file: string, text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const entry of tomlEntries(text)) {
    if (entry.table === "project" && entry.key === "dependencies") {
      for (const item of tomlStrings(entry.value)) {
        const candidate = requirement(file, item);
        if (candidate) found.push(candidate);
      }
    }
  }
  return [...found, ...tomlTableDependencies(file, text, (table) => table === "tool.poetry.dependencies")];
}

/** Poetry and Pipfile tables: `django = "^4.2"` or `Django = { version = ">=4.2", … }`. */
function tomlTableDependencies(file: string, text: string, accept: (table: string) => boolean): Candidate[] {
  const found: Candidate[] = [];
  for (const entry of tomlEntries(text)) {
    if (!accept(entry.table) || entry.key.toLowerCase() !== "django") continue;
    const inline = /^\s*\{/.test(entry.value)
      ? /\bversion\s*=\s*("[^"]*"|'[^']*')/.exec(entry.value)?.[1]
      : entry.value;
    const specifier = inline === undefined ? undefined : tomlStrings(inline)[0];
    if (specifier === undefined) continue;
    const candidate = constraintCandidate(file, `${entry.key} = "${specifier}"`, specifier, "poetry");
    if (candidate) found.push(candidate);
  }
  return found;
}

function pipfileLock(file: string, text: string): Candidate[] {
  try {
    const lock = JSON.parse(text) as { default?: Record<string, { version?: unknown }> };
    for (const [name, entry] of Object.entries(lock.default ?? {})) {
      if (name.toLowerCase() !== "django" || typeof entry?.version !== "string") continue;
      const candidate = constraintCandidate(file, `${name}${entry.version}`, entry.version, "pep440");
      return candidate ? [{ ...candidate, strength: 3 }] : [];
    }
  } catch {
    // Not JSON: nothing to read.
  }
  return [];
}

/** poetry.lock and uv.lock: `[[package]]` blocks with `name` and `version`. */
function packageLock(file: string, text: string): Candidate[] {
  let name: string | undefined;
  let version: string | undefined;
  const found: Candidate[] = [];
  const flush = () => {
    if (name?.toLowerCase() === "django" && version) {
      const candidate = constraintCandidate(file, `django ${version}`, `==${version}`, "pep440");
      if (candidate) found.push({ ...candidate, strength: 3 });
    }
    name = version = undefined;
  };
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*\[/.test(line)) {
      flush();
      continue;
    }
    const entry = /^(name|version)\s*=\s*"([^"]*)"/.exec(line);
    if (entry?.[1] === "name") name = entry[2];
    else if (entry?.[1] === "version") version = entry[2];
  }
  flush();
  return found;
}

function setupCfg(file: string, text: string): Candidate[] {
  const found: Candidate[] = [];
  let section = "";
  let inRequires = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) {
      section = header[1]!.trim();
      inRequires = false;
      continue;
    }
    const key = /^(\S[^=:]*?)\s*[=:]\s*(.*)$/.exec(line);
    if (key) {
      inRequires = section === "options" && key[1] === "install_requires";
      if (inRequires && key[2]) {
        const candidate = requirement(file, key[2]);
        if (candidate) found.push(candidate);
      }
      continue;
    }
    if (inRequires && /^\s+\S/.test(line)) {
      const candidate = requirement(file, line.replace(/#.*$/, ""));
      if (candidate) found.push(candidate);
    }
  }
  return found;
}

function setupPy(file: string, text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(/["']([^"'\n]+)["']/g)) {
    if (!/^\s*django\s*(\[[^\]]*\])?\s*([<>=!~][^"']*)?$/i.test(match[1]!)) continue;
    const candidate = requirement(file, match[1]!);
    if (candidate) found.push(candidate);
  }
  return found;
}

function compare(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function satisfies(version: number[], constraint: Constraint): boolean {
  const { release } = constraint;
  const order = compare(version, release);
  const prefix = (length: number) => compare(version.slice(0, length), release.slice(0, length)) === 0;
  switch (constraint.operator) {
    case "==":
      return constraint.wildcard ? prefix(release.length) : order === 0;
    case "!=":
      return constraint.wildcard ? !prefix(release.length) : order !== 0;
    case ">=":
      return order >= 0;
    case "<=":
      return order <= 0;
    case ">":
      return order > 0;
    case "<":
      return order < 0;
    case "~=":
      // Compatible release: >= the version, and the same release up to its last-but-one part.
      return order >= 0 && prefix(Math.max(1, release.length - 1));
    case "^": {
      // Poetry: the leftmost non-zero part may not change.
      const fixed = release.findIndex((part) => part !== 0);
      return order >= 0 && prefix(fixed < 0 ? release.length : fixed + 1);
    }
    case "~":
      // Poetry: ~4.2 allows 4.2.*, ~4 allows 4.*.
      return order >= 0 && prefix(Math.min(2, release.length));
  }
}

/** Whether some release of `major.minor` meets every constraint of one alternative. */
function allowsSeries(constraints: Constraint[], major: number, minor: number): boolean {
  const probes = [
    [major, minor, 0],
    [major, minor, 9999],
    ...constraints
      .filter((constraint) => constraint.release[0] === major && (constraint.release[1] ?? 0) === minor)
      .flatMap((constraint) => {
        const patch = constraint.release[2] ?? 0;
        return [
          [major, minor, patch],
          [major, minor, patch + 1],
        ];
      }),
  ];
  return probes.some((probe) => constraints.every((constraint) => satisfies(probe, constraint)));
}

const KNOWN = DJANGO_VERSIONS.map((version) => ({ version, release: version.split(".").map(Number) }));
const OLDEST = KNOWN[0]!;
const NEWEST = KNOWN[KNOWN.length - 1]!;

function resolve(candidate: Candidate): DetectedDjangoVersion | undefined {
  const where = `${candidate.file}: ${candidate.written}`;
  if (candidate.strength >= 2) {
    const release = candidate.alternatives[0]![0]!.release;
    return nearest(release, where);
  }
  // An unconstrained requirement installs the newest release, which is not known from the files.
  if (candidate.alternatives.some((constraints) => constraints.length === 0)) return undefined;
  for (const known of KNOWN) {
    const [major, minor] = known.release as [number, number];
    if (candidate.alternatives.some((constraints) => allowsSeries(constraints, major, minor)))
      return { version: known.version, source: `${where} (the oldest version it allows that is checked)` };
  }
  // No known version fits: the range is entirely older or entirely newer than what we know.
  const older = candidate.alternatives.some((constraints) =>
    [[0, 0, 0], ...constraints.map((constraint) => constraint.release)].some(
      (probe) =>
        compare(probe, OLDEST.release) < 0 && constraints.every((constraint) => satisfies(probe, constraint)),
    ),
  );
  if (older)
    return {
      version: OLDEST.version,
      source: `${where} allows only versions older than ${OLDEST.version}, the oldest checked: checking as ${OLDEST.version}`,
    };
  return {
    version: NEWEST.version,
    source: `${where} allows only versions newer than ${NEWEST.version}, the newest checked: checking as ${NEWEST.version}`,
  };
}

/** The known version of an exact release: its own series, or the nearest one below (or the oldest). */
function nearest(release: number[], where: string): DetectedDjangoVersion {
  const series = release.slice(0, 2);
  const exact = KNOWN.find((known) => compare(known.release, series) === 0);
  if (exact) return { version: exact.version, source: where };
  if (compare(series, OLDEST.release) < 0)
    return {
      version: OLDEST.version,
      source: `${where} is older than ${OLDEST.version}, the oldest version checked: checking as ${OLDEST.version}`,
    };
  const below = [...KNOWN].reverse().find((known) => compare(known.release, series) < 0) ?? NEWEST;
  return {
    version: below.version,
    source: `${where} is not a version the checks know: checking as ${below.version}`,
  };
}
