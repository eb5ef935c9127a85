// Directory listings read once and shared by everything that asks the disk about a directory: the walk,
// the host's build-context listings, its reads and the workspace boundary. A CLI scan otherwise read each
// directory twice (the walk, then the build context of the Dockerfile in it) and asked the disk about
// every name it looked for (.dockerignore, a COPY source, .bulkhead.yaml), most of them absent: a cached
// listing answers "not there" and "no link" without a system call. Kept until the host is told files
// changed, like the host's other caches.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Entries kept before the cache starts over: a bound on memory in a huge tree, not a limit on what is read. */
const MAX_CACHED_ENTRIES = 200_000;

/** A directory's entries by name, and (once a name is missing) the names as a case-insensitive file system may match them. */
interface Listing {
  byName: ReadonlyMap<string, fs.Dirent>;
  folded?: ReadonlySet<string>;
}

/** A name as a case- or normalization-insensitive file system (macOS, Windows) compares it, near enough to never miss a match. */
const fold = (name: string): string => name.normalize('NFC').toLowerCase();

export class DirectoryListings {
  private readonly listings = new Map<string, Listing>();
  private cachedEntries = 0;

  /** The entries of `dir` (absolute), in the order the disk gave them; throws as `readdirSync` does (a failure is not cached). */
  read(dir: string): fs.Dirent[] {
    const cached = this.listings.get(dir);
    if (cached) return [...cached.byName.values()];
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    if (this.cachedEntries + entries.length > MAX_CACHED_ENTRIES) this.forget();
    this.listings.set(dir, { byName: new Map(entries.map((e) => [e.name, e])) });
    this.cachedEntries += entries.length;
    return entries;
  }

  /**
   * What a listing already read says is at `p` (absolute): its entry, null when nothing is there, or
   * undefined when its directory was not listed, or when an entry of another case or Unicode form may be
   * the same file (ask the disk: a link there must not pass for nothing).
   */
  known(p: string): fs.Dirent | null | undefined {
    const listing = this.listings.get(path.dirname(p));
    if (!listing) return undefined;
    const name = path.basename(p);
    const entry = listing.byName.get(name);
    if (entry) return entry;
    listing.folded ??= new Set([...listing.byName.keys()].map(fold));
    return listing.folded.has(fold(name)) ? undefined : null;
  }

  forget(): void {
    this.listings.clear();
    this.cachedEntries = 0;
  }
}
