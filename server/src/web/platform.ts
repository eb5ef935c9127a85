// The language server's platform in a web worker (vscode.dev, github.dev): counterpart of
// host/platform.ts, substituted for it by scripts/bundle.mjs. The connection is the worker's message
// port; the workspace host reads through the client.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import type { NodeHostOptions } from '../host/workspaceHost';
import type { ServerWorkspaceHost } from '../lsp/completeReads';
import { ClientFiles } from './clientFiles';
import { resolve } from './path';
import { WebWorkspaceHost } from './workspaceHost';

// A dedicated worker's global scope is its message port to the page that started it.
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

export const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));

export const clientFiles = new ClientFiles(connection);

export const newWorkspaceHost = (options: NodeHostOptions): ServerWorkspaceHost => new WebWorkspaceHost(options, clientFiles);

/** Web paths are POSIX already (web/uris.ts): only `.` and `..` are resolved. */
export const enginePath = (p: string): string => resolve(p);
