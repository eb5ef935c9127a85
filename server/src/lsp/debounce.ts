// How long a document's validation waits after a change. By default it adapts to what analyzing the
// document costs: one whose last analysis was cheap is analyzed at once (its diagnostics follow the
// keystroke without a pause), a costly one waits in proportion to its cost, bounded, so typing in a
// large file never queues analyses behind one another. A client that sets `debounceMs` gets that delay.

/** A document whose last analysis took less than this is analyzed without waiting. */
export const INSTANT_BELOW_MS = 15;
/** The longest wait, for the costliest documents (the former fixed debounce). */
export const MAX_DEBOUNCE_MS = 200;

/** The wait before analyzing a document whose last analysis took `lastCostMs` (undefined: never analyzed yet). */
export function adaptiveDelay(lastCostMs: number | undefined): number {
  if (lastCostMs === undefined || lastCostMs < INSTANT_BELOW_MS) return 0;
  return Math.min(MAX_DEBOUNCE_MS, Math.round(lastCostMs));
}

export class Debounce {
  private readonly costs = new Map<string, number>();
  /** The client's fixed delay, when it set one. */
  private fixedMs?: number;

  setFixed(ms: number): void {
    this.fixedMs = Math.max(0, ms);
  }

  recordCost(uri: string, ms: number): void {
    this.costs.set(uri, ms);
  }

  forget(uri: string): void {
    this.costs.delete(uri);
  }

  delayFor(uri: string): number {
    return this.fixedMs ?? adaptiveDelay(this.costs.get(uri));
  }
}
