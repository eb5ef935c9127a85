// The language server's connection in a web worker (vscode.dev, github.dev): counterpart of
// host/connection.ts, substituted for it by scripts/webBundles.mjs. The worker's message port.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startUp } from '../lsp/startUp';

// A dedicated worker's global scope is its message port to the page that started it.
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

export const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self), { messageStrategy: startUp });
