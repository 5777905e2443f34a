// The language server's bundle (dist/server-main.js, loaded by server.ts): the transport (--stdio,
// --node-ipc or --socket) is chosen from the command line by createGuardedConnection; everything else
// is wired in lsp/languageServer.ts.
import { ALL_CHECKS } from "./checks/index";
import { faultInjectionCheck } from "./engine/faultInjection";
import { startLanguageServer } from "./lsp/languageServer";
import { createGuardedConnection } from "./lsp/protocolGuard";

// Malformed input (bad JSON, a broken framing, requests before initialize) is handled in protocolGuard.ts.
const connection = createGuardedConnection();
// The tests of the server's isolation of failing checks add a check that throws (never set otherwise).
const faulty = process.env.DJANGO_DEPLOY_FAULT_INJECTION === "throwing-check";
startLanguageServer(connection, { checks: faulty ? [...ALL_CHECKS, faultInjectionCheck] : ALL_CHECKS });
connection.listen();
