// Seeded variations of generated settings modules for the oracle (variations.test.ts): a module that
// generateModules.ts makes is rewritten into code that means the same to Django but is harder to
// read, the way real projects write their settings. Each rewrite is applied at random and they
// compose: a value routed through a helper can sit in a branch, whose list is then built by in-place
// changes, in a module split into a package or assembled by django-split-settings.
//
// - branches: `if`/`else`, `elif` chains, conditional expressions and defaults overridden later, on
//   conditions read from variables V_<n> that Django's environment leaves unset (so Django takes one
//   definite path), sometimes through a variable, os.environ.setdefault() or a helper;
// - mutations: lists and dicts built by append/insert/extend/+=/item assignment/remove/del/pop,
//   nested containers changed through their path (TEMPLATES[0]['OPTIONS'][…]), changes inside
//   branches (taken or not), splices at `.index()` with slices, loops over known lists;
// - helper functions: env_bool/env_int/env_str/env_list/choose/extended with keywords, defaults,
//   early returns and if/else inside, a class namespace with static methods, defined in the module
//   or in a sibling helpers.py imported with `from .helpers import …`, comprehensions, `or` defaults,
//   string concatenation;
// - splits: a package settings/{common,base,production}.py chained by `from .base import *` with
//   overrides, django-split-settings include() of components (with optional() files and a name
//   built from the environment), optional local settings behind Path(...).exists() of a file that is
//   absent (or present, holding some of the settings), and settings written through globals() in a
//   loop over a known dict.
//
// The result must equal the original in Django: every rewrite keeps the value and its type (1 is not
// True, a tuple is not a list) and the order of assignments that depend on each other. The oracle
// checks that too, with Django itself: the original module runs beside the variation and both must
// give the same IDs.
import type { DjangoVersion } from "../../server/src/django/versions";
import { generateModule, type Random } from "./generateModules";

export interface VariationOptions {
  /** The Django version the variation is checked with. */
  version: DjangoVersion;
  /** The dotted package the variation's files live in (one package per variation). */
  packageName: string;
  /** An absolute directory for MEDIA_ROOT, STATIC_ROOT and the caches. */
  filesRoot: string;
  /** IDs that may be silenced. */
  silenceable: readonly string[];
}

export interface Variation {
  /** The module generateModules.ts made, which Django must see as the variation's equal. */
  original: string;
  /** Every file of the variation by its path inside the package folder (settings/base.py, helpers.py). */
  files: Record<string, string>;
  /** The settings module inside the package (`settings`, `settings.production`). */
  settingsModule: string;
  /** The rewrites made, in order, for the report of a disagreement. */
  rewrites: string[];
}

/** A value written in the module, as far as the rewrites need to know its structure. */
type Shape =
  | { kind: "list" | "tuple"; items: Shape[] }
  | { kind: "dict"; entries: { key: string; value: Shape }[] }
  | { kind: "atom"; text: string; type: "str" | "bool" | "int" | "none" | "other" };

/** Top-level statements of a module, each with its full text (continuation lines included). */
export function splitStatements(text: string): string[] {
  return splitTopLevel(text, "\n").filter((statement) => statement.trim() !== "");
}

/** Splits `text` at the separator where no bracket or string is open. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = "";
  let depth = 0;
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quote) {
      if (character === "\\") {
        current += character + (text[index + 1] ?? "");
        index++;
        continue;
      }
      if (character === quote) quote = undefined;
      current += character;
      continue;
    }
    if (character === "'" || character === '"') quote = character;
    else if ("([{".includes(character)) depth++;
    else if (")]}".includes(character)) depth--;
    if (character === separator && depth === 0) {
      parts.push(current);
      current = "";
      continue;
    }
    current += character;
  }
  parts.push(current);
  return parts;
}

/** Whether the bracket that opens `text` closes at its very end. */
function enclosedBy(text: string, open: string, close: string): boolean {
  if (!text.startsWith(open) || !text.endsWith(close)) return false;
  return bracketBalance(text.slice(1, -1)) === 0;
}

function bracketBalance(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quote) {
      if (character === "\\") index++;
      else if (character === quote) quote = undefined;
      continue;
    }
    if (character === "'" || character === '"') quote = character;
    else if ("([{".includes(character)) depth++;
    else if (")]}".includes(character)) {
      depth--;
      // A bracket closing before the end means the opening one did not enclose everything.
      if (depth < 0) return -1;
    }
  }
  return depth;
}

const STRING_LITERAL = /^(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")$/;

export function parseShape(source: string): Shape {
  const text = source.trim();
  const items = (inner: string) =>
    splitTopLevel(inner, ",")
      .map((part) => part.trim())
      .filter((part, index, parts) => part !== "" || index < parts.length - 1);
  if (enclosedBy(text, "[", "]")) return { kind: "list", items: items(text.slice(1, -1)).map(parseShape) };
  if (enclosedBy(text, "(", ")")) {
    const inner = text.slice(1, -1).trim();
    if (inner === "") return { kind: "tuple", items: [] };
    const parts = splitTopLevel(inner, ",");
    if (parts.length > 1) return { kind: "tuple", items: items(inner).map(parseShape) };
  }
  if (enclosedBy(text, "{", "}")) {
    const inner = text.slice(1, -1).trim();
    if (inner === "") return { kind: "dict", entries: [] };
    const parts = items(inner);
    const pairs = parts.map((part) => splitTopLevel(part, ":"));
    // Only dicts whose keys are string literals: their entries can be set by item assignment.
    if (pairs.every((pair) => pair.length === 2 && STRING_LITERAL.test(pair[0]!.trim())))
      return {
        kind: "dict",
        entries: pairs.map(([key, value]) => ({ key: key!.trim(), value: parseShape(value!) })),
      };
  }
  if (STRING_LITERAL.test(text)) return { kind: "atom", text, type: "str" };
  if (text === "True" || text === "False") return { kind: "atom", text, type: "bool" };
  if (/^\d+$/.test(text)) return { kind: "atom", text, type: "int" };
  if (text === "None") return { kind: "atom", text, type: "none" };
  return { kind: "atom", text, type: "other" };
}

export function render(shape: Shape): string {
  switch (shape.kind) {
    case "atom":
      return shape.text;
    case "list":
      return `[${shape.items.map(render).join(", ")}]`;
    case "tuple":
      return shape.items.length === 1
        ? `(${render(shape.items[0]!)},)`
        : `(${shape.items.map(render).join(", ")})`;
    case "dict":
      return `{${shape.entries.map((entry) => `${entry.key}: ${render(entry.value)}`).join(", ")}}`;
  }
}

/** The text of a string literal without escapes, or undefined when it has any. */
function plainString(shape: Shape): string | undefined {
  if (shape.kind !== "atom" || shape.type !== "str" || shape.text.includes("\\")) return undefined;
  return shape.text.slice(1, -1);
}

/** Small functions of the project that settings are routed through. */
const HELPERS = {
  env_bool: [
    "def env_bool(name, default):",
    '    return os.environ.get(name, default).lower() in ("1", "true")',
  ],
  env_int: [
    "def env_int(name, default=0):",
    "    value = os.environ.get(name)",
    "    if value is None:",
    "        return default",
    "    return int(value)",
  ],
  env_str: [
    "def env_str(name, default=None):",
    "    value = os.environ.get(name)",
    "    if value is not None:",
    "        return value",
    "    else:",
    "        return default",
  ],
  env_list: [
    'def env_list(name, default=""):',
    "    raw = os.environ.get(name, default)",
    '    return [item.strip() for item in raw.split(",") if item.strip()]',
  ],
  choose: [
    'def choose(production, development=None, variable="V_DEVELOPMENT"):',
    "    if os.environ.get(variable):",
    "        return development",
    "    return production",
  ],
  extended: [
    "def extended(items, extra=(), first=None):",
    "    result = list(items)",
    "    if first is not None:",
    "        result.insert(0, first)",
    "    for item in extra:",
    "        result.append(item)",
    "    return result",
  ],
  Env: [
    "class Env:",
    "    @staticmethod",
    "    def get(name, default=None):",
    "        value = os.environ.get(name)",
    "        return default if value is None else value",
    "",
    "    @staticmethod",
    "    def flag(name, default=False):",
    "        value = os.environ.get(name)",
    "        if value is None:",
    "            return default",
    '        return value.lower() in ("1", "true")',
  ],
} as const;
type HelperName = keyof typeof HELPERS;

/** Lines of code that stay together in one file, in order, and what they need. */
interface Chunk {
  lines: string[];
  helpers: Set<HelperName>;
  /** Setting names the chunk assigns, and those it reads (or changes in place) without assigning first. */
  assigns: Set<string>;
  reads: Set<string>;
  /** BASE_DIR's definition, written for the folder of the file that holds it. */
  baseDirectory?: boolean;
}

/** A simple assignment of the original, kept for the rewrites that move settings around. */
interface Assignment {
  name: string;
  shape: Shape;
  /** Assigned once, and no other statement reads it: it may move and be grouped freely. */
  independent: boolean;
}

type Layout = "module" | "package" | "split-settings";

const indent = (lines: string[], by = "    ") => lines.map((line) => (line === "" ? line : by + line));

class VariationWriter {
  private counter = 0;
  readonly rewrites: string[] = [];
  private readonly random: Random;
  /**
   * Items written as they are: the one a splice finds with `.index()` and those before it. Real
   * projects find a literal among literals; an item read from the environment in front of it leaves
   * the position open to the engine (it may equal the item looked for).
   */
  private readonly literal = new Set<Shape>();
  /**
   * Lists that a splice at `.index()` changes later: their first value is written out, not read with
   * env_list(). Real projects splice literal lists; slicing a list read from the environment leaves
   * it open to the engine (the variable may be set).
   */
  private readonly notFromEnvironment = new Set<Shape>();
  private spliced = false;

  constructor(random: Random) {
    this.random = random;
  }

  /** Writes `shape` as it is wherever it appears (an item the original later finds by value). */
  writeAsIs(shape: Shape): void {
    this.literal.add(shape);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  chance(probability: number): boolean {
    return this.random() < probability;
  }

  integer(below: number): number {
    return Math.floor(this.random() * below);
  }

  /** A fresh environment variable, unset wherever Django runs. */
  variable(): string {
    return `V_${++this.counter}`;
  }

  /** A fresh name for a module-level helper variable. */
  local(stem: string): string {
    return `${stem}_${++this.counter}`;
  }

  note(rewrite: string): void {
    this.rewrites.push(rewrite);
  }

  /**
   * A condition with a definite value while the variables it reads are unset: `truth` says which.
   * `setup` are lines to run before the statement that tests it.
   */
  condition(truth: boolean, chunk: Chunk, statement: boolean): { text: string; setup: string[] } {
    const name = this.variable();
    const forms: { text: string; truth: boolean; helper?: HelperName; setup?: string[] }[] = [
      { text: `os.environ.get("${name}")`, truth: false },
      { text: `os.getenv("${name}")`, truth: false },
      { text: `os.environ.get("${name}", "")`, truth: false },
      { text: `os.environ.get("${name}", "0") == "1"`, truth: false },
      { text: `os.environ.get("${name}", "production") != "production"`, truth: false },
      { text: `os.getenv("${name}") is not None`, truth: false },
      { text: `env_bool("${name}", "no")`, truth: false, helper: "env_bool" },
      { text: `Env.flag("${name}")`, truth: false, helper: "Env" },
      { text: `not os.environ.get("${name}")`, truth: true },
      { text: `os.environ.get("${name}", "1")`, truth: true },
      { text: `os.environ.get("${name}", "production") == "production"`, truth: true },
      { text: `os.getenv("${name}") is None`, truth: true },
      { text: `int(os.environ.get("${name}", "1"))`, truth: true },
      { text: `env_bool("${name}", default="true")`, truth: true, helper: "env_bool" },
      { text: `not Env.flag("${name}", default=False)`, truth: true, helper: "Env" },
      { text: `Env.get("${name}", "on") == "on"`, truth: true, helper: "Env" },
    ];
    if (statement) {
      const stage = this.local("stage");
      const flag = this.local("use_development");
      forms.push(
        {
          text: `${stage} == "production"`,
          truth: true,
          setup: [`${stage} = os.environ.get("${name}", "production")`],
        },
        {
          text: `${stage} == "development"`,
          truth: false,
          setup: [`${stage} = os.environ.get("${name}", "production").lower()`],
        },
        { text: `${flag}`, truth: false, setup: [`${flag} = bool(os.environ.get("${name}"))`] },
        { text: `not ${flag}`, truth: true, setup: [`${flag} = bool(os.environ.get("${name}"))`] },
        {
          text: `os.environ["${name}"] == "production"`,
          truth: true,
          setup: [`os.environ.setdefault("${name}", "production")`],
        },
        {
          text: `os.environ["${name}"] != "production"`,
          truth: false,
          setup: [`os.environ.setdefault("${name}", "production")`],
        },
      );
    }
    const chosen = this.pick(forms.filter((form) => form.truth === truth));
    if (chosen.helper) chunk.helpers.add(chosen.helper);
    return { text: chosen.text, setup: chosen.setup ?? [] };
  }

  /** A value of another kind than `shape`'s, for the branches Django does not take. */
  decoy(shape: Shape): string {
    if (shape.kind === "atom") {
      switch (shape.type) {
        case "bool":
          return shape.text === "True" ? "False" : "True";
        case "int":
          return shape.text === "0" ? "31536000" : "0";
        case "none":
          return this.pick(["True", "'decoy'"]);
        case "str":
          return this.pick(["''", "'decoy'", "'*'", "None"].filter((text) => text !== shape.text));
        case "other":
          return this.pick(["None", "True", "''", "0", "[]"]);
      }
    }
    if (shape.kind === "list")
      return this.pick(["[]", "['*']", `[${[...shape.items.map(render), "'decoy'"]}]`]);
    if (shape.kind === "tuple") return this.pick(["()", "('decoy',)"]);
    return this.pick(["{}", "None"]);
  }

  /** A fresh string no list of the module holds, for slots that are filled or removed later. */
  decoyItem(): Shape & { kind: "atom" } {
    return { kind: "atom", text: `'decoy.item.${++this.counter}'`, type: "str" };
  }

  /** An expression with the value of `shape`, perhaps through helpers, branches or comprehensions. */
  expression(shape: Shape, chunk: Chunk, depth: number): string {
    if (this.literal.has(shape)) return render(shape);
    if (depth < 3 && this.chance(depth === 0 ? 0.45 : 0.25)) {
      const rewritten = this.rewrittenExpression(shape, chunk, depth);
      if (rewritten !== undefined) return rewritten;
    }
    return this.containerText(shape, chunk, depth);
  }

  /** The literal of `shape`, whose items may in turn be rewritten. */
  private containerText(shape: Shape, chunk: Chunk, depth: number): string {
    const item = (inner: Shape) =>
      this.chance(0.15) ? this.expression(inner, chunk, depth + 1) : render(inner);
    switch (shape.kind) {
      case "atom":
        return shape.text;
      case "list":
        return `[${shape.items.map(item).join(", ")}]`;
      case "tuple":
        return shape.items.length === 1
          ? `(${item(shape.items[0]!)},)`
          : `(${shape.items.map(item).join(", ")})`;
      case "dict":
        return `{${shape.entries.map((entry) => `${entry.key}: ${item(entry.value)}`).join(", ")}}`;
    }
  }

  private rewrittenExpression(shape: Shape, chunk: Chunk, depth: number): string | undefined {
    const inner = () => `(${this.expression(shape, chunk, depth + 1)})`;
    const options: (() => string | undefined)[] = [
      () => {
        const condition = this.condition(true, chunk, false);
        this.note("conditional expression");
        return this.chance(0.5)
          ? `${inner()} if ${condition.text} else ${this.decoy(shape)}`
          : `${this.decoy(shape)} if not (${condition.text}) else ${inner()}`;
      },
      () => {
        chunk.helpers.add("choose");
        this.note("choose()");
        const value = inner();
        return this.pick([
          `choose(${value})`,
          `choose(${value}, ${this.decoy(shape)})`,
          `choose(development=${this.decoy(shape)}, production=${value})`,
          `choose(${value}, variable="${this.variable()}")`,
        ]);
      },
    ];
    // A variable that would replace a list or dict with a string is not how settings are written
    // (the next .append() would fail on the server), so these stand only for single values.
    // Not for an empty string: the engine takes `os.environ.get("X") or ""` to need X (an empty
    // SECRET_KEY then is the unset variable's, which production must set), as it does on purpose.
    if (shape.kind === "atom" && shape.text !== "''" && shape.text !== '""')
      options.push(
        () => {
          this.note("`or` default");
          return `os.environ.get("${this.variable()}") or ${inner()}`;
        },
        () => {
          chunk.helpers.add("Env");
          this.note("Env.get()");
          return this.chance(0.5)
            ? `Env.get("${this.variable()}", ${inner()})`
            : `Env.get(default=${inner()}, name="${this.variable()}")`;
        },
      );
    if (shape.kind === "atom") options.push(...this.atomExpressions(shape, chunk));
    if (shape.kind === "list" || shape.kind === "tuple")
      options.push(...this.sequenceExpressions(shape, chunk, depth));
    if (shape.kind === "dict") {
      options.push(() => {
        this.note("dict comprehension");
        const pairs = shape.entries.map(
          (entry) => `(${entry.key}, ${this.expression(entry.value, chunk, depth + 1)})`,
        );
        return this.chance(0.5)
          ? `{key: value for key, value in [${pairs.join(", ")}]}`
          : `dict([${pairs.join(", ")}])`;
      });
    }
    return this.pick(options)();
  }

  private atomExpressions(shape: Shape & { kind: "atom" }, chunk: Chunk): (() => string | undefined)[] {
    const name = () => this.variable();
    const options: (() => string | undefined)[] = [];
    const text = shape.text;
    switch (shape.type) {
      case "bool":
        options.push(() => {
          chunk.helpers.add("env_bool");
          this.note("env_bool()");
          const value =
            text === "True" ? this.pick(['"true"', '"1"', '"True"']) : this.pick(['"no"', '"0"', '""']);
          return this.pick([
            `env_bool("${name()}", ${value})`,
            `env_bool(name="${name()}", default=${value})`,
          ]);
        });
        options.push(() => {
          this.note("comparison with an environment default");
          return `os.environ.get("${name()}", "${text === "True" ? "on" : "off"}") == "on"`;
        });
        options.push(() => {
          chunk.helpers.add("Env");
          this.note("Env.flag()");
          return `Env.flag("${name()}", ${text})`;
        });
        break;
      case "int":
        options.push(() => {
          chunk.helpers.add("env_int");
          this.note("env_int()");
          return this.pick([`env_int("${name()}", ${text})`, `env_int("${name()}", default=${text})`]);
        });
        options.push(() => {
          this.note("int() of an environment default");
          return `int(os.environ.get("${name()}", "${text}"))`;
        });
        break;
      case "none":
        // Not `os.environ.get("X")` as it is: the engine takes a variable read with no default and
        // used as it is to be set in production (on purpose), where Django's empty environment
        // gives None. Through a helper, the None is the helper's own default.
        options.push(() => {
          chunk.helpers.add("env_str");
          this.note("env_str()");
          return `env_str("${name()}")`;
        });
        break;
      case "str": {
        options.push(() => {
          this.note("environment read with a default");
          return this.pick([`os.environ.get("${name()}", ${text})`, `os.getenv("${name()}", ${text})`]);
        });
        options.push(() => {
          chunk.helpers.add("env_str");
          this.note("env_str()");
          return this.pick([`env_str("${name()}", ${text})`, `env_str("${name()}", default=${text})`]);
        });
        const plain = plainString(shape);
        if (plain !== undefined && Array.from(plain).length >= 2)
          options.push(() => {
            // Split between characters, never inside one (the emoji of a generated key is two UTF-16 units).
            const characters = Array.from(plain);
            const at = 1 + this.integer(characters.length - 1);
            const quote = text[0]!;
            this.note("string concatenation");
            return `${quote}${characters.slice(0, at).join("")}${quote} + ${quote}${characters.slice(at).join("")}${quote}`;
          });
        break;
      }
      case "other":
        break;
    }
    return options;
  }

  private sequenceExpressions(
    shape: Shape & { kind: "list" | "tuple" },
    chunk: Chunk,
    depth: number,
  ): (() => string | undefined)[] {
    const items = () => shape.items.map((item) => this.expression(item, chunk, depth + 1));
    const options: (() => string | undefined)[] = [];
    if (shape.kind === "list") {
      options.push(() => {
        this.note("list comprehension");
        const decoy = this.decoyItem().text;
        return this.pick([
          `[item for item in [${items().join(", ")}]]`,
          `[item for item in (${[...items(), decoy].join(", ")},) if item != ${decoy}]`,
          `list(item for item in [${items().join(", ")}])`,
        ]);
      });
      const strings = shape.items.map(plainString);
      if (
        !this.notFromEnvironment.has(shape) &&
        strings.every(
          (text) => text !== undefined && text !== "" && !/[,'"]/.test(text) && text.trim() === text,
        )
      )
        options.push(() => {
          chunk.helpers.add("env_list");
          this.note("env_list()");
          return `env_list("${this.variable()}", "${strings.join(",")}")`;
        });
      if (shape.items.length >= 1 && render(shape.items[0]!) !== "None")
        options.push(() => {
          chunk.helpers.add("extended");
          this.note("extended()");
          const all = items();
          const split = this.integer(all.length + 1);
          return this.pick([
            `extended([${all.slice(0, split).join(", ")}], extra=[${all.slice(split).join(", ")}])`,
            `extended([${all.slice(1).join(", ")}], first=${all[0]})`,
            `extended((${all.join(", ")}${all.length === 1 ? "," : ""}))`,
          ]);
        });
    } else {
      options.push(() => {
        this.note("tuple()");
        return this.pick([
          `tuple(item for item in [${items().join(", ")}])`,
          `tuple([${items().join(", ")}])`,
        ]);
      });
    }
    return options;
  }

  /** Lines that bind `target` (a name or an item path) to the value of `shape`. */
  assignment(target: string, shape: Shape, chunk: Chunk, depth: number): string[] {
    const roll = this.random();
    if (depth < 3 && roll < 0.3) return this.branch(target, shape, chunk, depth);
    if (depth < 3 && roll < 0.6 && shape.kind !== "atom") return this.built(target, shape, chunk, depth);
    return [`${target} = ${this.expression(shape, chunk, depth)}`];
  }

  /** The assignment inside a branch Django takes, with a decoy on the paths it does not. */
  private branch(target: string, shape: Shape, chunk: Chunk, depth: number): string[] {
    const inner = () => this.assignment(target, shape, chunk, depth + 1);
    const decoy = () => [`${target} = ${this.decoy(shape)}`];
    const form = this.integer(6);
    if (form === 0) {
      const condition = this.condition(false, chunk, true);
      this.note("if/else, else taken");
      return [...condition.setup, `if ${condition.text}:`, ...indent(decoy()), "else:", ...indent(inner())];
    }
    if (form === 1) {
      const condition = this.condition(true, chunk, true);
      this.note("if/else, if taken");
      return [...condition.setup, `if ${condition.text}:`, ...indent(inner()), "else:", ...indent(decoy())];
    }
    if (form === 2) {
      const condition = this.condition(true, chunk, true);
      this.note("decoy overridden in a taken if");
      return [...decoy(), ...condition.setup, `if ${condition.text}:`, ...indent(inner())];
    }
    if (form === 3) {
      const condition = this.condition(false, chunk, true);
      this.note("if not taken after the value");
      return [...inner(), ...condition.setup, `if ${condition.text}:`, ...indent(decoy())];
    }
    if (form === 4) {
      const condition = this.condition(true, chunk, true);
      this.note("if taken, no else");
      return [...condition.setup, `if ${condition.text}:`, ...indent(inner())];
    }
    // An elif chain: some conditions that do not hold, the one that does, perhaps an else.
    const before = 1 + this.integer(3);
    const lines: string[] = [];
    for (let index = 0; index < before; index++) {
      const condition = this.condition(false, chunk, true);
      lines.unshift(...condition.setup);
      lines.push(`${index === 0 ? "if" : "elif"} ${condition.text}:`, ...indent(decoy()));
    }
    const taken = this.condition(true, chunk, true);
    lines.unshift(...taken.setup);
    lines.push(`elif ${taken.text}:`, ...indent(inner()));
    if (this.chance(0.5)) lines.push("else:", ...indent(decoy()));
    this.note(`elif chain (${before} not taken)`);
    return lines;
  }

  /** The container of `shape` built in steps: a smaller one first, then changed in place. */
  private built(target: string, shape: Shape, chunk: Chunk, depth: number): string[] {
    const plan = this.mutationPlan(target, shape, chunk, depth, true);
    if (!plan) return [`${target} = ${this.expression(shape, chunk, depth)}`];
    const { initial, steps, finalLines } = plan;
    return [...this.assignment(target, initial, chunk, depth + 1), ...steps.flat(), ...finalLines];
  }

  /**
   * Changes that turn a smaller container into `shape`: worked out backwards from the value wanted,
   * so each step is exactly what Python would do to the value the earlier steps left.
   */
  private mutationPlan(
    target: string,
    shape: Shape,
    chunk: Chunk,
    depth: number,
    root: boolean,
  ): { initial: Shape; steps: string[][]; finalLines: string[] } | undefined {
    if (shape.kind === "list" || (shape.kind === "tuple" && root)) {
      const tuple = shape.kind === "tuple";
      const current = [...shape.items];
      const steps: string[][] = [];
      const count = 1 + this.integer(4);
      const splicedOutside = this.spliced;
      this.spliced = false;
      for (let step = 0; step < count; step++) {
        const made = this.listStep(target, current, chunk, depth);
        if (made) steps.unshift(made);
      }
      const splicedHere = this.spliced;
      this.spliced = splicedOutside || splicedHere;
      if (steps.length === 0) return undefined;
      // A nested container changed through its path runs first, while its index is still that of
      // the first list.
      const nested = this.nestedSteps(target, current, chunk, depth);
      if (nested) steps.unshift(...nested);
      const finalLines = tuple ? [`${target} = tuple(${target})`] : [];
      if (tuple) this.note("list built then made a tuple");
      const initial: Shape = { kind: "list", items: current };
      // A list built in steps from one that is spliced later is spliced too.
      if (splicedHere || this.notFromEnvironment.has(shape)) this.notFromEnvironment.add(initial);
      return { initial, steps, finalLines };
    }
    if (shape.kind === "dict") {
      const current = [...shape.entries];
      const steps: string[][] = [];
      const count = 1 + this.integer(3);
      for (let step = 0; step < count; step++) {
        const made = this.dictStep(target, current, chunk, depth);
        if (made) steps.unshift(made);
      }
      const nested = this.nestedEntrySteps(target, current, chunk, depth);
      if (nested) steps.unshift(...nested);
      if (steps.length === 0) return undefined;
      return { initial: { kind: "dict", entries: current }, steps, finalLines: [] };
    }
    return undefined;
  }

  private nestedSteps(target: string, current: Shape[], chunk: Chunk, depth: number): string[][] | undefined {
    const containers = current
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => item.kind === "list" || item.kind === "dict");
    if (containers.length === 0 || !this.chance(0.6)) return undefined;
    const { item, index } = this.pick(containers);
    const plan = this.mutationPlan(`${target}[${index}]`, item, chunk, depth + 1, false);
    if (!plan) return undefined;
    current[index] = plan.initial;
    this.note("nested container changed through its path");
    return plan.steps;
  }

  private nestedEntrySteps(
    target: string,
    current: { key: string; value: Shape }[],
    chunk: Chunk,
    depth: number,
  ): string[][] | undefined {
    const containers = current.filter((entry) => entry.value.kind === "list" || entry.value.kind === "dict");
    if (containers.length === 0 || !this.chance(0.6)) return undefined;
    const entry = this.pick(containers);
    const plan = this.mutationPlan(`${target}[${entry.key}]`, entry.value, chunk, depth + 1, false);
    if (!plan) return undefined;
    const position = current.indexOf(entry);
    current[position] = { key: entry.key, value: plan.initial };
    this.note("nested container changed through its path");
    return plan.steps;
  }

  /** One step undone on `current` (a list), giving the forward statements, or undefined. */
  private listStep(target: string, current: Shape[], chunk: Chunk, depth: number): string[] | undefined {
    const item = (shape: Shape) => this.expression(shape, chunk, depth + 1);
    const kinds = ["append", "extend", "insert", "set", "remove", "splice", "untaken", "loop"] as const;
    const kind = this.pick(kinds);
    let lines: string[] | undefined;
    if (kind === "append" && current.length > 0) {
      const last = current.pop()!;
      lines = [`${target}.append(${item(last)})`];
      this.note("append");
    } else if ((kind === "extend" || kind === "loop") && current.length > 0) {
      const take = 1 + this.integer(Math.min(3, current.length));
      const suffix = current.splice(current.length - take, take);
      const items = suffix.map(item).join(", ");
      // A loop over equal items makes equal findings at one place (the loop's line), which the
      // engine reports once where Django counts each: loops run over distinct items here.
      const distinct = new Set(suffix.map(render)).size === suffix.length;
      if (kind === "loop" && distinct) {
        const loopName = this.local("entry");
        lines = [`for ${loopName} in [${items}]:`, `    ${target}.append(${loopName})`];
        this.note("for loop appending");
      } else {
        lines = [
          this.pick([
            `${target}.extend([${items}])`,
            `${target} += [${items}]`,
            `${target} = ${target} + [${items}]`,
          ]),
        ];
        this.note("extend/+=");
      }
    } else if (kind === "insert" && current.length > 0) {
      const at = this.integer(current.length);
      const [removed] = current.splice(at, 1);
      lines = [`${target}.insert(${at}, ${item(removed!)})`];
      this.note("insert");
    } else if (kind === "set" && current.length > 0) {
      const at = this.integer(current.length);
      const wanted = current[at]!;
      current[at] = this.decoyItem();
      const index = this.chance(0.3) ? at - current.length : at;
      lines = [`${target}[${index}] = ${item(wanted)}`];
      this.note("item assignment");
    } else if (kind === "remove") {
      const at = this.integer(current.length + 1);
      const decoy = this.decoyItem();
      // Written out where it is added: `.remove()` finds it by value, as real projects remove what
      // they wrote (an item read from the environment may not equal it once the variable is set).
      this.literal.add(decoy);
      current.splice(at, 0, decoy);
      lines = [
        this.pick([`${target}.remove(${decoy.text})`, `del ${target}[${at}]`, `${target}.pop(${at})`]),
      ];
      this.note("remove/del/pop of a slot");
    } else if (kind === "splice") {
      lines = this.splice(target, current, chunk, depth);
    } else if (kind === "untaken") {
      const condition = this.condition(false, chunk, true);
      const decoy = this.decoyItem().text;
      this.note("in-place change in a branch not taken");
      return [
        ...condition.setup,
        `if ${condition.text}:`,
        `    ${this.pick([`${target}.append(${decoy})`, `${target}.insert(0, ${decoy})`, `${target} += [${decoy}]`, `${target}.clear()`])}`,
      ];
    }
    if (!lines) return undefined;
    // Some changes Django makes inside a branch it takes, some with an else it does not.
    if (this.chance(0.25)) {
      const condition = this.condition(true, chunk, true);
      this.note("in-place change in a taken branch");
      const untaken = this.chance(0.5) ? ["else:", `    ${target}.append(${this.decoyItem().text})`] : [];
      return [...condition.setup, `if ${condition.text}:`, ...indent(lines), ...untaken];
    }
    return lines;
  }

  /**
   * An item put back with a splice at the position `.index()` finds: only after a string literal
   * that nothing earlier in the list can equal, so that `.index()` finds that one.
   */
  private splice(target: string, current: Shape[], chunk: Chunk, depth: number): string[] | undefined {
    const candidates = current
      .map((_, index) => index)
      .filter((index) => {
        if (index === 0) return false;
        const previous = current[index - 1]!;
        if (plainString(previous) === undefined) return false;
        const reduced = current.filter((_, position) => position !== index);
        return reduced
          .slice(0, index - 1)
          .every(
            (earlier) =>
              render(earlier) !== render(previous) && !(earlier.kind === "atom" && earlier.type === "other"),
          );
      });
    if (candidates.length === 0) return undefined;
    const index = this.pick(candidates);
    for (const item of current.slice(0, index)) this.literal.add(item);
    const previous = render(current[index - 1]!);
    const [removed] = current.splice(index, 1);
    // The item put back is written out too: later in-place changes (remove) compare items by value.
    this.literal.add(removed!);
    const value = this.expression(removed!, chunk, depth + 1);
    this.spliced = true;
    const at = this.local("at");
    this.note("splice at .index()");
    return [
      `${at} = ${target}.index(${previous}) + 1`,
      this.pick([
        `${target} = ${target}[:${at}] + [${value}] + ${target}[${at}:]`,
        `${target} = [*${target}[:${at}], ${value}, *${target}[${at}:]]`,
        `${target}[${at}:${at}] = [${value}]`,
      ]),
    ];
  }

  /** One step undone on the entries of a dict. */
  private dictStep(
    target: string,
    current: { key: string; value: Shape }[],
    chunk: Chunk,
    depth: number,
  ): string[] | undefined {
    const value = (shape: Shape) => this.expression(shape, chunk, depth + 1);
    const kind = this.pick(["set-new", "update", "set-existing", "delete"] as const);
    if (kind === "set-new" && current.length > 0) {
      const last = current.pop()!;
      this.note("dict item set");
      return [
        this.pick([
          `${target}[${last.key}] = ${value(last.value)}`,
          `${target}.setdefault(${last.key}, ${value(last.value)})`,
        ]),
      ];
    }
    if (kind === "update" && current.length > 0) {
      const take = 1 + this.integer(Math.min(2, current.length));
      const suffix = current.splice(current.length - take, take);
      this.note("dict update()");
      return [
        `${target}.update({${suffix.map((entry) => `${entry.key}: ${value(entry.value)}`).join(", ")}})`,
      ];
    }
    if (kind === "set-existing" && current.length > 0) {
      const at = this.integer(current.length);
      const entry = current[at]!;
      current[at] = { key: entry.key, value: { kind: "atom", text: this.decoy(entry.value), type: "other" } };
      this.note("dict item replaced");
      return [`${target}[${entry.key}] = ${value(entry.value)}`];
    }
    if (kind === "delete") {
      const key = `'decoy_key_${++this.counter}'`;
      current.splice(this.integer(current.length + 1), 0, { key, value: this.decoyItem() });
      this.note("dict entry deleted");
      return [this.pick([`del ${target}[${key}]`, `${target}.pop(${key})`, `${target}.pop(${key}, None)`])];
    }
    return undefined;
  }
}

const SETTING_NAME = /^([A-Z][A-Z0-9_]*) = ([\s\S]*)$/;

/** Settings names a statement mentions. */
function namesIn(text: string): Set<string> {
  return new Set(text.match(/\b[A-Z][A-Z0-9_]+\b/g) ?? []);
}

/** A variation of a module that generateModules.ts makes, with a random of its own. */
export function generateVariation(random: Random, options: VariationOptions): Variation {
  const original = generateModule(random, options);
  return varyModule(original, random);
}

export function varyModule(original: string, random: Random): Variation {
  const writer = new VariationWriter(random);
  const statements = splitStatements(original);
  const imports = statements.filter((statement) => /^(import|from) /.test(statement));
  const body = statements.filter((statement) => !imports.includes(statement));

  // Which settings are assigned once and read by no other statement: those may move.
  const assignedCount = new Map<string, number>();
  for (const statement of body) {
    const match = SETTING_NAME.exec(statement);
    if (match) assignedCount.set(match[1]!, (assignedCount.get(match[1]!) ?? 0) + 1);
  }
  const readBy = (name: string, except: string) =>
    body.some((statement) => statement !== except && namesIn(statement).has(name));

  // Settings assigned once and read by no other statement may move, and be grouped.
  const assignments = body.map((statement): Assignment | undefined => {
    const match = SETTING_NAME.exec(statement);
    if (!match || match[1] === "BASE_DIR") return undefined;
    const name = match[1]!;
    return {
      name,
      shape: parseShape(match[2]!),
      independent: assignedCount.get(name) === 1 && !readBy(name, statement),
    };
  });

  // Some of them written through globals() in a loop over a known dict, where the first of them was.
  const grouped = new Set<number>();
  const candidates = assignments.flatMap((assignment, index) => (assignment?.independent ? [index] : []));
  if (candidates.length >= 2 && writer.chance(0.35))
    for (const index of candidates) if (grouped.size < 6 && writer.chance(0.5)) grouped.add(index);

  // Items the original's in-place changes find by value (`MIDDLEWARE.remove('…')`) are written out:
  // an item read from the environment there may differ from it once the variable is set.
  const foundByValue = new Map<string, Set<string>>();
  for (const statement of body) {
    const match = /^([A-Z_][A-Z0-9_]*)\.(remove|index)\(('[^']*'|"[^"]*")\)/.exec(statement);
    if (!match) continue;
    const items = foundByValue.get(match[1]!) ?? new Set<string>();
    items.add(match[3]!);
    foundByValue.set(match[1]!, items);
  }
  for (const assignment of assignments) {
    const found = assignment && foundByValue.get(assignment.name);
    if (!found || (assignment.shape.kind !== "list" && assignment.shape.kind !== "tuple")) continue;
    for (const item of assignment.shape.items) if (found.has(render(item))) writer.writeAsIs(item);
  }

  const emptyChunk = (): Chunk => ({ lines: [], helpers: new Set(), assigns: new Set(), reads: new Set() });
  const chunks: Chunk[] = [];
  const independent: { chunkIndex: number; assignment: Assignment }[] = [];
  body.forEach((statement, index) => {
    const assignment = assignments[index];
    const chunk = emptyChunk();
    if (grouped.has(index)) {
      if (index === Math.min(...grouped))
        chunk.lines = globalsWrites(
          [...grouped].map((at) => assignments[at]!),
          chunk,
        );
    } else if (SETTING_NAME.exec(statement)?.[1] === "BASE_DIR") {
      chunk.baseDirectory = true;
    } else if (assignment) {
      chunk.lines = writer.assignment(assignment.name, assignment.shape, chunk, 0);
      if (assignment.independent) independent.push({ chunkIndex: chunks.length, assignment });
    } else {
      // An in-place change of the original (MIDDLEWARE.append(...)): kept, perhaps in a taken branch.
      const lines = statement.split("\n");
      if (writer.chance(0.3)) {
        const condition = writer.condition(true, chunk, true);
        writer.note("original change in a taken branch");
        chunk.lines = [...condition.setup, `if ${condition.text}:`, ...indent(lines)];
      } else chunk.lines = lines;
    }
    chunks.push(chunk);
  });

  function globalsWrites(group: Assignment[], chunk: Chunk): string[] {
    const prefixes = ["SECURE_", "SESSION_COOKIE_", "CSRF_", "SECURE_HSTS_"].filter((prefix) =>
      group.every((assignment) => assignment.name.startsWith(prefix)),
    );
    const prefix = prefixes.length > 0 && writer.chance(0.7) ? writer.pick(prefixes) : "";
    const table = writer.local("settings");
    const lines = [
      `${table} = {`,
      ...group.map(
        (assignment) =>
          `    '${assignment.name.slice(prefix.length)}': ${writer.expression(assignment.shape, chunk, 1)},`,
      ),
      "}",
    ];
    if (prefix)
      lines.push(
        `for _name, _value in ${table}.items():`,
        writer.chance(0.5)
          ? `    globals()['${prefix}' + _name] = _value`
          : `    globals()[f'${prefix}{_name}'] = _value`,
      );
    else if (writer.chance(0.3)) lines.push(`globals().update(${table})`);
    else lines.push(`for _name, _value in ${table}.items():`, "    globals()[_name] = _value");
    writer.note(`globals() writes of ${group.map((assignment) => assignment.name).join(", ")}`);
    return lines;
  }

  const layout: Layout = writer.pick(["module", "module", "package", "split-settings"]);
  writer.note(`layout: ${layout}`);
  const files: Record<string, string> = {};
  const helpersFromModule = writer.chance(0.4);
  const helperUsers: Set<HelperName>[] = [];
  const folder = layout === "module" ? "" : "settings/";

  /** A file of settings code: the imports, its helpers and its chunks, BASE_DIR for its folder. */
  const writeFile = (path: string, parts: Chunk[], lead: string[] = [], inSettingsFolder = folder !== "") => {
    const helpers = new Set<HelperName>();
    for (const part of parts) for (const helper of part.helpers) helpers.add(helper);
    const helperLines: string[] = [];
    if (helpers.size > 0) {
      if (helpersFromModule) {
        helperLines.push(`from .helpers import ${[...helpers].sort().join(", ")}`, "");
        helperUsers.push(helpers);
      } else for (const helper of [...helpers].sort()) helperLines.push("", ...HELPERS[helper], "");
    }
    const baseDirectory = inSettingsFolder
      ? writer.pick(["Path(__file__).resolve().parent.parent", "Path(__file__).resolve().parents[1]"])
      : "Path(__file__).resolve().parent";
    const lines = parts.flatMap((part) =>
      part.baseDirectory ? [`BASE_DIR = ${baseDirectory}`] : part.lines,
    );
    files[path] = `${[...imports, ...lead, ...helperLines, "", ...lines].join("\n")}\n`;
  };

  // A present optional file may take over some independent settings; an absent one guards nothing.
  const optionalParts: Chunk[] = [];
  const movable = independent.filter(({ assignment }) => !namesIn(render(assignment.shape)).has("BASE_DIR"));
  if (movable.length > 0 && writer.chance(0.25)) {
    const moved = movable.filter(() => writer.chance(0.4)).slice(0, 4);
    for (const { chunkIndex } of moved) {
      optionalParts.push(chunks[chunkIndex]!);
      chunks[chunkIndex] = { lines: [], helpers: new Set(), assigns: new Set(), reads: new Set() };
    }
    if (optionalParts.length > 0)
      writer.note(`present optional file holds ${moved.map(({ assignment }) => assignment.name).join(", ")}`);
  }
  const optionalGuards = (): string[] => {
    const lines: string[] = [];
    if (optionalParts.length > 0) {
      writeFile(`${folder}overrides.py`, optionalParts);
      lines.push(
        writer.pick([
          'if (Path(__file__).resolve().parent / "overrides.py").exists():',
          'if os.path.exists(os.path.join(os.path.dirname(__file__), "overrides.py")):',
        ]),
        "    from .overrides import *",
      );
    }
    if (writer.chance(0.4)) {
      writer.note("optional local settings that are absent");
      const settingsFolder = folder === "" ? "" : '"settings", ';
      lines.push(
        writer.pick([
          `if (BASE_DIR / ${folder === "" ? "" : '"settings" / '}"local_settings.py").exists():`,
          `if os.path.exists(os.path.join(BASE_DIR, ${settingsFolder}"local_settings.py")):`,
          'if (Path(__file__).resolve().parent / "local_settings.py").exists():',
        ]),
        "    from .local_settings import *",
      );
    }
    return lines;
  };
  const guardChunk = (): Chunk => ({
    lines: optionalGuards(),
    helpers: new Set(),
    assigns: new Set(),
    reads: new Set(),
  });

  let settingsModule: string;
  if (layout === "module") {
    writeFile("settings.py", [...chunks, guardChunk()]);
    settingsModule = "settings";
  } else if (layout === "package") {
    // Two or three files chained by star imports; later files may override what earlier ones set.
    const names = writer.chance(0.3) ? ["common", "base", "production"] : ["base", "production"];
    const cuts = names
      .slice(1)
      .map(() => 1 + writer.integer(chunks.length))
      .sort((a, b) => a - b);
    const bounds = [0, ...cuts, chunks.length];
    const parts = names.map((_, index) => chunks.slice(bounds[index], bounds[index + 1]));
    // An override: an earlier file sets an independent setting of a later one to something else.
    for (const { chunkIndex, assignment } of independent) {
      const owner = bounds.findIndex(
        (bound, index) => chunkIndex >= bound && chunkIndex < bounds[index + 1]!,
      );
      if (owner > 0 && chunks[chunkIndex]!.lines.length > 0 && writer.chance(0.3)) {
        parts[owner - 1]!.push({
          lines: [`${assignment.name} = ${writer.decoy(assignment.shape)}`],
          helpers: new Set(),
          assigns: new Set([assignment.name]),
          reads: new Set(),
        });
        writer.note(`${names[owner - 1]}.py sets ${assignment.name}, ${names[owner]}.py overrides it`);
      }
    }
    parts[parts.length - 1]!.push(guardChunk());
    names.forEach((name, index) =>
      writeFile(
        `settings/${name}.py`,
        parts[index]!,
        index === 0 ? [] : [`from .${names[index - 1]} import *`],
      ),
    );
    files["settings/__init__.py"] = "";
    settingsModule = "settings.production";
    writer.note(`files: ${names.join(" → ")}`);
  } else {
    // django-split-settings: components run in the namespace of settings/__init__.py, in order.
    const componentNames = ["base", "middleware", "security", "storage"];
    const count = Math.min(componentNames.length, 1 + writer.integer(3));
    const cuts = Array.from({ length: count - 1 }, () => 1 + writer.integer(chunks.length)).sort(
      (a, b) => a - b,
    );
    const bounds = [0, ...cuts, chunks.length];
    const includes: string[] = [];
    const environmentName = writer.chance(0.25) ? writer.variable() : undefined;
    for (let index = 0; index < count; index++) {
      const name = componentNames[index]!;
      const part = chunks.slice(bounds[index], bounds[index + 1]);
      const last = index === count - 1;
      if (last && environmentName) {
        // The last component chosen by an environment variable's default, as real projects do.
        writeFile("settings/environments/production.py", part);
        files["settings/environments/development.py"] = "DEBUG = True\nALLOWED_HOSTS = ['*']\n";
        includes.push(
          writer.pick([
            `'environments/{}.py'.format(os.environ.get('${environmentName}', 'production'))`,
            `'environments/%s.py' % os.environ.get('${environmentName}', 'production')`,
          ]),
        );
        writer.note("component named after an environment default");
        continue;
      }
      writeFile(`settings/components/${name}.py`, part);
      const pattern =
        name === "security" && writer.chance(0.5) ? "components/sec*.py" : `components/${name}.py`;
      includes.push(writer.chance(0.2) ? `optional('${pattern}')` : `'${pattern}'`);
    }
    includes.push("optional('local_settings.py')");
    const guard = optionalGuards();
    if (guard.length > 0) {
      writeFile("settings/components/local.py", [
        { lines: guard, helpers: new Set(), assigns: new Set(), reads: new Set() },
      ]);
      includes.push("'components/local.py'");
    }
    const call = writer.chance(0.3)
      ? [`FILES = [${includes.join(", ")}]`, "include(*FILES)"]
      : ["include(", ...includes.map((entry) => `    ${entry},`), ")"];
    files["settings/__init__.py"] =
      `${[...imports, "from split_settings.tools import include, optional", "", ...call].join("\n")}\n`;
    settingsModule = "settings";
    writer.note(`components: ${includes.join(", ")}`);
  }

  if (helperUsers.length > 0) {
    const needed = new Set<HelperName>();
    for (const users of helperUsers) for (const helper of users) needed.add(helper);
    files[`${folder}helpers.py`] = `import os\n${[...needed]
      .sort()
      .map((helper) => `\n\n${HELPERS[helper].join("\n")}`)
      .join("")}\n`;
    writer.note(`helpers from ${folder}helpers.py`);
  }
  return { original, files, settingsModule, rewrites: writer.rewrites };
}
