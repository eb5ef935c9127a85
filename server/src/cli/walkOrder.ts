// Outcomes of a scan handed on in walk order as soon as they can be: each file's outcome is released once
// it and every file walked before it are done, whichever thread finished first. The report streams out
// while the scan runs, holds only what waits on an earlier file, and is the same for every --jobs.

interface Pending<T, O> {
  item: T;
  outcome: O | Promise<O>;
  settled?: { value: O };
}

export class WalkOrder<T, O> {
  private readonly queue: Array<Pending<T, O>> = [];

  constructor(private readonly release: (item: T, outcome: O) => void) {}

  /** The next file in walk order, with its outcome or the promise of it. */
  push(item: T, outcome: O | Promise<O>): void {
    const entry: Pending<T, O> = { item, outcome };
    this.queue.push(entry);
    if (outcome instanceof Promise)
      outcome.then(
        (value) => this.settle(entry, value),
        () => undefined, // thrown by finish(), in walk order
      );
    else this.settle(entry, outcome);
  }

  /** Waits for every outcome and releases them; the first failure, in walk order, is thrown. */
  async finish(): Promise<void> {
    while (this.queue.length) {
      const head = this.queue[0];
      this.settle(head, await head.outcome);
    }
  }

  private settle(entry: Pending<T, O>, value: O): void {
    entry.settled ??= { value };
    for (let head = this.queue[0]; head?.settled; head = this.queue[0]) {
      this.queue.shift();
      this.release(head.item, head.settled.value);
    }
  }
}
