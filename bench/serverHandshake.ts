// The start of a benchmark's conversation with the real language server, as VS Code holds it: the
// client lets the server register its file watchers (the server then trusts their events) and opens
// one workspace folder. Shared by bench/serverFigures.ts and bench/workspace.ts.
import { pathToFileURL } from "node:url";
import {
  InitializedNotification,
  InitializeRequest,
  RegistrationRequest,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node";

/** Answers the server's registrations and initializes it on `folder`; call after `listen()`. */
export async function initializeServer(
  connection: ProtocolConnection,
  folder: string,
  name: string,
): Promise<void> {
  connection.onRequest(RegistrationRequest.type, () => undefined);
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name }],
    // What VS Code declares about file watching.
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
}
