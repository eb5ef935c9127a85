// Parses of the documents of each file's latest version, reused while a document's text is unchanged:
// an edit to one document of a large stream re-parses only that document. Keyed by file, so a new
// version replaces the file's previous parses instead of adding to them, and capped by the text held:
// a parse costs about ten times its text in heap, and an editor produces a new version per keystroke.
import type { Document } from 'yaml';
import type { TooDeep } from './yamlDocument';
import { LatestVersionCache } from '../latestVersionCache';

type Parsed = Document.Parsed | TooDeep;

/**
 * Text (in characters, as the file-size limit counts them) the cache may hold: eight files at the
 * default 2 MB size limit, or thousands of ordinary manifests; about 150 MB of heap at most.
 */
export const PARSE_CACHE_LIMIT = 16 * 1024 * 1024;

/** Parses by document text, and the text they hold. */
interface Parses {
  byText: Map<string, Parsed>;
  size: number;
}

/**
 * A file's parses: of its text, and of its rendering when it is a Helm template (the rendered text and the
 * workspace index's reading of the template alternate on every analysis, and would evict each other).
 */
interface FileParses {
  own?: Parses;
  rendering?: Parses;
  size: number;
}

const cache = new LatestVersionCache<FileParses>(PARSE_CACHE_LIMIT);

/**
 * Parses `texts`, the documents of the current version of file `uri` (of its rendering when `rendering`),
 * reusing its previous version's parses.
 */
export function parseFileDocuments(uri: string, texts: readonly string[], parse: (text: string) => Parsed, rendering = false): Parsed[] {
  const previous = cache.take(uri);
  const [variant, other] = rendering ? (['rendering', 'own'] as const) : (['own', 'rendering'] as const);
  const reusable = previous?.[variant]?.byText;
  const byText = new Map<string, Parsed>();
  let size = 0;
  const parsed = texts.map((text) => {
    let result = byText.get(text);
    if (result === undefined) {
      result = reusable?.get(text) ?? parse(text);
      byText.set(text, result);
      size += text.length;
    }
    return result;
  });
  const kept = previous?.[other];
  cache.store(uri, { [variant]: { byText, size }, ...(kept ? { [other]: kept } : {}), size: size + (kept?.size ?? 0) });
  return parsed;
}

/** Drops the parses kept for a file (the server calls it when the document is closed). */
export function forgetParses(uri: string): void {
  cache.take(uri);
}

/** Text held by the cache, in characters. */
export function parseCacheSize(): number {
  return cache.size;
}
