// The shell parses of each Dockerfile's latest version, reused by its next version while a RUN's script is
// unchanged: a keystroke re-parses the edited RUN's script, not the 400 others of a large file. A parse is
// of the script alone (offsets within it), so it serves the same script anywhere in the file. Keyed by
// file, so a new version replaces its previous parses instead of adding to them, and capped by the heap
// the parses take (estimated from their text).
import { parseShell, type ShellScript } from './shell';
import { LatestVersionCache } from '../latestVersionCache';

/**
 * Heap bytes a parse keeps per character of its script, at most, with a margin: measured after a
 * collection (test/engine/cacheSizes.test.ts).
 */
export const SHELL_HEAP_PER_CHAR = 64;

/** Estimated heap (bytes) the cache may hold: as the YAML parse cache's, a few files at the 2 MB size limit. */
export const SHELL_PARSES_LIMIT = 128 * 1024 * 1024;

interface FileParses {
  byText: Map<string, ShellScript>;
  size: number;
}

const cache = new LatestVersionCache<FileParses>(SHELL_PARSES_LIMIT);

/** The parses of one version of a file being analyzed: its previous version's, and those this one used. */
export class ShellParses {
  private readonly next = new Map<string, ShellScript>();
  private size = 0;
  private ended = false;

  constructor(
    private readonly uri: string,
    private previous: Map<string, ShellScript> | undefined,
  ) {}

  parse(script: string): ShellScript {
    let parsed = this.next.get(script);
    if (parsed) return parsed;
    parsed = this.previous?.get(script) ?? parseShell(script);
    // Once stored, the version's parses stay as counted: a model read after its analysis (a custom rule's subjects) parses apart.
    if (!this.ended) {
      this.next.set(script, parsed);
      this.size += script.length * SHELL_HEAP_PER_CHAR;
    }
    return parsed;
  }

  /** This version's parses replace the previous version's (which the model, kept by a host, then no longer holds). */
  end(): void {
    cache.store(this.uri, { byText: this.next, size: this.size });
    this.previous = undefined;
    this.ended = true;
  }
}

/** Starts a version of file `uri`: its previous version's parses are handed over, and replaced at `end()`. */
export function beginShellParses(uri: string): ShellParses {
  return new ShellParses(uri, cache.take(uri)?.byText);
}

/** Drops the parses kept for a file (the server calls it when the document is closed). */
export function forgetShellParses(uri: string): void {
  cache.take(uri);
}

/** Estimated heap held by the cache, in bytes. */
export function shellParsesSize(): number {
  return cache.size;
}
