// Parses of the documents of each edited file's latest version, reused while a document's text is unchanged:
// an edit to one document of a large stream re-parses only that document. Only a version being edited
// starts keeping a file's parses; other readers (the workspace index, a CLI or workspace scan) reuse and
// refresh those, and keep none of a file no one edits: a scan's parses held to its end cost more (copied
// by the collector, then marked at every full collection) than parsing a file again when another reads it.
// Every document of a version has a parse of its own, even when its text is another's: rules tell places
// apart by their nodes (one finding per written value), and two documents sharing nodes lost the second's
// findings. Keyed by file, so a new version replaces the file's previous parses instead of adding to them,
// and capped by the heap the parses take (estimated from their text): an editor produces a new version per keystroke.
import type { Document } from 'yaml';
import type { TooDeep } from './yamlDocument';
import { fileKey, LatestVersionCache } from '../latestVersionCache';

type Parsed = Document.Parsed | TooDeep;

/**
 * Heap bytes a parse keeps per character of its text, at most, with a margin: measured after a collection
 * (test/engine/cacheSizes.test.ts), 37 for a stream of small Pods (many small nodes), 6 for a ConfigMap
 * of long values: the estimate must stay within 8 times the heap kept. Counting characters instead let a
 * cap meant for 150 MB hold 600.
 */
export const PARSE_HEAP_PER_CHAR = 41;

/** The heap a parse of `text` keeps, at most. */
export const parseHeap = (text: string): number => text.length * PARSE_HEAP_PER_CHAR;

/**
 * Estimated heap (bytes) the cache may hold: a file at the default 2 MB size limit, or a few thousand
 * ordinary manifests.
 */
export const PARSE_CACHE_LIMIT = 128 * 1024 * 1024;

/** Parses by document text (one per document of that text, in order), and the heap they keep (estimated). */
interface Parses {
  byText: Map<string, Parsed[]>;
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

/** How a file's documents are read: as its rendering (a Helm template with its values), or as written; by a version being edited. */
export interface ParseReading {
  rendering?: boolean;
  /** A version being edited: its parses are kept for its next version. Any other reading only reuses and refreshes kept ones. */
  edited?: boolean;
}

/**
 * Parses `texts`, the documents of the current version of file `uri`, reusing its previous version's
 * parses; kept for its next version when it is being edited or its parses already are.
 */
export function parseFileDocuments(uri: string, texts: readonly string[], parse: (text: string) => Parsed, { rendering = false, edited = false }: ParseReading = {}): Parsed[] {
  const previous = cache.take(uri);
  if (!previous && !edited) return texts.map((text) => parse(text));
  const [variant, other] = rendering ? (['rendering', 'own'] as const) : (['own', 'rendering'] as const);
  const reusable = previous?.[variant]?.byText;
  const byText = new Map<string, Parsed[]>();
  let size = 0;
  const parsed = texts.map((text) => {
    let same = byText.get(text);
    if (!same) byText.set(text, (same = []));
    const result = reusable?.get(text)?.[same.length] ?? parse(text);
    same.push(result);
    size += parseHeap(text);
    return result;
  });
  const kept = previous?.[other];
  cache.store(uri, { [variant]: { byText, size }, ...(kept ? { [other]: kept } : {}), size: size + (kept?.size ?? 0) });
  return parsed;
}

/** A stream as read last: of which file (a variant of it), from which text of the file, and which text (masked or not). */
interface ReadStream {
  file: string;
  rendering: boolean;
  fileText: string;
  text: string;
  stream: unknown;
}

let lastRead: ReadStream | undefined;

/**
 * `read()`, unless it is the stream read last, of the same file and texts: then that one. The workspace
 * index reads the file just analyzed (the same text, by its path), and gets the analysis's documents,
 * with what is kept per document (its Kubernetes model): not a second set of wrappers and a second model.
 */
export function readStream<T>(uri: string, rendering: boolean, fileText: string, text: string, read: () => T): T {
  const file = fileKey(uri);
  const last = lastRead;
  if (last && last.file === file && last.rendering === rendering && last.fileText === fileText && last.text === text) return last.stream as T;
  const stream = read();
  lastRead = { file, rendering, fileText, text, stream };
  return stream;
}

/** Drops the parses kept for a file (the server calls it when the document is closed). */
export function forgetParses(uri: string): void {
  cache.take(uri);
  if (lastRead?.file === fileKey(uri)) lastRead = undefined;
}

/** Estimated heap held by the cache, in bytes. */
export function parseCacheSize(): number {
  return cache.size;
}
