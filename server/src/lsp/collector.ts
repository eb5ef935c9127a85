// Full garbage collections after large amounts of analyzed text. Analyzing a large manifest allocates
// many times its size in short-lived parse trees, and V8 sizes the heap from how much is live while
// that happens, so without a collection the resident size drifts to several times what is kept
// (1 MB ConfigMap, 40 edits: 576 MB peak RSS, 226 MB with collections). Jest's --logHeapUsage obtains
// `gc` the same way: the flag set at run time, the function taken from a fresh context.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Characters analyzed between two collections: one per large document, one per hundred small ones. */
const COLLECT_EVERY_CHARS = 1024 * 1024;

/** V8's full collection, when the runtime lets it be exposed. */
export function obtainGc(): (() => void) | undefined {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined; // a runtime without the flag: V8's own schedule applies
  }
}

export class Collector {
  private analyzedChars = 0;

  constructor(private readonly gc = obtainGc()) {}

  /** Counts `chars` of analyzed text; runs a full collection once enough has been analyzed since the last. */
  analyzed(chars: number): void {
    this.analyzedChars += chars;
    if (this.analyzedChars < COLLECT_EVERY_CHARS) return;
    this.analyzedChars = 0;
    this.gc?.();
  }
}
