// The server's log: `window/logMessage` through the connection's console, filtered by the
// `djangoDeploy.logLevel` setting. Nothing else may write to stdout, which carries the protocol.
// The messages the server writes quote no secret (checks/secrets.ts); an exception's message is
// not the server's own text, so every line loses the passwords of the URLs it holds on the way out.
import type { RemoteConsole } from "vscode-languageserver/node";
import { maskFreeText } from "../checks/secrets";
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
    this.console.error(maskFreeText(error === undefined ? message : `${message}\n${describeError(error)}`));
  }

  warn(message: string): void {
    if (this.enabled("warn")) this.console.warn(maskFreeText(message));
  }

  info(message: string): void {
    if (this.enabled("info")) this.console.info(maskFreeText(message));
  }

  debug(message: string): void {
    if (this.enabled("debug")) this.console.log(maskFreeText(message));
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
