// Which Django version a project runs, read from its dependency files: requirements*.txt (and
// requirements/*.txt), pyproject.toml (PEP 621 dependencies, Poetry), Pipfile, the lock files of
// pip-tools' siblings (Pipfile.lock, poetry.lock, uv.lock), setup.cfg and setup.py. A lock file names
// the exact version and wins; then an exact pin (==4.2.7); then a range, which stands for the oldest
// version it allows that we know (>=4.2,<5.0 → 4.2), so no check is assumed that the project may not
// have. The result is mapped to the versions the checks know (5.2.3 → 5.2). Pure: reads through the
// host, runs nothing. TOML files are read with smol-toml, setup.cfg as configparser reads it,
// setup.py through the Python parser, and version specifiers with @renovatebot/pep440 (Poetry's
// `^`/`~`/`||` forms are first written as PEP 440). This is the one detector: the checks and the
// scaffold's default both use it.
import { basename, dirname } from "node:path";
import { parse as parseVersion, satisfies, validRange } from "@renovatebot/pep440";
import { parse as parseToml } from "smol-toml";
import { DJANGO_VERSIONS, type DjangoVersion } from "../django/versions";
import { parseStringLiteral } from "../python/literals";
import { parseModule } from "../python/parse";
import { configEntries, readConfigFile } from "./configFile";
import type { FileSystemHost } from "./workspace";
import { compareText } from "../../../common/src/compareText";

export interface DetectedDjangoVersion {
  version: DjangoVersion;
  /** Where it was found and how it was read, for the log: `requirements.txt: Django==4.2.7`. */
  source: string;
  /** The absolute path of the file that decided. */
  file: string;
}

/** How much a finding says: the exact version installed, an exact pin, or a range. */
/** How much a finding says: the exact version installed, an exact pin, or a range. */
type Strength = 3 | 2 | 1;

interface Candidate {
  /** Relative to the workspace folder, for the source text and the ranking. */
  file: string;
  absolute: string;
  /** The requirement as written, for the source text. */
  written: string;
  strength: Strength;
  /** Alternatives (Poetry's `||`), each a PEP 440 specifier; "" allows any version. */
  alternatives: string[];
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
      candidates.push(...candidatesIn(relative, name, text).map((found) => ({ ...found, absolute: file })));
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
        compareText(a.candidate.file, b.candidate.file),
    );
  return ranked[0]?.detected;
}

type Found = Omit<Candidate, "absolute">;

function candidatesIn(file: string, name: string, text: string): Found[] {
  try {
    if (name === "Pipfile.lock") return pipfileLock(file, text);
    if (name === "poetry.lock" || name === "uv.lock") return packageLock(file, text);
    if (name === "pyproject.toml") return pyproject(file, text);
    if (name === "Pipfile") return pipfile(file, text);
    if (name === "setup.cfg") return setupCfg(file, text);
    if (name === "setup.py") return setupPy(file, text);
    return requirementsFile(file, text);
  } catch {
    // A file its reader rejects (TOML or JSON with a syntax error) tells nothing.
    return [];
  }
}

/** A PEP 508 requirement naming Django (`Django[argon2]>=4.2; python_version >= "3.10"`). */
function requirement(file: string, line: string): Found | undefined {
  const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([^;@]*)/.exec(line);
  if (!match || match[1]!.toLowerCase().replace(/[-_.]+/g, "-") !== "django") return undefined;
  // A direct reference (`Django @ https://…`) names no version.
  if (/^\s*[A-Za-z0-9._-]+\s*(\[[^\]]*\])?\s*@/.test(line)) return undefined;
  const specifier = match[3]!.trim().replace(/^\(|\)$/g, "");
  return specifierCandidate(file, `${match[1]}${specifier}`, [specifier]);
}

function specifierCandidate(file: string, written: string, alternatives: string[]): Found | undefined {
  const normalized = alternatives.map((alternative) => alternative.trim().replace(/===/g, "=="));
  if (normalized.some((alternative) => alternative !== "" && !validRange(alternative))) return undefined;
  const pinned = normalized.length === 1 && /^==\s*[^*,]+$/.test(normalized[0]!);
  return { file, written, strength: pinned ? 2 : 1, alternatives: normalized };
}

/** Poetry's constraint syntax (`^4.2`, `~4.2`, `4.2.7`, `>=4.2 <5`, `a || b`) as PEP 440 specifiers. */
function poetryCandidate(file: string, written: string, constraint: string): Found | undefined {
  const alternatives = constraint.split("||").map((alternative) =>
    alternative
      .trim()
      .split(/\s*,\s*|\s+(?=[<>=!~^\d*])/)
      .filter((part) => part !== "" && part !== "*")
      .map((part) => {
        const match = /^(\^|~(?!=)|~=|==|!=|<=|>=|<|>|=)?\s*v?(\d+(?:\.\d+)*)(.*)$/.exec(part);
        if (!match) return part;
        const [, operator, release, rest] = match;
        const parts = release!.split(".").map(Number);
        if (operator === "^") {
          const fixed = parts.findIndex((value) => value !== 0);
          const upperIndex = fixed < 0 ? parts.length - 1 : fixed;
          const upper = [...parts.slice(0, upperIndex), parts[upperIndex]! + 1];
          return `>=${release}${rest},<${upper.join(".")}`;
        }
        if (operator === "~") {
          const upperIndex = parts.length >= 2 ? 1 : 0;
          const upper = [...parts.slice(0, upperIndex), parts[upperIndex]! + 1];
          return `>=${release}${rest},<${upper.join(".")}`;
        }
        return `${operator === undefined || operator === "=" ? "==" : operator}${release}${rest}`;
      })
      .join(","),
  );
  return specifierCandidate(file, written, alternatives);
}

function requirementsFile(file: string, text: string): Found[] {
  const found: Found[] = [];
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

type Table = Record<string, unknown>;
const table = (value: unknown): Table | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Table) : undefined;
/** A table's entry whose key is Django, in any case. */
const djangoEntry = (dependencies: Table | undefined) =>
  Object.entries(dependencies ?? {}).find(([key]) => key.toLowerCase() === "django");

function pyproject(file: string, text: string): Found[] {
  const document = parseToml(text) as Table;
  const found: Found[] = [];
  const dependencies = table(document.project)?.dependencies;
  if (Array.isArray(dependencies)) {
    for (const item of dependencies) {
      const candidate = typeof item === "string" ? requirement(file, item) : undefined;
      if (candidate) found.push(candidate);
    }
  }
  const poetry = djangoEntry(table(table(table(document.tool)?.poetry)?.dependencies));
  if (poetry) {
    const [key, value] = poetry;
    const constraint = typeof value === "string" ? value : table(value)?.version;
    if (typeof constraint === "string") {
      const candidate = poetryCandidate(file, `${key} = "${constraint}"`, constraint);
      if (candidate) found.push(candidate);
    }
  }
  return found;
}

/** Pipfile: `[packages]` with `django = "~=5.2"` or `Django = { version = "…" }` (PEP 440, or "*"). */
function pipfile(file: string, text: string): Found[] {
  const entry = djangoEntry(table((parseToml(text) as Table).packages));
  if (!entry) return [];
  const [key, value] = entry;
  const specifier = typeof value === "string" ? value : table(value)?.version;
  if (typeof specifier !== "string") return [];
  const candidate = specifierCandidate(file, `${key} = "${specifier}"`, [specifier === "*" ? "" : specifier]);
  return candidate ? [candidate] : [];
}

function pipfileLock(file: string, text: string): Found[] {
  const lock = JSON.parse(text) as { default?: Record<string, { version?: unknown }> };
  for (const [name, entry] of Object.entries(lock.default ?? {})) {
    if (name.toLowerCase() !== "django" || typeof entry?.version !== "string") continue;
    const candidate = specifierCandidate(file, `${name}${entry.version}`, [entry.version]);
    return candidate ? [{ ...candidate, strength: 3 }] : [];
  }
  return [];
}

/** poetry.lock and uv.lock: `[[package]]` tables with `name` and `version`. */
function packageLock(file: string, text: string): Found[] {
  const packages = (parseToml(text) as Table).package;
  if (!Array.isArray(packages)) return [];
  const found: Found[] = [];
  for (const entry of packages) {
    const name = table(entry)?.name;
    const version = table(entry)?.version;
    if (typeof name !== "string" || name.toLowerCase() !== "django" || typeof version !== "string") continue;
    const candidate = specifierCandidate(file, `${name} ${version}`, [`==${version}`]);
    if (candidate) found.push({ ...candidate, strength: 3 });
  }
  return found;
}

function setupCfg(file: string, text: string): Found[] {
  const found: Found[] = [];
  for (const entry of configEntries(readConfigFile(text), (name) => name === "options", "install_requires")) {
    for (const line of entry.lines) {
      const candidate = requirement(file, line.text.replace(/(^|\s)[#;].*$/, ""));
      if (candidate) found.push(candidate);
    }
  }
  return found;
}

/** setup.py: string literals that are requirements naming Django, read through the parser. */
function setupPy(file: string, text: string): Found[] {
  const found: Found[] = [];
  parseModule(text).tree.iterate({
    enter(node) {
      if (node.name !== "String") return;
      const value = parseStringLiteral(text.slice(node.from, node.to));
      if (value === undefined || !/^\s*django\s*(\[[^\]]*\])?\s*([<>=!~][^"']*)?$/i.test(value)) return;
      const candidate = requirement(file, value);
      if (candidate) found.push(candidate);
    },
  });
  return found;
}

const KNOWN = DJANGO_VERSIONS.map((version) => ({ version, release: version.split(".").map(Number) }));
const OLDEST = KNOWN[0]!;
const NEWEST = KNOWN[KNOWN.length - 1]!;

function compare(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The releases named in a specifier (`>=4.2.7,<5` → 4.2.7 and 5), to probe around them. */
function releasesIn(specifier: string): number[][] {
  return [...specifier.matchAll(/\d+(?:\.\d+)*/g)].map((match) => match[0].split(".").map(Number));
}

const allows = (specifier: string, release: readonly number[]) =>
  specifier === "" || satisfies(release.join("."), specifier);

/** Whether some final release of `major.minor` meets the specifier. */
function allowsSeries(specifier: string, major: number, minor: number): boolean {
  const probes = [
    [major, minor, 0],
    [major, minor, 9999],
    ...releasesIn(specifier)
      .filter((release) => release[0] === major && (release[1] ?? 0) === minor)
      .flatMap((release) => {
        const patch = release[2] ?? 0;
        return [
          [major, minor, patch],
          [major, minor, patch + 1],
        ];
      }),
  ];
  return probes.some((probe) => allows(specifier, probe));
}

function resolve(candidate: Found & { absolute: string }): DetectedDjangoVersion | undefined {
  const where = `${candidate.file}: ${candidate.written}`;
  const file = candidate.absolute;
  if (candidate.strength >= 2) {
    const pinned = candidate.alternatives[0]!.replace(/^==\s*/, "");
    const release = parseVersion(pinned)?.release;
    return release ? nearest(release, where, file) : undefined;
  }
  // An unconstrained requirement installs the newest release, which is not known from the files.
  if (candidate.alternatives.some((specifier) => specifier === "")) return undefined;
  for (const known of KNOWN) {
    const [major, minor] = known.release as [number, number];
    if (candidate.alternatives.some((specifier) => allowsSeries(specifier, major, minor)))
      return {
        version: known.version,
        source: `${where} (the oldest version it allows that is checked)`,
        file,
      };
  }
  // No known version fits: the range is entirely older or entirely newer than what we know.
  const older = candidate.alternatives.some((specifier) =>
    [[0, 0, 0], ...releasesIn(specifier)].some(
      (probe) => compare(probe, OLDEST.release) < 0 && allows(specifier, probe),
    ),
  );
  if (older)
    return {
      version: OLDEST.version,
      source: `${where} allows only versions older than ${OLDEST.version}, the oldest checked: checking as ${OLDEST.version}`,
      file,
    };
  return {
    version: NEWEST.version,
    source: `${where} allows only versions newer than ${NEWEST.version}, the newest checked: checking as ${NEWEST.version}`,
    file,
  };
}

/** The known version of an exact release: its own series, or the nearest one below (or the oldest). */
function nearest(release: readonly number[], where: string, file: string): DetectedDjangoVersion {
  const series = release.slice(0, 2);
  const exact = KNOWN.find((known) => compare(known.release, series) === 0);
  if (exact) return { version: exact.version, source: where, file };
  if (compare(series, OLDEST.release) < 0)
    return {
      version: OLDEST.version,
      source: `${where} is older than ${OLDEST.version}, the oldest version checked: checking as ${OLDEST.version}`,
      file,
    };
  const below = [...KNOWN].reverse().find((known) => compare(known.release, series) < 0) ?? NEWEST;
  return {
    version: below.version,
    source: `${where} is not a version the checks know: checking as ${below.version}`,
    file,
  };
}
