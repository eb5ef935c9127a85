// Complexity tests: the time for an input of size 2n over the time for size n. A linear path gives a
// ratio near 2 and a quadratic one near 4, whatever the machine's speed, so the bound holds on a loaded
// CI runner where an absolute time would not. Each size is timed several times, alternating, and the
// fastest run counts: noise only ever adds time. Time is the process's CPU time, not the wall clock: on
// a loaded machine a run can lose the CPU for longer than it computes, and wall-clock ratios then swing
// from 1.8 to 6 for the same linear work.
import * as assert from 'node:assert/strict';

export interface GrowthOptions {
  /** The smaller size; pick it so one run takes at least a few tens of milliseconds. */
  n: number;
  /** Largest accepted time(2n) / time(n); 3 separates linear (2) from quadratic (4) with margin. */
  maxRatio?: number;
  /** Runs per size; the fastest counts. */
  runs?: number;
}

/** CPU time of this process (all its threads) in milliseconds: unaffected by other processes on a shared machine. */
export function cpuTime(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function timed(run: () => void): number {
  const start = cpuTime();
  run();
  return cpuTime() - start;
}

/** Measures `work(make(n))` against `work(make(2n))` and returns the ratio of their times. */
export function growthRatio<T>(make: (n: number) => T, work: (input: T) => unknown, { n, runs = 5 }: GrowthOptions): number {
  const small = make(n);
  const large = make(2 * n);
  work(small); // warm-up: the first call pays for compilation
  // Sizes alternate, so a busy spell of the machine slows both rather than only one of them.
  let t1 = Infinity;
  let t2 = Infinity;
  for (let i = 0; i < runs; i++) {
    t1 = Math.min(t1, timed(() => work(small)));
    t2 = Math.min(t2, timed(() => work(large)));
  }
  return t2 / Math.max(t1, 0.01);
}

/** Fails when doubling the input more than `maxRatio`-folds the time (super-linear growth). */
export function assertNearLinear<T>(make: (n: number) => T, work: (input: T) => unknown, options: GrowthOptions): void {
  const max = options.maxRatio ?? 3;
  const ratio = growthRatio(make, work, options);
  assert.ok(ratio < max, `time(2n)/time(n) = ${ratio.toFixed(2)} for n = ${options.n}; expected < ${max} (linear ≈ 2, quadratic ≈ 4)`);
}
