// The language server's entry: the transport (--stdio, --node-ipc or --socket) is chosen from the
// command line by createConnection; everything else is wired in lsp/languageServer.ts.
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startLanguageServer } from "./lsp/languageServer";

const connection = createConnection(ProposedFeatures.all);
startLanguageServer(connection);
connection.listen();
