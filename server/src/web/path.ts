// The part of node:path the language server and client use, for the web build (substituted by
// scripts/bundle.mjs): a worker has no node:path, and web paths are always POSIX (web/uris.ts).

export const sep = '/';

/** `p` without `.` and `..` segments or repeated slashes; `..` never climbs above the root. */
function normalize(p: string): string {
  const out: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '' && segment !== '.') out.push(segment);
  }
  return `/${out.join('/')}`;
}

export const isAbsolute = (p: string): boolean => p.startsWith('/');

export const resolve = (...paths: string[]): string => normalize(paths.reduce((acc, p) => (isAbsolute(p) ? p : `${acc}/${p}`), '/'));

export function join(...paths: string[]): string {
  const joined = normalize(paths.join('/'));
  return isAbsolute(paths[0] ?? '') ? joined : joined.slice(1);
}

export const dirname = (p: string): string => normalize(`${p}/..`);

export const basename = (p: string): string => normalize(p).split('/').pop() ?? '';

export function relative(from: string, to: string): string {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}
