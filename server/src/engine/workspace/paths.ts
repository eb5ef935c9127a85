// POSIX path arithmetic for workspace paths. The engine runs without Node's `path` (it must stay pure),
// and hosts hand it absolute POSIX paths (Windows drive paths are converted by the host).

/** The file path a document URI or path names: `file:///a/b` → `/a/b`; other schemes → undefined. */
export function pathOfUri(uri: string): string | undefined {
  if (uri.startsWith('file://')) return decodeURIComponent(uri.slice('file://'.length).replace(/[?#].*$/, ''));
  if (/^[a-z][\w+.-]+:/i.test(uri) && !/^[a-z]:[\\/]/i.test(uri)) return undefined;
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
