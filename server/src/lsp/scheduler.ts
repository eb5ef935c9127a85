// Per-document debounce (yaml-language-server's pattern): each change restarts the document's timer;
// results for a version older than the document's current one are dropped, never published.
export class Scheduler {
  private timers = new Map<string, NodeJS.Timeout>();

  constructor(private delayMs: number) {}

  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  /** Runs `task` after the delay; a delay of 0 still defers, so a burst of changes in one tick collapses. */
  schedule(uri: string, task: () => void): void {
    this.cancel(uri);
    this.timers.set(uri, setTimeout(() => { this.timers.delete(uri); task(); }, Math.max(0, this.delayMs)));
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
