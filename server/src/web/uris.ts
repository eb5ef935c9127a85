// URIs ↔ engine paths in the web worker (counterpart of lsp/uris.ts, substituted by scripts/bundle.mjs).
// A web workspace is not on a local disk but behind a URI scheme (vscode-vfs://github/…,
// vscode-remote://host/…, vscode-test-web://…). The engine path keeps the scheme and the authority as its
// first two segments, so the mapping is reversible without state and files of two origins never meet.
// Unsaved buffers (untitled:) have no path, as on the desktop.

export function uriToPath(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme === 'untitled' || !url.pathname.startsWith('/')) return undefined;
  try {
    // `_` marks the authority segment, so an empty authority (file:///…) still is one.
    return `/${scheme}/_${url.host}${decodeURIComponent(url.pathname)}`;
  } catch {
    return undefined; // malformed percent-encoding
  }
}

export function pathToUri(path: string): string {
  const [, scheme, authority, ...segments] = path.split('/');
  if (!scheme || !authority?.startsWith('_')) return path;
  return `${scheme}://${authority.slice(1)}/${segments.map(encodeURIComponent).join('/')}`;
}
