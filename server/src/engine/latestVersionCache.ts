// What was computed for the latest version of each file, kept for its next version: one entry per file
// (a new version replaces the previous one instead of adding to it), capped by what the entries hold,
// the least recently stored file out first. The YAML parses and the per-document findings keep theirs here.
import { pathOfUri } from './workspace/paths';

export class LatestVersionCache<Entry extends { size: number }> {
  /** In least-recently-stored order. */
  private readonly files = new Map<string, Entry>();
  private held = 0;

  constructor(private readonly limit: number) {}

  /** The file's entry, removed: the caller stores its next version's in its place. */
  take(uri: string): Entry | undefined {
    const key = fileKey(uri);
    const entry = this.files.get(key);
    if (entry) {
      this.files.delete(key);
      this.held -= entry.size;
    }
    return entry;
  }

  /** Keeps `entry` as the file's (one larger than the whole limit is not kept), evicting the oldest past the limit. */
  store(uri: string, entry: Entry): void {
    this.take(uri);
    if (entry.size > this.limit) return;
    this.files.set(fileKey(uri), entry);
    this.held += entry.size;
    for (const [oldest, old] of this.files) {
      if (this.held <= this.limit) break;
      this.files.delete(oldest);
      this.held -= old.size;
    }
  }

  get size(): number {
    return this.held;
  }
}

/** A file's URI and its path share one entry: the workspace index reads the open file by path. */
export function fileKey(uri: string): string {
  return pathOfUri(uri) ?? uri;
}
