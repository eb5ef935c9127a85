// Per-document validation scheduling (yaml-language-server's pattern): each change restarts the
// document's debounce timer, and a result is published only if nothing superseded it while it was
// computed: not a newer version of the document, not a later request (e.g. after a settings change).

export interface SchedulerHooks<R> {
  /** The document's version now; undefined once it is closed. */
  currentVersion(uri: string): number | undefined;
  /**
   * Produces the result for `version`; may wait (e.g. for a settings reload), and must not analyze other
   * text if the document moved on meanwhile (its result is dropped: the newer version has its own run).
   */
  compute(uri: string, version: number): R | Promise<R>;
  publish(uri: string, result: R, version: number): void;
  /** A compute or publish that threw: logged by the caller, never allowed to escape a timer. */
  failed(uri: string, error: unknown): void;
}

export class Scheduler<R> {
  private timers = new Map<string, NodeJS.Timeout>();
  /**
   * Set anew by every schedule and cancel, so a run that finds it changed (or gone) knows it was
   * superseded. Drawn from one counter, so a document closed and reopened never reuses a generation.
   */
  private generations = new Map<string, number>();
  private lastGeneration = 0;

  constructor(private delayMs: number, private readonly hooks: SchedulerHooks<R>) {}

  setDelay(ms: number): void {
    this.delayMs = Math.max(0, ms);
  }

  /** Validates `version` of `uri` after the delay; a delay of 0 still defers, so a burst in one tick collapses. */
  schedule(uri: string, version: number): void {
    this.cancel(uri);
    const generation = this.generations.get(uri)!;
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      void this.run(uri, version, generation);
    }, this.delayMs));
  }

  /** Forgets the pending validation of `uri` and any running one. */
  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.generations.set(uri, ++this.lastGeneration);
  }

  /** Cancels, and keeps nothing about `uri` (the document closed). */
  forget(uri: string): void {
    this.cancel(uri);
    this.generations.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.generations.clear();
  }

  private async run(uri: string, version: number, generation: number): Promise<void> {
    const { hooks } = this;
    const current = () => this.generations.get(uri) === generation && hooks.currentVersion(uri) === version;
    try {
      if (!current()) return;
      const result = await hooks.compute(uri, version);
      if (!current()) return; // superseded while computing: the newer run publishes
      hooks.publish(uri, result, version);
    } catch (e) {
      hooks.failed(uri, e);
    }
  }
}
