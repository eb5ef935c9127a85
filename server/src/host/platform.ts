// What the language server needs of the platform it runs on: the workspace host cross-file rules read
// through. This is the Node side (node dist/server.js); the web worker build substitutes
// server/src/web/platform.ts for it (scripts/webBundles.mjs).
import type { ServerWorkspaceHost } from '../lsp/completeReads';
import { enginePath, NodeWorkspaceHost, type NodeHostOptions } from './workspaceHost';

export const newWorkspaceHost = (options: NodeHostOptions): ServerWorkspaceHost => new NodeWorkspaceHost(options);

export { enginePath };
