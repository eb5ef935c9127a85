// Per-document validation scheduling. With no delay (the default) a change is validated as soon as the
// connection has handed over the changes it already holds: typing is analyzed at once, and the
// keystrokes that queued up while an analysis ran are coalesced into one analysis of the latest version
// instead of queueing one analysis each. With a delay (a client's fixed `debounceMs`) each change
// restarts the document's timer. A result is published only if nothing superseded it while it was
// computed: not a newer version of the document, not a later request (e.g. after a settings change).
// Requests (hover, code actions) wait for the pending validation instead of running their own.
import { afterQueuedMessages } from './turns';

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
  /** Cancels the wait of each document whose validation has not started yet. */
  private waits = new Map<string, () => void>();
  /**
   * Set anew by every schedule and cancel, so a run that finds it changed (or gone) knows it was
   * superseded. Drawn from one counter, so a document closed and reopened never reuses a generation.
   */
  private generations = new Map<string, number>();
  private lastGeneration = 0;
  /** The version each document has a validation scheduled or running for. */
  private pending = new Map<string, number>();
  /** What waits for a document's pending validation to settle (see `settled`). */
  private waiters = new Map<string, Array<() => void>>();

  /** `delayMs`: the delay of a schedule that names none. */
  constructor(
    private readonly delayMs: number,
    private readonly hooks: SchedulerHooks<R>,
  ) {}

  /** Validates `version` of `uri` after `delayMs`, or with none once the changes already received are in (see `afterQueuedMessages`). */
  schedule(uri: string, version: number, delayMs = this.delayMs): void {
    if (this.pending.get(uri) !== version) this.release(uri); // what waited for another version waits no more
    this.supersede(uri);
    this.pending.set(uri, version);
    const generation = this.generations.get(uri)!;
    const start = () => {
      this.waits.delete(uri);
      void this.run(uri, version, generation);
    };
    if (delayMs > 0) {
      const timeout = setTimeout(start, delayMs);
      this.waits.set(uri, () => clearTimeout(timeout));
    } else this.waits.set(uri, afterQueuedMessages(start));
  }

  /** Forgets the pending validation of `uri` and any running one. */
  cancel(uri: string): void {
    this.supersede(uri);
    this.pending.delete(uri);
    this.release(uri);
  }

  /** Cancels, and keeps nothing about `uri` (the document closed). */
  forget(uri: string): void {
    this.cancel(uri);
    this.generations.delete(uri);
  }

  /**
   * Resolves once the validation pending for `version` of `uri` has run (published or dropped), at once
   * when none is. A change to another version, or a cancel, also ends the wait.
   */
  settled(uri: string, version: number): Promise<void> {
    if (this.pending.get(uri) !== version) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(uri, [...(this.waiters.get(uri) ?? []), resolve]));
  }

  dispose(): void {
    for (const cancel of this.waits.values()) cancel();
    this.waits.clear();
    this.generations.clear();
    this.pending.clear();
    for (const uri of [...this.waiters.keys()]) this.release(uri);
  }

  /** Stops the wait and any running validation of `uri` from publishing. */
  private supersede(uri: string): void {
    this.waits.get(uri)?.();
    this.waits.delete(uri);
    this.generations.set(uri, ++this.lastGeneration);
  }

  private release(uri: string): void {
    const waiting = this.waiters.get(uri) ?? [];
    this.waiters.delete(uri);
    for (const resolve of waiting) resolve();
  }

  private async run(uri: string, version: number, generation: number): Promise<void> {
    const { hooks } = this;
    const latest = () => this.generations.get(uri) === generation;
    const current = () => latest() && hooks.currentVersion(uri) === version;
    try {
      if (!current()) return;
      const result = await hooks.compute(uri, version);
      if (!current()) return; // superseded while computing: the newer run publishes
      hooks.publish(uri, result, version);
    } catch (e) {
      hooks.failed(uri, e);
    } finally {
      // The latest run settles the document, whatever became of it; a superseded one leaves that to its successor.
      if (latest()) {
        this.pending.delete(uri);
        this.release(uri);
      }
    }
  }
}
