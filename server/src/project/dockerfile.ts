// The facts of a Dockerfile, read with dockerfile-ast (the parser behind the Docker language
// server: escape directive, continuation lines with comments inside, exec and shell forms, build
// stages): each stage's ENV, ARG, RUN, CMD, ENTRYPOINT, WORKDIR and COPY/ADD, with lines. Which
// stages make the final image is decided here too: the last stage and, through `FROM <stage>`, the
// stages it is built on. Everything else (RUN anywhere, ENV of other stages, ARG) happens while
// building, not in the running container.
import { DockerfileParser, type Instruction, type Property } from "dockerfile-ast";
import { execFormCommand, simpleCommands, type SimpleCommand } from "./commandLine";
import type { VariableAssignment } from "./variables";

export type DockerInstruction =
  | { keyword: "ENV" | "ARG"; line: number; assignments: DockerAssignment[] }
  | {
      keyword: "RUN" | "CMD" | "ENTRYPOINT";
      line: number;
      form: "exec" | "shell";
      commands: SimpleCommand[];
    }
  | { keyword: "WORKDIR"; line: number; path: string }
  | { keyword: "COPY" | "ADD"; line: number; sources: string[]; destination: string; fromStage?: string };

export interface DockerAssignment extends VariableAssignment {
  /**
   * The value with `$NAME`/`${NAME}` replaced by what the Dockerfile itself gives NAME (an ARG's
   * default, an earlier ENV); undefined when some part is not known. `value` stays undefined for any
   * value that expands a variable, since a build argument can change it.
   */
  expanded: string | undefined;
}

export interface DockerStage {
  index: number;
  /** `AS name`, when given. */
  name?: string;
  /** The image it starts from: a registry image or an earlier stage's name. */
  image: string;
  line: number;
  instructions: DockerInstruction[];
}

export interface DockerfileFacts {
  stages: DockerStage[];
  /** Indices of the stages the final image is made of, from the first base to the last stage. */
  runtimeStages: number[];
}

const COMMAND_KEYWORDS = new Set(["RUN", "CMD", "ENTRYPOINT"]);

export function readDockerfile(text: string): DockerfileFacts {
  const dockerfile = DockerfileParser.parse(text);
  const escape = dockerfile.getEscapeCharacter();
  const stages: DockerStage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    const line = instruction.getRange().start.line;
    if (keyword === "FROM") {
      const from = instruction as unknown as { getBuildStage(): string | null; getImage(): string | null };
      stages.push({
        index: stages.length,
        name: from.getBuildStage() ?? undefined,
        image: from.getImage() ?? "",
        line,
        instructions: [],
      });
      continue;
    }
    // ARGs before the first FROM belong to no stage. Any other instruction there means a fragment
    // without FROM (an included snippet, a test): read it as one stage of its own.
    if (stages.length === 0 && keyword !== "ARG")
      stages.push({ index: 0, image: "", line, instructions: [] });
    const stage = stages[stages.length - 1];
    if (!stage) continue;
    const read = readInstruction(instruction, keyword, line, escape, dockerfile);
    if (read) stage.instructions.push(read);
  }
  return { stages, runtimeStages: runtimeStagesOf(stages) };
}

function readInstruction(
  instruction: Instruction,
  keyword: string,
  line: number,
  escape: string,
  dockerfile: ReturnType<typeof DockerfileParser.parse>,
): DockerInstruction | undefined {
  if (keyword === "ENV" || keyword === "ARG") {
    const properties = (instruction as unknown as { getProperties(): Property[] }).getProperties();
    return {
      keyword,
      line,
      assignments: properties.map((property) => {
        const range = property.getNameRange();
        const raw = property.getValue();
        const value = raw === null ? (keyword === "ARG" ? undefined : "") : raw;
        const expanded =
          value === undefined
            ? undefined
            : expand(value, (name) => dockerfile.resolveVariable(name, range.start.line) ?? undefined);
        return {
          variable: property.getName(),
          value: value === undefined || value.includes("$") ? undefined : value,
          expanded,
          line: range.start.line,
          start: range.start.character,
          end: range.end.character,
        };
      }),
    };
  }
  if (COMMAND_KEYWORDS.has(keyword)) {
    // Docker reads the arguments as a JSON array of strings (exec form) when they are one, else
    // hands them to /bin/sh -c (shell form).
    const text = shellFormText(instruction.getRawArgumentsContent() ?? "", escape);
    const json = jsonArray(text);
    const command = keyword as "RUN" | "CMD" | "ENTRYPOINT";
    return json
      ? { keyword: command, line, form: "exec", commands: execFormCommand(json) }
      : { keyword: command, line, form: "shell", commands: simpleCommands(text) };
  }
  if (keyword === "WORKDIR") {
    return { keyword, line, path: instruction.getArgumentsContent()?.trim() ?? "" };
  }
  if (keyword === "COPY" || keyword === "ADD") {
    const flags = (
      instruction as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }
    )
      .getFlags()
      .map((flag) => [flag.getName(), flag.getValue()] as const);
    const json = jsonArray(
      shellFormText(instruction.getRawArgumentsContent() ?? "", escape).replace(/^(\s*--\S+)+/, ""),
    );
    const words = json ?? instruction.getArguments().map((argument) => argument.getValue());
    if (words.length < 2) return undefined;
    return {
      keyword,
      line,
      sources: words.slice(0, -1),
      destination: words[words.length - 1]!,
      fromStage: flags.find(([name]) => name === "from")?.[1] ?? undefined,
    };
  }
  return undefined;
}

/**
 * The shell-form text Docker hands to `/bin/sh -c`: continuation lines joined, and comment lines
 * inside a continued instruction dropped, as the builder does.
 */
function shellFormText(raw: string, escape: string): string {
  const lines = raw.split(/\r?\n/);
  let text = "";
  lines.forEach((line, index) => {
    if (index > 0 && /^\s*#/.test(line)) return;
    const trimmed = line.replace(/\s+$/, "");
    text += trimmed.endsWith(escape) ? `${trimmed.slice(0, -1)} ` : `${line}\n`;
  });
  return text;
}

/** The strings of a JSON array of strings, or undefined when the text is not one. */
function jsonArray(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("[")) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === "string") ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** `$NAME`, `${NAME}` replaced with what `lookup` gives; undefined when something is unknown. */
function expand(value: string, lookup: (name: string) => string | undefined): string | undefined {
  let known = true;
  const result = value.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_match, a, b) => {
      const found = lookup((a ?? b) as string);
      if (found === undefined) known = false;
      return found ?? "";
    },
  );
  return known && !/\$\{/.test(result) ? result : undefined;
}

function runtimeStagesOf(stages: DockerStage[]): number[] {
  const chain: number[] = [];
  let current = stages[stages.length - 1];
  while (current && !chain.includes(current.index)) {
    chain.unshift(current.index);
    const image = current.image.toLowerCase();
    current = [...stages.slice(0, current.index)]
      .reverse()
      .find((stage) => stage.name?.toLowerCase() === image);
  }
  return chain;
}

/** The environment the final image's processes get from ENV (later instructions win). */
export function runtimeEnvironment(facts: DockerfileFacts): Map<string, DockerAssignment> {
  const environment = new Map<string, DockerAssignment>();
  for (const index of facts.runtimeStages) {
    for (const instruction of facts.stages[index]!.instructions) {
      if (instruction.keyword !== "ENV") continue;
      for (const assignment of instruction.assignments) environment.set(assignment.variable, assignment);
    }
  }
  return environment;
}

/** The working directory of the final image's processes (WORKDIR of the runtime stages, resolved). */
export function runtimeWorkdir(facts: DockerfileFacts): string | undefined {
  let workdir: string | undefined;
  for (const index of facts.runtimeStages) {
    for (const instruction of facts.stages[index]!.instructions) {
      if (instruction.keyword !== "WORKDIR" || instruction.path === "") continue;
      workdir = joinPosix(workdir ?? "/", instruction.path);
    }
  }
  return workdir;
}

/** A container path joined like Docker's WORKDIR: absolute paths replace, relative ones append. */
export function joinPosix(base: string, path: string): string {
  const parts = (path.startsWith("/") ? path : `${base}/${path}`).split("/");
  const result: string[] = [];
  for (const part of parts) {
    if (part === "" || part === ".") continue;
    if (part === "..") result.pop();
    else result.push(part);
  }
  return `/${result.join("/")}`;
}
