// Complexity tests: the time for an input of size 2n over the time for size n. A linear path gives a
// ratio near 2 and a quadratic one near 4, whatever the machine's speed, so the bound holds on a loaded
// CI runner where an absolute time would not. Each size is timed several times, alternating, and the
// fastest run counts: noise only ever adds time. Time is the process's CPU time, not the wall clock: on
// a loaded machine a run can lose the CPU for longer than it computes, and wall-clock ratios then swing
// from 1.8 to 6 for the same linear work.
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { cpuMsOf } from './cpuClock';

// A collection before each timed run, so a run never pays for the garbage of the runs before it: the
// larger size crossing a heap threshold otherwise adds a major collection to its time alone.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

export interface GrowthOptions {
  /** The smaller size; pick it so one run takes at least a few tens of milliseconds. */
  n: number;
  /** Largest accepted time(2n) / time(n); 3 separates linear (2) from quadratic (4) with margin. */
  maxRatio?: number;
  /** Runs per size; the fastest counts. */
  runs?: number;
}

/** CPU time of `repeat` calls of `run`, after a collection. */
function timed(run: () => void, repeat: number): number {
  collectGarbage();
  return cpuMsOf(() => {
    for (let i = 0; i < repeat; i++) run();
  });
}

/**
 * Runs per timing so the small input takes at least MIN_TIMED_MS: process CPU time includes the
 * compiler's background threads, which add a few milliseconds at random, enough to swing the ratio of
 * two 10 ms runs from 0.6 to 6.
 */
const MIN_TIMED_MS = 40;
const MAX_REPEAT = 64;

/** Measures `work(make(n))` against `work(make(2n))` and returns the ratio of their times. */
export function growthRatio<T>(make: (n: number) => T, work: (input: T) => unknown, { n, runs = 5 }: GrowthOptions): number {
  const small = make(n);
  const large = make(2 * n);
  work(small); // warm-up: the first call pays for compilation
  let repeat = 1;
  while (repeat < MAX_REPEAT && timed(() => work(small), repeat) < MIN_TIMED_MS) repeat *= 2;
  // Sizes alternate, so a busy spell of the machine slows both rather than only one of them.
  let t1 = Infinity;
  let t2 = Infinity;
  for (let i = 0; i < runs; i++) {
    t1 = Math.min(
      t1,
      timed(() => work(small), repeat),
    );
    t2 = Math.min(
      t2,
      timed(() => work(large), repeat),
    );
  }
  return t2 / Math.max(t1, 0.01);
}

/** Measurements before a ratio above the bound fails the test. */
const ATTEMPTS = 5;

/**
 * Fails when doubling the input more than `maxRatio`-folds the time (super-linear growth). A ratio
 * above the bound is measured again, up to ATTEMPTS times, each with more runs than the last, and the
 * lowest counts: noise only ever raises one (on a loaded machine the larger input also loses more to
 * the shared caches), while a quadratic path stays near 4 on every attempt.
 */
export function assertNearLinear<T>(make: (n: number) => T, work: (input: T) => unknown, options: GrowthOptions): void {
  const max = options.maxRatio ?? 3;
  const runs = options.runs ?? 5;
  let ratio = Infinity;
  for (let attempt = 0; attempt < ATTEMPTS && ratio >= max; attempt++) ratio = Math.min(ratio, growthRatio(make, work, { ...options, runs: runs * (attempt + 1) }));
  assert.ok(ratio < max, `time(2n)/time(n) = ${ratio.toFixed(2)} for n = ${options.n} (lowest of ${ATTEMPTS}); expected < ${max} (linear ≈ 2, quadratic ≈ 4)`);
}
