// Per-document validation scheduling (yaml-language-server's pattern): each change restarts the
// document's debounce timer, and a result is published only if nothing superseded it while it was
// computed: not a newer version of the document, not a later request (e.g. after a settings change).

export interface SchedulerHooks<R> {
  /** The document's version now; undefined once it is closed. */
  currentVersion(uri: string): number | undefined;
  /** Produces the result for the current text; may wait (e.g. for a settings reload). */
  compute(uri: string): R | Promise<R>;
  publish(uri: string, result: R, version: number): void;
  /** A compute or publish that threw: logged by the caller, never allowed to escape a timer. */
  failed(uri: string, error: unknown): void;
}

export class Scheduler<R> {
  private timers = new Map<string, NodeJS.Timeout>();
  /** Bumped by every schedule and cancel, so a run that finds it changed knows it was superseded. */
  private generations = new Map<string, number>();

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

  /** Forgets the pending validation of `uri` and any running one (the document closed). */
  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.generations.set(uri, (this.generations.get(uri) ?? 0) + 1);
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
      const result = await hooks.compute(uri);
      if (!current()) return; // superseded while computing: the newer run publishes
      hooks.publish(uri, result, version);
    } catch (e) {
      hooks.failed(uri, e);
    }
  }
}
