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
