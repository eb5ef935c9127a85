// POSIX path arithmetic for workspace paths. The engine runs without Node's `path` (it must stay pure),
// and hosts hand it absolute POSIX paths (Windows drive paths are converted by the host).

/**
 * Whether `s` is a URI (`file:///a`, `untitled:Untitled-1`) rather than a plain path. Only URIs are
 * percent-decoded: a file may be named `50%off.txt` or `Dockerfile%2Ebak`, and that is its name.
 */
export function isUri(s: string): boolean {
  return /^[a-z][\w+.-]+:/i.test(s) && !/^[a-z]:[\\/]/i.test(s);
}

/** `decodeURIComponent`, or undefined for a malformed escape (a client's bad URI is not a reason to throw). */
export function decodeUriPart(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/**
 * The file path a document URI or path names: `file:///a/b` → `/a/b`. A URI of another hierarchical scheme
 * (a web workspace: `vscode-vfs://github/o/r/Dockerfile`) names `/vscode-vfs/_github/o/r/Dockerfile`: its
 * scheme and authority lead, so it is never a local file and two origins never meet. An opaque URI
 * (`untitled:Untitled-1`) or a malformed one → undefined.
 */
export function pathOfUri(uri: string): string | undefined {
  if (uri.startsWith('file://')) return decodeUriPart(uri.slice('file://'.length).replace(/[?#].*$/, ''));
  const web = /^([a-z][\w+.-]+):\/\/([^/?#]*)(\/[^?#]*)?/i.exec(uri);
  if (web) {
    const path = decodeUriPart(web[3] ?? '/');
    return path === undefined ? undefined : `/${web[1]}/_${web[2]}${path}`;
  }
  if (isUri(uri)) return undefined;
  return uri.replace(/\\/g, '/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Resolves `ref` against the directory `base`, collapsing `.` and `..` (never above `/`). */
export function resolvePath(base: string, ref: string): string {
  const parts: string[] = [];
  for (const part of (ref.startsWith('/') ? ref : `${base}/${ref}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** `to` relative to the directory `from`, or undefined when `to` is not inside it. */
export function relativeInside(from: string, to: string): string | undefined {
  if (to === from) return '';
  const prefix = from.endsWith('/') ? from : `${from}/`;
  return to.startsWith(prefix) ? to.slice(prefix.length) : undefined;
}

/** `to` relative to the directory `from`, with `..` where it leads up (`/ws/base`, `/ws/overlays/prod` → `../overlays/prod`). */
export function relativePath(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/') || '.';
}
