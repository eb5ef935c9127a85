// The language server's connection to the client (node dist/server.js --stdio, --node-ipc or
// --socket=<port>, read from the command line), which dispatches every message through the start-up
// strategy (lsp/startUp.ts). The web worker build substitutes server/src/web/connection.ts for it.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startUp } from '../lsp/startUp';

export const connection = createConnection(ProposedFeatures.all, { messageStrategy: startUp });
