// What the language server needs of the platform it runs on: its connection to the client and the
// workspace host cross-file rules read through. This is the Node side (node dist/server.js, stdio/IPC);
// the web worker build substitutes server/src/web/platform.ts for it (scripts/bundle.mjs).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { ServerWorkspaceHost } from '../lsp/completeReads';
import { enginePath, NodeWorkspaceHost, type NodeHostOptions } from './workspaceHost';

export const connection = createConnection(ProposedFeatures.all);

export const newWorkspaceHost = (options: NodeHostOptions): ServerWorkspaceHost => new NodeWorkspaceHost(options);

export { enginePath };
