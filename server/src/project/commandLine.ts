// Command lines as a POSIX shell splits them (words by shell-quote), and what they say about the
// Django process they start: DJANGO_SETTINGS_MODULE set before the command, through `env` or
// `export`, given as `--settings` or passed on by a server (`gunicorn --env`, `uwsgi --env`,
// pytest-django's `--ds`), and which Django command runs (`runserver`, `collectstatic`, …).
// Used for Dockerfile RUN/CMD/ENTRYPOINT, compose command:/entrypoint:, Procfile processes and
// systemd Exec lines.
import { parse } from "shell-quote";

/** Marks the place of a `$VAR` expansion inside a word: its value is not known from the text. */
const EXPANSION = "\u0000";

/** One command of a command line: the variables assigned before it and its words. */
export interface SimpleCommand {
  /** `NAME=value` words before the command, `env NAME=value`, or `export NAME=value`. */
  assignments: { variable: string; value: string | undefined }[];
  /** The words of the command, without redirections; a word holding an expansion is undefined. */
  words: (string | undefined)[];
}

/** The settings module a command names, and how. */
export interface NamedSettings {
  module: string;
  /** `DJANGO_SETTINGS_MODULE=…`, `--settings`, `gunicorn --env`, … for explanations. */
  how: string;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;
const SHELLS = new Set(["sh", "bash", "dash", "ash", "zsh", "/bin/sh", "/bin/bash", "/usr/bin/env"]);
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * The simple commands of one shell command line, in order: split at `;`, `&&`, `||`, `|` and `&`,
 * and at line ends; `sh -c "…"` is read as the command line it runs.
 */
export function simpleCommands(text: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  const joined = text.replace(/\\\r?\n/g, " ");
  for (const line of joined.split(/\r?\n/)) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    let tokens;
    try {
      tokens = parse(line, (name) => `${EXPANSION}${name}${EXPANSION}`);
    } catch {
      continue;
    }
    let current: string[] = [];
    const flush = () => {
      if (current.length > 0) commands.push(...fromWords(current));
      current = [];
    };
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index]!;
      if (typeof token === "string") {
        current.push(token);
        continue;
      }
      if ("comment" in token) break;
      if (token.op === "glob") {
        current.push(token.pattern);
        continue;
      }
      // Redirections take the next word with them; other operators end the command.
      if (/^[<>]/.test(token.op)) {
        index++;
        continue;
      }
      flush();
    }
    flush();
  }
  return commands;
}

function fromWords(raw: string[]): SimpleCommand[] {
  const words: string[] = [...raw];
  const assignments: SimpleCommand["assignments"] = [];
  const takeAssignments = () => {
    while (words.length > 0 && ASSIGNMENT.test(words[0]!)) {
      const [, variable, value] = ASSIGNMENT.exec(words.shift()!)!;
      assignments.push({ variable: variable!, value: value!.includes(EXPANSION) ? undefined : value });
    }
  };
  takeAssignments();
  // `env A=1 cmd`, `exec cmd` and `export A=1` do not change which program runs.
  for (;;) {
    const first = words[0];
    if (first === "env" || first === "/usr/bin/env") {
      words.shift();
      while (words[0]?.startsWith("-")) words.shift();
      takeAssignments();
    } else if (first === "exec") {
      words.shift();
    } else if (first === "export") {
      words.shift();
      takeAssignments();
    } else break;
  }
  if (words.length >= 3 && SHELLS.has(words[0]!) && words[1] === "-c") {
    const inner = simpleCommands(words[2]!);
    if (inner.length > 0) {
      if (assignments.length > 0) inner.forEach((command) => command.assignments.unshift(...assignments));
      return inner;
    }
  }
  return [{ assignments, words: words.map((word) => (word.includes(EXPANSION) ? undefined : word)) }];
}

/** The words of an exec-form command (`CMD ["gunicorn", …]`, a compose list) as a simple command. */
export function execFormCommand(words: readonly string[]): SimpleCommand[] {
  if (words.length >= 3 && SHELLS.has(words[0]!) && words[1] === "-c") return simpleCommands(words[2]!);
  return fromWords([...words]);
}

/** The settings modules a command names: assignments, --settings, --env, --ds. */
export function settingsNamedBy(command: SimpleCommand): NamedSettings[] {
  const found: NamedSettings[] = [];
  const add = (value: string | undefined, how: string) => {
    if (value !== undefined && DOTTED.test(value)) found.push({ module: value, how });
  };
  for (const assignment of command.assignments) {
    if (assignment.variable === "DJANGO_SETTINGS_MODULE")
      add(assignment.value, "DJANGO_SETTINGS_MODULE=… before the command");
  }
  const words = command.words;
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    if (word === undefined) continue;
    const next = words[index + 1];
    let match: RegExpExecArray | null;
    if ((match = /^--settings=(.*)$/.exec(word))) add(match[1], "--settings");
    else if (word === "--settings") add(next, "--settings");
    else if ((match = /^--ds=(.*)$/.exec(word))) add(match[1], "--ds");
    else if (word === "--ds") add(next, "--ds");
    else if ((match = /^(?:--env|-e)=?(DJANGO_SETTINGS_MODULE=.*)$/.exec(word)))
      add(match[1]!.slice("DJANGO_SETTINGS_MODULE=".length), `${word.startsWith("-e") ? "-e" : "--env"}`);
    else if ((word === "--env" || word === "-e") && next?.startsWith("DJANGO_SETTINGS_MODULE="))
      add(next.slice("DJANGO_SETTINGS_MODULE=".length), word);
  }
  return found;
}

/**
 * The Django management command a simple command runs (`python manage.py runserver` → runserver,
 * `django-admin collectstatic` → collectstatic), `pytest` for pytest, else undefined.
 */
export function djangoCommandOf(command: SimpleCommand): string | undefined {
  const words = command.words;
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    if (word === undefined) continue;
    const base = word.split("/").pop()!;
    if (base === "pytest" || base === "py.test") return "pytest";
    if (base === "manage.py" || base === "django-admin" || base === "django-admin.py") {
      for (let next = index + 1; next < words.length; next++) {
        const after = words[next];
        if (after === undefined) return undefined;
        if (OPTIONS_WITH_VALUES.has(after)) next++;
        else if (!after.startsWith("-")) return after;
      }
      return undefined;
    }
  }
  return undefined;
}

/** Options Django's command line accepts before the command name, with a value in the next word. */
const OPTIONS_WITH_VALUES = new Set(["--settings", "--pythonpath", "--verbosity", "-v"]);

/** Management commands that serve the site for development only. */
export const DEVELOPMENT_COMMANDS = new Set(["runserver", "runserver_plus", "shell", "shell_plus"]);
/** Commands that run the test suite. */
export const TEST_COMMANDS = new Set(["test", "pytest"]);
