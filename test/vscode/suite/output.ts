// How the runners tell mocha's lines from the rest of VS Code's console: each line mocha's reporter
// prints starts with this invisible character (U+2063, INVISIBLE SEPARATOR). The suite's index sets
// it; scripts/vscode-code-server.ts looks for it. Nothing else is imported here, so either side can.
export const MOCHA_LINE_MARK = "\u2063";
