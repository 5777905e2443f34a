// Colours on a terminal only, with the conventions people set once for every tool: NO_COLOR (any
// non-empty value) turns them off (no-color.org), FORCE_COLOR turns them on even into a pipe or a
// file ("0" or "false" turns them off), and FORCE_COLOR wins when both are set, as in Node itself.

export interface Styles {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  cyan(text: string): string;
}

export function colorsWanted(isTerminal: boolean, environment: NodeJS.ProcessEnv): boolean {
  const force = environment.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  if (environment.NO_COLOR) return false;
  if (environment.TERM === "dumb") return false;
  return isTerminal;
}

const style =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const COLORED: Styles = {
  bold: style(1, 22),
  dim: style(2, 22),
  red: style(31, 39),
  yellow: style(33, 39),
  blue: style(34, 39),
  cyan: style(36, 39),
};

const identity = (text: string): string => text;
const PLAIN: Styles = {
  bold: identity,
  dim: identity,
  red: identity,
  yellow: identity,
  blue: identity,
  cyan: identity,
};

export function stylesFor(colors: boolean): Styles {
  return colors ? COLORED : PLAIN;
}
