// How the language server's process is started: shared by the extension (client/src/client.ts) and
// by the benchmark of its start (bench/process.ts), so that what is measured is what the editor runs.

/**
 * Environment variables changed for the server's process, over the editor's own. An `undefined`
 * value removes the variable: Node's child_process leaves such entries out of a child's environment,
 * and vscode-languageclient passes them through to it.
 *
 * NODE_EXTRA_CA_CERTS names a file of certificates that Node 20 reads and parses as it starts,
 * before any of our code runs: about 40 ms of every start on the benchmark's machine, which sets it
 * to the system's whole bundle. The server opens no TLS connection and starts no Node program.
 */
export const SERVER_ENVIRONMENT: Readonly<Record<string, string | undefined>> = {
  NODE_EXTRA_CA_CERTS: undefined,
};

/**
 * Node's options for the server's process. The young generation starts at its largest size (16 MB a
 * semi-space, V8's default limit) instead of growing to it: a keystroke's analysis allocates a few
 * megabytes, and in a smaller young generation a collection (about 6 ms on the benchmark's machine,
 * most of it copying the previous analysis's results, still alive) came every third keystroke or so.
 * Measured with bench/process.ts, 120 edits of a 1,000-line module after 10 of warm-up, three runs
 * each: p95 24/23/25 ms without it, 17/18/18 ms with it.
 *
 * --expose-gc lets the server collect the young generation while the user is not typing
 * (server/src/lsp/youngGeneration.ts), so that a collection does not fall inside a keystroke.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ["--min-semi-space-size=16", "--expose-gc"];
