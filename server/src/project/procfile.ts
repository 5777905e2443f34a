// The facts of a Procfile (Heroku, Dokku, foreman, honcho): one `type: command` line per process
// type, the command read as a shell reads it. The `release` process runs once before a new release
// goes live (migrations, collectstatic); the others (web, worker, …) run the site.
import { simpleCommands, type SimpleCommand } from "./commandLine";

export interface ProcfileProcess {
  type: string;
  /** 0-based line. */
  line: number;
  commands: SimpleCommand[];
}

const PROCESS_LINE = /^([A-Za-z0-9_-]+)[ \t]*:[ \t]*(.*)$/;

export function readProcfile(text: string): ProcfileProcess[] {
  const processes: ProcfileProcess[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = PROCESS_LINE.exec(line.trim());
    if (!match) return;
    processes.push({ type: match[1]!, line: index, commands: simpleCommands(match[2]!) });
  });
  return processes;
}

/** Process types that run once for a release rather than serving it. */
export function isReleaseProcess(type: string): boolean {
  return type === "release" || type === "predeploy" || type === "postdeploy";
}
