// --shard i/n: which files a scan covers when one scan is split across CI jobs. A file's shard follows
// from its path alone (a hash, not its place in the listing), so adding a file moves no other file, and
// the n shards together cover every file exactly once.

export interface Shard {
  index: number;
  count: number;
}

/** `i/n` (1 <= i <= n) → the shard, undefined when malformed. */
export function parseShard(arg: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(arg);
  if (!m) return undefined;
  const [index, count] = [Number(m[1]), Number(m[2])];
  return index >= 1 && index <= count ? { index, count } : undefined;
}

/** Whether the file at `path` (as the report shows it) belongs to `shard`. */
export function inShard(path: string, shard: Shard): boolean {
  return fnv1a(path) % shard.count === shard.index - 1;
}

/** 32-bit FNV-1a over UTF-16 code units: stable across runs, platforms and Node versions. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
