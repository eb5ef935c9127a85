// The engine's WorkspaceHost in the web worker: the workspace is read through the client, which is
// asynchronous, while analysis reads synchronously. So the host answers from what it holds, notes
// what it did not hold, and fetches that on fetchMissing(); the server then analyzes again
// (lsp/completeReads.ts). Everything fetched is cached until the host is told files changed. Nothing
// outside the workspace roots is asked for, and the client refuses anything outside the folders too.
import { isYamlFile } from '../engine/index';
import type { NodeHostOptions } from '../host/workspaceHost';
import type { ServerWorkspaceHost } from '../lsp/completeReads';
import type { ClientFiles } from './clientFiles';
import { resolve } from './path';

/** Requests in flight at once while fetching: a YAML index can ask for hundreds of files. */
const PARALLEL_READS = 8;

export class WebWorkspaceHost implements ServerWorkspaceHost {
  private readonly texts = new Map<string, string | undefined>();
  private readonly listings = new Map<string, readonly string[] | undefined>();
  private yaml?: readonly string[];
  private readonly missingTexts = new Set<string>();
  private readonly missingListings = new Set<string>();
  private readonly overlaid = new Set<string>();
  /** Fetches under way (any caller's). */
  private readonly pending = new Set<Promise<void>>();
  /** Bumped by invalidate(): a fetch that started before is not stored. */
  private generation = 0;

  constructor(
    private readonly options: NodeHostOptions,
    private readonly files: ClientFiles,
  ) {}

  invalidate(): void {
    this.generation++;
    for (const cache of [this.texts, this.listings, this.missingTexts, this.missingListings, this.overlaid]) cache.clear();
    this.yaml = undefined;
  }

  changingPaths(): Iterable<string> {
    for (const path of this.options.overlaidPaths?.() ?? []) this.overlaid.add(path);
    return this.overlaid;
  }

  /** Web paths hold no links (the client refuses them): inside is a matter of the normalized path. */
  contains(file: string): boolean {
    const normalized = resolve(file);
    return this.options.roots.some((root) => normalized === root || normalized.startsWith(root.endsWith('/') ? root : `${root}/`));
  }

  readFile(file: string): string | undefined {
    const open = this.options.overlay?.(file);
    if (open !== undefined) return this.contains(file) ? open : undefined;
    if (!this.contains(file)) return undefined;
    if (!this.texts.has(file)) this.missingTexts.add(file);
    return this.texts.get(file);
  }

  listFiles(dir: string): readonly string[] | undefined {
    if (!this.contains(dir)) return undefined;
    if (!this.listings.has(dir)) this.missingListings.add(dir);
    return this.listings.get(dir);
  }

  yamlFiles(): readonly string[] {
    if (this.yaml) return this.yaml;
    const { roots } = this.options;
    const missing = roots.filter((root) => !this.listings.has(root));
    if (missing.length) {
      for (const root of missing) this.missingListings.add(root);
      return [];
    }
    const listed = roots.flatMap((root) => (this.listings.get(root) ?? []).filter(isYamlFile).map((f) => `${root}/${f}`));
    // The engine keeps one manifest index per returned list: the list is handed out only once every text
    // is held, so no index is built (and kept) while a file still reads "unknown".
    const unread = listed.filter((f) => !this.texts.has(f) && this.options.overlay?.(f) === undefined);
    if (unread.length) {
      for (const f of unread) this.missingTexts.add(f);
      return [];
    }
    this.yaml = listed;
    return this.yaml;
  }

  /**
   * True also while another caller's fetch is still running: its analysis may be the one held for a
   * document, incomplete, and the caller must not take it for complete (it waits, then analyzes again).
   */
  async fetchMissing(): Promise<boolean> {
    const listings = [...this.missingListings];
    const texts = [...this.missingTexts];
    this.missingListings.clear();
    this.missingTexts.clear();
    const running = [...this.pending];
    if (listings.length === 0 && texts.length === 0 && running.length === 0) return false;
    const fetch = this.fetch(listings, texts);
    this.pending.add(fetch);
    try {
      await Promise.all([fetch, ...running]);
    } finally {
      this.pending.delete(fetch);
    }
    return true;
  }

  private async fetch(listings: string[], texts: string[]): Promise<void> {
    const generation = this.generation;
    const keep = <T>(cache: Map<string, T>, key: string, value: T) => {
      if (generation === this.generation) cache.set(key, value);
    };
    await inBatches(listings, async (dir) => keep(this.listings, dir, await this.files.list(dir)));
    await inBatches(texts, async (file) => {
      const read = await this.files.read(file, this.options.maxFileBytes);
      keep(this.texts, file, 'text' in read ? read.text : undefined);
    });
  }
}

async function inBatches<T>(items: readonly T[], each: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL_READS) await Promise.all(items.slice(i, i + PARALLEL_READS).map(each));
}
