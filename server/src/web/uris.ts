// URIs ↔ engine paths in the web worker (counterpart of lsp/uris.ts, substituted by scripts/bundle.mjs).
// A web workspace is not on a local disk but behind a URI scheme (vscode-vfs://github/…,
// vscode-remote://host/…): the engine names such a file by a path that starts with the URI's scheme and
// authority (pathOfUri), so the mapping is reversible without state. Unsaved buffers (untitled:) have no path.
import { pathOfUri } from '../engine/index';

export const uriToPath = (uri: string): string | undefined => pathOfUri(uri);

/** The inverse of pathOfUri: `/scheme/_authority/path` → `scheme://authority/path`; a plain path → a file: URI. */
export function pathToUri(path: string): string {
  const web = /^\/([a-z][\w+.-]+)\/_([^/]*)(\/.*)?$/i.exec(path);
  const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/');
  return web ? `${web[1]}://${web[2]}${encode(web[3] ?? '/')}` : `file://${encode(path)}`;
}
