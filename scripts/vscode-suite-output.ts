// What the mocha suite run in code-server says: the workbench's console messages turned back into
// text, and the counts of mocha's summary. Apart from vscode-code-server.ts, which starts code-server
// and the browser, because reading the console is plain text work with nothing to start or stop.

export interface SuiteResult {
  exitCode: number;
  /** mocha's output, one entry per line. */
  lines: string[];
  /** Everything else the workbench's console said (VS Code's own messages), for diagnosing failures. */
  console: string[];
  passing: number;
  failing: number;
  pending: number;
}

/** The counts from mocha's summary ("12 passing (3s)", "1 failing", "2 pending"). */
export function parseMochaSummary(lines: string[]): Pick<SuiteResult, "passing" | "failing" | "pending"> {
  const count = (word: string) => {
    const pattern = new RegExp(`^\\s*(\\d+) ${word}\\b`);
    for (const line of lines) {
      const match = pattern.exec(line);
      if (match) return Number(match[1]);
    }
    return 0;
  };
  return { passing: count("passing"), failing: count("failing"), pending: count("pending") };
}

function formatOnce(format: string, args: unknown[]): { text: string; rest: unknown[] } {
  let index = 0;
  const text = format.replace(/%[sdifoOc%]/g, (token) => {
    if (token === "%%") return "%";
    const value = args[index++];
    if (token === "%c") return "";
    return typeof value === "string" ? value : JSON.stringify(value);
  });
  return { text, rest: args.slice(index) };
}

/**
 * The text of a page console message. The workbench relays the extension host's console as
 * `console.log("%c INFO", css, format, ...args)`, so the format is applied twice: the workbench's,
 * then the extension's own (mocha's `"  %d passing (%s)"`).
 */
export function formatConsoleArguments(values: unknown[]): string {
  const parts: string[] = [];
  let rest = values;
  while (rest.length > 0) {
    const [first, ...others] = rest;
    if (typeof first !== "string") {
      parts.push(...rest.map((value) => JSON.stringify(value)));
      break;
    }
    const formatted = formatOnce(first, others);
    parts.push(formatted.text);
    rest = formatted.rest;
  }
  return parts
    .join(" ")
    .replace(/^\s*(INFO|WARN|ERR|DEBUG|TRACE)\s/, "")
    .replace(/^\[Extension Host\]\s?/, "");
}
