// When an evaluation resumes from a checkpoint (evaluate/checkpoints.ts) and when it must not: the
// statements and the text before the checkpoint, the environment, and the import resolver's answers.
// Each case compares the resumed state with an evaluation from scratch; the property test
// (fuzz/resumeEvaluation.test.ts) does so over random edits.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CHECKPOINT_INTERVAL,
  type EvaluationCheckpoints,
  MAX_VERSIONS,
} from "../../server/src/evaluate/checkpoints";
import type { Environment } from "../../server/src/evaluate/expressions";
import type { FunctionDefinition } from "../../server/src/evaluate/functions";
import {
  evaluateModule,
  evaluateModuleWithCheckpoints,
  type ImportResolver,
  type ModuleEvaluation,
  noImports,
} from "../../server/src/evaluate/moduleEvaluator";
import type { ModuleState } from "../../server/src/evaluate/moduleState";
import { unknown } from "../../server/src/evaluate/values";
import { type ParsedModule } from "../../server/src/python/parse";
import { IncrementalDocument } from "../../server/src/python/incrementalDocument";
import { type CachedState, ModuleLoader } from "../../server/src/resolve/moduleLoader";
import type { WorkspaceLayout } from "../../server/src/project/profiles";

const FILE = "/p/mysite/settings.py";

/** `count` assignments of distinct names, one a line. */
function filler(count: number, prefix = "NAME"): string {
  return Array.from({ length: count }, (_, index) => `${prefix}_${index} = ${index}\n`).join("");
}

/**
 * A state as plain data: spans by their offsets and line/character ranges, maps as entries, a
 * function by its statement and defaults (its globals belong to the evaluation that defined it).
 */
function plain(state: ModuleState): unknown {
  return JSON.parse(
    JSON.stringify(state, (_key, value: unknown) => {
      if (value instanceof Map) return { map: [...(value as Map<unknown, unknown>)] };
      if (value && typeof value === "object" && "globals" in value && "node" in value) {
        const definition = value as FunctionDefinition;
        return {
          function: [definition.node.from, definition.node.to, definition.source.file],
          defaults: definition.defaults,
        };
      }
      return value;
    }),
  ) as unknown;
}

/**
 * The statement the new evaluation resumed at (the last checkpoint it took over from the previous
 * one), or undefined when it started afresh.
 */
function resumedAt(previous: EvaluationCheckpoints, next: EvaluationCheckpoints): number | undefined {
  let shared = -1;
  while (shared + 1 < next.entries.length && next.entries[shared + 1] === previous.entries[shared + 1])
    shared++;
  return shared >= 0 ? next.entries[shared]!.statement : undefined;
}

/** An open document evaluated after each edit, each evaluation resuming from the previous one's checkpoints. */
class Edited {
  readonly document: IncrementalDocument;
  evaluation: ModuleEvaluation;

  constructor(
    text: string,
    private resolver: ImportResolver = noImports,
    private environment?: Environment,
  ) {
    this.document = new IncrementalDocument(text);
    this.evaluation = evaluateModuleWithCheckpoints(this.document.module, FILE, resolver, environment);
  }

  /** Replaces the first `find` after `after` with `replace`, evaluates again; where it resumed. */
  edit(
    find: string,
    replace: string,
    options: { resolver?: ImportResolver; environment?: Environment; after?: number } = {},
  ): number | undefined {
    const text = this.document.module.text;
    const from = text.indexOf(find, options.after ?? 0);
    assert.ok(from >= 0, `${find} is in the text`);
    this.document.update([{ from, to: from + find.length, insert: replace }]);
    if (options.resolver) this.resolver = options.resolver;
    if ("environment" in options) this.environment = options.environment;
    const previous = this.evaluation.checkpoints;
    this.evaluation = evaluateModuleWithCheckpoints(
      this.document.module,
      FILE,
      this.resolver,
      this.environment,
      previous,
    );
    assert.deepEqual(
      plain(this.evaluation.state),
      plain(evaluateModule(this.document.module, FILE, this.resolver, this.environment)),
      "the resumed state is the state evaluated from scratch",
    );
    return resumedAt(previous, this.evaluation.checkpoints);
  }
}

/** The checkpoint at or before a statement. */
const checkpointBefore = (statement: number) =>
  Math.floor(statement / CHECKPOINT_INTERVAL) * CHECKPOINT_INTERVAL;

/** A module's state as another module's evaluation would give it (only what star imports read). */
function stateOf(bindings: Record<string, number>): ModuleState {
  const base = evaluateModule(
    new IncrementalDocument(
      Object.entries(bindings)
        .map(([name, value]) => `${name} = ${value}\n`)
        .join(""),
    ).module,
    "/p/mysite/base.py",
  );
  return base;
}

describe("resumed evaluation", () => {
  it("resumes from the last checkpoint before the first changed statement", () => {
    const module = new Edited(filler(200));
    assert.equal(module.edit("NAME_150 = 150", "NAME_150 = 'changed'"), checkpointBefore(150));
    // The same place again: the checkpoints before it are still the first evaluation's.
    assert.equal(module.edit("'changed'", "'again'"), checkpointBefore(150));
    // An edit earlier in the module resumes earlier.
    assert.equal(module.edit("NAME_40 = 40", "NAME_40 = 41"), checkpointBefore(40));
    // An edit before the first checkpoint starts afresh.
    assert.equal(module.edit("NAME_3 = 3", "NAME_3 = 4"), undefined);
  });

  it("resumes when the edit breaks the syntax, and again when it is repaired", () => {
    const module = new Edited(filler(200));
    assert.equal(module.edit("NAME_120 = 120", "NAME_120 = (120"), checkpointBefore(120));
    assert.ok(module.evaluation.state.syntaxErrors.length > 0);
    assert.equal(module.edit("(120", "120"), checkpointBefore(120));
    assert.deepEqual(module.evaluation.state.syntaxErrors, []);
  });

  it("does not resume past a change of the text that moves lines but no statement", () => {
    // Replacing the blank line's end with a space leaves every statement where it was (same offsets,
    // same text), but the statements after it are a line higher.
    const module = new Edited(`${filler(10)}\n\n${filler(100, "LATER")}`);
    assert.equal(module.edit("\n\n", "\n \n".slice(0, 2)), undefined);
    const later = module.evaluation.state.bindings.get("LATER_0")!;
    assert.equal(later.origin.statement.range.start.line, 11);
  });

  it("starts afresh under another environment, and resumes under the same variables in a new map", () => {
    const read = 'import os\nDEBUG = os.environ.get("DEBUG", "False") == "True"\n';
    const debug = (value: string): Environment => new Map([["DEBUG", { value, file: "/p/.env", line: 0 }]]);
    const module = new Edited(`${read}${filler(100)}`, noImports, debug("True"));
    assert.equal(
      module.edit("NAME_90 = 90", "NAME_90 = 0", { environment: debug("True") }),
      checkpointBefore(92),
    );
    assert.equal(module.edit("NAME_90 = 0", "NAME_90 = 1", { environment: debug("False") }), undefined);
    assert.equal(module.edit("NAME_90 = 1", "NAME_90 = 2", { environment: undefined }), undefined);
  });

  it("resumes after a star import whose module's state is the same object, and before it when it is not", () => {
    let base = stateOf({ DEBUG: 1 });
    const resolver = (): ImportResolver => {
      const state = base;
      return { starImport: () => state, importName: () => "missing" };
    };
    const module = new Edited(`${filler(70)}from .base import *\n${filler(100, "LATER")}`, resolver());
    assert.equal(
      module.edit("LATER_90 = 90", "LATER_90 = 0", { resolver: resolver() }),
      checkpointBefore(161),
    );
    base = stateOf({ DEBUG: 1 });
    // base.py evaluated again: its state is another object, so the checkpoints after the import are not taken.
    assert.equal(module.edit("LATER_90 = 0", "LATER_90 = 1", { resolver: resolver() }), checkpointBefore(70));
    assert.equal(module.evaluation.state.bindings.get("DEBUG")?.value.kind, "int");
  });

  it("takes an answer that is not a module's state by its content: a reason, a path's existence", () => {
    let exists = false;
    const resolver: ImportResolver = {
      starImport: (module) => unknown(`${module} is not followed`),
      importName: () => "missing",
      pathExists: (path) => ({ exists, display: path }),
    };
    const text = `from pathlib import Path\n${filler(40)}from .library import *\nif Path("/p/local.py").exists():\n    DEBUG = True\n${filler(100, "LATER")}`;
    const module = new Edited(text, resolver);
    // A new but equal Unknown for the star import, and the same answer for the path: both hold.
    assert.equal(module.edit("LATER_90 = 90", "LATER_90 = 0"), checkpointBefore(133));
    exists = true;
    assert.equal(module.edit("LATER_90 = 0", "LATER_90 = 1"), checkpointBefore(42));
    assert.equal(module.evaluation.state.bindings.get("DEBUG")?.value.kind, "bool");
  });

  it("runs a function saved at a checkpoint in the resumed evaluation's names", () => {
    const text = `def hosts():\n    return ALLOWED + ["z"]\n${filler(100)}ALLOWED = ["a"]\n${filler(40, "MORE")}HOSTS = hosts()\n`;
    const module = new Edited(text);
    assert.equal(module.edit('ALLOWED = ["a"]', 'ALLOWED = ["b"]'), checkpointBefore(101));
    const hosts = module.evaluation.state.bindings.get("HOSTS")!.value;
    assert.equal(hosts.kind, "list");
    assert.deepEqual(
      hosts.kind === "list" ? hosts.items.map((item) => (item.kind === "str" ? item.value : item.kind)) : [],
      ["b", "z"],
    );
  });

  it("keeps the budget of loops run item by item", () => {
    // Two loops of 2,200 iterations fit in the module's 5,000; the third, after the checkpoint the
    // evaluation resumes from, does not and is run once.
    const loop = "for item in range(200):\n    for other in range(10):\n        COUNT = other\n";
    const module = new Edited(`${loop}${loop}${filler(40)}${loop}${filler(10, "LATER")}`);
    assert.equal(module.edit("NAME_38 = 38", "NAME_38 = 0"), checkpointBefore(40));
    assert.equal(module.evaluation.state.bindings.get("COUNT")?.value.kind, "unknown");
  });

  it(`starts afresh once the checkpoints would hold values of more than ${MAX_VERSIONS} versions of the text`, () => {
    assert.equal(MAX_VERSIONS, 3);
    const module = new Edited(filler(300));
    const resumed: (number | undefined)[] = [];
    // Each edit further down would resume from a checkpoint the previous version saved, holding values
    // of one more version: the third starts afresh, and the next ones resume from its checkpoints.
    for (const at of [100, 150, 200, 250, 290])
      resumed.push(module.edit(`NAME_${at} = ${at}`, `NAME_${at} = 0`));
    assert.deepEqual(resumed, [
      checkpointBefore(100),
      checkpointBefore(150),
      undefined,
      checkpointBefore(250),
      checkpointBefore(290),
    ]);
    const versions = new Set(module.evaluation.checkpoints.entries.flatMap((entry) => entry.versions));
    assert.equal(versions.size, 2);
  });
});

describe("resumed evaluation in the module loader", () => {
  const layout: WorkspaceLayout = {
    roots: ["/p"],
    sourceRoots: ["/p"],
    entryFiles: [],
    deploymentFiles: [],
    testConfigFiles: [],
    settingsFiles: [],
    productionNamedFiles: [],
    packageConfigFiles: [],
  };

  it("records the same dependencies and messages as an evaluation from scratch", () => {
    const files = new Map([
      ["/p/mysite/__init__.py", ""],
      ["/p/mysite/base.py", "DEBUG = True\n"],
      // An import cycle, so that the loader has a message to give.
      ["/p/mysite/other.py", "from .settings import *\n"],
      [FILE, `from .base import *\n${filler(100)}from .other import *\n`],
    ]);
    const documents = new Map([...files].map(([file, text]) => [file, new IncrementalDocument(text)]));
    const host = {
      readFile: (path: string) => documents.get(path)?.module.text,
      findFiles: () => [...documents.keys()],
    };
    const cache = new Map<string, CachedState>();
    const provider = (stateCache: Map<string, CachedState>) => ({
      module: (file: string): ParsedModule | undefined => documents.get(file)?.module,
      stateCache,
    });
    const run = (stateCache: Map<string, CachedState>) => {
      const messages: string[] = [];
      const loader = new ModuleLoader(provider(stateCache), layout, host, messages);
      const state = loader.evaluate(FILE)!;
      return { state: plain(state), chain: loader.chain(FILE), messages };
    };
    run(cache);
    const before = cache.get(`\0${FILE}`)!.checkpoints!;
    const document = documents.get(FILE)!;
    const at = document.module.text.indexOf("NAME_90");
    document.update([{ from: at, to: at, insert: "X" }]);
    const resumed = run(cache);
    assert.equal(resumedAt(before, cache.get(`\0${FILE}`)!.checkpoints!), checkpointBefore(91));
    assert.deepEqual(resumed, run(new Map()));
    assert.deepEqual(resumed.chain, [FILE, "/p/mysite/base.py", "/p/mysite/other.py"]);
    assert.equal(resumed.messages.length, 1, "the import cycle is reported once");
  });
});
