// The server's log: `window/logMessage` through the connection's console, filtered by the
// `djangoDeploy.logLevel` setting. Nothing else may write to stdout, which carries the protocol.
import type { RemoteConsole } from "vscode-languageserver/node";
import type { LogLevel } from "./folderSettings";

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export class Logger {
  private level: LogLevel = "info";

  constructor(private readonly console: RemoteConsole) {}

  setLevel(level: LogLevel): void {
    this.level = level;
  }

  enabled(level: LogLevel): boolean {
    return RANK[level] <= RANK[this.level];
  }

  error(message: string, error?: unknown): void {
    // Errors are always written, whatever the level, with the stack when there is one.
    this.console.error(error === undefined ? message : `${message}\n${describeError(error)}`);
  }

  warn(message: string): void {
    if (this.enabled("warn")) this.console.warn(message);
  }

  info(message: string): void {
    if (this.enabled("info")) this.console.info(message);
  }

  debug(message: string): void {
    if (this.enabled("debug")) this.console.log(message);
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
