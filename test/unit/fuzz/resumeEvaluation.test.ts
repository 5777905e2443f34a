// Property test of resumed evaluation (issue 17, evaluate/checkpoints.ts): a module evaluated again
// after edits resumes from a checkpoint before the first changed statement. Over random sequences of
// edits (keystrokes, pastes, whole statements, edits that break the syntax) to generated and
// real-looking settings modules in a chain of star imports, under environments that change between
// analyses, each module's state (every binding with its value and origin, spans as line and
// character, the assumptions, imports, syntax errors…), the files each module depends on and the
// loader's messages must equal those of an evaluation from scratch of the same parsed modules. A
// second property holds the whole engine to the same: the findings of a long-lived project whose
// settings module, base module and .env file change equal, in every detail, those of a fresh project
// that parses the text afresh.
//
// A longer run: FUZZ_RUNS=2000 FUZZ_SEED=7 npx tsx --test test/unit/fuzz/resumeEvaluation.test.ts
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import fc from "fast-check";
import { type ParsedModule, parseModule } from "../../../server/src/python/parse";
import { IncrementalDocument } from "../../../server/src/python/incrementalDocument";
import { SourceFile } from "../../../server/src/python/sourceFile";
import {
  type CachedState,
  ModuleLoader,
  type ModuleProvider,
} from "../../../server/src/resolve/moduleLoader";
import type { Environment } from "../../../server/src/evaluate/expressions";
import type { WorkspaceLayout } from "../../../server/src/project/profiles";
import type { FileSystemHost } from "../../../server/src/project/workspace";
import type { ModuleSource } from "../../../server/src/engine/analysisFiles";
import { DjangoProject } from "../../../server/src/engine/project";
import { seedModules } from "./engineHarness";

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 17);
const settings = { seed: SEED, numRuns: RUNS, endOnFailure: true } as const;

const ROOT = "/p";
const PACKAGE = `${ROOT}/mysite`;
const SETTINGS = `${PACKAGE}/settings.py`;
const BASE = `${PACKAGE}/base.py`;
const middle = (index: number) => `${PACKAGE}/middle${index}.py`;

/** How often an analysis resumed a module's evaluation, so the property is known to test resuming. */
const counts = { analyses: 0, resumed: 0, resumedAfterStart: 0 };
after(() =>
  console.log(
    `resume (seed ${SEED}, ${RUNS} runs): ${counts.analyses} module evaluations after an edit, ${counts.resumed} resumed from a checkpoint (${counts.resumedAfterStart} past the first)`,
  ),
);

// --- generated modules ---------------------------------------------------------------------------

const NAMES = ["DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "MIDDLEWARE", "INSTALLED_APPS", "DATABASES", "X"];
const name = fc.constantFrom(...NAMES);

const expression = fc.oneof(
  fc.constantFrom(
    "True",
    "False",
    "None",
    "1",
    "'x'",
    "'django-insecure-abc'",
    "['a', 'b']",
    "{'default': {'ENGINE': 'x'}}",
    'os.environ.get("DEBUG", "False") == "True"',
    'os.getenv("HOSTS", "a,b").split(",")',
    'os.environ["SECRET_KEY"]',
    'env.bool("DEBUG", default=False)',
    'env("SECRET_KEY", default="abc")',
    "env_bool('DEBUG')",
    "hosts()",
    "Setup.apps(INSTALLED_APPS)",
    'BASE_DIR / "static"',
    "[item for item in range(50)]",
    "ALLOWED_HOSTS + ['y']",
    "X * 2",
  ),
  name,
);

/** Statements of every kind the evaluator carries state for. */
const statement: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(name, expression).map(([target, value]) => `${target} = ${value}\n`) },
  fc.tuple(name, expression).map(([target, value]) => `${target} += ${value}\n`),
  fc.tuple(name, expression).map(([target, value]) => `${target}.append(${value})\n`),
  fc.tuple(name, expression).map(([target, value]) => `${target}["default"] = ${value}\n`),
  fc
    .tuple(expression, name, expression, name, expression)
    .map(([test, a, x, b, y]) => `if ${test}:\n    ${a} = ${x}\nelse:\n    ${b} = ${y}\n`),
  fc
    .tuple(name, expression)
    .map(([target, value]) => `if os.environ.get("DJANGO_ENV") == "production":\n    ${target} = ${value}\n`),
  fc
    .tuple(name, expression)
    .map(
      ([target, value]) => `try:\n    from .local import *\nexcept ImportError:\n    ${target} = ${value}\n`,
    ),
  fc.tuple(name, expression).map(([target, value]) => `for item in range(300):\n    ${target} = ${value}\n`),
  fc.tuple(name).map(([target]) => `for item in range(200):\n    ${target} = item\n`),
  // 2,200 iterations run item by item: three of these pass the module's budget of 5,000.
  fc
    .tuple(name)
    .map(([target]) => `for item in range(200):\n    for other in range(10):\n        ${target} = other\n`),
  fc.tuple(name).map(([target]) => `for app in ["a", "b"]:\n    ${target} = [app]\n`),
  fc.tuple(name).map(([target]) => `while False:\n    ${target} = 1\n`),
  fc
    .tuple(name, expression)
    .map(([target, value]) => `def make(value=${value}):\n    return [value]\n${target} = make()\n`),
  fc
    .tuple(name)
    .map(([target]) => `def configure():\n    global ${target}\n    ${target} = False\nconfigure()\n`),
  fc.tuple(name).map(([target]) => `del ${target}\n`),
  fc.tuple(name).map(([target]) => `globals()["${target}"] = 2\n`),
  fc.constantFrom(
    "import os\n",
    "from pathlib import Path\n",
    "BASE_DIR = Path(__file__).resolve().parent\n",
    "import environ\nenv = environ.Env(DEBUG=(bool, False))\n",
    "def env_bool(name, default=False):\n    return os.environ.get(name, str(default)).lower() in ('1', 'true')\n",
    "def hosts():\n    return ALLOWED_HOSTS + ['z']\n",
    "class Setup:\n    LEVEL = 1\n    @staticmethod\n    def apps(apps):\n        return apps + ['extra']\n",
    'os.environ.setdefault("DJANGO_ENV", "development")\n',
    'if (BASE_DIR / "local.py").exists():\n    DEBUG = True\n',
    "from .base import *\n",
    "from . import base\n",
    "from .base import DEBUG\n",
    "from .local import *\n",
    "from .missing import SECRET\n",
    "from django_extras import *\n",
    "import os.path as osp\n",
    'globals()["QUEUE_" + os.environ.get("Q", "x")] = 1\n',
    'globals().update({"FROM_UPDATE": 1})\n',
    'exec("X = 1")\n',
    "del DATABASES['default']\n",
    "with open('x') as handle:\n    SECRET_KEY = 'y'\n",
    "# a comment\n",
    "\n",
    "X = (\n",
  ),
);

const generated = (minLength: number, maxLength: number) =>
  fc.array(statement, { minLength, maxLength }).map((lines) => `import os\n${lines.join("")}`);

/** Real-looking modules: the sample project's and the fixtures', several joined to pass a few checkpoints. */
const SEEDS = seedModules().map((seed) => seed.text);
const realLooking = fc
  .array(fc.constantFrom(...SEEDS), { minLength: 2, maxLength: 6 })
  .map((texts) => texts.join("\n"));

// --- edits ---------------------------------------------------------------------------------------

const PIECES = [
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  "'",
  '"',
  '"""',
  "\\",
  "\n",
  "\r\n",
  "    ",
  ":",
  "=",
  "if x:",
  "else:",
  "def f(",
  "from . import *",
  "#",
  ",",
  "1",
  "a",
  "é",
  "😀",
];

/** An edit described independently of the text: where (a fraction of its length), what goes, what comes. */
interface EditPlan {
  file: number;
  at: number;
  atLineStart: boolean;
  remove: number;
  insert: string;
}

const editPlan: fc.Arbitrary<EditPlan> = fc.record({
  file: fc.nat({ max: 9 }),
  // Unbiased: fast-check favours small numbers, which would put most edits at the very start.
  at: fc.noBias(fc.integer({ min: 0, max: 1000 })).map((permille) => permille / 1000),
  atLineStart: fc.boolean(),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 60 })),
  insert: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PIECES) },
    { weight: 2, arbitrary: statement },
    fc.string({ maxLength: 3 }),
    fc.constant(""),
  ),
});

function placeOf(text: string, plan: EditPlan): { from: number; to: number } {
  let from = Math.min(text.length, Math.floor(plan.at * (text.length + 1)));
  if (plan.atLineStart) from = text.lastIndexOf("\n", from - 1) + 1;
  return { from, to: Math.min(text.length, from + plan.remove) };
}

// --- the module-level property -------------------------------------------------------------------

const ENVIRONMENTS: (Environment | undefined)[] = [
  undefined,
  new Map([["DEBUG", { value: "True", file: `${ROOT}/.env`, line: 0 }]]),
  new Map([
    ["DJANGO_ENV", { value: "production", file: `${ROOT}/.env`, line: 0 }],
    ["SECRET_KEY", { value: "k", file: `${ROOT}/.env`, line: 1 }],
  ]),
];

const LAYOUT: WorkspaceLayout = {
  roots: [ROOT],
  sourceRoots: [ROOT],
  entryFiles: [],
  deploymentFiles: [],
  testConfigFiles: [],
  settingsFiles: [],
  productionNamedFiles: [],
  packageConfigFiles: [],
};

/** Open documents, edited in place, and the states evaluated from them, kept between analyses. */
class EditedWorkspace implements ModuleProvider {
  readonly stateCache = new Map<string, CachedState>();
  readonly documents = new Map<string, IncrementalDocument>();
  /** The files that are not edited (empty modules), parsed once. */
  private readonly others = new Map<string, ParsedModule>();

  constructor(
    files: Map<string, string>,
    private readonly otherFiles: readonly string[],
  ) {
    for (const [file, text] of files) this.documents.set(file, new IncrementalDocument(text));
  }

  module(file: string): ParsedModule | undefined {
    const document = this.documents.get(file);
    if (document) return document.module;
    if (!otherModules(this.otherFiles).includes(file)) return undefined;
    let module = this.others.get(file);
    if (!module) this.others.set(file, (module = parseModule("")));
    return module;
  }

  texts(): Map<string, string> {
    return new Map([...this.documents].map(([file, document]) => [file, document.module.text]));
  }
}

/**
 * The same modules evaluated from scratch, with nothing kept. They are the edited documents' parsed
 * modules, not the text parsed afresh: an edited document's statements can differ from a fresh
 * parse's (the parser adapter takes over an unchanged statement before an indentation error that a
 * fresh parse puts inside it), which is the parser adapter's matter and not the evaluator's; the
 * engine-level property below compares with a fresh parse.
 */
class FreshWorkspace implements ModuleProvider {
  readonly stateCache = new Map<string, CachedState>();

  constructor(private readonly edited: EditedWorkspace) {}

  module(file: string): ParsedModule | undefined {
    return this.edited.module(file);
  }
}

/** The package's `__init__.py` and the extra files: empty modules. */
function otherModules(extraFiles: readonly string[]): string[] {
  return [`${PACKAGE}/__init__.py`, ...extraFiles];
}

function hostOf(texts: Map<string, string>, extraFiles: readonly string[]): FileSystemHost {
  const all = new Map(texts);
  all.set(`${PACKAGE}/__init__.py`, "");
  for (const file of extraFiles) all.set(file, "");
  return {
    readFile: (path) => all.get(path),
    exists: (path) => all.has(path) || [...all.keys()].some((file) => file.startsWith(`${path}/`)),
    findFiles: (root, accept) =>
      [...all.keys()].filter((path) => path.startsWith(`${root}/`) && accept(path.split("/").pop()!)).sort(),
  };
}

/** Every module's state, the files each depends on, and the messages, as one comparable value. */
function analyse(
  provider: ModuleProvider,
  texts: Map<string, string>,
  extraFiles: readonly string[],
  environmentIndex: number,
): unknown {
  const messages: string[] = [];
  const loader = new ModuleLoader(
    provider,
    LAYOUT,
    hostOf(texts, extraFiles),
    messages,
    ENVIRONMENTS[environmentIndex],
    String(environmentIndex),
  );
  const files = [...texts.keys()].sort((a, b) =>
    a === SETTINGS ? -1 : b === SETTINGS ? 1 : a.localeCompare(b),
  );
  const states = files.map((file) => [file, normalize(loader.evaluate(file))]);
  const chains = files.map((file) => [file, loader.chain(file)]);
  return { states, chains, messages };
}

/**
 * A value with what differs between equal evaluations taken out: a span as its file, offsets and
 * line/character range (computed from the text it was made in), a function by its definition (the
 * globals it runs in belong to the evaluation that defined it), a source file by its name.
 */
function normalize(value: unknown, depth = 0, seen = new Map<object, unknown>()): unknown {
  if (typeof value === "function") return "<function>";
  if (value === null || typeof value !== "object") return value;
  assert.ok(depth < 400, "a value nested too deeply to compare");
  const known = seen.get(value);
  if (known !== undefined) return known;
  let result: unknown;
  if (value instanceof Map)
    result = {
      map: [...value].map(([key, item]) => [
        normalize(key, depth + 1, seen),
        normalize(item, depth + 1, seen),
      ]),
    };
  else if (Array.isArray(value)) result = value.map((item) => normalize(item, depth + 1, seen));
  else if (value instanceof SourceFile) result = { sourceFile: value.file };
  else if (typeof (value as { toJSON?: unknown }).toJSON === "function")
    result = (value as { toJSON(): unknown }).toJSON();
  else if ("globals" in value && "node" in value && "defaults" in value) {
    const definition = value as {
      node: { from: number; to: number };
      source: SourceFile;
      defaults: unknown;
      globals: { environment?: unknown; file: string };
    };
    result = {
      function: [definition.node.from, definition.node.to],
      source: definition.source.file,
      defaults: normalize(definition.defaults, depth + 1, seen),
      environment: normalize(definition.globals.environment, depth + 1, seen),
      globalsFile: definition.globals.file,
    };
  } else {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value))
      copy[key] = normalize((value as Record<string, unknown>)[key], depth + 1, seen);
    result = copy;
  }
  seen.set(value, result);
  return result;
}

/** Runs the edits one by one, comparing the kept workspace's evaluation with a fresh one after each. */
function checkEdits(
  files: Map<string, string>,
  extraFiles: readonly string[],
  steps: { plan: EditPlan; environment: number }[],
): void {
  const workspace = new EditedWorkspace(files, extraFiles);
  const order = [...files.keys()];
  analyse(workspace, workspace.texts(), extraFiles, 0);
  steps.forEach(({ plan, environment }, step) => {
    const file = order[plan.file % order.length]!;
    const document = workspace.documents.get(file)!;
    const { from, to } = placeOf(document.module.text, plan);
    document.update([{ from, to, insert: plan.insert }]);
    const before = new Map([...workspace.stateCache].map(([key, cached]) => [key, cached.checkpoints]));
    const texts = workspace.texts();
    const resumed = analyse(workspace, texts, extraFiles, environment);
    for (const [key, cached] of workspace.stateCache) {
      const previous = before.get(key);
      if (!previous || cached.checkpoints === previous) continue;
      counts.analyses++;
      const kept = cached.checkpoints?.entries[0];
      if (kept && previous.entries.includes(kept)) {
        counts.resumed++;
        if (previous.entries[1] && cached.checkpoints!.entries[1] === previous.entries[1])
          counts.resumedAfterStart++;
      }
    }
    const fresh = analyse(new FreshWorkspace(workspace), texts, extraFiles, environment);
    assert.deepStrictEqual(
      resumed,
      fresh,
      `after edit ${step + 1} (${JSON.stringify({ file, from, to, insert: plan.insert, environment })})`,
    );
  });
}

const steps = fc.array(fc.record({ plan: editPlan, environment: fc.constantFrom(0, 0, 0, 1, 2) }), {
  minLength: 1,
  maxLength: 8,
});

describe("resumed evaluation equals evaluation from scratch", () => {
  it("for a generated settings module edited again and again", () => {
    fc.assert(
      fc.property(generated(60, 180), fc.boolean(), steps, (text, withLocal, edits) =>
        checkEdits(new Map([[SETTINGS, text]]), withLocal ? [`${PACKAGE}/local.py`] : [], edits),
      ),
      settings,
    );
  });

  it("for real-looking settings modules", () => {
    fc.assert(
      fc.property(realLooking, steps, (text, edits) => checkEdits(new Map([[SETTINGS, text]]), [], edits)),
      settings,
    );
  });

  it("through a chain of star imports, whichever module is edited", () => {
    fc.assert(
      fc.property(
        generated(40, 100),
        fc.array(generated(0, 20), { minLength: 1, maxLength: 4 }),
        generated(40, 100),
        steps,
        (base, middles, top, edits) => {
          const files = new Map<string, string>([[BASE, base]]);
          middles.forEach((text, index) =>
            files.set(
              middle(index),
              `from .${index === 0 ? "base" : `middle${index - 1}`} import *\n${text}`,
            ),
          );
          files.set(SETTINGS, `from .middle${middles.length - 1} import *\n${top}`);
          checkEdits(files, [], edits);
        },
      ),
      settings,
    );
  });
});

// --- the engine-level property -------------------------------------------------------------------

const MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';

function projectHost(
  disk: Map<string, string>,
  open?: Map<string, IncrementalDocument>,
): FileSystemHost & ModuleSource {
  return {
    readFile: (path) => open?.get(path)?.module.text ?? disk.get(path),
    findFiles: (root, accept) =>
      [...disk.keys()].filter((path) => path.startsWith(`${root}/`) && accept(path.split("/").pop()!)).sort(),
    parsed: (path) => open?.get(path)?.module,
  };
}

/** Findings and coverage in every detail (messages, places, related places, fixes, assumptions). */
function outcome(project: DjangoProject): unknown {
  const result = project.analyze();
  return JSON.parse(
    JSON.stringify({
      findings: result.findings,
      coverage: result.coverage,
      internalErrors: result.internalErrors.map((error) => error.message),
    }),
  ) as unknown;
}

describe("the engine's findings after edits equal a fresh project's", () => {
  it("with the settings module, its base module and the .env file changing", () => {
    const dotenv = fc.constantFrom(
      "",
      "DEBUG=True\n",
      "DEBUG=False\nSECRET_KEY=abc\n",
      "DJANGO_ENV=production\n",
    );
    fc.assert(
      fc.property(
        generated(20, 60),
        generated(30, 70),
        dotenv,
        fc.array(fc.record({ plan: editPlan, dotenv: fc.option(dotenv, { nil: undefined }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        (base, top, firstDotenv, edits) => {
          const disk = new Map([
            [`${ROOT}/manage.py`, MANAGE],
            [`${PACKAGE}/__init__.py`, ""],
            [`${ROOT}/.env`, firstDotenv],
            [BASE, base],
            [SETTINGS, `from .base import *\n${top}`],
          ]);
          const open = new Map([
            [BASE, new IncrementalDocument(base)],
            [SETTINGS, new IncrementalDocument(disk.get(SETTINGS)!)],
          ]);
          const options = { djangoVersion: "5.2", envFile: ".env" } as const;
          const project = new DjangoProject([ROOT], projectHost(disk, open), options);
          project.analyze();
          edits.forEach(({ plan, dotenv: nextDotenv }, step) => {
            const file = plan.file % 2 === 0 ? SETTINGS : BASE;
            const document = open.get(file)!;
            const { from, to } = placeOf(document.module.text, plan);
            document.update([{ from, to, insert: plan.insert }]);
            if (nextDotenv !== undefined) disk.set(`${ROOT}/.env`, nextDotenv);
            const kept = outcome(project);
            const texts = new Map(disk);
            for (const [path, openDocument] of open) texts.set(path, openDocument.module.text);
            const fresh = outcome(new DjangoProject([ROOT], projectHost(texts), options));
            assert.deepStrictEqual(kept, fresh, `after edit ${step + 1}`);
          });
        },
      ),
      { ...settings, numRuns: Math.max(1, Math.round(RUNS / 3)) },
    );
  });
});
