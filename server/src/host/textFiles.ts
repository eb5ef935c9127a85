// What every host (the Node file system, the web worker reading through the client) decides the same
// way about workspace files: which directories are never walked, which scan exclusions match, which
// files configure Bulkhead, and when bytes are text. Platform-free: no node: module.
import { minimatch } from 'minimatch';

/** Directories never worth descending into. */
export const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);

/** Files listed per directory tree; beyond it a build context is too big to reason about file by file. */
export const MAX_LISTED = 20_000;

export const CONFIG_FILE_NAMES = ['.bulkhead.yaml', '.bulkhead.yml', '.bulkhead.json'];

/** Whether a path relative to a scanned root matches one of the scan's exclusion globs. */
export function excluded(rel: string, patterns: string[]): boolean {
  return patterns.some((p) => minimatch(rel, p, { dot: true }) || minimatch(rel + '/', p, { dot: true }));
}

export const tooLarge = (size: number, maxBytes: number) => `larger than ${maxBytes} bytes (${size})`;

export type ReadResult = { text: string } | { skipped: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** File bytes as text: binary content and invalid UTF-8 are skipped with a reason; a BOM is dropped. */
export function decodeText(bytes: Uint8Array): ReadResult {
  if (bytes.includes(0)) return { skipped: 'binary content' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { skipped: 'not valid UTF-8' };
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
