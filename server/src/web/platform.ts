// The language server's platform in a web worker (vscode.dev, github.dev): counterpart of
// host/platform.ts, substituted for it by scripts/webBundles.mjs. The workspace host reads through the client.
import type { NodeHostOptions } from '../host/workspaceHost';
import type { ServerWorkspaceHost } from '../lsp/completeReads';
import { connection } from '../host/connection';
import { ClientFiles } from './clientFiles';
import { resolve } from './path';
import { WebWorkspaceHost } from './workspaceHost';

export const clientFiles = new ClientFiles(connection);

export const newWorkspaceHost = (options: NodeHostOptions): ServerWorkspaceHost => new WebWorkspaceHost(options, clientFiles);

/** Web paths are POSIX already (web/uris.ts): only `.` and `..` are resolved. */
export const enginePath = (p: string): string => resolve(p);
