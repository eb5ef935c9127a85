// The Bulkhead language server's entry: node dist/server.js --stdio (or --node-ipc, --socket=<port>).
// It answers `initialize` from the static capabilities alone, then loads the rest of the server — the
// engine and every other handler, languageServer.ts — before the next message is dispatched
// (lsp/startUp.ts). The Node build puts the rest in a file of its own, run from its own code cache
// (dist/languageServer.js, scripts/bundle.mjs); the web worker's bundle holds it, initialized on this require.
import { connection } from './host/connection';
import { CAPABILITIES } from './lsp/capabilities';
import { startUp } from './lsp/startUp';
import { version } from '../../package.json';

connection.onInitialize((params) => {
  startUp.loadAfterAnswer(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would load the engine before `initialize` is answered
    (require('./languageServer') as typeof import('./languageServer')).initialize(params);
  });
  return { capabilities: CAPABILITIES, serverInfo: { name: 'bulkhead', version } };
});

connection.listen();
