// Parses of the documents of each file's latest version, reused while a document's text is unchanged:
// an edit to one document of a large stream re-parses only that document. Keyed by file, so a new
// version replaces the file's previous parses instead of adding to them, and capped by the text held:
// a parse costs about ten times its text in heap, and an editor produces a new version per keystroke.
import type { Document } from 'yaml';
import type { TooDeep } from './yamlDocument';
import { pathOfUri } from '../workspace/paths';

type Parsed = Document.Parsed | TooDeep;

/**
 * Text (in characters, as the file-size limit counts them) the cache may hold: eight files at the
 * default 2 MB size limit, or thousands of ordinary manifests; about 150 MB of heap at most.
 */
export const PARSE_CACHE_LIMIT = 16 * 1024 * 1024;

interface FileParses {
  byText: Map<string, Parsed>;
  size: number;
}

class ParseCache {
  /** In least-recently-used order. */
  private readonly files = new Map<string, FileParses>();
  private held = 0;

  constructor(private readonly limit: number) {}

  /** Each text parsed, or its parse from the file's previous version; the file's entry becomes this version. */
  parseVersion(uri: string, texts: readonly string[], parse: (text: string) => Parsed): Parsed[] {
    const key = fileKey(uri);
    const previous = this.files.get(key);
    this.forget(key);
    const byText = new Map<string, Parsed>();
    let size = 0;
    const parsed = texts.map((text) => {
      let result = byText.get(text);
      if (result === undefined) {
        result = previous?.byText.get(text) ?? parse(text);
        byText.set(text, result);
        size += text.length;
      }
      return result;
    });
    if (size <= this.limit) {
      this.files.set(key, { byText, size });
      this.held += size;
      for (const [oldest, entry] of this.files) {
        if (this.held <= this.limit) break;
        this.files.delete(oldest);
        this.held -= entry.size;
      }
    }
    return parsed;
  }

  forget(key: string): void {
    const entry = this.files.get(key);
    if (!entry) return;
    this.files.delete(key);
    this.held -= entry.size;
  }

  get size(): number {
    return this.held;
  }
}

/** A file's URI and its path share one entry: the workspace index reads the open file by path. */
function fileKey(uri: string): string {
  return pathOfUri(uri) ?? uri;
}

const cache = new ParseCache(PARSE_CACHE_LIMIT);

/** Parses `texts`, the documents of the current version of file `uri`, reusing its previous version's parses. */
export function parseFileDocuments(uri: string, texts: readonly string[], parse: (text: string) => Parsed): Parsed[] {
  return cache.parseVersion(uri, texts, parse);
}

/** Drops the parses kept for a file (the server calls it when the document is closed). */
export function forgetParses(uri: string): void {
  cache.forget(fileKey(uri));
}

/** Text held by the cache, in characters. */
export function parseCacheSize(): number {
  return cache.size;
}
